"""Match compiled patterns against the tokens of one sentence.

A `ZinIndex` maps every word form and lemma of a sentence to its positions, so a
pattern's words are looked up instead of compared with every token.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..kennisbank.patterns import Alternatief, Patroonvorm, Term, Woord, parse_pattern
from .tekst import Token

MAX_WOORDLENGTE = 40


@dataclass(frozen=True, slots=True)
class Treffer:
    """One occurrence of a term: tokens `begin`..`eind` (inclusive) and the tokens used."""

    begin: int
    eind: int
    gebruikt: frozenset[int]


def word_matches(woord: Woord, token: Token) -> bool:
    """Does a pattern word match a token? Pattern words are written as lemmas."""
    if woord.exact:
        return woord.tekst == token.lower
    if woord.prefix and woord.suffix:
        return woord.tekst in token.lower
    if woord.prefix:
        return token.lower.startswith(woord.tekst) or token.lemma.startswith(woord.tekst)
    if woord.suffix:
        return token.lower.endswith(woord.tekst) or token.lemma.endswith(woord.tekst)
    return woord.tekst in (token.lower, token.lemma)


class ZinIndex:
    """The tokens of one sentence with the positions of each form, and cached lookups."""

    def __init__(self, tokens: tuple[Token, ...]):
        self.tokens = tokens
        self._vormen: dict[str, set[int]] = defaultdict(set)
        self._lowers: dict[str, set[int]] = defaultdict(set)
        for index, token in enumerate(tokens):
            self._vormen[token.lower].add(index)
            self._vormen[token.lemma].add(index)
            self._lowers[token.lower].add(index)
        self._begin: dict[str, set[int]] | None = None
        self._eind: dict[str, set[int]] | None = None
        # caches keyed by id(): patterns and their words live as long as the detector, and
        # hashing the nested frozen dataclasses on every lookup was the hottest spot
        self._woorden: dict[int, tuple[int, ...]] = {}
        # word number of each token: punctuation does not count towards a window
        self.woordnummer: list[int] = []
        teller = 0
        for token in tokens:
            if token.lower[:1].isalnum():
                teller += 1
            self.woordnummer.append(teller)
        self._alternatieven: dict[int, list[Treffer]] = {}

    def _affixes(self) -> None:
        self._begin, self._eind = defaultdict(set), defaultdict(set)
        for vorm, posities in self._vormen.items():
            if len(vorm) > MAX_WOORDLENGTE:
                continue  # no real word is this long; its prefixes would only cost memory
            for lengte in range(2, len(vorm) + 1):
                self._begin[vorm[:lengte]] |= posities
                self._eind[vorm[-lengte:]] |= posities

    def positions(self, woord: Woord) -> tuple[int, ...]:
        """Where `woord` matches in this sentence (sorted)."""
        gevonden = self._woorden.get(id(woord))
        if gevonden is None:
            if woord.exact:
                posities = self._lowers.get(woord.tekst, set())
            elif woord.prefix and woord.suffix:
                posities = {i for i, t in enumerate(self.tokens) if word_matches(woord, t)}
            elif woord.prefix or woord.suffix:
                if self._begin is None:
                    self._affixes()
                tabel = self._begin if woord.prefix else self._eind
                posities = tabel.get(woord.tekst, set())
            else:
                posities = self._vormen.get(woord.tekst, set())
            gevonden = tuple(sorted(posities))
            self._woorden[id(woord)] = gevonden
        return gevonden

    def find_listed(self, lijst: Woordenlijst) -> list[Treffer]:
        """Like `find`, for a long list of exact phrases (context words): only the phrases
        whose first word occurs in the sentence are tried."""
        treffers = self._alternatieven.get(id(lijst))
        if treffers is None:
            kandidaten = [a for t in self.tokens for a in lijst.per_eerste_woord.get(t.lower, ())]
            treffers = []
            for alternatief in dict.fromkeys(kandidaten):
                treffers.extend(self._phrase_occurrences(alternatief))
            self._alternatieven[id(lijst)] = treffers
        return treffers

    def has(self, woord: Woord) -> bool:
        return bool(self.positions(woord))

    def find(self, alternatieven: tuple[Alternatief, ...]) -> list[Treffer]:
        """Every occurrence of any of the alternatives (phrases) in the sentence."""
        treffers = self._alternatieven.get(id(alternatieven))
        if treffers is None:
            treffers = []
            for alternatief in alternatieven:
                woorden = alternatief.woorden
                if len(woorden) == 1:
                    treffers.extend(
                        Treffer(p, p, frozenset((p,))) for p in self.positions(woorden[0])
                    )
                else:
                    treffers.extend(self._phrase_occurrences(alternatief))
            self._alternatieven[id(alternatieven)] = treffers
        return treffers

    def _phrase_occurrences(self, alternatief: Alternatief) -> Iterator[Treffer]:
        eerste = alternatief.woorden[0]
        starts = range(len(self.tokens)) if eerste.optioneel else self.positions(eerste)
        for start in starts:
            treffer = self._phrase_at(alternatief, start)
            if treffer:
                yield treffer

    def _phrase_at(self, alternatief: Alternatief, start: int) -> Treffer | None:
        positie = start
        gebruikt = []
        for woord in alternatief.woorden:
            if positie < len(self.tokens) and positie in self.positions(woord):
                gebruikt.append(positie)
                positie += 1
            elif not woord.optioneel:
                return None
        if not gebruikt or gebruikt[0] != start:
            return None
        return Treffer(gebruikt[0], gebruikt[-1], frozenset(gebruikt))


def match_occurrences(vorm: Patroonvorm, zin: ZinIndex, venster: int) -> list[tuple[Treffer, ...]]:
    """Every distinct occurrence of the pattern in the sentence, each as tight as possible.

    Around each occurrence of the rarest term, every other term takes one of its nearest
    occurrences on the left and on the right; the tightest combination wins. The search
    drops a partial combination as soon as it is wider than the best one found, and stops
    after `MAX_POGINGEN` steps per anchor, so a pattern with many terms cannot hang a run.
    Each occurrence is judged on its own later, so a negated mention does not hide a
    present one in the same sentence.
    """
    per_term = []
    for term in vorm.termen:
        treffers = zin.find(term.alternatieven)
        if not treffers:
            return []
        per_term.append(treffers)
    anker_index = min(range(len(per_term)), key=lambda i: len(per_term[i]))
    gevonden: dict[frozenset[int], tuple[Treffer, ...]] = {}
    for anker in per_term[anker_index]:
        keuzes = [
            [anker] if i == anker_index else _nearest(treffers, anker)
            for i, treffers in enumerate(per_term)
        ]
        beste = _tightest(keuzes, zin.woordnummer, venster)
        if beste is not None:
            gevonden.setdefault(frozenset().union(*(t.gebruikt for t in beste)), beste)
    return list(gevonden.values())


MAX_POGINGEN = 5_000


def _tightest(
    keuzes: list[list[Treffer]], woordnummer: list[int], venster: int
) -> tuple[Treffer, ...] | None:
    """The narrowest combination of one occurrence per term (no token used twice) that
    fits in the window; the first in order among equally narrow ones."""
    beste: list[Treffer] | None = None
    beste_breedte = venster + 1
    pogingen = 0
    gekozen: list[Treffer] = []

    def zoek(term: int, gebruikt: frozenset[int], eerste: int, laatste: int) -> None:
        nonlocal beste, beste_breedte, pogingen
        if term == len(keuzes):
            beste, beste_breedte = list(gekozen), woordnummer[laatste] - woordnummer[eerste] + 1
            return
        for treffer in keuzes[term]:
            if pogingen >= MAX_POGINGEN:
                return
            pogingen += 1
            if gebruikt & treffer.gebruikt:
                continue
            links, rechts = min(eerste, treffer.begin), max(laatste, treffer.eind)
            if woordnummer[rechts] - woordnummer[links] + 1 >= beste_breedte:
                continue  # already wider than the best: no completion can beat it
            gekozen.append(treffer)
            zoek(term + 1, gebruikt | treffer.gebruikt, links, rechts)
            gekozen.pop()

    zoek(0, frozenset(), len(woordnummer), -1)
    return tuple(beste) if beste is not None else None


def _nearest(treffers: list[Treffer], anker: Treffer, aantal: int = 2) -> list[Treffer]:
    """The nearest occurrences before and after the anchor (two each way, so a pattern
    that names a word twice, `over + ... + over`, can take two different ones)."""
    links = sorted((t for t in treffers if t.eind < anker.begin), key=lambda t: -t.eind)
    rechts = sorted((t for t in treffers if t.begin > anker.eind), key=lambda t: t.begin)
    return links[:aantal] + rechts[:aantal]


def _disjoint(treffers: tuple[Treffer, ...]) -> bool:
    gezien: set[int] = set()
    for treffer in treffers:
        if gezien & treffer.gebruikt:
            return False
        gezien |= treffer.gebruikt
    return True


def intern_pattern(vorm: Patroonvorm, woorden: dict[Woord, Woord]) -> Patroonvorm:
    """The same pattern with every word replaced by one shared instance, so that the
    per-sentence caches (keyed by identity) are shared between patterns."""
    termen = tuple(
        Term(
            tuple(
                Alternatief(tuple(woorden.setdefault(w, w) for w in alternatief.woorden))
                for alternatief in term.alternatieven
            )
        )
        for term in vorm.termen
    )
    return Patroonvorm(vorm.bron, termen)


def anchor_words(vorm: Patroonvorm) -> Iterator[Woord]:
    """Words of which at least one must be in a sentence for the pattern to match."""
    eerste_term = min(vorm.termen, key=lambda term: len(term.alternatieven))
    for alternatief in eerste_term.alternatieven:
        yield next(w for w in alternatief.woorden if not w.optioneel)


@dataclass(frozen=True)
class Woordenlijst:
    """Exact phrases indexed by their first word, for fast lookup in a sentence."""

    alternatieven: tuple[Alternatief, ...]
    per_eerste_woord: dict[str, tuple[Alternatief, ...]]


def word_list(alternatieven: tuple[Alternatief, ...]) -> Woordenlijst:
    index: dict[str, list[Alternatief]] = defaultdict(list)
    for alternatief in alternatieven:
        index[alternatief.woorden[0].tekst].append(alternatief)
    return Woordenlijst(alternatieven, {k: tuple(v) for k, v in index.items()})


def compile_phrase_list(teksten: list[str]) -> tuple[Alternatief, ...]:
    """Context words ('geen sprake van', 'niet', ',') as phrases of exact word forms.

    Context words are function words: 'mocht' must not find every form of 'mogen'.
    """
    alternatieven: list[Alternatief] = []
    for tekst in teksten:
        if any(c.isalnum() for c in tekst):
            for alternatief in parse_pattern(tekst).termen[0].alternatieven:
                woorden = tuple(
                    replace(w, exact=not (w.prefix or w.suffix)) for w in alternatief.woorden
                )
                alternatieven.append(Alternatief(woorden))
        elif tekst.strip():
            alternatieven.append(Alternatief((Woord(tekst.strip(), exact=True),)))
    return tuple(alternatieven)
