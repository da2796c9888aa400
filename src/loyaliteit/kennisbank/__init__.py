"""The knowledge base: YAML folder -> validated `Kennisbank`.

Tooling for the knowledge engineer (lint, toets, overview, schemas, a new extension
folder) lives in `kennisbank.gereedschap`; it sits on top of the whole pipeline.
"""

from .bestanden import KennisbankFout
from .conditie import references
from .kennisbank import Herkomst, Kennisbank
from .loader import default_kennisbank_dir, load_kennisbank

__all__ = [
    "Herkomst",
    "Kennisbank",
    "KennisbankFout",
    "default_kennisbank_dir",
    "load_kennisbank",
    "references",
]
