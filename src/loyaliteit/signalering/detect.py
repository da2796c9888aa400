"""Detection: a case's description + the signals' patterns -> findings with evidence."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pydantic import BaseModel, Field

from ..kennisbank import Kennisbank
from ..kennisbank.models import Patroon, Signaal
from .context import ContextRegels, Status
from .matcher import ZinIndex, anchor_words, intern_pattern, match_occurrences
from .tekst import Zin, split_sentences


class Finding(BaseModel):
    """One signal found in one sentence of the description."""

    signaal: str
    zin: str = Field(description="De zin; beschrijving[begin:eind] == zin.")
    begin: int
    eind: int
    woorden: list[str] = Field(description="De woorden waarop het patroon trof.")
    woord_posities: list[tuple[int, int]] = Field(
        default_factory=list, description="Begin en eind (teken) van elk getroffen woord."
    )
    status: Status
    reden: str | None = Field(None, description="Het contextwoord dat de status bepaalde.")
    patroon: str
    zekerheid: float

    @property
    def treffer_begin(self) -> int:
        """Start of the first matched word."""
        return self.woord_posities[0][0]

    @property
    def treffer_eind(self) -> int:
        """End of the last matched word."""
        return self.woord_posities[-1][1]


@dataclass(frozen=True)
class _Compiled:
    signaal: Signaal
    patroon: Patroon
    vorm: object


class Detector:
    """The compiled patterns of a knowledge base; build once, use for every case."""

    def __init__(self, kb: Kennisbank):
        self.context = ContextRegels(kb.context)
        self._plain: dict[str, list[_Compiled]] = defaultdict(list)
        self._affix: dict[object, list[_Compiled]] = defaultdict(list)
        woorden: dict = {}
        for signaal in kb.signalen.values():
            for patroon in signaal.patronen:
                compiled = _Compiled(signaal, patroon, intern_pattern(patroon.vorm, woorden))
                self._index(compiled)

    def _index(self, compiled: _Compiled) -> None:
        for woord in anchor_words(compiled.vorm):
            if woord.prefix or woord.suffix:
                self._affix[woord].append(compiled)
            else:
                self._plain[woord.tekst].append(compiled)

    def _candidates(self, zin: ZinIndex) -> list[_Compiled]:
        """Patterns whose anchor word occurs in the sentence (in a stable order)."""
        gezien: dict[int, _Compiled] = {}
        for token in zin.tokens:
            for sleutel in (token.lower, token.lemma):
                for compiled in self._plain.get(sleutel, ()):
                    gezien.setdefault(id(compiled), compiled)
        for woord, lijst in self._affix.items():
            if zin.has(woord):
                for compiled in lijst:
                    gezien.setdefault(id(compiled), compiled)
        return list(gezien.values())

    def detect_text(self, tekst: str) -> list[Finding]:
        bevindingen: list[Finding] = []
        for zin in split_sentences(tekst):
            bevindingen.extend(self._detect_sentence(zin))
        return bevindingen

    def _finding(self, compiled: _Compiled, zin: Zin, treffers, zin_context) -> Finding:
        status, reden = _status_of(compiled, treffers, zin_context)
        gebruikt = sorted(frozenset().union(*(t.gebruikt for t in treffers)))
        return Finding(
            signaal=compiled.signaal.id,
            zin=zin.tekst,
            begin=zin.begin,
            eind=zin.eind,
            woorden=[zin.tokens[i].tekst for i in gebruikt],
            woord_posities=[(zin.tokens[i].begin, zin.tokens[i].eind) for i in gebruikt],
            status=status,
            reden=reden,
            patroon=compiled.patroon.tekst,
            zekerheid=compiled.patroon.zekerheid,
        )

    def _detect_sentence(self, zin: Zin) -> list[Finding]:
        per_signaal: dict[str, Finding] = {}
        zin_context = None
        index = ZinIndex(zin.tokens)
        for compiled in self._candidates(index):
            for treffers in match_occurrences(compiled.vorm, index, compiled.patroon.venster):
                zin_context = zin_context or self.context.for_sentence(index)
                finding = self._finding(compiled, zin, treffers, zin_context)
                eerder = per_signaal.get(finding.signaal)
                if eerder is None or _better(finding, eerder):
                    per_signaal[finding.signaal] = finding
        return sorted(per_signaal.values(), key=lambda f: f.signaal)


def _status_of(compiled: _Compiled, treffers, zin_context) -> tuple[Status, str | None]:
    status, reden = zin_context.status(treffers, compiled.signaal.wie)
    if status is Status.verleden and compiled.signaal.verleden_telt:
        return Status.aanwezig, None
    return status, reden


def _better(nieuw: Finding, oud: Finding) -> bool:
    nieuw_aanwezig = nieuw.status is Status.aanwezig
    oud_aanwezig = oud.status is Status.aanwezig
    if nieuw_aanwezig != oud_aanwezig:
        return nieuw_aanwezig
    return nieuw.zekerheid > oud.zekerheid
