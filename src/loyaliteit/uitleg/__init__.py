"""Explanation: the engine's trace -> an `Analyse` with certainty, how and why not."""

from .bouw import explain
from .model import SCHEMA_VERSIE, Analyse, AnalyseDocument

__all__ = ["SCHEMA_VERSIE", "Analyse", "AnalyseDocument", "explain"]
