"""Decide the status of a match from its context (after the ConText algorithm).

A match is `aanwezig` unless a context word within the same clause sets it aside:
`ontkend` (niet, geen sprake van), `verleden` (vroeger), `hypothetisch` (misschien,
als het zo doorgaat) or `ander_persoon` (zijn zusje ...). The words live in the
knowledge base's `context.yaml`; this module knows none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..kennisbank.contextwoorden import Context
from ..kennisbank.models import Wie
from .matcher import Treffer, Woordenlijst, ZinIndex, compile_phrase_list, word_list
from .tekst import Token


class Status(StrEnum):
    aanwezig = "aanwezig"
    ontkend = "ontkend"
    verleden = "verleden"
    hypothetisch = "hypothetisch"
    ander_persoon = "ander_persoon"


_BEPALERS = frozenset(
    ["zijn", "haar", "hun", "de", "het", "een", "mijn", "jouw", "diens", "ons", "onze"]
)


@dataclass(frozen=True)
class _Richting:
    voor: Woordenlijst
    na: Woordenlijst


class ContextRegels:
    """The compiled context words of a knowledge base."""

    def __init__(self, context: Context):
        self.venster = context.venster
        self.na_venster = context.na_venster
        self.grenzen = _words(context.grenzen)
        self.grenzen_per_status = {
            Status(status): _words(woorden)
            for status, woorden in context.grenzen_per_status.items()
        }
        self.richtingen = {
            Status.ontkend: _compile(context.ontkend),
            Status.verleden: _compile(context.verleden),
            Status.hypothetisch: _compile(context.hypothetisch),
        }
        self.ander_persoon = {
            wie: _words(woorden) for wie, woorden in context.ander_persoon.items()
        }
        self.voorzetsels = frozenset(w.lower() for w in context.voorzetsels)
        self.schijn = _words(context.schijn)
        self.verleden_bij_verleden_tijd = _words(context.verleden_bij_verleden_tijd)
        self.nu = _words(context.nu)
        self.verleden_tijd = frozenset(w.lower() for w in context.verleden_tijd)

    def is_participle(self, token: Token) -> bool:
        """A past participle such as 'gehuild', 'rondgelopen' or 'gewerkt' (approximately)."""
        return (
            token.lemma != token.lower
            and token.lemma.endswith("en")
            and token.lower[-1:] in ("d", "t", "n")
            and "ge" in token.lower[:6]
        )

    def is_past_tense(self, token: Token) -> bool:
        """An irregular past form from the list, or a regular one: 'huilde' (lemma 'huilen')."""
        if token.lower in self.verleden_tijd:
            return True
        if token.lemma == token.lower or not token.lemma.endswith("en"):
            return False
        return any(
            token.lower == stam + uitgang
            for stam in _verb_stems(token.lemma)
            for uitgang in ("de", "te", "den", "ten")
        )

    def for_sentence(self, zin: ZinIndex) -> ZinContext:
        """Find every context word in a sentence once; then judge each match in it."""
        return ZinContext(self, zin)


class ZinContext:
    """The context words found in one sentence."""

    def __init__(self, regels: ContextRegels, zin: ZinIndex):
        self.regels = regels
        self.zin = zin
        self.tokens = zin.tokens
        # a note on a new line that starts with a capital is a new clause, even without a full
        # stop before it ("Geen bijzonderheden thuis\nLars huilt ...")
        regelbegin = [
            i for i, t in enumerate(zin.tokens) if t.nieuwe_regel and t.tekst[:1].isupper()
        ]
        self.grenzen = sorted({*(t.begin for t in zin.find_listed(regels.grenzen)), *regelbegin})
        self.status_grenzen = {
            status: sorted({*(t.begin for t in zin.find_listed(woorden)), *regelbegin})
            for status, woorden in regels.grenzen_per_status.items()
        }
        schijn = frozenset().union(*(t.gebruikt for t in zin.find_listed(regels.schijn)))

        def echt(treffers: list[Treffer]) -> list[Treffer]:
            return [t for t in treffers if not (t.gebruikt & schijn)]

        self.triggers = {
            status: (echt(zin.find_listed(richting.voor)), echt(zin.find_listed(richting.na)))
            for status, richting in regels.richtingen.items()
        }
        self._ander: dict[Wie, list[Treffer]] = {}
        self.tijd_triggers = zin.find_listed(regels.verleden_bij_verleden_tijd)
        self.nu_triggers = zin.find_listed(regels.nu)

    def status(self, treffers: tuple[Treffer, ...], wie: Wie) -> tuple[Status, str | None]:
        """The status of a match and the context word that decided it (if any)."""
        gebruikt = frozenset().union(*(t.gebruikt for t in treffers))
        begin = min(t.begin for t in treffers)
        eind = max(t.eind for t in treffers)
        zin_begin, _ = self._clause(begin, eind)
        for status, (voor, na) in self.triggers.items():
            s_begin, s_eind = self._clause(begin, eind, self.status_grenzen.get(status))
            links = max(s_begin, begin - self.regels.venster)
            rechts = min(s_eind, eind + self.regels.na_venster)
            for treffer in voor:
                if links <= treffer.eind <= eind and not (treffer.gebruikt & gebruikt):
                    return status, self._words(treffer)
            for treffer in na:
                if begin <= treffer.begin <= rechts and not (treffer.gebruikt & gebruikt):
                    return status, self._words(treffer)
        if self._past_by_tense(
            *self._clause(begin, eind, self.status_grenzen.get(Status.verleden)), gebruikt
        ):
            return Status.verleden, self._past_reason
        for treffer in self.other_persons(wie):
            # before the words, or between them after an inverted verb ("Ook blijft zijn
            # zusje in de pauze bij de juf"); never after a preposition ("met zijn zusje")
            if (
                zin_begin <= treffer.begin
                and treffer.eind < eind
                and not (treffer.gebruikt & gebruikt)
                and not self._after_preposition(treffer.begin)
            ):
                return Status.ander_persoon, self._words(treffer)
        return Status.aanwezig, None

    def _past_by_tense(self, zin_begin: int, zin_eind: int, gebruikt: frozenset[int]) -> bool:
        """Past when the clause is in the past tense and either names a past time ('in
        groep 3') or the sentence sets it against now elsewhere ('...; nu ...')."""
        bereik = range(zin_begin, zin_eind + 1)
        verleden_tijd = any(self.regels.is_past_tense(self.tokens[i]) for i in bereik)
        voltooid = verleden_tijd or any(self.regels.is_participle(self.tokens[i]) for i in bereik)
        if not voltooid:
            return False
        for treffer in self.nu_triggers:
            if not zin_begin <= treffer.begin <= zin_eind:
                self._past_reason = self._words(treffer)
                return True
        if not verleden_tijd:
            return False
        for treffer in self.tijd_triggers:
            if zin_begin <= treffer.begin <= zin_eind and not (treffer.gebruikt & gebruikt):
                self._past_reason = self._words(treffer)
                return True
        return False

    def other_persons(self, wie: Wie) -> list[Treffer]:
        if wie not in self._ander:
            woorden = self.regels.ander_persoon.get(wie)
            self._ander[wie] = self.zin.find_listed(woorden) if woorden else []
        return self._ander[wie]

    def _clause(self, begin: int, eind: int, grenzen: list[int] | None = None) -> tuple[int, int]:
        grenzen = self.grenzen if grenzen is None else grenzen
        links = max((g + 1 for g in grenzen if g < begin), default=0)
        rechts = min((g - 1 for g in grenzen if g > eind), default=len(self.tokens) - 1)
        return links, rechts

    def _after_preposition(self, index: int) -> bool:
        vorige = index - 1
        if vorige >= 0 and self.tokens[vorige].lower in _BEPALERS:
            vorige -= 1
        return vorige >= 0 and self.tokens[vorige].lower in self.regels.voorzetsels

    def _words(self, treffer: Treffer) -> str:
        return " ".join(self.tokens[i].tekst for i in range(treffer.begin, treffer.eind + 1))


_KLINKERS = "aeiou"


def _verb_stems(lemma: str) -> set[str]:
    """Spellings of a verb's stem: werken -> werk, spelen -> speel, bellen -> bel, leven -> leef."""
    basis = lemma[:-2]
    stammen = {basis}
    if len(basis) >= 2 and basis[-1] == basis[-2] and basis[-1] not in _KLINKERS:
        stammen.add(basis[:-1])
    if (
        len(basis) >= 3
        and basis[-1] not in _KLINKERS
        and basis[-2] in _KLINKERS
        and basis[-3] not in _KLINKERS
    ):
        stammen.add(basis[:-1] + basis[-2] + basis[-1])
    for stam in list(stammen):
        if stam.endswith("v"):
            stammen.add(stam[:-1] + "f")
        if stam.endswith("z"):
            stammen.add(stam[:-1] + "s")
    return stammen


def _compile(richting) -> _Richting:
    return _Richting(_words(richting.voor), _words(richting.na))


def _words(teksten: list[str]) -> Woordenlijst:
    return word_list(compile_phrase_list(teksten))
