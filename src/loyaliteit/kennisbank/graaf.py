"""The dependency graph between rules and conclusions: cycles and reachability."""

from __future__ import annotations

from ..fouten import Invoerfout
from ..yamlbestand.document import format_pad
from .conditie import (
    AlleConditie,
    Bezoeker,
    CasusConditie,
    ConclusieConditie,
    Conditie,
    EenVanConditie,
    MinstensConditie,
    NietConditie,
    SignaalConditie,
    walk,
)
from .kennisbank import Kennisbank


def conclusion_dependencies(conditie: Conditie) -> set[tuple[str, bool]]:
    """The conclusions a condition uses, each with whether it is used under a `niet`."""
    return {
        (stap.conditie.conclusie, stap.onder_niet)
        for stap in walk(conditie)
        if stap.conditie.soort == "conclusie"
    }


def find_cycles(kb: Kennisbank) -> list[tuple[list[str], bool]]:
    """Cycles between conclusions: one path per strongly connected group, and whether a
    `niet` lies inside it. Linear in the size of the graph (Tarjan)."""
    randen: dict[str, set[tuple[str, bool]]] = {}
    for regel in kb.regels.values():
        for doel, negatief in conclusion_dependencies(regel.als):
            randen.setdefault(regel.dan, set()).add((doel, negatief))
    cycli = []
    for groep in _strongly_connected(randen):
        lus = any((k, n) in randen.get(k, ()) for k in groep for n in (False, True))
        if len(groep) == 1 and not lus:
            continue
        via_niet = any(neg for k in groep for doel, neg in randen.get(k, ()) if doel in groep)
        cycli.append((_cycle_path(sorted(groep), randen), via_niet))
    return cycli


def _strongly_connected(randen: dict[str, set[tuple[str, bool]]]) -> list[set[str]]:
    index: dict[str, int] = {}
    laag: dict[str, int] = {}
    stapel: list[str] = []
    op_stapel: set[str] = set()
    groepen: list[set[str]] = []
    teller = 0

    def bezoek(knoop: str) -> None:
        nonlocal teller
        index[knoop] = laag[knoop] = teller
        teller += 1
        stapel.append(knoop)
        op_stapel.add(knoop)
        for doel, _ in sorted(randen.get(knoop, ())):
            if doel not in index:
                bezoek(doel)
                laag[knoop] = min(laag[knoop], laag[doel])
            elif doel in op_stapel:
                laag[knoop] = min(laag[knoop], index[doel])
        if laag[knoop] == index[knoop]:
            groep = set()
            while True:
                lid = stapel.pop()
                op_stapel.discard(lid)
                groep.add(lid)
                if lid == knoop:
                    break
            groepen.append(groep)

    for knoop in sorted(randen):
        if knoop not in index:
            bezoek(knoop)
    return groepen


def _cycle_path(groep: list[str], randen: dict[str, set[tuple[str, bool]]]) -> list[str]:
    """One concrete cycle through the group, starting at its first member."""
    start = groep[0]
    pad = [start]
    huidig = start
    gezien = {start}
    while True:
        volgende = sorted(d for d, _ in randen.get(huidig, ()) if d in groep)
        terug = start in volgende
        if terug and (
            len(pad) > 1
            or (start, False) in randen.get(start, ())
            or (start, True) in randen.get(start, ())
        ):
            return [*pad, start]
        nieuw = [d for d in volgende if d not in gezien]
        if not nieuw:
            return [*pad, volgende[0]] if volgende else pad
        huidig = nieuw[0]
        gezien.add(huidig)
        pad.append(huidig)


class _Vervulbaar(Bezoeker[bool]):
    """Could a condition hold for some case, given the conclusions that can be reached?"""

    def __init__(self, bereikbaar: set[str]):
        self.bereikbaar = bereikbaar

    def signaal(self, conditie: SignaalConditie) -> bool:
        return True

    def casus(self, conditie: CasusConditie) -> bool:
        return True

    def niet(self, conditie: NietConditie) -> bool:
        return True

    def conclusie(self, conditie: ConclusieConditie) -> bool:
        return conditie.conclusie in self.bereikbaar

    def alle(self, conditie: AlleConditie) -> bool:
        return all(deel.accept(self) for deel in conditie.alle)

    def een_van(self, conditie: EenVanConditie) -> bool:
        return any(deel.accept(self) for deel in conditie.een_van)

    def minstens(self, conditie: MinstensConditie) -> bool:
        m = conditie.minstens
        return sum(deel.accept(self) for deel in m.van) >= m.aantal


def satisfiable(conditie: Conditie, bereikbaar: set[str]) -> bool:
    """Could this condition hold for some case, given the conclusions that can be reached?"""
    return conditie.accept(_Vervulbaar(bereikbaar))


def reachable_conclusions(kb: Kennisbank) -> set[str]:
    """Conclusions that some combination of signals and case facts can derive."""
    bereikbaar: set[str] = set()
    veranderd = True
    while veranderd:
        veranderd = False
        for regel in kb.regels.values():
            if (
                regel.zekerheid > 0
                and regel.dan not in bereikbaar
                and satisfiable(regel.als, bereikbaar)
            ):
                bereikbaar.add(regel.dan)
                veranderd = True
    return bereikbaar


def cycle_errors(kb: Kennisbank) -> list[Invoerfout]:
    """Every cycle as an error on the first rule that closes it: through `niet` the
    question has no answer (is X absent?), and without it certainty would depend on the
    order of evaluation. The loader refuses these; the lint reports the same errors."""
    fouten = []
    for cyclus, via_niet in find_cycles(kb):
        regel = next(r for r in kb.regels.values() if r.dan == cyclus[0])
        h = kb.herkomst[("regels", regel.id)]
        soort = "kringloop via 'niet'" if via_niet else "kringloop"
        fouten.append(
            Invoerfout(
                h.bestand,
                f"{soort}: " + " → ".join(cyclus),
                h.line_of("als"),
                format_pad((*h.pad, "als")),
            )
        )
    return fouten


def safety_signals(kb: Kennisbank) -> set[str]:
    """The signals from which a safety conclusion can be derived (through any chain)."""
    from .models import Soort

    leidt_tot = {c.id for c in kb.conclusies.values() if c.soort == Soort.veiligheid}
    veranderd = True
    while veranderd:
        veranderd = False
        for regel in kb.regels.values():
            if regel.dan in leidt_tot and regel.zekerheid > 0:
                for stap in walk(regel.als):
                    nieuw = stap.conditie.soort == "conclusie" and not stap.onder_niet
                    if nieuw and stap.conditie.conclusie not in leidt_tot:
                        leidt_tot.add(stap.conditie.conclusie)
                        veranderd = True
    return {
        stap.conditie.signaal
        for regel in kb.regels.values()
        if regel.dan in leidt_tot and regel.zekerheid > 0
        for stap in walk(regel.als)
        if stap.conditie.soort == "signaal" and not stap.onder_niet
    }
