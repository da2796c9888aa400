"""The knowledge base: YAML folder -> validated `Kennisbank`."""

from .kennisbank import Herkomst, Kennisbank
from .loader import KennisbankFout, default_kennisbank_dir, iter_references, load_kennisbank

__all__ = [
    "Herkomst",
    "Kennisbank",
    "KennisbankFout",
    "default_kennisbank_dir",
    "iter_references",
    "load_kennisbank",
]
