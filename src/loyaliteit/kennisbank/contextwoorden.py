"""The context words for detection (`context.yaml`): what denies a finding, puts it in
the past or the hypothetical, or makes it about someone else."""

from __future__ import annotations

from pydantic import Field

from ..basis import Strikt
from .models import Wie


class Richting(Strikt):
    """Context words before and after a finding."""

    voor: list[str] = Field(default_factory=list, description="Woorden vóór de vondst.")
    na: list[str] = Field(default_factory=list, description="Woorden na de vondst.")


class Context(Strikt):
    venster: int = Field(
        6, ge=1, le=30, description="Woorden vóór de vondst waarbinnen een contextwoord telt."
    )
    na_venster: int = Field(3, ge=1, le=30, description="Woorden ná de vondst waarbinnen het telt.")
    grenzen: list[str] = Field(
        default_factory=list, description="Woorden die een deelzin afsluiten."
    )
    grenzen_per_status: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Eigen grenzen voor een status (ontkend, verleden, hypothetisch): een "
        "veronderstelling of tijdsaanduiding reikt vaak verder dan één deelzin.",
    )
    ontkend: Richting = Field(default_factory=Richting, description="Ontkenning: niet, geen, ...")
    verleden: Richting = Field(default_factory=Richting, description="Verleden: vroeger, ...")
    hypothetisch: Richting = Field(
        default_factory=Richting, description="Veronderstelling: misschien, ..."
    )
    schijn: list[str] = Field(
        default_factory=list,
        description="Woordgroepen met een contextwoord die níet ontkennen of veronderstellen "
        "('niet alleen', 'geen twijfel'); een contextwoord daarbinnen telt niet.",
    )
    verleden_bij_verleden_tijd: list[str] = Field(
        default_factory=list,
        description="Tijdsaanduidingen ('in groep 3', 'toen') die alleen 'verleden' maken als de "
        "deelzin een werkwoord in de verleden tijd heeft.",
    )
    nu: list[str] = Field(
        default_factory=list,
        description="Woorden voor het heden ('nu', 'inmiddels'): staat de vondst in de verleden "
        "tijd en staat een van deze elders in de zin, dan is de vondst 'verleden'.",
    )
    verleden_tijd: list[str] = Field(
        default_factory=list,
        description="Onregelmatige werkwoordsvormen in de verleden tijd (was, had, ging, ...); "
        "regelmatige vormen (huilde, werkte) worden zelf herkend.",
    )
    ander_persoon: dict[Wie, list[str]] = Field(
        default_factory=dict,
        description="Per 'wie': woorden voor een ander dan de bedoelde persoon.",
    )
    voorzetsels: list[str] = Field(
        default_factory=list, description="Na een voorzetsel is een persoon geen onderwerp."
    )
