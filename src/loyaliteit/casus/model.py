"""The case as a pydantic model, and its validation into Dutch errors (`CasusFout`)."""

from __future__ import annotations

from collections.abc import Collection

from pydantic import Field, PrivateAttr, ValidationError, field_validator

from ..basis import (
    BronVerwijzing,
    Id,
    Leerling,
    SignaalOordeel,
    Strikt,
    VrijeTekst,
    ZichtbareId,
    is_blank,
)
from ..fouten import Invoerfout, did_you_mean
from ..validatiefouten import translate_validation_error
from ..yamlbestand.document import Pad, YamlDocument, format_pad


class Observatie(Strikt):
    wie: VrijeTekst = Field(description="Wie deed de waarneming (leerkracht, ib'er, ouder, ...).")
    tekst: VrijeTekst = Field(min_length=1, description="De waarneming in eigen woorden.")


class Verwachting(Strikt):
    wel: list[Id] = Field(default_factory=list, description="Conclusies die moeten volgen.")
    niet: list[Id] = Field(default_factory=list, description="Conclusies die niet mogen volgen.")


class Casus(Strikt):
    """One case: a few facts and a free-text description in Dutch.

    Free text has its control characters replaced by U+FFFD (see `basis.clean_text`);
    the id must be visible text."""

    id: ZichtbareId = Field(min_length=1, description="Korte naam van de casus.")
    titel: VrijeTekst | None = Field(None, description="Titel voor in het rapport.")
    bron: BronVerwijzing | None = Field(
        None, description="De vignet uit de bronnen, als dat zo is."
    )
    leerling: Leerling = Field(default_factory=Leerling)
    gezinssituatie: list[VrijeTekst] = Field(
        default_factory=list, description="Trefwoorden zoals scheiding, rouw, enig_kind."
    )
    betrokkenen: list[VrijeTekst] = Field(
        default_factory=list, description="Rollen of namen van wie erbij betrokken is."
    )
    beschrijving: VrijeTekst = Field(min_length=1, description="De vrije tekst van de casus.")
    observaties: list[Observatie] = Field(default_factory=list)
    signalen: SignaalOordeel = Field(default_factory=SignaalOordeel)
    verwacht: Verwachting | None = Field(None, description="Verwachte uitkomst (voor tests).")
    bestand: str | None = Field(None, exclude=True, description="Het bestand (gezet bij laden).")
    _document: YamlDocument | None = PrivateAttr(None)

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, waarde):
        return str(waarde) if isinstance(waarde, int) and not isinstance(waarde, bool) else waarde

    def regelnummer_van(self, pad: Pad) -> int | None:
        """The line in the case file of the key at `pad` (None when not known)."""
        return self._document.regelnummer_van(pad) if self._document is not None else None


class CasusFout(Exception):
    """A case file that could not be read; `fouten` are Dutch messages."""

    def __init__(self, bestand: str, fouten: list[Invoerfout]):
        super().__init__("; ".join(str(f) for f in fouten))
        self.bestand = bestand
        self.fouten = fouten


def build_casus(data: dict, bestand: str, document: YamlDocument | None = None) -> Casus:
    """Validate case data (already parsed); raise `CasusFout` with located messages.

    Every problem is reported at once: a missing description and a misspelt key
    (`beschrijvng:`, with "bedoel je 'beschrijving'?") in one go."""
    document = document or YamlDocument(data)
    data = {**data, "bestand": bestand}
    fouten: list[Invoerfout] = []
    if _description_missing(data.get("beschrijving")):
        if not _misspelt(data, "beschrijving"):
            fouten.append(_empty_description(data.get("beschrijving"), bestand, document))
        data["beschrijving"] = "-"  # to find the other problems too
    try:
        casus = Casus.model_validate(data)
    except ValidationError as fout:
        fouten.extend(translate_validation_error(fout, document, bestand, model=Casus))
    if fouten:
        fouten.sort(key=lambda f: f.regelnummer if f.regelnummer is not None else 1 << 30)
        raise CasusFout(bestand, fouten)
    casus._document = document
    return casus


def _description_missing(beschrijving: object) -> bool:
    return not beschrijving or is_blank(beschrijving)


def _misspelt(data: dict, sleutel: str) -> bool:
    """Is there an unknown key that is a misspelling of `sleutel`?"""
    bekend = set(Casus.model_fields)
    return any(
        did_you_mean(naam, [sleutel])
        for naam in data
        if isinstance(naam, str) and naam not in bekend
    )


def _empty_description(waarde: object, bestand: str, document: YamlDocument) -> Invoerfout:
    bericht = "de beschrijving ontbreekt of is leeg"
    if isinstance(waarde, str) and waarde:
        bericht += " (er staan alleen onzichtbare tekens of spaties in)"
    regelnummer = document.regelnummers.get(("beschrijving",))
    return Invoerfout(bestand, bericht, regelnummer, "beschrijving")


def unknown_references(
    casus: Casus, signalen: Collection[str], conclusies: Collection[str]
) -> list[Invoerfout]:
    """Signals in `signalen:` and conclusions in `verwacht:` that the knowledge base does
    not know, each with its line, its key and the nearest known id ("bedoel je ...?")."""
    bestand = casus.bestand or casus.id
    fouten = []

    def meld(pad: Pad, soort: str, waarde: str, bekend: Collection[str]) -> None:
        bericht = f"{soort} '{waarde}'{did_you_mean(waarde, bekend)}"
        fouten.append(Invoerfout(bestand, bericht, casus.regelnummer_van(pad), format_pad(pad)))

    for oordeel in ("bevestigd", "verworpen"):
        for index, signaal in enumerate(getattr(casus.signalen, oordeel)):
            if signaal not in signalen:
                meld(("signalen", oordeel, index), "onbekend signaal", signaal, signalen)
    for soort in ("wel", "niet") if casus.verwacht is not None else ():
        for index, conclusie in enumerate(getattr(casus.verwacht, soort)):
            if conclusie not in conclusies:
                meld(("verwacht", soort, index), "onbekende conclusie", conclusie, conclusies)
    return fouten
