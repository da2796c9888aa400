"""Detection quality and speed: prints figures, asserts nothing.

    python benchmarks/detectie.py                 # alle sets: totaal, per status, register
    python benchmarks/detectie.py --per-signaal   # ook per signaal (nieuwe blinde set)
    python benchmarks/detectie.py --fouten 30     # de eerste 30 fouten op de kalibratieset
    python benchmarks/detectie.py --patronen      # ter vergelijking: alleen de patronen
    python benchmarks/detectie.py --fouten-veiligheid 20   # fouten op de ontwikkelset veiligheid

Sets (see tests/blind/README.md): the new blind set (tests/blind/zinnen/), the old blind set
(tests/blind/oud/), the blind safety set (tests/blind/veiligheid/), the safety development
set (tests/ontwikkel/, not blind: its errors may be read), and the calibration set
(tests/kalibratie/, which was used to choose thresholds, so it is not a blind figure).
Errors are only ever listed for the calibration set: reading the blind sets' errors would
tune on them.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from loyaliteit.kennisbank import load_kennisbank
from loyaliteit.kennisbank.graaf import safety_signals
from loyaliteit.signalering import Detector, detector_for
from loyaliteit.signalering.detect import Herkenning
from loyaliteit.signalering.meten import (
    Meting,
    load_sentences,
    measure,
    measure_safety,
    predictor,
)
from loyaliteit.signalering.tekst import split_sentences

REPO = Path(__file__).resolve().parents[1]
console = Console()
STATUSSEN = ("aanwezig", "ontkend", "verleden", "hypothetisch", "ander_persoon")
REGISTERS = ("verhalend", "logboek", "citaat", "indirect", "ik")


def sets() -> dict[str, list]:
    def laad(*delen: str):
        return load_sentences(sorted((REPO / "tests").joinpath(*delen).glob("*.yaml")))

    return {
        "blind (nieuw)": laad("blind", "zinnen"),
        "blind (oud)": laad("blind", "oud"),
        "kalibratie": laad("kalibratie"),
    }


def figures_table(titel: str, metingen: dict[str, Meting]) -> Table:
    tabel = Table(title=titel, title_justify="left")
    tabel.add_column("")
    for naam in metingen:
        for kop in ("P", "R", "F1"):
            tabel.add_column(f"{naam} {kop}", justify="right")
    rijen = [("signaal én status", lambda m: m.totaal), ("signaal gevonden", lambda m: m.gevonden)]
    rijen += [(f"status {s}", lambda m, s=s: m.per_status[s]) for s in STATUSSEN]
    rijen += [(f"register {r}", lambda m, r=r: m.per_register.get(r)) for r in REGISTERS]
    rijen += [(f"niveau {n}", lambda m, n=n: m.per_niveau.get(n)) for n in ("po", "vo")]
    for label, kies in rijen:
        cellen = []
        for meting in metingen.values():
            t = kies(meting)
            cellen += (
                ["" if t is None else f"{x:.3f}" for x in (t.precisie, t.recall, t.f1)]
                if t
                else ["", "", ""]
            )
        tabel.add_row(label, *cellen)
    return tabel


def per_signal_table(meting: Meting) -> Table:
    tabel = Table(title="per signaal (nieuwe blinde set, signaal én status)", title_justify="left")
    for kop in ("signaal", "P", "R", "F1", "tp", "fp", "fn"):
        tabel.add_column(kop, justify="left" if kop == "signaal" else "right")
    for signaal, t in sorted(meting.per_signaal.items(), key=lambda x: x[1].f1):
        tabel.add_row(
            signaal,
            f"{t.precisie:.2f}",
            f"{t.recall:.2f}",
            f"{t.f1:.2f}",
            str(t.tp),
            str(t.fp),
            str(t.fn),
        )
    return tabel


def speed(detector: Detector) -> tuple[float, float]:
    """Median ms to detect a 250-word case (after warm-up), and sentences per second."""
    teksten = [p.read_text(encoding="utf-8") for p in sorted((REPO / "cases").glob("*.yaml"))]
    woorden = " ".join(" ".join(teksten).split()[:20000]).split()
    casussen = [" ".join(woorden[i : i + 250]) for i in range(0, len(woorden) - 250, 250)]
    detector.detect_text(casussen[0])
    tijden = []
    for tekst in casussen:
        start = time.perf_counter()
        detector.detect_text(tekst)
        tijden.append((time.perf_counter() - start) * 1000)
    zinnen = sum(len(split_sentences(t)) for t in casussen)
    return statistics.median(tijden), zinnen / (sum(tijden) / 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-signaal", action="store_true")
    parser.add_argument("--fouten", type=int, default=0)
    parser.add_argument("--fouten-veiligheid", type=int, default=0, help="ontwikkelset")
    parser.add_argument("--patronen", action="store_true", help="alleen de patronen")
    args = parser.parse_args()
    kb = load_kennisbank()
    detector = detector_for(kb)
    if args.patronen:
        h = detector.herkenning
        detector = Detector(
            kb,
            Herkenning(
                h.herkenner,
                h.status,
                dataclasses.replace(
                    h.instellingen,
                    drempel=1.01,
                    drempel_paar=1.01,
                    drempel_patroon=0.0,
                    drempel_status=1.01,
                ),
            ),
        )
    voorspel = predictor(detector)
    bekend = set(kb.signalen)
    metingen = {naam: measure(voorspel, zinnen, bekend) for naam, zinnen in sets().items()}
    console.print(figures_table("Signalering (P / R / F1)", metingen))
    veiligheid = safety_signals(kb)
    for naam, pad in (
        ("blind", REPO / "tests" / "blind" / "veiligheid" / "zinnen.yaml"),
        ("ontwikkel", REPO / "tests" / "ontwikkel" / "veiligheid.yaml"),
    ):
        zinnen = load_sentences([pad])
        v = measure_safety(voorspel, zinnen, veiligheid)
        console.print(
            f"Veiligheid ({naam}, {len(zinnen)} zinnen): recall van aanwezige "
            f"veiligheidssignalen {v.recall:.3f} ({v.gevonden}/{v.aanwezig}); vals alarm op "
            f"vallen {v.vals_alarm:.3f} ({v.valse_alarmen}/{v.vallen})"
        )
    # errors only from the development set: reading the blind set's would tune on it
    for tekst, signaal in v.gemist[: args.fouten_veiligheid]:
        console.print(f"[bold]gemist[/] {signaal}: {tekst}")
    for tekst, alarm in v.alarmen[: args.fouten_veiligheid]:
        console.print(f"[bold]vals alarm[/] {', '.join(alarm)}: {tekst}")
    if args.per_signaal:
        console.print(per_signal_table(metingen["blind (nieuw)"]))
    for zin, gold, voorspeld in metingen["kalibratie"].fouten[: args.fouten]:
        console.print(
            f"[bold]{zin.tekst}[/]\n  verwacht {sorted(gold)}\n  gevonden {sorted(voorspeld)}"
        )
    mediaan, per_seconde = speed(detector)
    console.print(
        f"Snelheid: {mediaan:.1f} ms per casus van 250 woorden (mediaan), {per_seconde:.0f} zinnen/s"
    )


if __name__ == "__main__":
    main()
