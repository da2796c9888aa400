"""Small value types shared by the knowledge base and case files.

Free text (a description, a title, a name) never carries a control character or a
bidirectional override into the program: each becomes U+FFFD, one code point for one, so
character offsets into the text stay valid. Newline and tab stay. An id is refused when
it holds any invisible character.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from .fouten import visible

VERVANGTEKEN = "\ufffd"
# Control characters except newline and tab; DEL; bidirectional overrides and isolates.
_STUURTEKEN_IN_TEKST = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing: blank letters that fonts draw as space.
_LEGE_LETTERS = {"\u115f", "\u1160", "\u2800", "\u3164", "\uffa0", "\u034f"}


def clean_text(tekst: str) -> str:
    """Free text with every control character and bidirectional override replaced by
    U+FFFD (one for one, so offsets stay valid); newline and tab stay."""
    return _STUURTEKEN_IN_TEKST.sub(VERVANGTEKEN, tekst)


def is_invisible(teken: str) -> bool:
    """White space, a control or format character (zero-width space, direction mark,
    ...) or a letter that shows nothing."""
    return (
        teken.isspace()
        or unicodedata.category(teken) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me")
        or teken in _LEGE_LETTERS
    )


def is_blank(waarde: object) -> bool:
    """Missing, or text with nothing a reader can see (only spaces or invisible characters)."""
    if waarde is None:
        return True
    return isinstance(waarde, str) and all(is_invisible(teken) for teken in waarde)


def _no_bool(waarde: Any) -> Any:
    """YAML reads `ja`-like words as true/false; where a number or text is meant, say so."""
    if isinstance(waarde, bool):
        raise PydanticCustomError("bool_not_allowed", "geen ja/nee hier")
    return waarde


_NIET_IN_ID = {"Cc", "Cf", "Zl", "Zp"}


def _visible_id(waarde: str) -> str:
    """An id a person can read and type: no control, format or line-break characters,
    and not only invisible ones."""
    if is_blank(waarde):
        raise ValueError(f"bestaat alleen uit onzichtbare tekens ('{visible(waarde)}')")
    slecht = next((t for t in waarde if unicodedata.category(t) in _NIET_IN_ID), None)
    if slecht is not None:
        raise ValueError(
            f"mag geen onzichtbare tekens of stuurtekens bevatten (U+{ord(slecht):04X} in "
            f"'{visible(waarde)}'); gebruik letters, cijfers, '_' of '-'"
        )
    return waarde


GeenJaNee = BeforeValidator(_no_bool)
Getal = Annotated[int, GeenJaNee]
Kommagetal = Annotated[float, GeenJaNee]
VrijeTekst = Annotated[str, AfterValidator(clean_text)]
ZichtbareId = Annotated[str, AfterValidator(_visible_id)]

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
    sectie: VrijeTekst = Field(min_length=1, description="Het kopje of de paragraaf in die bron.")

    def __str__(self) -> str:
        return f"{self.id}, {self.sectie}"


class Leerling(Strikt):
    naam: VrijeTekst | None = Field(None, description="Naam of roepnaam (optioneel).")
    leeftijd: Getal | None = Field(None, ge=0, le=30, description="Leeftijd in jaren.")
    groep: Getal | None = Field(None, ge=1, le=8, description="Groep in het basisonderwijs.")
    klas: VrijeTekst | None = Field(
        None, description="Klas in het voortgezet onderwijs, bv. 'havo 2'."
    )

    @field_validator("klas", mode="before")
    @classmethod
    def _klas_as_text(cls, waarde):
        return str(waarde) if isinstance(waarde, int) and not isinstance(waarde, bool) else waarde

    @field_validator("groep", mode="before")
    @classmethod
    def _groep_or_klas(cls, waarde):
        """`groep` is 1-8 in primary school; a secondary-school class is `klas:`."""
        tekst = waarde.strip() if isinstance(waarde, str) else None
        if tekst and not tekst.isdigit():
            raise ValueError(
                f"groep is een getal van 1 tot en met 8 (basisonderwijs), niet "
                f"'{visible(tekst)}'; schrijf voor het voortgezet onderwijs klas: {visible(tekst)}"
            )
        getal = int(tekst) if tekst else waarde
        if isinstance(getal, int) and not isinstance(getal, bool) and getal > 8:
            raise ValueError(
                f"groep mag hoogstens 8 zijn (basisonderwijs), niet {getal}; schrijf voor het "
                "voortgezet onderwijs klas: (bijvoorbeeld klas: havo 2)"
            )
        return waarde


class SignaalOordeel(Strikt):
    bevestigd: list[Id] = Field(
        default_factory=list, description="Signalen die de professional bevestigt (zekerheid 1)."
    )
    verworpen: list[Id] = Field(
        default_factory=list, description="Signalen die de professional verwerpt: nooit gebruikt."
    )

    @field_validator("verworpen")
    @classmethod
    def _not_both(cls, verworpen: list[str], info: ValidationInfo) -> list[str]:
        beide = [s for s in verworpen if s in set(info.data.get("bevestigd") or ())]
        if beide:
            namen = ", ".join(f"'{s}'" for s in dict.fromkeys(beide))
            raise ValueError(
                f"{namen} staat zowel bij bevestigd als bij verworpen; kies één van de twee"
            )
        return verworpen
