"""Detection: a case's description -> findings, each with its evidence and its reasons.

Two paths find a signal in a window (one sentence, or a sentence with its neighbour):
- the learned detector (`model.py`), trained from the signal's example sentences, scores
  every signal; a score above the threshold is a finding;
- a knowledge-base pattern that matches is a finding too, unless the learned detector
  contradicts it (its score below a low threshold).
A pair of sentences only adds signals that neither sentence shows alone.

Every finding then gets a status (`context.py`: ConText trigger words around the words
that carried it, overruled by the status model when that is confident) and explains
itself: the words that weighed most, the example it resembles most, the pattern.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, Field

from ..kennisbank import Kennisbank
from ..kennisbank.models import Signaal
from .context import ContextRegels, Status, ZinContext
from .instellingen import Instellingen
from .kenmerken import Gelezen, read_sentence, status_features, window_features
from .matcher import Treffer
from .model import STATUSSEN, Herkenner, Statusherkenner, pattern_key
from .patronen import Patroontreffer, Patroonzoeker
from .tekst import split_sentences
from .termen import Termindex

MAX_GEWICHTSWOORDEN = 4


class Finding(BaseModel):
    """One signal found in one sentence (or two adjacent sentences) of the description."""

    signaal: str
    zin: str = Field(description="De zin; beschrijving[begin:eind] == zin.")
    begin: int
    eind: int
    woorden: list[str] = Field(description="De woorden die de vondst droegen.")
    woord_posities: list[tuple[int, int]] = Field(
        default_factory=list, description="Begin en eind (teken) van elk van die woorden."
    )
    status: Status
    reden: str | None = Field(None, description="Wat de status bepaalde.")
    patroon: str | None = Field(None, description="Het patroon dat trof, als er een trof.")
    zekerheid: float
    score: float | None = Field(None, description="De score van de getrainde herkenning (0-1).")
    gewichten: list[tuple[str, float]] = Field(
        default_factory=list, description="De woorden die het zwaarst wogen, met hun gewicht."
    )
    lijkt_op: str | None = Field(
        None, description="Het voorbeeld uit de kennisbank waar de zin het meest op lijkt."
    )


@dataclass
class Herkenning:
    """Everything detection learned from a knowledge base."""

    herkenner: Herkenner
    status: Statusherkenner
    instellingen: Instellingen


class Detector:
    """Detection for one knowledge base; build once, use for every case."""

    def __init__(self, kb: Kennisbank, herkenning: Herkenning):
        self.kb = kb
        self.herkenning = herkenning
        self.context = ContextRegels(kb.context)
        self.termen = Termindex(kb)
        self.patronen = Patroonzoeker(kb, self.termen)
        self._index = {s: i for i, s in enumerate(herkenning.herkenner.signalen)}

    def read(self, tekst: str) -> list[Gelezen]:
        return [read_sentence(z, self.termen, self.patronen) for z in split_sentences(tekst)]

    def detect_text(self, tekst: str) -> list[Finding]:
        ruimte = self.herkenning.herkenner.ruimte
        zinnen = self.read(tekst)
        tellingen = [ruimte.counts(g.features()) for g in zinnen]
        per_zin = [
            self._detect_window(_Venster(tekst, [g]), telling)
            for g, telling in zip(zinnen, tellingen, strict=True)
        ]
        bevindingen = [f for lijst in per_zin for f in lijst]
        for i in range(len(zinnen) - 1):
            al = {f.signaal for f in per_zin[i] + per_zin[i + 1]}
            venster = _Venster(tekst, zinnen[i : i + 2])
            paar = self._detect_window(venster, tellingen[i] + tellingen[i + 1], paar=True)
            bevindingen += [f for f in paar if f.signaal not in al]
        return sorted(bevindingen, key=lambda f: (f.begin, f.eind, f.signaal))

    # --- one window ---------------------------------------------------------------

    def _detect_window(self, venster: _Venster, telling, paar: bool = False) -> list[Finding]:
        herkenner = self.herkenning.herkenner
        instellingen = self.herkenning.instellingen
        delen = venster.delen
        kolommen, waarden = herkenner.ruimte.vector_of_counts(telling)
        kansen = herkenner.probabilities(kolommen, waarden)
        drempel = instellingen.drempel_paar if paar else instellingen.drempel
        patronen = {} if paar else _pattern_hits(delen[0])
        kandidaten = {
            self.kb.signalen[herkenner.signalen[j]].id for j in np.flatnonzero(kansen >= drempel)
        }
        kandidaten |= {
            s
            for s, treffers in patronen.items()
            if not herkenner.geleerd[self._index[s]]
            or kansen[self._index[s]] >= self._pattern_threshold(treffers)
        }
        if not kandidaten:
            return []
        toeschrijving = herkenner.attribution(window_features(delen))
        return [
            self._finding(
                self.kb.signalen[s],
                venster,
                toeschrijving,
                kolommen,
                waarden,
                kansen,
                patronen.get(s, []),
            )
            for s in sorted(kandidaten)
        ]

    def _pattern_threshold(self, treffers: list[Patroontreffer]) -> float:
        """A precise pattern counts unless the model contradicts it; a loose one (it also
        matched near misses on the examples) only when the model agrees."""
        instellingen = self.herkenning.instellingen
        los = self.herkenning.herkenner.losse_patronen
        if any(pattern_key(t.signaal.id, t.patroon.tekst) not in los for t in treffers):
            return instellingen.drempel_patroon
        return instellingen.drempel

    def _finding(self, signaal, venster, toeschrijving, kolommen, waarden, kansen, treffers):
        herkenner = self.herkenning.herkenner
        j = self._index[signaal.id]
        gewichten = herkenner.weights_of(j, toeschrijving)
        if treffers:
            patroontreffer, (status, reden) = self._best_occurrence(signaal, venster, treffers)
            posities = list(patroontreffer.posities)
            zekerheid = patroontreffer.patroon.zekerheid
            if herkenner.geleerd[j] and kansen[j] >= self.herkenning.instellingen.drempel:
                zekerheid = max(zekerheid, signaal.zekerheid)  # both paths found it
        else:
            patroontreffer = None
            posities = _anchor(gewichten)
            status, reden = self._status(signaal, venster, posities)
            zekerheid = signaal.zekerheid
        eigen_woorden = posities if patroontreffer else []  # words the pattern matched
        status, reden = self._status_model(signaal, venster, status, reden, eigen_woorden)
        voorbeeld, _ = herkenner.nearest_example(j, kolommen, waarden)
        if not herkenner.geleerd[j]:
            gewichten = {}
        return Finding(
            signaal=signaal.id,
            zin=venster.tekst,
            begin=venster.begin,
            eind=venster.eind,
            woorden=[venster.token(p).tekst for p in posities],
            woord_posities=[(venster.token(p).begin, venster.token(p).eind) for p in posities],
            status=status,
            reden=reden,
            patroon=patroontreffer.patroon.tekst if patroontreffer else None,
            zekerheid=zekerheid,
            score=round(float(kansen[j]), 3) if herkenner.geleerd[j] else None,
            gewichten=_heaviest(venster, gewichten),
            lijkt_op=voorbeeld,
        )

    # --- status -------------------------------------------------------------------

    def _best_occurrence(self, signaal: Signaal, venster, treffers: list[Patroontreffer]):
        """The occurrence to show: a present one wins over one set aside."""
        beoordeeld = [(t, self._judge(signaal, venster, t.treffers)) for t in treffers]
        return min(
            beoordeeld, key=lambda x: (x[1][0] is not Status.aanwezig, -x[0].patroon.zekerheid)
        )

    def _status(self, signaal: Signaal, venster, posities: list[int]):
        treffers = tuple(Treffer(p, p, frozenset((p,))) for p in posities)
        return self._judge(signaal, venster, treffers)

    def _judge(self, signaal: Signaal, venster, treffers: tuple[Treffer, ...]):
        """ConText in the sentence that holds the first of the words."""
        zin, verschuiving = venster.sentence_of(min(t.begin for t in treffers))
        lokaal = tuple(
            Treffer(
                t.begin - verschuiving,
                t.eind - verschuiving,
                frozenset(p - verschuiving for p in t.gebruikt),
            )
            for t in treffers
            if t.begin >= verschuiving and t.eind - verschuiving < len(zin.zin.tokens)
        )
        status, reden = venster.context(self.context, zin).status(lokaal, signaal.wie)
        if status is Status.verleden and signaal.verleden_telt:
            return Status.aanwezig, None
        return status, reden

    def _status_model(
        self, signaal: Signaal, venster, status: Status, reden: str | None, posities: list[int]
    ):
        """The status model overrules the trigger words when it is confident: it sets a
        finding aside the trigger words kept, or brings back one they set aside. It does
        not call a finding someone else's when that other person is one of the words its
        pattern matched ("hij komt op voor zijn zusje")."""
        instellingen = self.herkenning.instellingen
        if not self.herkenning.status.geleerd:
            return status, reden
        kansen = self.herkenning.status.probabilities(status_features(venster.delen))
        if status is Status.aanwezig:
            anders = 1 + int(np.argmax(kansen[1:]))
            if kansen[anders] < instellingen.drempel_status:
                return status, reden
            gekozen, kans = Status(STATUSSEN[anders]), kansen[anders]
        elif kansen[0] >= instellingen.drempel_status_aanwezig:
            gekozen, kans = Status.aanwezig, kansen[0]
        else:
            return status, reden
        if gekozen is Status.verleden and signaal.verleden_telt:
            return Status.aanwezig, None
        if gekozen is Status.ander_persoon and self._person_in_finding(signaal, venster, posities):
            return status, reden
        return gekozen, None if gekozen is Status.aanwezig else f"zinsbouw ({kans:.0%})"

    def _person_in_finding(self, signaal: Signaal, venster, posities: list[int]) -> bool:
        """Is one of the finding's own words a word for another person (zusje, buurman)?"""
        for positie in posities:
            deel, verschuiving = venster.sentence_of(positie)
            lokaal = positie - verschuiving
            personen = venster.context(self.context, deel).other_persons(signaal.wie)
            if any(t.begin <= lokaal <= t.eind for t in personen):
                return True
        return False


class _Venster:
    """One or two adjacent sentences, with positions counted across them."""

    def __init__(self, beschrijving: str, delen: list[Gelezen]):
        self.delen = delen
        self.begin = delen[0].zin.begin
        self.eind = delen[-1].zin.eind
        self.tekst = beschrijving[self.begin : self.eind]
        self._begins = []
        teller = 0
        for deel in delen:
            self._begins.append(teller)
            teller += len(deel.zin.tokens)
        self._contexten: dict[int, ZinContext] = {}

    def token(self, positie: int):
        deel, verschuiving = self.sentence_of(positie)
        return deel.zin.tokens[positie - verschuiving]

    def sentence_of(self, positie: int) -> tuple[Gelezen, int]:
        for deel, begin in reversed(list(zip(self.delen, self._begins, strict=True))):
            if positie >= begin:
                return deel, begin
        return self.delen[0], 0

    def context(self, regels: ContextRegels, deel: Gelezen) -> ZinContext:
        if id(deel) not in self._contexten:
            self._contexten[id(deel)] = regels.for_sentence(deel.index)
        return self._contexten[id(deel)]


def _pattern_hits(deel: Gelezen) -> dict[str, list[Patroontreffer]]:
    per_signaal: dict[str, list[Patroontreffer]] = {}
    for treffer in deel.patroontreffers:
        per_signaal.setdefault(treffer.signaal.id, []).append(treffer)
    return per_signaal


def _anchor(gewichten: dict[int, float]) -> list[int]:
    """The words that carried a learned finding: the heaviest, and the others close to it."""
    positief = sorted(((w, p) for p, w in gewichten.items() if w > 0), reverse=True)
    if not positief:
        return [min(gewichten)] if gewichten else [0]
    hoogste = positief[0][0]
    return sorted(p for w, p in positief[:MAX_GEWICHTSWOORDEN] if w >= hoogste / 3)


def _heaviest(venster: _Venster, gewichten: dict[int, float]) -> list[tuple[str, float]]:
    zwaar = sorted(((w, p) for p, w in gewichten.items() if w > 0), reverse=True)
    return [(venster.token(p).tekst, round(w, 3)) for w, p in zwaar[:MAX_GEWICHTSWOORDEN]]
