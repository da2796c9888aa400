"""Detection: find the knowledge base's signals in a case's Dutch description.

`detector_for(kb)` gives the detector of a knowledge base: its patterns, and the learned
detector trained from its example sentences (kept in the cache, `opslag.py`).
"""

from .context import Status
from .detect import Detector, Finding

__all__ = ["Detector", "Finding", "Status", "detector_for"]


def detector_for(kb) -> Detector:
    """The detector of a knowledge base, trained (or loaded from the cache) on first use."""
    from .opslag import load_or_train

    return Detector(kb, load_or_train(kb))
