"""Knowledge bases generated from a seed, for the engine's differential tests and for the
benchmark (`benchmarks/bench.py` imports this module)."""

from __future__ import annotations

import random
from pathlib import Path

from loyaliteit.basis import BronVerwijzing
from loyaliteit.kennisbank import Kennisbank
from loyaliteit.kennisbank.models import Conclusie, Regel, Signaal

BRON = BronVerwijzing(id="bressers", sectie="gegenereerd")


def _signal(i: int) -> Signaal:
    return Signaal(
        id=f"s{i}", label=f"signaal {i}", wie="kind", patronen=[f"woord{i}"], vraag="?", bron=BRON
    )


def _conclusion(i: int, soort: str = "patroon") -> Conclusie:
    return Conclusie(id=f"c{i}", soort=soort, label=f"c{i}", omschrijving=f"c{i}", bron=BRON)


def benchmark_kb(aantal_regels: int, aantal_signalen: int = 200, seed: int = 1) -> Kennisbank:
    """The benchmark's knowledge base: a third `minstens 3 van 10`, a third chains with an
    `een_van`, a third `alle: [signaal, niet: signaal]` (where experta once fired wrongly)."""
    rnd = random.Random(seed)
    kb = Kennisbank(map=Path("<gegenereerd>"))
    for i in range(aantal_signalen):
        kb.signalen[f"s{i}"] = _signal(i)
    for i in range(aantal_regels):
        kb.conclusies[f"c{i}"] = _conclusion(i, "patroon" if i % 3 else "classificatie")
        signalen = rnd.sample(range(aantal_signalen), 10)
        if i % 3 == 0:
            als = {"minstens": {"aantal": 3, "van": [{"signaal": f"s{s}"} for s in signalen]}}
        elif i % 3 == 1:
            eerder = [{"conclusie": f"c{j}"} for j in rnd.sample(range(i), min(i, 1))]
            als = {"alle": [*eerder, {"een_van": [{"signaal": f"s{s}"} for s in signalen[:4]]}]}
        else:
            als = {
                "alle": [{"signaal": f"s{signalen[0]}"}, {"niet": {"signaal": f"s{signalen[1]}"}}]
            }
        kb.regels[f"r{i}"] = Regel(
            id=f"r{i}", naam=f"r{i}", als=als, dan=f"c{i}", zekerheid=0.7, bron=BRON, uitleg="u"
        )
    return kb


def random_condition(
    rnd: random.Random, signalen: int, eerdere: list[int], diepte: int = 0
) -> dict:
    """Every form of condition: signal, earlier conclusion, case fact, alle, een_van,
    minstens and niet (on a signal, a conclusion or a whole sub-tree)."""
    soorten = ["signaal", "signaal", "casus"] + (["conclusie"] if eerdere else [])
    if diepte < 2:
        soorten += ["alle", "een_van", "minstens", "niet"]
    soort = rnd.choice(soorten)
    if soort == "signaal":
        return {"signaal": f"s{rnd.randrange(signalen)}"}
    if soort == "conclusie":
        return {"conclusie": f"c{rnd.choice(eerdere)}"}
    if soort == "casus":
        return {"casus": rnd.choice([{"leeftijd": {"min": 8}}, {"gezinssituatie": "scheiding"}])}
    if soort == "niet":
        return {"niet": random_condition(rnd, signalen, eerdere, diepte + 1)}
    delen = [random_condition(rnd, signalen, eerdere, diepte + 1) for _ in range(rnd.randint(1, 3))]
    if soort == "minstens":
        return {"minstens": {"aantal": rnd.randint(1, len(delen)), "van": delen}}
    return {soort: delen}


def random_kb(seed: int, regels: int = 12, signalen: int = 8) -> Kennisbank:
    """A small knowledge base whose rules chain forwards (a rule may use any earlier
    conclusion, also under `niet`), with a few rules that share a conclusion and some
    counter-evidence."""
    rnd = random.Random(seed)
    kb = Kennisbank(map=Path(f"<willekeurig {seed}>"))
    for i in range(signalen):
        kb.signalen[f"s{i}"] = _signal(i)
    conclusies = max(1, regels * 2 // 3)
    for i in range(conclusies):
        kb.conclusies[f"c{i}"] = _conclusion(i)
    for i in range(regels):
        doel = rnd.randrange(conclusies)
        als = random_condition(rnd, signalen, list(range(doel)))
        zekerheid = -0.4 if rnd.random() < 0.15 else 0.8
        kb.regels[f"r{i}"] = Regel(
            id=f"r{i}",
            naam=f"r{i}",
            als=als,
            dan=f"c{doel}",
            zekerheid=zekerheid,
            bron=BRON,
            uitleg="u",
        )
    return kb
