"""Reasoning: present signals + case facts -> the generated experta engine -> `Derivation`."""

from .afleiding import Derivation, FeitRef, Firing
from .redeneerder import Redeneerder, build_engine_class

__all__ = ["Derivation", "FeitRef", "Firing", "Redeneerder", "build_engine_class"]
