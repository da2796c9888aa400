"""Explanation: the engine's trace -> an `Analyse` with certainty, how, why not, what if."""

from .uitkomst import SCHEMA_VERSIE, Analyse, AnalyseDocument
from .uitleggen import explain

__all__ = ["SCHEMA_VERSIE", "Analyse", "AnalyseDocument", "explain"]
