"""Benchmark: prints figures, asserts nothing (speed is measured here, not in timed tests).

    python benchmarks/bench.py            # everything (a few minutes on 2 cores)
    python benchmarks/bench.py --snel     # smaller N, for a quick look

Figures: engine build time (shipped knowledge base, a generated one with 300 rules, and
what `minstens` would cost written as experta ORs), ms per case (median, p95) on the
example cases and on generated 250-word cases, cases per second with 1 and 2
processes, peak memory, CLI cold start, growth with N and with text length (one text of
10 KB to 1 MB, with and without full stops), and the
engine's overhead against a plain Python evaluator of the same rules.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rich.console import Console
from rich.table import Table

from loyaliteit.analyse import analyse, compiled, reason
from loyaliteit.basis import BronVerwijzing
from loyaliteit.casus import Casus, load_casus
from loyaliteit.kennisbank import Kennisbank, load_kennisbank
from loyaliteit.kennisbank.models import Conclusie, Regel, Signaal
from loyaliteit.redeneren import Redeneerder
from loyaliteit.redeneren.compiler import case_facts
from loyaliteit.redeneren.evaluatie import fixpoint, rule_strata

REPO = Path(__file__).resolve().parents[1]
console = Console()
BRON = BronVerwijzing(id="bressers", sectie="benchmark")

FILLER = [
    "De leerkracht bespreekt de voortgang met de intern begeleider",
    "In de klas werkt de groep aan een project over het weer",
    "Na de kerstvakantie start een nieuwe periode met toetsen",
    "De school heeft een nieuwe methode voor rekenen ingevoerd",
    "Op woensdag is er gym in de grote zaal",
    "",
]


def timed(functie, herhalingen: int = 1) -> float:
    beste = float("inf")
    for _ in range(herhalingen):
        start = time.perf_counter()
        functie()
        beste = min(beste, time.perf_counter() - start)
    return beste


def percentile(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, round(p / 100 * (len(geordend) - 1)))]


# --- generated knowledge base with N rules -----------------------------------------


def generated_kb(aantal_regels: int, aantal_signalen: int = 200, seed: int = 1) -> Kennisbank:
    rnd = random.Random(seed)
    kb = Kennisbank(map=Path("<gegenereerd>"))
    for i in range(aantal_signalen):
        kb.signalen[f"s{i}"] = Signaal(
            id=f"s{i}",
            label=f"signaal {i}",
            wie="kind",
            patronen=[f"woord{i}"],
            vraag="?",
            bron=BRON,
        )
    for i in range(aantal_regels):
        conclusie = f"c{i}"
        kb.conclusies[conclusie] = Conclusie(
            id=conclusie,
            soort="patroon" if i % 3 else "classificatie",
            label=conclusie,
            omschrijving=conclusie,
            bron=BRON,
        )
        signalen = rnd.sample(range(aantal_signalen), 10)
        soort = i % 3
        if soort == 0:
            als = {"minstens": {"aantal": 3, "van": [{"signaal": f"s{s}"} for s in signalen]}}
        elif soort == 1:
            eerder = [{"conclusie": f"c{j}"} for j in rnd.sample(range(i), min(i, 1))]
            als = {"alle": [*eerder, {"een_van": [{"signaal": f"s{s}"} for s in signalen[:4]]}]}
        else:
            als = {
                "alle": [{"signaal": f"s{signalen[0]}"}, {"niet": {"signaal": f"s{signalen[1]}"}}]
            }
        kb.regels[f"r{i}"] = Regel(
            id=f"r{i}", naam=f"r{i}", als=als, dan=conclusie, zekerheid=0.7, bron=BRON, uitleg="u"
        )
    return kb


def or_expanded_build_time(aantal_regels: int) -> tuple[float, int]:
    """What we avoid: `minstens 3 van 10` written as an experta OR of ANDs."""
    from itertools import combinations

    from loyaliteit.redeneren.engine import AND, OR, KnowledgeEngine, Rule, SignaalFeit

    attrs = {}
    for i in range(aantal_regels):
        varianten = [
            AND(*(SignaalFeit(id=f"s{s}") for s in combi))
            for combi in combinations(range(i, i + 10), 3)
        ]
        attrs[f"r{i}"] = Rule(OR(*varianten))(lambda self: None)
    klasse = type("OrMotor", (KnowledgeEngine,), attrs)
    start = time.perf_counter()
    motor = klasse()
    duur = time.perf_counter() - start
    return duur, len(motor.get_rules())


# --- generated cases ----------------------------------------------------------------


def case_sentences(kb: Kennisbank) -> list[str]:
    zinnen = [v.tekst for s in kb.signalen.values() for v in s.voorbeelden.wel]
    return zinnen or ["Hij huilt bij het afscheid."]


def generated_case(rnd: random.Random, zinnen: list[str], woorden: int, index: int) -> Casus:
    tekst: list[str] = []
    teller = 0
    while teller < woorden:
        zin = rnd.choice(zinnen) if rnd.random() < 0.4 else rnd.choice(FILLER).strip() + "."
        tekst.append(zin)
        teller += len(zin.split())
    return Casus(id=f"synthetisch_{index}", beschrijving=" ".join(tekst), leerling={"leeftijd": 9})


def per_case_ms(kb: Kennisbank, casussen: list[Casus]) -> list[float]:
    analyse(casussen[0], kb)  # warm-up: lemma cache, first engine run
    tijden = []
    for casus in casussen:
        start = time.perf_counter()
        analyse(casus, kb)
        tijden.append((time.perf_counter() - start) * 1000)
    return tijden


_WORKER: Kennisbank | None = None


def _init_worker() -> None:
    global _WORKER
    _WORKER = load_kennisbank()


def _analyse_in_worker(casus: Casus) -> int:
    return len(analyse(casus, _WORKER).conclusies)


def cases_per_second(casussen: list[Casus], processen: int) -> float:
    start = time.perf_counter()
    with ProcessPoolExecutor(processen, initializer=_init_worker) as pool:
        list(pool.map(_analyse_in_worker, casussen, chunksize=16))
    return len(casussen) / (time.perf_counter() - start)


def engine_overhead(kb: Kennisbank, casussen: list[Casus]) -> tuple[float, float]:
    """Seconds for the experta runs and for the plain evaluator, on the same inputs."""
    redeneerder: Redeneerder = compiled(kb).redeneerder
    strata = rule_strata(kb)
    invoer = []
    for casus in casussen:
        signalen = reason(casus, kb)[0].aanwezig
        invoer.append(
            (signalen, case_facts(casus.leerling, casus.gezinssituatie, casus.betrokkenen))
        )
    experta = timed(lambda: [redeneerder.run(s, k) for s, k in invoer])
    plain = timed(lambda: [fixpoint(kb, set(s), k, strata) for s, k in invoer])
    return experta, plain


def growth_with_length(kb: Kennisbank, zinnen: list[str]) -> list[tuple[str, str]]:
    """Detection time for one text of 10 KB to 1 MB, with and without full stops: the
    time per KB stays flat when detection is linear in the length of the text."""
    detector = compiled(kb).detector
    rnd = random.Random(11)
    bron = " ".join(rnd.choice(zinnen) for _ in range(20_000))
    rijen = []
    for soort, tekst in (("gewone zinnen", bron), ("zonder één punt", bron.replace(".", " "))):
        for grootte in (10_000, 100_000, 1_000_000):
            deel = tekst[:grootte]
            duur = timed(lambda d=deel: detector.detect_text(d))
            rijen.append(
                (
                    f"detectie, één tekst van {grootte // 1000} KB, {soort}",
                    f"{duur:.2f} s ({duur * 1000 / (grootte / 1000):.1f} ms per KB)",
                )
            )
    return rijen


def cold_start() -> tuple[float, float]:
    help_ = timed(
        lambda: subprocess.run([sys.executable, "-m", "loyaliteit", "--help"], capture_output=True),
        3,
    )
    lars = REPO / "cases" / "lars.yaml"
    een_casus = timed(
        lambda: subprocess.run(
            [sys.executable, "-m", "loyaliteit", "analyseer", str(lars)], capture_output=True
        ),
        3,
    )
    return help_, een_casus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snel", action="store_true", help="kleinere aantallen")
    args = parser.parse_args()
    n_klein, n_groot = (50, 200) if args.snel else (100, 2000)

    kb = load_kennisbank()
    rijen: list[tuple[str, str]] = []
    rijen.append(
        (
            "kennisbank",
            f"{len(kb.signalen)} signalen, {len(kb.regels)} regels, "
            f"{len(kb.conclusies)} conclusies",
        )
    )
    rijen.append(
        (
            "engine bouwen, meegeleverde kennisbank",
            f"{timed(lambda: Redeneerder(kb), 3) * 1000:.0f} ms",
        )
    )
    for aantal in (100, 300):
        gen = generated_kb(aantal)
        rijen.append(
            (
                f"engine bouwen, gegenereerd, {aantal} regels",
                f"{timed(lambda g=gen: Redeneerder(g), 3) * 1000:.0f} ms",
            )
        )
    duur, regels = or_expanded_build_time(20)
    rijen.append(
        (
            "ter vergelijking: 20 regels 'minstens 3 van 10' als experta-OR",
            f"{duur * 1000:.0f} ms ({regels} regels, uitgeschreven {regels * 120} varianten)",
        )
    )

    voorbeelden = [load_casus(p) for p in sorted((REPO / "cases").glob("*.yaml"))]
    if voorbeelden:
        tijden = per_case_ms(kb, voorbeelden * 5)
        rijen.append(
            (
                f"per voorbeeldcasus ({len(voorbeelden)} casussen)",
                f"mediaan {statistics.median(tijden):.1f} ms, p95 {percentile(tijden, 95):.1f} ms",
            )
        )

    rnd = random.Random(7)
    zinnen = case_sentences(kb)
    casussen_250 = [generated_case(rnd, zinnen, 250, i) for i in range(n_groot)]
    for n in (n_klein, n_groot):
        tijden = per_case_ms(kb, casussen_250[:n])
        rijen.append(
            (
                f"250 woorden, N={n}",
                f"mediaan {statistics.median(tijden):.1f} ms, p95 {percentile(tijden, 95):.1f} ms, "
                f"totaal {sum(tijden) / 1000:.1f} s",
            )
        )
    for woorden in (125, 500, 1000):
        casussen = [generated_case(rnd, zinnen, woorden, i) for i in range(n_klein)]
        tijden = per_case_ms(kb, casussen)
        rijen.append(
            (f"{woorden} woorden, N={n_klein}", f"mediaan {statistics.median(tijden):.1f} ms")
        )

    rijen += growth_with_length(kb, zinnen)

    for processen in (1, 2):
        per_s = cases_per_second(casussen_250[: n_groot // 2], processen)
        rijen.append((f"casussen per seconde, {processen} proces(sen)", f"{per_s:.0f}"))

    experta, plain = engine_overhead(kb, casussen_250[:n_klein])
    rijen.append(
        (
            f"experta tegen gewone evaluator (N={n_klein})",
            f"{experta * 1000:.0f} ms tegen {plain * 1000:.0f} ms: factor {experta / plain:.1f}",
        )
    )

    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rijen.append(("piekgeheugen (RSS) van dit proces", f"{piek:.0f} MB"))
    help_, een_casus = cold_start()
    rijen.append(("koude start: loyaliteit --help", f"{help_ * 1000:.0f} ms"))
    rijen.append(
        ("koude start: loyaliteit analyseer cases/lars.yaml", f"{een_casus * 1000:.0f} ms")
    )

    tabel = Table(title="loyaliteit benchmark")
    tabel.add_column("meting")
    tabel.add_column("uitkomst", justify="right")
    for meting, uitkomst in rijen:
        tabel.add_row(meting, uitkomst)
    console.print(tabel)


if __name__ == "__main__":
    main()
