"""The experta engine vocabulary, with the one compatibility shim it needs.

experta 1.9.4 (the last release, 2019) pins `frozendict==1.2`, which imports
`collections.Mapping`; that alias was removed in Python 3.10. Before experta is
imported we restore the alias to `collections.abc.Mapping`, the class it always
pointed to. This is the only place experta is imported from, so the shim runs first
wherever the engine is used. (A newer frozendict would work too, but pip refuses it
against experta's exact pin, so the shim is the smaller change.)
"""

from __future__ import annotations

import bisect
import collections
import collections.abc

if not hasattr(collections, "Mapping"):
    collections.Mapping = collections.abc.Mapping  # type: ignore[attr-defined]

from experta import AND, AS, NOT, OR, Fact, KnowledgeEngine, P, Rule
from experta.strategies import DepthStrategy


class Strategie(DepthStrategy):
    """experta's depth strategy, with the one bug that made it fire a `niet` wrongly.

    experta keeps the agenda sorted by (salience, fact ids) and, to take an activation
    off it (when a `niet` fact arrives after the rule was activated), looks only at the
    position bisect gives and its two neighbours. Activations of *different* rules on the
    same facts with the same salience share that key; with three or more of them, the one
    to remove can stand further away and stays on the agenda, so the rule fires although
    the fact it must not see is there. Which one stays depended on set iteration order,
    so the number of wrong firings changed with PYTHONHASHSEED.

    Here the key also holds the rule part's own name, so every key is unique and the
    order among rules of one stratum no longer depends on hashing; and removal compares
    every activation with an equal key (never just three).
    """

    def get_key(self, activation):
        salience, feiten = super().get_key(activation)
        return (salience, feiten, activation.rule._wrapped.__name__)

    def _update_agenda(self, agenda, added, removed):
        for activation in removed:
            activation.key = self.get_key(activation)
            begin = bisect.bisect_left(agenda.activations, activation)
            eind = bisect.bisect_right(agenda.activations, activation)
            for index in range(begin, eind):
                if agenda.activations[index] == activation:
                    del agenda.activations[index]
                    break
        for activation in sorted(added, key=self.get_key):
            activation.key = self.get_key(activation)
            bisect.insort(agenda.activations, activation)


class SignaalFeit(Fact):
    """A signal that is present in the case (detected or confirmed): `id`."""


class ConclusieFeit(Fact):
    """A conclusion a rule derived: `id`."""


class KenmerkFeit(Fact):
    """A structured fact of the case: `naam`, `waarde` (one per list item)."""


class DeelFeit(Fact):
    """A part of a condition tree that holds (een_van, minstens, complex niet): `id`."""


class LidFeit(Fact):
    """One item of a `minstens` list that holds: `knoop`, `index`."""


__all__ = [
    "AND",
    "AS",
    "NOT",
    "OR",
    "ConclusieFeit",
    "DeelFeit",
    "Fact",
    "KenmerkFeit",
    "KnowledgeEngine",
    "LidFeit",
    "P",
    "Rule",
    "SignaalFeit",
    "Strategie",
]
