"""The items of a knowledge base as pydantic models: one schema for validation, defaults
and JSON Schema.

The condition tree of a rule lives in `conditie.py`; the context words for detection in
`contextwoorden.py`; the models of whole files in `bestandsmodellen.py`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, field_validator

from ..basis import BronVerwijzing, Id, Kommagetal, Leerling, SignaalOordeel, Strikt
from .conditie import Conditie
from .patterns import PatroonFout, Patroonvorm, parse_pattern


class Wie(StrEnum):
    kind = "kind"
    ouder = "ouder"
    begeleider = "begeleider"
    school = "school"
    gezin = "gezin"


class Soort(StrEnum):
    classificatie = "classificatie"
    patroon = "patroon"
    veiligheid = "veiligheid"
    beschermend = "beschermend"

    @property
    def volgorde(self) -> int:
        """The order every report and overview uses: safety first, patterns last."""
        return _SOORT_VOLGORDE[self]


_SOORT_VOLGORDE = {
    Soort.veiligheid: 0,
    Soort.classificatie: 1,
    Soort.beschermend: 2,
    Soort.patroon: 3,
}


class Doelgroep(StrEnum):
    """For whom a question is meant."""

    ouders = "ouders"  # asked of the parents (addressed as "u")
    kind = "kind"  # asked of the child or pupil
    team = "team"  # for the professional and colleagues to find out


class Bron(Strikt):
    id: Id
    titel: str = Field(description="De titel van de brontekst.")
    auteur: str | None = Field(None, description="De auteur(s).")
    soort: str | None = Field(None, description="Artikel, boekhoofdstuk, publicatie, ...")
    bestand: str | None = Field(None, description="Bestandsnaam van de brontekst.")


# --- signals ------------------------------------------------------------------------


MAX_TERMEN = 8  # more terms than this: a sentence rarely holds them all, and matching slows


class Patroon(Strikt):
    tekst: str = Field(description="Termen met ' + ', alternatieven met '|'; zie de handleiding.")
    venster: int = Field(
        8, ge=1, le=40, description="Maximaal aantal woorden van eerste tot laatste term."
    )
    zekerheid: float = Field(
        0.8, gt=0, le=1, description="Zekerheid van een vondst met dit patroon."
    )

    @field_validator("tekst")
    @classmethod
    def _parses(cls, tekst: str) -> str:
        try:
            vorm = parse_pattern(tekst)
        except PatroonFout as fout:
            raise ValueError(str(fout)) from None
        if len(vorm.termen) > MAX_TERMEN:
            raise ValueError(
                f"een patroon heeft hoogstens {MAX_TERMEN} termen, dit heeft er "
                f"{len(vorm.termen)}; splits het in twee patronen"
            )
        return tekst

    @property
    def vorm(self) -> Patroonvorm:
        return parse_pattern(self.tekst)


def _pattern_from_text(waarde: Any) -> Any:
    return {"tekst": waarde} if isinstance(waarde, str) else waarde


class Register(StrEnum):
    """How a sentence is written: the registers a signal must be taught in."""

    verhalend = "verhalend"  # a narrative report
    logboek = "logboek"  # terse notes with school abbreviations
    citaat = "citaat"  # the words of the child or a parent, quoted
    indirect = "indirect"  # indirect speech: "moeder vertelt dat ..."
    ik = "ik"  # the professional's own first person


class BijnaStatus(StrEnum):
    """Why a near miss is not the signal."""

    ontkend = "ontkend"  # the signal is mentioned and denied
    verleden = "verleden"  # it was so, it is not now
    hypothetisch = "hypothetisch"  # supposed, feared, asked or planned
    ander_persoon = "ander_persoon"  # it is true of someone else
    anders = "anders"  # the same words with another meaning


class Voorbeeld(Strikt):
    """A sentence that shows the signal, present now."""

    tekst: str = Field(min_length=1, description="De zin.")
    # `register` in YAML (the name would shadow pydantic's ABCMeta.register)
    schrijfwijze: Register | None = Field(
        None, alias="register", description="verhalend, logboek, citaat, indirect, ik."
    )
    ook: list[Id] = Field(
        default_factory=list, description="Andere signalen die deze zin ook duidelijk laat zien."
    )


class Bijna(Strikt):
    """A near miss: a sentence that shares the signal's words but must not give it."""

    tekst: str = Field(min_length=1, description="De zin.")
    status: BijnaStatus = Field(
        BijnaStatus.anders,
        description="ontkend, verleden, hypothetisch, ander_persoon, of anders (een andere "
        "betekenis van dezelfde woorden).",
    )


def _text_to_example(waarde: Any) -> Any:
    return {"tekst": waarde} if isinstance(waarde, str) else waarde


class Zinvoorbeelden(Strikt):
    """A signal's examples: its definition, the detector's training data and its tests."""

    wel: list[Voorbeeld] = Field(
        default_factory=list, description="Zinnen waarin het signaal nu aanwezig is."
    )
    niet: list[Bijna] = Field(
        default_factory=list, description="Bijna-treffers: zinnen die het signaal niet geven."
    )

    @field_validator("wel", "niet", mode="before")
    @classmethod
    def _short_forms(cls, waarde: Any) -> Any:
        return [_text_to_example(v) for v in waarde] if isinstance(waarde, list) else waarde

    def merged(self, andere: Zinvoorbeelden) -> Zinvoorbeelden:
        return Zinvoorbeelden(wel=[*self.wel, *andere.wel], niet=[*self.niet, *andere.niet])


class Signaal(Strikt):
    id: Id
    label: str = Field(min_length=1, description="Korte Nederlandse zin: wat je ziet of hoort.")
    wie: Wie = Field(
        description="Wie het signaal laat zien: kind, ouder, begeleider, school, gezin."
    )
    patronen: list[Annotated[Patroon, Field()]] = Field(
        default_factory=list,
        description="Optioneel: precieze woordpatronen die het signaal altijd vinden.",
    )
    vraag: str = Field(min_length=1, description="De vraag die je stelt als het signaal ontbreekt.")
    vraag_voor: Doelgroep = Field(
        Doelgroep.team,
        description="Voor wie de vraag is: ouders (u-vorm), kind, of team (om zelf na te gaan).",
    )
    bron: BronVerwijzing = Field(description="Bron en sectie waarop het signaal steunt.")
    verleden_telt: bool = Field(
        False,
        description="Ook een vondst in het verleden telt (voor signalen over iemands geschiedenis).",
    )
    zekerheid: float = Field(
        0.8,
        gt=0,
        le=1,
        description="Zekerheid van een vondst van dit signaal door de getrainde herkenning.",
    )
    voorbeelden: Zinvoorbeelden = Field(
        default_factory=Zinvoorbeelden,
        description="Zinnen die het signaal wel (wel) en niet (niet) moeten opleveren; ze staan "
        "meestal in het bestand ernaast (<thema>.voorbeelden.yaml).",
    )

    @field_validator("patronen", mode="before")
    @classmethod
    def _short_patterns(cls, waarde: Any) -> Any:
        return [_pattern_from_text(p) for p in waarde] if isinstance(waarde, list) else waarde


# --- rules ----------------------------------------------------------------------------


class VoorbeeldCasus(Strikt):
    """A small case used as a rule's example."""

    beschrijving: str = Field(min_length=1, description="De tekst van het voorbeeld.")
    leerling: Leerling = Field(default_factory=Leerling, description="Leeftijd, groep of klas.")
    gezinssituatie: list[str] = Field(default_factory=list, description="Trefwoorden.")
    betrokkenen: list[str] = Field(default_factory=list, description="Rollen.")
    signalen: SignaalOordeel = Field(
        default_factory=SignaalOordeel, description="Bevestigde of verworpen signalen."
    )


def _example_from_text(waarde: Any) -> Any:
    return {"beschrijving": waarde} if isinstance(waarde, str) else waarde


class Regelvoorbeelden(Strikt):
    wel: list[VoorbeeldCasus] = Field(default_factory=list, description="Hier moet de regel vuren.")
    niet: list[VoorbeeldCasus] = Field(default_factory=list, description="Hier mag hij niet vuren.")

    @field_validator("wel", "niet", mode="before")
    @classmethod
    def _short_examples(cls, waarde: Any) -> Any:
        return [_example_from_text(v) for v in waarde] if isinstance(waarde, list) else waarde


class Regel(Strikt):
    id: Id
    naam: str = Field(min_length=1, description="Korte naam van de regel.")
    als: Conditie = Field(description="De conditieboom.")
    dan: Id = Field(description="Id van de conclusie.")
    zekerheid: Kommagetal = Field(
        ge=-1, le=1, description="Zekerheidsfactor; negatief is tegenbewijs."
    )
    bron: BronVerwijzing = Field(description="Bron en sectie waarop de regel steunt.")
    uitleg: str = Field(min_length=1, description="Waarom dit patroon dit betekent.")
    voorbeelden: Regelvoorbeelden = Field(
        default_factory=Regelvoorbeelden,
        description="Kleine casussen waarop de regel moet (wel) en niet mag (niet) vuren.",
    )


# --- conclusions ----------------------------------------------------------------------


class Advies(Strikt):
    tekst: str = Field(min_length=1, description="Wat een professional kan doen (je-vorm).")
    bron: BronVerwijzing = Field(description="Waar dit advies vandaan komt.")


class Gespreksvraag(Strikt):
    vraag: str = Field(min_length=1, description="De vraag, in de vorm voor wie ze bedoeld is.")
    voor: Doelgroep | None = Field(None, description="Voor wie: ouders (u-vorm), kind of team.")


def _question_from_text(waarde: Any) -> Any:
    return {"vraag": waarde} if isinstance(waarde, str) else waarde


class Conclusie(Strikt):
    id: Id
    soort: Soort = Field(description="classificatie, patroon, veiligheid of beschermend.")
    label: str = Field(min_length=1, description="Korte naam voor in het rapport.")
    omschrijving: str = Field(min_length=1, description="Wat deze conclusie inhoudt.")
    advies: list[Advies] = Field(
        default_factory=list, description="Wat een professional kan doen (je-vorm)."
    )
    gespreksvragen: list[Gespreksvraag] = Field(
        default_factory=list,
        description="Vragen voor het volgende gesprek, elk met voor wie ze is: ouders, kind, team.",
    )

    @field_validator("gespreksvragen", mode="before")
    @classmethod
    def _short_questions(cls, waarde: Any) -> Any:
        return [_question_from_text(v) for v in waarde] if isinstance(waarde, list) else waarde

    wijkt_voor_veiligheid: bool = Field(
        False,
        description="Het advies gaat uit van de wens of de regie van de ouders; als het kind "
        "mogelijk onveilig is, gaat de veiligheid voor en wordt dit advies ondergeschikt.",
    )
    bron: BronVerwijzing = Field(description="Bron en sectie.")
