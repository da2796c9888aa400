"""The terms of the knowledge base's patterns, found in a sentence in one pass.

A term is a set of alternatives a pattern requires (`huilen|tranen|snikken`). Most
alternatives are one word, found by looking up each token's form and lemma (and, for
`afscheid*` or `*wond`, its prefixes and suffixes) in a table; only phrases of several
words are checked in place. A pattern can only match when all of its terms are present,
so the pattern path tries just those patterns, and the learned detector gets each present
term as a feature.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..kennisbank import Kennisbank
from ..kennisbank.patterns import Alternatief, Patroonvorm, Term, Woord
from .matcher import ZinIndex, intern_pattern


@dataclass(frozen=True)
class Termsleutel:
    """A term, independent of where it occurs: its alternatives, sorted."""

    alternatieven: tuple[tuple[Woord, ...], ...]

    @classmethod
    def of(cls, term: Term) -> Termsleutel:
        return cls(tuple(sorted((a.woorden for a in term.alternatieven), key=_word_key)))


def _word_key(woorden: tuple[Woord, ...]) -> tuple:
    return tuple((w.tekst, w.prefix, w.suffix, w.optioneel, w.exact) for w in woorden)


# What a table entry points at: a term, and the phrase to check in place (or None when
# the word alone is the alternative). A phrase is kept as a tuple because ZinIndex caches
# lookups by identity.
Doel = tuple[int, tuple[Alternatief] | None]


class Termindex:
    """Every distinct term of a knowledge base's patterns, numbered in a stable order."""

    def __init__(self, kb: Kennisbank):
        self.woorden: dict[Woord, Woord] = {}  # one shared instance per pattern word
        self.nummers: dict[Termsleutel, int] = {}
        self._exact: dict[str, list[Doel]] = defaultdict(list)  # word form -> entries
        self._vorm: dict[str, list[Doel]] = defaultdict(list)  # form or lemma -> entries
        self._begin: dict[int, dict[str, list[Doel]]] = defaultdict(lambda: defaultdict(list))
        self._eind: dict[int, dict[str, list[Doel]]] = defaultdict(lambda: defaultdict(list))
        self._midden: list[tuple[Woord, Doel]] = []  # `*woord*`: rare, checked per token
        # every pattern once: its shared-word form and the numbers of its terms
        self.patronen: dict[str, tuple[Patroonvorm, tuple[int, ...]]] = {}
        for signaal in kb.signalen.values():
            for patroon in signaal.patronen:
                if patroon.tekst not in self.patronen:
                    vorm = intern_pattern(patroon.vorm, self.woorden)
                    nummers = tuple(self.number(term) for term in vorm.termen)
                    self.patronen[patroon.tekst] = (vorm, nummers)

    def number(self, term: Term) -> int:
        sleutel = Termsleutel.of(term)
        if sleutel not in self.nummers:
            nummer = self.nummers[sleutel] = len(self.nummers)
            for alternatief in term.alternatieven:
                self._index(nummer, alternatief)
        return self.nummers[sleutel]

    def _index(self, nummer: int, alternatief: Alternatief) -> None:
        verplicht = [w for w in alternatief.woorden if not w.optioneel]
        if len(alternatief.woorden) == 1:
            anker, doel = verplicht[0], (nummer, None)
        else:
            # a phrase is looked up by its longest required word (long words are rare)
            anker = max(verplicht, key=lambda w: (len(w.tekst), not (w.prefix or w.suffix)))
            doel = (nummer, (alternatief,))
        if anker.prefix and anker.suffix:
            self._midden.append((anker, (nummer, (alternatief,))))
        elif anker.prefix:
            self._begin[len(anker.tekst)][anker.tekst].append(doel)
        elif anker.suffix:
            self._eind[len(anker.tekst)][anker.tekst].append(doel)
        elif anker.exact:
            self._exact[anker.tekst].append(doel)
        else:
            self._vorm[anker.tekst].append(doel)

    def _entries(self, token) -> list[Doel]:
        gevonden = list(self._exact.get(token.lower, ()))
        for vorm in {token.lower, token.lemma}:
            gevonden += self._vorm.get(vorm, ())
            for lengte, tabel in self._begin.items():
                if len(vorm) >= lengte:
                    gevonden += tabel.get(vorm[:lengte], ())
            for lengte, tabel in self._eind.items():
                if len(vorm) >= lengte:
                    gevonden += tabel.get(vorm[-lengte:], ())
        gevonden += [doel for woord, doel in self._midden if woord.tekst in token.lower]
        return gevonden

    def present(self, zin: ZinIndex) -> dict[int, tuple[int, ...]]:
        """The terms in the sentence, each with the token positions that carry it."""
        posities: dict[int, set[int]] = defaultdict(set)
        zinnen: dict[int, tuple[int, tuple[Alternatief]]] = {}
        for index, token in enumerate(zin.tokens):
            for nummer, alternatieven in self._entries(token):
                if alternatieven is None:
                    posities[nummer].add(index)
                else:
                    zinnen[id(alternatieven)] = (nummer, alternatieven)
        for nummer, alternatieven in zinnen.values():
            for treffer in zin.find(alternatieven):
                posities[nummer] |= treffer.gebruikt
        return {n: tuple(sorted(p)) for n, p in sorted(posities.items()) if p}
