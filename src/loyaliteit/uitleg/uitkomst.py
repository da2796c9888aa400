"""`Analysis`: the one model every renderer reads; the JSON output is its dump.

The keys in `AnalyseDocument`, `Analyse.casus`, `fouten`, `conclusies` (id, soort,
label, zekerheid, zekerheid_woord, regels, bewijs) and `bijna` (id, regel, aanwezig,
ontbrekend, vragen) are a public contract (DESIGN §2). Adding keys is fine;
renaming or removing one means raising `SCHEMA_VERSIE`.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

SCHEMA_VERSIE = 1


class Bewijs(BaseModel):
    """The evidence of a finding: its sentence, where it stands, and its status."""

    signaal: str = Field(description="Id van het signaal.")
    zin: str = Field(description="De zin uit de beschrijving; beschrijving[begin:eind] == zin.")
    begin: int = Field(description="Beginpositie (teken) van de zin in de beschrijving.")
    eind: int = Field(description="Eindpositie (teken, exclusief) van de zin.")
    status: str = Field(
        description="aanwezig, bevestigd (door de professional), verworpen, ontkend, verleden, "
        "hypothetisch of ander_persoon."
    )
    woorden: list[str] = Field(
        default_factory=list, description="De woorden waarop werd getroffen."
    )
    woord_posities: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Begin en eind (teken in de beschrijving) van elk getroffen woord.",
    )
    reden: str | None = Field(None, description="Wat de status bepaalde (een contextwoord).")
    patroon: str | None = Field(None, description="Het patroon uit de kennisbank dat trof.")
    score: float | None = Field(None, description="Score van de getrainde herkenning (0-1).")
    gewichten: list[tuple[str, float]] = Field(
        default_factory=list, description="Waarom: de woorden die het zwaarst wogen."
    )
    lijkt_op: str | None = Field(
        None, description="Het voorbeeld uit de kennisbank waar de zin het meest op lijkt."
    )

    @classmethod
    def of(cls, finding) -> Bewijs:
        """The evidence a detection finding carries (the same fields, by name)."""
        return cls.model_validate(finding, from_attributes=True)


class Premisse(BaseModel):
    """One premise in a derivation tree."""

    soort: str = Field(description="signaal | conclusie | kenmerk | een_van | minstens | niet")
    id: str
    label: str
    zekerheid: float
    bewijs: list[Bewijs] = Field(default_factory=list)
    regels: list[RegelToepassing] = Field(
        default_factory=list, description="Voor een conclusie: de regels die haar afleidden."
    )
    onderdelen: list[Premisse] = Field(
        default_factory=list, description="Voor een_van/minstens: de onderdelen die golden."
    )


class RegelToepassing(BaseModel):
    """A rule that fired, with the premises it matched (from the engine's trace)."""

    regel: str
    naam: str
    uitleg: str
    bron: str
    zekerheid_regel: float
    bijdrage: float = Field(description="zekerheid_regel × zekerheid van de premissen.")
    premissen: list[Premisse] = Field(default_factory=list)


class AdviesUitkomst(BaseModel):
    """One piece of advice as the report shows it."""

    tekst: str
    bron: str


class VraagUitkomst(BaseModel):
    """A question for the next conversation, and for whom it is."""

    vraag: str
    voor: str | None = Field(None, description="ouders, kind of team.")


class ConclusieUitkomst(BaseModel):
    id: str
    soort: str
    label: str
    zekerheid: float = Field(description="Gecombineerde zekerheid, -1..1.")
    zekerheid_woord: str = Field(
        description="sterk (≥ 0,8), matig (≥ 0,5), zwak (≥ 0,2), zeer zwak."
    )
    regels: list[str] = Field(description="Ids van de regels die voor deze conclusie vuurden.")
    bewijs: list[Bewijs] = Field(description="De zinnen waarop de conclusie uiteindelijk rust.")
    omschrijving: str = ""
    advies: list[AdviesUitkomst] = Field(default_factory=list)
    gespreksvragen: list[str] = Field(default_factory=list)
    gesprek: list[VraagUitkomst] = Field(
        default_factory=list, description="De gespreksvragen, elk met voor wie ze zijn."
    )
    ondergeschikt_aan_veiligheid: str | None = Field(
        None,
        description="Als het kind mogelijk onveilig is: waarom dit advies wijkt voor de "
        "veiligheid (het gaat uit van de wens of de regie van de ouders).",
    )
    bron: str = ""
    afleiding: list[RegelToepassing] = Field(
        default_factory=list, description="De afleidingsboom (hoe): regels, premissen, bewijs."
    )
    hangt_af_van: list[str] = Field(
        default_factory=list,
        description="Wat als: de signalen zonder welke deze conclusie niet was afgeleid.",
    )


class BijnaMis(BaseModel):
    id: str = Field(description="De conclusie die niet werd afgeleid.")
    label: str = ""
    regel: str = Field(description="De regel die het dichtst bij vuren kwam.")
    aanwezig: list[str] = Field(description="Premissen die wel golden.")
    ontbrekend: list[str] = Field(description="Premissen die ontbraken.")
    vragen: list[str] = Field(description="Vragen om de ontbrekende signalen na te gaan.")
    gesprek: list[VraagUitkomst] = Field(
        default_factory=list, description="Dezelfde vragen, elk met voor wie ze zijn."
    )
    score: float = Field(0.0, description="Hoe dichtbij: deel van de benodigde premissen aanwezig.")
    labels: dict[str, str] = Field(
        default_factory=dict, description="Leesbare namen van de ids in aanwezig en ontbrekend."
    )
    tegenbewijs: list[str] = Field(
        default_factory=list,
        description="Regels met negatieve zekerheid die een wel gevuurde regel hebben opgeheven.",
    )


class SignaalUitkomst(BaseModel):
    id: str
    label: str
    wie: str
    status: str = Field(
        description="aanwezig, bevestigd, verworpen of de reden om het opzij te leggen."
    )
    gebruikt: bool = Field(description="Of het signaal de redenering in ging.")
    zekerheid: float = 0.0
    bewijs: list[Bewijs] = Field(default_factory=list)


class CasusInfo(BaseModel):
    id: str
    bestand: str | None = None
    titel: str | None = None
    beschrijving: str | None = None


class Analyse(BaseModel):
    casus: CasusInfo
    fouten: list[str] = Field(default_factory=list)
    meldingen: list[str] = Field(
        default_factory=list, description="Opmerkingen bij de analyse die geen fout zijn."
    )
    conclusies: list[ConclusieUitkomst] = Field(default_factory=list)
    bijna: list[BijnaMis] = Field(default_factory=list)
    signalen: list[SignaalUitkomst] = Field(default_factory=list)


class AnalyseDocument(BaseModel):
    schema_versie: int = SCHEMA_VERSIE
    analyses: list[Analyse] = Field(default_factory=list)


Premisse.model_rebuild()
RegelToepassing.model_rebuild()
