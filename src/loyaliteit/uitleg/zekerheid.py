"""Certainty (MYCIN certainty factors), computed from the engine's trace after the run.

- a signal: 1.0 when the professional confirmed it, else its pattern's `zekerheid`;
- `alle` (the AND of a rule's left-hand side): the minimum of the premises;
- `een_van`: the maximum of the items that held;
- `minstens N`: the minimum of the N strongest items that held (the weakest of the
  evidence that was needed, as for `alle`);
- a rule: its `zekerheid` × the certainty of its premises, counted only when the
  premises' certainty is above 0;
- several rules for one conclusion: MYCIN's parallel combination for both signs.
"""

from __future__ import annotations

from collections import defaultdict

from ..redeneren import Derivation, FeitRef, Firing


def combine(a: float, b: float) -> float:
    """MYCIN's combination of two certainty factors for the same conclusion."""
    if a >= 0 and b >= 0:
        return a + b * (1 - a)
    if a < 0 and b < 0:
        return a + b * (1 + a)
    noemer = 1 - min(abs(a), abs(b))
    return 0.0 if noemer == 0 else (a + b) / noemer


def combine_all(waarden: list[float]) -> float:
    """Combine positives and negatives separately, then together (order-independent)."""
    positief = negatief = None
    for waarde in sorted(waarden):
        if waarde > 0:
            positief = waarde if positief is None else combine(positief, waarde)
        elif waarde < 0:
            negatief = waarde if negatief is None else combine(negatief, waarde)
    if positief is None or negatief is None:
        return positief or negatief or 0.0
    return combine(positief, negatief)


def certainty_word(zekerheid: float) -> str:
    if zekerheid >= 0.8:
        return "sterk"
    if zekerheid >= 0.5:
        return "matig"
    if zekerheid >= 0.2:
        return "zwak"
    return "zeer zwak"


class Zekerheden:
    """Certainties of signals, helper nodes and conclusions for one derivation."""

    def __init__(self, derivation: Derivation, regel_zekerheid: dict[str, float]):
        self.signalen = derivation.signalen
        self.regel_zekerheid = regel_zekerheid
        self.per_conclusie: dict[str, list[Firing]] = defaultdict(list)
        self.per_knoop: dict[str, list[Firing]] = defaultdict(list)
        for firing in derivation.firings:
            if firing.knoop is None:
                self.per_conclusie[firing.dan].append(firing)
            else:
                self.per_knoop[firing.knoop].append(firing)
        self._conclusies: dict[str, float] = {}
        self._bezig: set[str] = set()

    def fact(self, feit: FeitRef) -> float:
        if feit.soort == "signaal":
            return self.signalen.get(feit.id, 0.0)
        if feit.soort == "conclusie":
            return max(self.conclusion(feit.id), 0.0)
        if feit.soort == "deel":
            return self.node(feit.id)
        return 1.0

    def premises(self, firing: Firing) -> float:
        return min((self.fact(feit) for feit in firing.feiten), default=1.0)

    def node(self, knoop: str) -> float:
        firings = self.per_knoop.get(knoop, [])
        per_optie: dict[int, float] = {}
        for firing in firings:
            per_optie[firing.optie] = max(per_optie.get(firing.optie, 0.0), self.premises(firing))
        waarden = sorted(per_optie.values(), reverse=True)
        if not waarden:
            return 0.0
        aantal = firings[0].aantal
        if firings[0].knoopsoort == "minstens" and aantal:
            return min(waarden[:aantal]) if len(waarden) >= aantal else 0.0
        return waarden[0]

    def contribution(self, firing: Firing) -> float:
        premissen = self.premises(firing)
        return self.regel_zekerheid[firing.regel] * premissen if premissen > 0 else 0.0

    def conclusion(self, conclusie_id: str) -> float:
        if conclusie_id in self._conclusies:
            return self._conclusies[conclusie_id]
        if conclusie_id in self._bezig:
            return 0.0  # a positive cycle adds no certainty of its own
        self._bezig.add(conclusie_id)
        per_regel: dict[str, float] = {}
        for firing in self.per_conclusie.get(conclusie_id, []):
            bijdrage = self.contribution(firing)
            # a rule counts once, however many ways its premises matched
            if abs(bijdrage) > abs(per_regel.get(firing.regel, 0.0)):
                per_regel[firing.regel] = bijdrage
        totaal = combine_all([b for b in per_regel.values() if b != 0])
        self._bezig.discard(conclusie_id)
        self._conclusies[conclusie_id] = totaal
        return self._conclusies[conclusie_id]
