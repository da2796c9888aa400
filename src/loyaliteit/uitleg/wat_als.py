"""What if: the signals without which a conclusion would not have been derived.

Checked with the plain evaluator over the same rules and strata as the engine, leaving
out one signal of the conclusion's evidence at a time; fast enough to ask for every
signal of every classification.
"""

from __future__ import annotations

from ..kennisbank import Kennisbank
from ..redeneren import Derivation
from ..redeneren.evaluatie import fixpoint
from .uitkomst import ConclusieUitkomst


def critical_signals(
    kb: Kennisbank, derivation: Derivation, conclusie: ConclusieUitkomst, strata: dict[str, int]
) -> list[str]:
    signalen = set(derivation.signalen)
    kritiek = []
    for signaal_id in sorted({b.signaal for b in conclusie.bewijs}):
        zonder = fixpoint(kb, signalen - {signaal_id}, derivation.kenmerken, strata)
        if conclusie.id not in zonder:
            kritiek.append(signaal_id)
    return kritiek
