"""Measure detection against annotated sentences: precision, recall and F1.

An annotated sentence names, for each signal it contains, the status it has there
(`aanwezig`, `ontkend`, `verleden`, `hypothetisch`, `ander_persoon`); every other
signal is absent. A prediction counts as right only when signal and status both
match. Figures are given overall, for `aanwezig` alone (what feeds the engine), per
status and per signal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .context import Status
from .detect import Detector


@dataclass
class GeannoteerdeZin:
    tekst: str
    signalen: dict[str, str]
    bron: str = ""
    blind: bool = False  # from the held-out set (tests/detectie/blind/): never tuned on


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
                    pad.parent.name == "blind",
                )
            )
    return zinnen


def split(zinnen: list[GeannoteerdeZin]) -> tuple[list[GeannoteerdeZin], list[GeannoteerdeZin]]:
    """Development sentences (patterns may be tuned on them) and the blind test set
    (written without looking at patterns or other sentences, never tuned on)."""
    return [z for z in zinnen if not z.blind], [z for z in zinnen if z.blind]


def predict(detector: Detector, tekst: str) -> dict[str, str]:
    """One status per signal for the whole sentence; `aanwezig` wins over set-aside ones."""
    voorspeld: dict[str, str] = {}
    for finding in detector.detect_text(tekst):
        if voorspeld.get(finding.signaal) != Status.aanwezig.value:
            voorspeld[finding.signaal] = finding.status.value
    return voorspeld


def measure(
    detector: Detector, zinnen: list[GeannoteerdeZin], bekend: set[str] | None = None
) -> Meting:
    uitslag = Meting()
    for zin in zinnen:
        gold = {(s, st) for s, st in zin.signalen.items() if bekend is None or s in bekend}
        voorspeld = set(predict(detector, zin.tekst).items())
        uitslag.totaal.add(gold, voorspeld)
        uitslag.gevonden.add({s for s, _ in gold}, {s for s, _ in voorspeld})
        for status in Status:
            uitslag.per_status[status.value].add(
                {x for x in gold if x[1] == status.value},
                {x for x in voorspeld if x[1] == status.value},
            )
        for signaal in {s for s, _ in gold | voorspeld}:
            uitslag.per_signaal[signaal].add(
                {x for x in gold if x[0] == signaal}, {x for x in voorspeld if x[0] == signaal}
            )
        if gold != voorspeld:
            uitslag.fouten.append((zin, gold, voorspeld))
    return uitslag
