"""The condition tree of a rule (`als:`), and the one traversal every consumer shares.

A condition is one of seven small models (`signaal`, `conclusie`, `casus`, `alle`,
`een_van`, `niet`, `minstens`). Each knows its `soort` and its `kinderen`, so:

- `walk` visits every node with its key path and whether a `niet` lies above it (for
  references, dependencies and lint);
- `conditie.accept(bezoeker, ...)` calls the visitor's method of the same name (for
  the engine compiler, the plain evaluator and the reachability check, which combine
  what their children give).

Nothing else looks at the type of a condition.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Generic, TypeVar, Union

from pydantic import Discriminator, Field, Tag, model_validator

from ..basis import Id, Strikt

T = TypeVar("T")
Pad = tuple[str | int, ...]


class Bereik(Strikt):
    min: float | None = Field(None, description="Ondergrens (inclusief).")
    max: float | None = Field(None, description="Bovengrens (inclusief).")

    @model_validator(mode="after")
    def _not_empty(self) -> Bereik:
        if self.min is None and self.max is None:
            raise ValueError("een bereik heeft min, max of allebei")
        return self


class CasusFeiten(Strikt):
    leeftijd: int | Bereik | None = Field(None, description="Leeftijd, of een bereik {min, max}.")
    groep: int | Bereik | None = Field(None, description="Groep (1-8), of een bereik {min, max}.")
    klas: str | None = Field(None, description="De klas, bijvoorbeeld 'havo 2'.")
    gezinssituatie: str | None = Field(
        None, description="Een trefwoord dat in de gezinssituatie van de casus moet staan."
    )
    betrokkenen: str | None = Field(
        None, description="Een rol die in de betrokkenen van de casus moet staan."
    )

    @model_validator(mode="after")
    def _not_empty(self) -> CasusFeiten:
        if not self.model_fields_set:
            raise ValueError("noem minstens één casusfeit (leeftijd, groep, klas, ...)")
        return self

    def named(self) -> list[tuple[str, Any]]:
        """The facts this condition names, in a stable order: (name, expected value)."""
        return [(naam, getattr(self, naam)) for naam in sorted(self.model_fields_set)]


class _Knoop(Strikt):
    """What every condition shares: its kind, its children and the visitor hook."""

    soort: ClassVar[str]

    def kinderen(self) -> list[tuple[Pad, Conditie]]:
        """The direct sub-conditions, each with its key path below this node."""
        return []

    def accept(self, bezoeker: Bezoeker[T], *args: Any) -> T:
        return getattr(bezoeker, self.soort)(self, *args)


class SignaalConditie(_Knoop):
    soort: ClassVar[str] = "signaal"
    signaal: Id = Field(description="Het signaal is aanwezig (gevonden of bevestigd).")


class ConclusieConditie(_Knoop):
    soort: ClassVar[str] = "conclusie"
    conclusie: Id = Field(description="Een andere regel heeft deze conclusie al afgeleid.")


class CasusConditie(_Knoop):
    soort: ClassVar[str] = "casus"
    casus: CasusFeiten = Field(description="Feiten uit de casus (leeftijd, gezinssituatie, ...).")


class AlleConditie(_Knoop):
    soort: ClassVar[str] = "alle"
    alle: list[Conditie] = Field(min_length=1, description="Alle onderdelen gelden (en).")

    def kinderen(self) -> list[tuple[Pad, Conditie]]:
        return [(("alle", i), deel) for i, deel in enumerate(self.alle)]


class EenVanConditie(_Knoop):
    soort: ClassVar[str] = "een_van"
    een_van: list[Conditie] = Field(min_length=1, description="Minstens één onderdeel geldt (of).")

    def kinderen(self) -> list[tuple[Pad, Conditie]]:
        return [(("een_van", i), deel) for i, deel in enumerate(self.een_van)]


class NietConditie(_Knoop):
    soort: ClassVar[str] = "niet"
    niet: Conditie = Field(description="Dit onderdeel geldt niet (afwezigheid).")

    def kinderen(self) -> list[tuple[Pad, Conditie]]:
        return [(("niet",), self.niet)]


class Minstens(Strikt):
    aantal: int = Field(ge=1, description="Hoeveel onderdelen minstens moeten gelden.")
    van: list[Conditie] = Field(min_length=1, description="De onderdelen.")

    @model_validator(mode="after")
    def _reachable(self) -> Minstens:
        if self.aantal > len(self.van):
            raise ValueError(f"aantal {self.aantal} is meer dan de {len(self.van)} onderdelen")
        return self


class MinstensConditie(_Knoop):
    soort: ClassVar[str] = "minstens"
    minstens: Minstens = Field(description="Minstens `aantal` van de onderdelen in `van` gelden.")

    def kinderen(self) -> list[tuple[Pad, Conditie]]:
        return [(("minstens", "van", i), deel) for i, deel in enumerate(self.minstens.van)]


CONDITIE_SLEUTELS = ("signaal", "conclusie", "alle", "een_van", "niet", "minstens", "casus")


def _condition_key(waarde: Any) -> str | None:
    if isinstance(waarde, dict):
        sleutels = [k for k in waarde if k in CONDITIE_SLEUTELS]
        return sleutels[0] if len(sleutels) == 1 else None
    return getattr(waarde, "soort", None)


Conditie = Annotated[
    Union[  # noqa: UP007  (pydantic needs the tagged Union form here)
        Annotated[SignaalConditie, Tag("signaal")],
        Annotated[ConclusieConditie, Tag("conclusie")],
        Annotated[AlleConditie, Tag("alle")],
        Annotated[EenVanConditie, Tag("een_van")],
        Annotated[NietConditie, Tag("niet")],
        Annotated[MinstensConditie, Tag("minstens")],
        Annotated[CasusConditie, Tag("casus")],
    ],
    Discriminator(
        _condition_key,
        custom_error_type="conditie",
        custom_error_message=(
            "een conditie heeft precies één van de sleutels: " + ", ".join(CONDITIE_SLEUTELS)
        ),
    ),
]

for _model in (AlleConditie, EenVanConditie, NietConditie, Minstens, MinstensConditie):
    _model.model_rebuild()


class Bezoeker(Generic[T]):
    """A visitor over a condition tree: one method per kind of condition.

    `conditie.accept(bezoeker, *args)` calls the method named after the condition's
    `soort`; a method that needs its children calls `accept` on them itself, so each
    visitor decides how to combine them (and which extra arguments to pass down).
    """

    def signaal(self, conditie: SignaalConditie, *args: Any) -> T:
        raise NotImplementedError

    def conclusie(self, conditie: ConclusieConditie, *args: Any) -> T:
        raise NotImplementedError

    def casus(self, conditie: CasusConditie, *args: Any) -> T:
        raise NotImplementedError

    def alle(self, conditie: AlleConditie, *args: Any) -> T:
        raise NotImplementedError

    def een_van(self, conditie: EenVanConditie, *args: Any) -> T:
        raise NotImplementedError

    def niet(self, conditie: NietConditie, *args: Any) -> T:
        raise NotImplementedError

    def minstens(self, conditie: MinstensConditie, *args: Any) -> T:
        raise NotImplementedError


@dataclass(frozen=True)
class Stap:
    """One node met on a walk: the condition, its key path and whether it is negated."""

    conditie: Conditie
    pad: Pad
    onder_niet: bool


def walk(conditie: Conditie, pad: Pad = (), onder_niet: bool = False) -> Iterator[Stap]:
    """Every node of the tree, depth first, in the order of the YAML."""
    yield Stap(conditie, pad, onder_niet)
    for deel, kind in conditie.kinderen():
        yield from walk(kind, (*pad, *deel), onder_niet or conditie.soort == "niet")


def references(conditie: Conditie, pad: Pad = ()) -> Iterator[tuple[str, str, Pad]]:
    """Every (`signaal`|`conclusie`, id, key path) the tree refers to."""
    for stap in walk(conditie, pad):
        if stap.conditie.soort in ("signaal", "conclusie"):
            soort = stap.conditie.soort
            yield soort, getattr(stap.conditie, soort), (*stap.pad, soort)


def premises(conditie: Conditie) -> list[Conditie]:
    """The premises of a rule: the parts of its top `alle`, or the condition itself."""
    return [kind for _, kind in conditie.kinderen()] if conditie.soort == "alle" else [conditie]
