"""Measure detection against annotated sentences: precision, recall and F1.

An annotated sentence names, for each signal it contains, the status it has there
(`aanwezig`, `ontkend`, `verleden`, `hypothetisch`, `ander_persoon`); every other signal
is absent. A prediction counts as right only when signal and status both match; "found"
counts the signal whatever its status. Figures are given overall, per status, per
register, per school level and per signal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .context import Status


@dataclass
class GeannoteerdeZin:
    tekst: str
    signalen: dict[str, str]
    bron: str = ""
    register: str | None = None
    niveau: str | None = None
    soort: str | None = None  # safety set: `signaal` or `val` (a trap)


@dataclass
class Telling:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precisie(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precisie, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set, voorspeld: set) -> None:
        self.tp += len(gold & voorspeld)
        self.fp += len(voorspeld - gold)
        self.fn += len(gold - voorspeld)


@dataclass
class Meting:
    totaal: Telling = field(default_factory=Telling)
    gevonden: Telling = field(default_factory=Telling)  # the signal, whatever its status
    per_status: dict[str, Telling] = field(default_factory=lambda: defaultdict(Telling))
    per_register: dict[str, Telling] = field(default_factory=lambda: defaultdict(Telling))
    per_niveau: dict[str, Telling] = field(default_factory=lambda: defaultdict(Telling))
    per_signaal: dict[str, Telling] = field(default_factory=lambda: defaultdict(Telling))
    fouten: list[tuple[GeannoteerdeZin, set, set]] = field(default_factory=list)


def load_sentences(paden: list[Path]) -> list[GeannoteerdeZin]:
    zinnen = []
    for pad in paden:
        data = yaml.safe_load(pad.read_text(encoding="utf-8"))
        for item in data["zinnen"]:
            zinnen.append(
                GeannoteerdeZin(
                    item["tekst"],
                    dict(item.get("signalen") or {}),
                    pad.name,
                    item.get("register"),
                    item.get("niveau"),
                    item.get("soort"),
                )
            )
    return zinnen


Voorspeller = Callable[[str], dict[str, str]]


def predictor(detector) -> Voorspeller:
    """One status per signal for the whole sentence; `aanwezig` wins over set-aside ones."""

    def voorspel(tekst: str) -> dict[str, str]:
        voorspeld: dict[str, str] = {}
        for finding in detector.detect_text(tekst):
            if voorspeld.get(finding.signaal) != Status.aanwezig.value:
                voorspeld[finding.signaal] = finding.status.value
        return voorspeld

    return voorspel


def measure(
    voorspel: Voorspeller, zinnen: list[GeannoteerdeZin], bekend: set[str] | None = None
) -> Meting:
    meting = Meting()
    for zin in zinnen:
        gold = {(s, st) for s, st in zin.signalen.items() if bekend is None or s in bekend}
        voorspeld = set(voorspel(zin.tekst).items())
        meting.totaal.add(gold, voorspeld)
        meting.gevonden.add({s for s, _ in gold}, {s for s, _ in voorspeld})
        for status in Status:
            meting.per_status[status.value].add(
                {x for x in gold if x[1] == status.value},
                {x for x in voorspeld if x[1] == status.value},
            )
        if zin.register:
            meting.per_register[zin.register].add(gold, voorspeld)
        if zin.niveau:
            meting.per_niveau[zin.niveau].add(gold, voorspeld)
        for signaal in {s for s, _ in gold | voorspeld}:
            meting.per_signaal[signaal].add(
                {x for x in gold if x[0] == signaal}, {x for x in voorspeld if x[0] == signaal}
            )
        if gold != voorspeld:
            meting.fouten.append((zin, gold, voorspeld))
    return meting


@dataclass
class Veiligheidsmeting:
    """Safety apart: recall of present safety signals, and false alarms on traps."""

    gevonden: int = 0  # present safety signals predicted present
    aanwezig: int = 0  # present safety signals annotated
    vallen: int = 0  # trap sentences
    valse_alarmen: int = 0  # traps where some safety signal was predicted present
    gemist: list[tuple[str, str]] = field(default_factory=list)
    alarmen: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.gevonden / self.aanwezig if self.aanwezig else 1.0

    @property
    def vals_alarm(self) -> float:
        return self.valse_alarmen / self.vallen if self.vallen else 0.0


def measure_safety(
    voorspel: Voorspeller, zinnen: list[GeannoteerdeZin], veiligheid: set[str]
) -> Veiligheidsmeting:
    """A safety sentence counts as found when any safety signal is predicted present (the
    conclusion follows from any of them); a trap when none is."""
    meting = Veiligheidsmeting()
    for zin in zinnen:
        voorspeld = {s for s, st in voorspel(zin.tekst).items() if st == Status.aanwezig.value}
        alarm = sorted(voorspeld & veiligheid)
        if zin.soort == "val":
            meting.vallen += 1
            if alarm:
                meting.valse_alarmen += 1
                meting.alarmen.append((zin.tekst, alarm))
            continue
        for signaal, status in zin.signalen.items():
            if signaal in veiligheid and status == Status.aanwezig.value:
                meting.aanwezig += 1
                if alarm:
                    meting.gevonden += 1
                else:
                    meting.gemist.append((zin.tekst, signaal))
    return meting
