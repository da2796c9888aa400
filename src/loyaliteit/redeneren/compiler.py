"""Compile the YAML condition trees into experta rules, keeping the network linear.

Every YAML rule becomes one experta `Rule` whose left-hand side is a flat AND of
patterns. `een_van` and `minstens` are never written as experta ORs (experta expands
each OR into separate rule variants, so "3 of 10" would become 120 rules): each of
their items becomes a small helper rule that declares a `Deel`/`Lid` fact, and a
`minstens` node has one counting rule. The number of rules therefore grows with the
size of the trees, not with their combinations.
"""

from __future__ import annotations

from collections.abc import Callable
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
from ..kennisbank.models import Regel
from .afleiding import FeitRef
from .engine import AS, NOT, ConclusieFeit, DeelFeit, KenmerkFeit, LidFeit, P, SignaalFeit
from .strata import Afhankelijkheden, stratify

# A compiled part: (name, left-hand side patterns, what it declares, bound names -> how to record)
Actie = Callable[..., None]


@dataclass
class Onderdeel:
    """One experta rule to generate: a YAML rule itself, or one of its helper parts."""

    naam: str
    regel: str
    patronen: list = field(default_factory=list)
    gebonden: dict[str, str] = field(default_factory=dict)  # binding name -> fact kind
    knoop: str | None = None
    optie: int | None = None
    knoopsoort: str | None = None
    aantal: int | None = None
    dan: str | None = None
    declareert: object = None  # the fact to declare when it fires (None: only record)
    telt: tuple[str, int] | None = None  # (node, N) for a minstens counting rule
    afhankelijkheden: Afhankelijkheden | None = None


class _Builder(Bezoeker[None]):
    """Adds the patterns of a condition to a rule part's left-hand side (an AND); an
    `een_van` or `minstens` becomes helper parts that declare a `DeelFeit`."""

    def __init__(self, regel: Regel):
        self.regel = regel
        self.onderdelen: list[Onderdeel] = []

    def _bind(self, onderdeel: Onderdeel, soort: str, fact) -> object:
        naam = f"f{len(onderdeel.gebonden)}"
        onderdeel.gebonden[naam] = soort
        return getattr(AS, naam) << fact

    def _node_id(self, pad: str) -> str:
        return f"{self.regel.id}/{pad}"

    def add_patterns(self, onderdeel: Onderdeel, conditie: Conditie, pad: str) -> None:
        """Add the patterns for `conditie` to `onderdeel`'s left-hand side (an AND)."""
        conditie.accept(self, onderdeel, pad)

    def signaal(self, conditie: SignaalConditie, onderdeel: Onderdeel, pad: str) -> None:
        onderdeel.patronen.append(
            self._bind(onderdeel, "signaal", SignaalFeit(id=conditie.signaal))
        )

    def conclusie(self, conditie: ConclusieConditie, onderdeel: Onderdeel, pad: str) -> None:
        onderdeel.afhankelijkheden.positief.add(f"conclusie:{conditie.conclusie}")
        onderdeel.patronen.append(
            self._bind(onderdeel, "conclusie", ConclusieFeit(id=conditie.conclusie))
        )

    def casus(self, conditie: CasusConditie, onderdeel: Onderdeel, pad: str) -> None:
        for naam, fact in casus_patterns(conditie):
            onderdeel.patronen.append(self._bind(onderdeel, f"kenmerk:{naam}", fact))

    def alle(self, conditie: AlleConditie, onderdeel: Onderdeel, pad: str) -> None:
        for index, deel in enumerate(conditie.alle):
            self.add_patterns(onderdeel, deel, f"{pad}.alle[{index}]")

    def niet(self, conditie: NietConditie, onderdeel: Onderdeel, pad: str) -> None:
        onderdeel.patronen.append(NOT(self._negated_pattern(onderdeel, conditie.niet, pad)))

    def een_van(self, conditie: EenVanConditie, onderdeel: Onderdeel, pad: str) -> None:
        knoop = self._helper_node(conditie.een_van, pad + ".een_van", None, "een_van")
        onderdeel.afhankelijkheden.positief.add(f"deel:{knoop}")
        onderdeel.patronen.append(self._bind(onderdeel, "deel", DeelFeit(id=knoop)))

    def minstens(self, conditie: MinstensConditie, onderdeel: Onderdeel, pad: str) -> None:
        m = conditie.minstens
        knoop = self._helper_node(m.van, pad + ".minstens", m.aantal, "minstens")
        onderdeel.afhankelijkheden.positief.add(f"deel:{knoop}")
        onderdeel.patronen.append(self._bind(onderdeel, "deel", DeelFeit(id=knoop)))

    def _negated_pattern(self, onderdeel: Onderdeel, conditie: Conditie, pad: str):
        """The one fact whose absence `niet` tests: a signal, a conclusion, a single case
        fact, or else a helper node for the whole sub-condition."""
        afh = onderdeel.afhankelijkheden
        if conditie.soort == "signaal":
            return SignaalFeit(id=conditie.signaal)
        if conditie.soort == "conclusie":
            afh.negatief.add(f"conclusie:{conditie.conclusie}")
            return ConclusieFeit(id=conditie.conclusie)
        if conditie.soort == "casus" and len(conditie.casus.model_fields_set) == 1:
            return next(fact for _, fact in casus_patterns(conditie))
        knoop = self._helper_node([conditie], pad + ".niet", None, "niet")
        afh.negatief.add(f"deel:{knoop}")
        return DeelFeit(id=knoop)

    def _helper_node(
        self, items: list[Conditie], pad: str, minstens: int | None, knoopsoort: str
    ) -> str:
        """Helper rules for a list: one per item; `minstens` adds a counting rule."""
        knoop = self._node_id(pad)
        for index, item in enumerate(items):
            helper = Onderdeel(
                naam=f"{knoop}[{index}]",
                regel=self.regel.id,
                knoop=knoop,
                optie=index,
                knoopsoort=knoopsoort,
                aantal=minstens,
                declareert=DeelFeit(id=knoop)
                if minstens is None
                else LidFeit(knoop=knoop, index=index),
                afhankelijkheden=Afhankelijkheden(
                    f"{knoop}[{index}]", f"deel:{knoop}" if minstens is None else f"lid:{knoop}"
                ),
            )
            self.add_patterns(helper, item, f"{pad}[{index}]")
            self.onderdelen.append(helper)
        if minstens is not None:
            teller = Onderdeel(
                naam=f"{knoop}#tel",
                regel=self.regel.id,
                knoop=knoop,
                telt=(knoop, minstens),
                afhankelijkheden=Afhankelijkheden(
                    f"{knoop}#tel", f"deel:{knoop}", positief={f"lid:{knoop}"}
                ),
            )
            teller.patronen.append(LidFeit(knoop=knoop))
            self.onderdelen.append(teller)
        return knoop


def compile_rule(regel: Regel) -> list[Onderdeel]:
    """The experta rule parts for one YAML rule: the rule itself last."""
    builder = _Builder(regel)
    hoofd = Onderdeel(
        naam=regel.id,
        regel=regel.id,
        dan=regel.dan,
        declareert=ConclusieFeit(id=regel.dan) if regel.zekerheid > 0 else None,
        afhankelijkheden=Afhankelijkheden(regel.id, f"conclusie:{regel.dan}"),
    )
    if regel.zekerheid <= 0:
        hoofd.afhankelijkheden.levert = f"tegenbewijs:{regel.dan}"
    builder.add_patterns(hoofd, regel.als, "als")
    return [*builder.onderdelen, hoofd]


def compile_knowledge_base(
    kb: Kennisbank,
) -> tuple[list[Onderdeel], dict[str, int], dict[str, int]]:
    """All rule parts, the stratum of each part, and the stratum of each YAML rule."""
    onderdelen = [deel for regel in kb.regels.values() for deel in compile_rule(regel)]
    strata = stratify([deel.afhankelijkheden for deel in onderdelen])
    per_regel = {deel.regel: strata[deel.naam] for deel in onderdelen if deel.knoop is None}
    return onderdelen, strata, per_regel


def casus_patterns(conditie: CasusConditie) -> list[tuple[str, object]]:
    """One `Kenmerk` pattern per named case fact, tested with a generated predicate."""
    return [
        (naam, KenmerkFeit(naam=naam, waarde=P(case_value_test(verwacht))))
        for naam, verwacht in conditie.casus.named()
    ]


def case_value_test(verwacht) -> Callable[[object], bool]:
    """A predicate for one case fact: a number, a range, or a word (case-insensitive)."""
    if isinstance(verwacht, Bereik):
        laag, hoog = verwacht.min, verwacht.max

        def in_range(waarde) -> bool:
            return (
                isinstance(waarde, int | float)
                and (laag is None or waarde >= laag)
                and (hoog is None or waarde <= hoog)
            )

        return in_range
    if isinstance(verwacht, int):
        return lambda waarde: waarde == verwacht
    woord = str(verwacht).strip().lower()
    return lambda waarde: str(waarde).strip().lower() == woord


def case_facts(leerling, gezinssituatie: list[str], betrokkenen: list[str]) -> list[FeitRef]:
    """The case's structured facts as `Kenmerk` references (one per list item)."""
    feiten = [
        FeitRef(soort="kenmerk", id=naam, waarde=getattr(leerling, naam))
        for naam in ("leeftijd", "groep", "klas")
        if getattr(leerling, naam) is not None
    ]
    for naam, waarden in (("gezinssituatie", gezinssituatie), ("betrokkenen", betrokkenen)):
        uniek = dict.fromkeys(w.strip().lower() for w in waarden if w.strip())
        feiten += [FeitRef(soort="kenmerk", id=naam, waarde=w) for w in uniek]
    return feiten
