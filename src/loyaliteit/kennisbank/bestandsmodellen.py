"""A knowledge base file as a whole: one model per kind of file, for validation and the
JSON Schemas an editor uses. `context.yaml` is one `Context` (`contextwoorden.py`)."""

from __future__ import annotations

from pydantic import Field

from ..basis import Id, Strikt
from .models import Bron, Conclusie, Regel, Signaal, Zinvoorbeelden


class BronnenBestand(Strikt):
    bronnen: list[Bron] = Field(description="De brondocumenten.")


class SignalenBestand(Strikt):
    signalen: list[Signaal] = Field(description="Waarneembare signalen.")


class RegelsBestand(Strikt):
    regels: list[Regel] = Field(description="Regels: als (conditieboom) dan (conclusie).")


class VoorbeeldenBestand(Strikt):
    """`signalen/<thema>.voorbeelden.yaml`: the examples of the signals, by signal id."""

    voorbeelden: dict[Id, Zinvoorbeelden] = Field(
        description="Per signaal-id de zinnen die het wel en niet laten zien."
    )


class ConclusiesBestand(Strikt):
    conclusies: list[Conclusie] = Field(description="Wat de regels concluderen.")


class UitbreidingBestand(Strikt):
    """`uitbreiding.yaml`: this folder extends the built-in knowledge base."""

    uitschakelen: list[Id] = Field(
        default_factory=list, description="Ids van ingebouwde regels die deze map uitzet."
    )
