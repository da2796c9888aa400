"""The experta engine vocabulary, with the one compatibility shim it needs.

experta 1.9.4 (the last release, 2019) pins `frozendict==1.2`, which imports
`collections.Mapping`; that alias was removed in Python 3.10. Before experta is
imported we restore the alias to `collections.abc.Mapping`, the class it always
pointed to. This is the only place experta is imported from, so the shim runs first
wherever the engine is used. (A newer frozendict would work too, but pip refuses it
against experta's exact pin, so the shim is the smaller change.)
"""

from __future__ import annotations

import collections
import collections.abc

if not hasattr(collections, "Mapping"):
    collections.Mapping = collections.abc.Mapping  # type: ignore[attr-defined]

from experta import AND, AS, NOT, OR, Fact, KnowledgeEngine, P, Rule


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
]
