"""Build the engine class from the knowledge base once; run it for each case."""

from __future__ import annotations

from ..kennisbank import Kennisbank
from .afleiding import Derivation, FeitRef, Firing
from .compiler import Onderdeel, compile_knowledge_base
from .engine import (
    ConclusieFeit,
    DeelFeit,
    KenmerkFeit,
    KnowledgeEngine,
    LidFeit,
    Rule,
    SignaalFeit,
    Strategie,
)


def _fact_ref(soort: str, fact) -> FeitRef:
    if soort == "signaal" or soort == "conclusie" or soort == "deel":
        return FeitRef(soort=soort, id=fact["id"])
    naam = soort.split(":", 1)[1]
    return FeitRef(soort="kenmerk", id=naam, waarde=fact["waarde"])


def _action(onderdeel: Onderdeel):
    """The right-hand side of one rule part: record the firing, then declare."""
    gebonden = dict(onderdeel.gebonden)

    def action(engine, **bindingen) -> None:
        if onderdeel.telt is not None:
            knoop, aantal = onderdeel.telt
            leden = sum(
                1 for f in engine.facts.values() if isinstance(f, LidFeit) and f["knoop"] == knoop
            )
            if leden >= aantal:
                engine.declare(DeelFeit(id=knoop))
            return
        engine.trace.append(
            Firing(
                regel=onderdeel.regel,
                knoop=onderdeel.knoop,
                optie=onderdeel.optie,
                knoopsoort=onderdeel.knoopsoort,
                aantal=onderdeel.aantal,
                dan=onderdeel.dan,
                feiten=[
                    _fact_ref(gebonden[naam], bindingen[naam])
                    for naam in sorted(gebonden, key=lambda n: int(n[1:]))
                ],
            )
        )
        if onderdeel.declareert is not None:
            engine.declare(onderdeel.declareert.copy())

    action.__name__ = onderdeel.naam
    return action


def build_engine_class(kb: Kennisbank) -> type[KnowledgeEngine]:
    """One experta rule per YAML rule (plus linear helpers), salience by stratum."""
    onderdelen, strata, _ = compile_knowledge_base(kb)
    return _engine_class(kb, onderdelen, strata)


def _engine_class(kb: Kennisbank, onderdelen: list[Onderdeel], strata: dict[str, int]):
    hoogste = max(strata.values(), default=0)
    attrs: dict[str, object] = {
        "__doc__": f"Engine voor de kennisbank in {kb.map}",
        "__strategy__": Strategie,
    }
    for index, deel in enumerate(onderdelen):
        salience = hoogste - strata[deel.naam]
        attrs[f"r{index:05d}"] = Rule(*deel.patronen, salience=salience)(_action(deel))
    return type("Kennisbankmotor", (KnowledgeEngine,), attrs)


class Redeneerder:
    """The compiled knowledge base; build once per process, run for every case."""

    def __init__(self, kb: Kennisbank):
        self.kb = kb
        onderdelen, strata, per_regel = compile_knowledge_base(kb)
        self.engine_class = _engine_class(kb, onderdelen, strata)
        self.engine = self.engine_class()
        # the stratum of every YAML rule, for the plain evaluator (why not, what if)
        self.strata = per_regel

    def run(self, signalen: dict[str, float], kenmerken: list[FeitRef]) -> Derivation:
        engine = self.engine
        engine.reset()
        engine.trace = []
        for signaal_id in sorted(signalen):
            engine.declare(SignaalFeit(id=signaal_id))
        for feit in kenmerken:
            engine.declare(KenmerkFeit(naam=feit.id, waarde=feit.waarde))
        engine.run()
        afgeleid = sorted(f["id"] for f in engine.facts.values() if isinstance(f, ConclusieFeit))
        return Derivation(
            signalen=dict(sorted(signalen.items())),
            kenmerken=kenmerken,
            firings=engine.trace,
            afgeleid=afgeleid,
        )
