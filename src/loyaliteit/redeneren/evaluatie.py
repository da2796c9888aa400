"""A plain Python evaluator of condition trees against a set of facts.

The engine decides what fires; this evaluator answers the questions the engine
cannot: which premises of a rule that did *not* fire were present and which were
missing (why not), and what a run would give without one signal (what if). The
benchmark also uses `fixpoint` to measure the engine's overhead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..kennisbank import Kennisbank
from ..kennisbank.conditie import (
    AlleConditie,
    Bereik,
    Bezoeker,
    CasusConditie,
    ConclusieConditie,
    Conditie,
    EenVanConditie,
    MinstensConditie,
    NietConditie,
    SignaalConditie,
)
from .afleiding import FeitRef
from .compiler import case_value_test, compile_knowledge_base


@dataclass
class Toestand:
    """The facts a condition is evaluated against."""

    signalen: set[str]
    conclusies: set[str]
    kenmerken: list[FeitRef] = field(default_factory=list)

    def has_fact(self, naam: str, verwacht) -> bool:
        test = case_value_test(verwacht)
        return any(f.id == naam and test(f.waarde) for f in self.kenmerken)


@dataclass
class Evaluatie:
    geldt: bool
    aanwezig: list[str] = field(default_factory=list)
    ontbrekend: list[str] = field(default_factory=list)
    nodig: int = 0  # how many more premises are needed at least

    @property
    def score(self) -> float:
        totaal = len(self.aanwezig) + self.nodig
        return len(self.aanwezig) / totaal if totaal else 0.0


def describe_case_fact(naam: str, verwacht) -> str:
    if isinstance(verwacht, Bereik):
        delen = []
        if verwacht.min is not None:
            delen.append(f"≥ {verwacht.min:g}")
        if verwacht.max is not None:
            delen.append(f"≤ {verwacht.max:g}")
        return f"{naam} {' en '.join(delen)}"
    return f"{naam}: {verwacht}"


class _Evaluator(Bezoeker[Evaluatie]):
    """Evaluates a condition tree against a `Toestand`, keeping what held and what not."""

    def __init__(self, toestand: Toestand):
        self.toestand = toestand

    def signaal(self, conditie: SignaalConditie) -> Evaluatie:
        return _leaf(conditie.signaal in self.toestand.signalen, conditie.signaal)

    def conclusie(self, conditie: ConclusieConditie) -> Evaluatie:
        return _leaf(conditie.conclusie in self.toestand.conclusies, conditie.conclusie)

    def casus(self, conditie: CasusConditie) -> Evaluatie:
        return _all(
            [
                _leaf(self.toestand.has_fact(naam, verwacht), describe_case_fact(naam, verwacht))
                for naam, verwacht in conditie.casus.named()
            ]
        )

    def alle(self, conditie: AlleConditie) -> Evaluatie:
        return _all([deel.accept(self) for deel in conditie.alle])

    def een_van(self, conditie: EenVanConditie) -> Evaluatie:
        return _at_least(1, [deel.accept(self) for deel in conditie.een_van])

    def minstens(self, conditie: MinstensConditie) -> Evaluatie:
        m = conditie.minstens
        return _at_least(m.aantal, [deel.accept(self) for deel in m.van])

    def niet(self, conditie: NietConditie) -> Evaluatie:
        binnen = conditie.niet.accept(self)
        if binnen.geldt:
            return Evaluatie(False, [], [f"niet: {', '.join(binnen.aanwezig)}"], 1)
        return Evaluatie(True, [], [], 0)


def evaluate(conditie: Conditie, toestand: Toestand) -> Evaluatie:
    return conditie.accept(_Evaluator(toestand))


def _leaf(geldt: bool, naam: str) -> Evaluatie:
    return Evaluatie(True, [naam]) if geldt else Evaluatie(False, [], [naam], 1)


def _all(delen: list[Evaluatie]) -> Evaluatie:
    return Evaluatie(
        all(d.geldt for d in delen),
        [a for d in delen for a in d.aanwezig],
        [o for d in delen for o in d.ontbrekend],
        sum(d.nodig for d in delen),
    )


def _at_least(aantal: int, delen: list[Evaluatie]) -> Evaluatie:
    geldend = [d for d in delen if d.geldt]
    aanwezig = [a for d in delen for a in d.aanwezig]
    if len(geldend) >= aantal:
        return Evaluatie(True, aanwezig, [], 0)
    rest = sorted((d for d in delen if not d.geldt), key=lambda d: d.nodig)
    nog = aantal - len(geldend)
    return Evaluatie(
        False,
        aanwezig,
        [o for d in rest for o in d.ontbrekend],
        sum(d.nodig for d in rest[:nog]),
    )


def rule_strata(kb: Kennisbank) -> dict[str, int]:
    """The stratum of every YAML rule, as the engine orders them."""
    return compile_knowledge_base(kb)[2]


def fixpoint(
    kb: Kennisbank,
    signalen: set[str],
    kenmerken: list[FeitRef],
    strata: dict[str, int] | None = None,
) -> set[str]:
    """Forward chaining without experta: the conclusions derivable from these facts.

    Strata are run in order, each to its fixpoint, so a `niet` is only tested once
    everything it depends on has been derived (the same order the engine uses).
    """
    strata = strata if strata is not None else rule_strata(kb)
    toestand = Toestand(set(signalen), set(), kenmerken)
    positief = [r for r in kb.regels.values() if r.zekerheid > 0]
    for stratum in sorted({strata[r.id] for r in positief}):
        laag = [r for r in positief if strata[r.id] == stratum]
        veranderd = True
        while veranderd:
            veranderd = False
            for regel in laag:
                if regel.dan not in toestand.conclusies and evaluate(regel.als, toestand).geldt:
                    toestand.conclusies.add(regel.dan)
                    veranderd = True
    return toestand.conclusies
