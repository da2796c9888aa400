"""Detection: find the knowledge base's signals in a case's Dutch description."""

from .context import Status
from .detect import Detector, Finding

__all__ = ["Detector", "Finding", "Status"]
