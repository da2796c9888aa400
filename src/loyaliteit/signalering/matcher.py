"""Match compiled patterns against the tokens of one sentence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

from ..kennisbank.patterns import Alternatief, Patroonvorm, Woord, parse_pattern
from .tekst import Token, lemma

MAX_COMBINATIONS = 5_000


@dataclass(frozen=True, slots=True)
class Treffer:
    """One occurrence of a term: tokens `begin`..`eind` (inclusive) and the tokens used."""

    begin: int
    eind: int
    gebruikt: frozenset[int]


def word_matches(woord: Woord, token: Token) -> bool:
    if woord.prefix and woord.suffix:
        return woord.tekst in token.lower
    if woord.prefix:
        return token.lower.startswith(woord.tekst) or token.lemma.startswith(woord.tekst)
    if woord.suffix:
        return token.lower.endswith(woord.tekst) or token.lemma.endswith(woord.tekst)
    return (
        woord.tekst == token.lower
        or woord.tekst == token.lemma
        or lemma(woord.tekst) == token.lemma
    )


def _phrase_at(alternatief: Alternatief, tokens: tuple[Token, ...], start: int) -> Treffer | None:
    positie = start
    gebruikt = []
    for woord in alternatief.woorden:
        if positie < len(tokens) and word_matches(woord, tokens[positie]):
            gebruikt.append(positie)
            positie += 1
        elif not woord.optioneel:
            return None
    if not gebruikt or gebruikt[0] != start:
        return None
    return Treffer(gebruikt[0], gebruikt[-1], frozenset(gebruikt))


def find_alternatives(
    alternatieven: tuple[Alternatief, ...], tokens: tuple[Token, ...]
) -> list[Treffer]:
    treffers = []
    for start in range(len(tokens)):
        for alternatief in alternatieven:
            treffer = _phrase_at(alternatief, tokens, start)
            if treffer:
                treffers.append(treffer)
    return treffers


def match_pattern(
    vorm: Patroonvorm, tokens: tuple[Token, ...], venster: int
) -> tuple[Treffer, ...] | None:
    """The tightest set of term occurrences within the window, or None."""
    per_term = []
    for term in vorm.termen:
        treffers = find_alternatives(term.alternatieven, tokens)
        if not treffers:
            return None
        per_term.append(treffers)
    beste: tuple[Treffer, ...] | None = None
    beste_breedte = venster + 1
    for teller, combinatie in enumerate(product(*per_term)):
        if teller >= MAX_COMBINATIONS:
            break
        breedte = max(t.eind for t in combinatie) - min(t.begin for t in combinatie) + 1
        if breedte < beste_breedte and _disjoint(combinatie):
            beste, beste_breedte = combinatie, breedte
    return beste


def _disjoint(treffers: tuple[Treffer, ...]) -> bool:
    gezien: set[int] = set()
    for treffer in treffers:
        if gezien & treffer.gebruikt:
            return False
        gezien |= treffer.gebruikt
    return True


def anchor_words(vorm: Patroonvorm) -> Iterator[Woord]:
    """Words of which at least one must be in a sentence for the pattern to match."""
    eerste_term = min(vorm.termen, key=lambda term: len(term.alternatieven))
    for alternatief in eerste_term.alternatieven:
        yield next(w for w in alternatief.woorden if not w.optioneel)


def compile_phrase_list(teksten: list[str]) -> tuple[Alternatief, ...]:
    """Context words ('geen sprake van', 'niet') as phrase alternatives."""
    alternatieven: list[Alternatief] = []
    for tekst in teksten:
        if tekst.strip() and any(c.isalnum() for c in tekst):
            alternatieven.extend(parse_pattern(tekst).termen[0].alternatieven)
        else:
            alternatieven.append(Alternatief((Woord(tekst.strip()),)))
    return tuple(alternatieven)
