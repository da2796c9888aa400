"""Detection quality and speed: prints figures, asserts nothing.

    python benchmarks/detectie.py                 # ontwikkel- en toetsdeel, per status
    python benchmarks/detectie.py --per-signaal   # ook per signaal
    python benchmarks/detectie.py --fouten 30     # de eerste 30 fouten van het ontwikkeldeel

The annotated sentences are in tests/detectie/: the files in tests/detectie/blind/ are the
blind test set (written without seeing patterns or other sentences, never tuned on); the
other files are for development (tuning patterns).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from loyaliteit.kennisbank import load_kennisbank
from loyaliteit.signalering import Detector
from loyaliteit.signalering.meten import Meting, load_sentences, measure, predict, split

REPO = Path(__file__).resolve().parents[1]
console = Console()


def figures_table(titel: str, uitslagen: dict[str, Meting]) -> Table:
    tabel = Table(title=titel)
    tabel.add_column("")
    for naam in uitslagen:
        tabel.add_column(f"{naam} P", justify="right")
        tabel.add_column(f"{naam} R", justify="right")
        tabel.add_column(f"{naam} F1", justify="right")
    rijen = [
        ("signaal en status (totaal)", lambda u: u.totaal),
        ("signaal gevonden", lambda u: u.gevonden),
    ]
    rijen += [
        (f"status {s}", lambda u, s=s: u.per_status[s])
        for s in ("aanwezig", "ontkend", "verleden", "hypothetisch", "ander_persoon")
    ]
    for label, kies in rijen:
        cellen = []
        for uitslag in uitslagen.values():
            t = kies(uitslag)
            cellen += [f"{t.precisie:.3f}", f"{t.recall:.3f}", f"{t.f1:.3f}"]
        tabel.add_row(label, *cellen)
    return tabel


def speed(detector: Detector, zinnen: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    for tekst in zinnen:
        detector.detect_text(tekst)
    per_seconde = len(zinnen) / (time.perf_counter() - start)
    rnd = random.Random(1)
    tijden = []
    for _ in range(50):
        tekst, woorden = [], 0
        while woorden < 250:
            zin = rnd.choice(zinnen)
            tekst.append(zin)
            woorden += len(zin.split())
        start = time.perf_counter()
        detector.detect_text(" ".join(tekst))
        tijden.append((time.perf_counter() - start) * 1000)
    return per_seconde, statistics.median(tijden)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-signaal", action="store_true")
    parser.add_argument("--fouten", type=int, default=0)
    parser.add_argument(
        "--bestanden",
        default="",
        help="alleen de signalen uit deze kennisbankbestanden, bv. kind.yaml,gezin.yaml "
        "(dan alleen het ontwikkeldeel: om patronen bij te stellen)",
    )
    args = parser.parse_args()
    kb = load_kennisbank()
    detector = Detector(kb)
    zinnen = load_sentences(sorted((REPO / "tests" / "detectie").rglob("*.yaml")))
    if args.bestanden:
        develop_for(kb, detector, zinnen, args.bestanden.split(","), args.fouten)
        return
    onbekend = {s for z in zinnen for s in z.signalen} - set(kb.signalen)
    if onbekend:
        console.print(f"[red]onbekende signalen in de annotaties: {sorted(onbekend)}[/]")
        sys.exit(1)
    ontwikkel, toets = split(zinnen)
    uitslagen = {"ontwikkel": measure(detector, ontwikkel), "toets": measure(detector, toets)}
    console.print(
        f"{len(zinnen)} zinnen ({len(ontwikkel)} ontwikkel, {len(toets)} toets), "
        f"{len({s for z in zinnen for s in z.signalen})} signalen geannoteerd"
    )
    console.print(figures_table("Signalering", uitslagen))
    per_seconde, ms_250 = speed(detector, [z.tekst for z in zinnen])
    console.print(
        f"snelheid: {per_seconde:.0f} zinnen per seconde; {ms_250:.1f} ms (mediaan) voor een casus van 250 woorden"
    )
    if args.per_signaal:
        alles = measure(detector, zinnen)
        tabel = Table(title="Per signaal (alle zinnen)")
        for kolom in ("signaal", "P", "R", "F1", "tp", "fp", "fn"):
            tabel.add_column(kolom)
        for signaal, t in sorted(alles.per_signaal.items(), key=lambda x: x[1].f1):
            tabel.add_row(
                signaal,
                f"{t.precisie:.2f}",
                f"{t.recall:.2f}",
                f"{t.f1:.2f}",
                str(t.tp),
                str(t.fp),
                str(t.fn),
            )
        console.print(tabel)
    for zin, gold, voorspeld in uitslagen["ontwikkel"].fouten[: args.fouten]:
        console.print(
            f"[bold]{zin.tekst}[/]\n  verwacht: {sorted(gold)}\n  gevonden: {sorted(voorspeld)}",
            highlight=False,
        )


def develop_for(kb, detector: Detector, zinnen, bestanden: list[str], fouten: int) -> None:
    """Figures and errors on the development part only, for the signals of some files."""
    signalen = {
        s for s in kb.signalen if kb.herkomst[("signalen", s)].bestand.split("/")[-1] in bestanden
    }
    ontwikkel, _ = split(zinnen)
    relevant = [
        z
        for z in ontwikkel
        if set(z.signalen) & signalen or set(predict(detector, z.tekst)) & signalen
    ]
    uitslag = measure_only(detector, relevant, signalen)
    console.print(f"{len(signalen)} signalen, {len(relevant)} zinnen uit het ontwikkeldeel")
    console.print(figures_table("Ontwikkeldeel", {"ontwikkel": uitslag}))
    for zin, gold, voorspeld in uitslag.fouten[:fouten]:
        console.print(
            f"[bold]{zin.tekst}[/]\n  verwacht: {sorted(gold)}\n  gevonden: {sorted(voorspeld)}",
            highlight=False,
        )


def measure_only(detector: Detector, zinnen, signalen: set[str]) -> Meting:
    class Gefilterd:
        def detect_text(self, tekst):
            return [f for f in detector.detect_text(tekst) if f.signaal in signalen]

    return measure(Gefilterd(), zinnen, bekend=signalen)


if __name__ == "__main__":
    main()
