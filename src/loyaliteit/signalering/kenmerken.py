"""The features the learned detector reads in a sentence, each tied to the words it came from.

- `w:` a word form, `l:` its lemma (when it differs), `c:` character 3- to 5-grams of a
  word (so compounds and inflections share features), `b:` a pair of adjacent lemmas;
- `t:` a term of a knowledge-base pattern (a set of alternatives an expert wrote down as
  meaning the same thing), so the examples teach which expert synonyms matter;
- `p:` a whole pattern of a signal that matched.

Every feature keeps the token positions it came from, so a finding can show the words
that weighed most.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache

from .matcher import ZinIndex
from .patronen import Patroontreffer, Patroonzoeker
from .tekst import Zin
from .termen import Termindex

CHAR_NGRAMS = (3, 5)

Kenmerk = tuple[str, tuple[int, ...]]  # (feature, token positions)


@lru_cache(maxsize=100_000)
def _word(lower: str, lemma: str) -> tuple[str, ...]:
    """The features of one word: its form, its lemma and its character n-grams."""
    kenmerken = [f"w:{lower}"]
    if lemma != lower:
        kenmerken.append(f"l:{lemma}")
    rand = f" {lower} "
    for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1):
        kenmerken += [f"c:{rand[begin : begin + n]}" for begin in range(len(rand) - n + 1)]
    return tuple(kenmerken)


def word_features(zin: ZinIndex) -> list[Kenmerk]:
    """Word forms, lemmas, character n-grams and lemma pairs of a sentence."""
    kenmerken: list[Kenmerk] = []
    woorden = [i for i, t in enumerate(zin.tokens) if t.lower[:1].isalnum()]
    for i in woorden:
        token = zin.tokens[i]
        plek = (i,)
        kenmerken += [(k, plek) for k in _word(token.lower, token.lemma)]
    for i, j in itertools.pairwise(woorden):
        kenmerken.append((f"b:{zin.tokens[i].lemma} {zin.tokens[j].lemma}", (i, j)))
    return kenmerken


@dataclass
class Gelezen:
    """One sentence as the detector reads it: its tokens, the pattern terms in it and the
    patterns that matched (and, once computed, its features)."""

    zin: Zin
    index: ZinIndex
    termen: dict[int, tuple[int, ...]]
    patroontreffers: list[Patroontreffer]
    _kenmerken: list[Kenmerk] | None = field(default=None, repr=False)

    def features(self) -> list[Kenmerk]:
        """The learned detector's features of this sentence alone (positions in it)."""
        if self._kenmerken is None:
            eigen = word_features(self.index)
            eigen += [(f"t:{nummer}", posities) for nummer, posities in self.termen.items()]
            eigen += [(f"p:{t.signaal.id}", t.posities) for t in self.patroontreffers]
            self._kenmerken = eigen
        return self._kenmerken


def read_sentence(zin: Zin, termen: Termindex, patronen: Patroonzoeker) -> Gelezen:
    index = ZinIndex(zin.tokens)
    aanwezig = termen.present(index)
    return Gelezen(zin, index, aanwezig, patronen.find(index, aanwezig))


def window_features(delen: list[Gelezen]) -> list[Kenmerk]:
    """The features of a window of one or more sentences; token positions count on from
    one sentence to the next."""
    if len(delen) == 1:
        return delen[0].features()
    kenmerken: list[Kenmerk] = []
    verschuiving = 0
    for deel in delen:
        eigen = deel.features()
        if verschuiving:
            eigen = [(k, tuple(p + verschuiving for p in posities)) for k, posities in eigen]
        kenmerken += eigen
        verschuiving += len(deel.zin.tokens)
    return kenmerken


def status_features(delen: list[Gelezen]) -> list[Kenmerk]:
    """What the status model reads: lower-case words and word pairs (negation, tense and
    person are in the small words, so no lemmas or character n-grams here)."""
    kenmerken: list[Kenmerk] = []
    verschuiving = 0
    for deel in delen:
        tokens = deel.zin.tokens
        woorden = [i for i, t in enumerate(tokens) if t.lower[:1].isalnum()]
        for i in woorden:
            kenmerken.append((f"w:{tokens[i].lower}", (i + verschuiving,)))
        for i, j in itertools.pairwise(woorden):
            paar = f"b:{tokens[i].lower} {tokens[j].lower}"
            kenmerken.append((paar, (i + verschuiving, j + verschuiving)))
        verschuiving += len(tokens)
    return kenmerken
