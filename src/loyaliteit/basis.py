"""Small value types shared by the knowledge base and case files."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError


def _no_bool(waarde: Any) -> Any:
    """YAML reads `ja`-like words as true/false; where a number or text is meant, say so."""
    if isinstance(waarde, bool):
        raise PydanticCustomError("bool_not_allowed", "geen ja/nee hier")
    return waarde


GeenJaNee = BeforeValidator(_no_bool)
Getal = Annotated[int, GeenJaNee]
Kommagetal = Annotated[float, GeenJaNee]

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Een id in snake_case: kleine letters, cijfers en '_'.",
    ),
]


class Strikt(BaseModel):
    """A model that rejects unknown keys, so typos in YAML are reported."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class BronVerwijzing(Strikt):
    """Where a rule, signal or conclusion comes from."""

    id: Id = Field(description="Id van de bron uit bronnen.yaml, bijvoorbeeld 'bressers'.")
    sectie: str = Field(min_length=1, description="Het kopje of de paragraaf in die bron.")

    def __str__(self) -> str:
        return f"{self.id}, {self.sectie}"


class Leerling(Strikt):
    naam: str | None = Field(None, description="Naam of roepnaam (optioneel).")
    leeftijd: Getal | None = Field(None, ge=0, le=30, description="Leeftijd in jaren.")
    groep: Getal | None = Field(None, ge=1, le=8, description="Groep in het basisonderwijs.")
    klas: str | None = Field(None, description="Klas in het voortgezet onderwijs, bv. 'havo 2'.")

    @field_validator("klas", mode="before")
    @classmethod
    def _klas_as_text(cls, waarde):
        return str(waarde) if isinstance(waarde, int) and not isinstance(waarde, bool) else waarde


class SignaalOordeel(Strikt):
    bevestigd: list[Id] = Field(
        default_factory=list, description="Signalen die de professional bevestigt (zekerheid 1)."
    )
    verworpen: list[Id] = Field(
        default_factory=list, description="Signalen die de professional verwerpt: nooit gebruikt."
    )
