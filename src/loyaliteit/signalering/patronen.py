"""The precise path: the knowledge base's word patterns, matched in one sentence.

A pattern can only match when every one of its terms occurs in the sentence; the terms
present are found in one pass (`termen.py`), so a sentence only tries the few patterns
that can match. Every occurrence is returned with the tokens it used; its status is
judged later, per occurrence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..kennisbank import Kennisbank
from ..kennisbank.models import Patroon, Signaal
from ..kennisbank.patterns import Patroonvorm
from .matcher import Treffer, ZinIndex, match_occurrences
from .termen import Termindex


@dataclass(frozen=True)
class _Gecompileerd:
    signaal: Signaal
    patroon: Patroon
    vorm: Patroonvorm
    termen: frozenset[int]


@dataclass(frozen=True)
class Patroontreffer:
    """One occurrence of one pattern of a signal in a sentence."""

    signaal: Signaal
    patroon: Patroon
    treffers: tuple[Treffer, ...]

    @property
    def posities(self) -> tuple[int, ...]:
        return tuple(sorted(frozenset().union(*(t.gebruikt for t in self.treffers))))


class Patroonzoeker:
    """The compiled patterns of a knowledge base; build once, use for every sentence."""

    def __init__(self, kb: Kennisbank, termen: Termindex):
        self.termen = termen
        self._per_term: dict[int, list[_Gecompileerd]] = defaultdict(list)
        for signaal in kb.signalen.values():
            for patroon in signaal.patronen:
                vorm, nummers = termen.patronen[patroon.tekst]
                gecompileerd = _Gecompileerd(signaal, patroon, vorm, frozenset(nummers))
                self._per_term[nummers[0]].append(gecompileerd)

    def find(self, zin: ZinIndex, aanwezig: dict[int, tuple[int, ...]]) -> list[Patroontreffer]:
        """Every occurrence of every pattern whose terms are all `aanwezig` in the sentence."""
        treffers = []
        for nummer in aanwezig:
            for g in self._per_term.get(nummer, ()):
                if g.termen <= aanwezig.keys():
                    treffers += [
                        Patroontreffer(g.signaal, g.patroon, t)
                        for t in match_occurrences(g.vorm, zin, g.patroon.venster)
                    ]
        return treffers
