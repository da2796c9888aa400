"""Case files: `.yaml`, `.md` with YAML front matter, or `.txt` -> `Casus`."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from .basis import BronVerwijzing, Id, Leerling, SignaalOordeel, Strikt
from .fouten import Invoerfout, display_path, os_error_text, printable, translate_validation_error
from .yamlbestand import YamlDocument, YamlProbleem, parse_yaml

MAX_BYTES = 1_000_000
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
CASUS_EXTENSIES = (".yaml", ".yml", ".md", ".txt")


class Observatie(Strikt):
    wie: str = Field(description="Wie deed de waarneming (leerkracht, ib'er, ouder, ...).")
    tekst: str = Field(min_length=1, description="De waarneming in eigen woorden.")


class Verwachting(Strikt):
    wel: list[Id] = Field(default_factory=list, description="Conclusies die moeten volgen.")
    niet: list[Id] = Field(default_factory=list, description="Conclusies die niet mogen volgen.")


class Casus(Strikt):
    """One case: a few facts and a free-text description in Dutch."""

    id: str = Field(min_length=1, description="Korte naam van de casus.")
    titel: str | None = Field(None, description="Titel voor in het rapport.")
    bron: BronVerwijzing | None = Field(
        None, description="De vignet uit de bronnen, als dat zo is."
    )
    leerling: Leerling = Field(default_factory=Leerling)
    gezinssituatie: list[str] = Field(
        default_factory=list, description="Trefwoorden zoals scheiding, rouw, enig_kind."
    )
    betrokkenen: list[str] = Field(
        default_factory=list, description="Rollen of namen van wie erbij betrokken is."
    )
    beschrijving: str = Field(min_length=1, description="De vrije tekst van de casus.")
    observaties: list[Observatie] = Field(default_factory=list)
    signalen: SignaalOordeel = Field(default_factory=SignaalOordeel)
    verwacht: Verwachting | None = Field(None, description="Verwachte uitkomst (voor tests).")
    bestand: str | None = Field(None, exclude=True, description="Het bestand (gezet bij laden).")

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, waarde):
        return str(waarde) if isinstance(waarde, int) and not isinstance(waarde, bool) else waarde


class CasusFout(Exception):
    """A case file that could not be read; `fouten` are Dutch messages."""

    def __init__(self, bestand: str, fouten: list[Invoerfout]):
        super().__init__("; ".join(str(f) for f in fouten))
        self.bestand = bestand
        self.fouten = fouten


def build_casus(data: dict, bestand: str, document: YamlDocument | None = None) -> Casus:
    """Validate case data (already parsed); raise `CasusFout` with located messages."""
    document = document or YamlDocument(data)
    try:
        return Casus.model_validate({**data, "bestand": bestand})
    except ValidationError as fout:
        raise CasusFout(bestand, translate_validation_error(fout, document, bestand)) from None


def load_casus(pad: Path) -> Casus:
    """Read one case file. Every problem becomes a `CasusFout` with a Dutch message."""
    bestand = display_path(pad)
    tekst = _read_text(pad, bestand)
    suffix = pad.suffix.lower()
    if suffix == ".txt":
        data: dict = {"beschrijving": tekst.strip()}
        document = YamlDocument(data)
    elif suffix == ".md":
        data, document = _parse_front_matter(tekst, bestand)
    else:
        document = _parse(tekst, bestand)
        data = document.data
        if not isinstance(data, dict):
            raise CasusFout(bestand, [Invoerfout(bestand, _not_a_mapping(data), 1)])
    data.setdefault("id", printable(pad.stem))
    if not str(data.get("beschrijving") or "").strip():
        raise CasusFout(
            bestand,
            [Invoerfout(bestand, "de beschrijving ontbreekt of is leeg", None, "beschrijving")],
        )
    return build_casus(data, bestand, document)


def _read_text(pad: Path, bestand: str) -> str:
    try:
        grootte = pad.stat().st_size
        if grootte > MAX_BYTES:
            raise CasusFout(
                bestand,
                [Invoerfout(bestand, f"bestand te groot ({grootte} bytes; maximaal {MAX_BYTES})")],
            )
        ruw = pad.read_bytes()
    except CasusFout:
        raise
    except OSError as fout:
        raise CasusFout(
            bestand, [Invoerfout(bestand, f"kan bestand niet lezen: {os_error_text(fout)}")]
        ) from None
    for bom, codering in _BOMS:
        if ruw.startswith(bom):
            try:
                return ruw.decode(codering)
            except UnicodeDecodeError:
                break
    if b"\x00" in ruw:
        raise CasusFout(bestand, [Invoerfout(bestand, "dit is geen tekstbestand (binaire inhoud)")])
    try:
        return ruw.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        regel = ruw[: fout.start].count(b"\n") + 1
        raise CasusFout(
            bestand,
            [
                Invoerfout(
                    bestand,
                    "de tekst is niet in UTF-8 opgeslagen; sla het bestand op als UTF-8",
                    regel,
                )
            ],
        ) from None


def _parse(tekst: str, bestand: str, regel_offset: int = 0) -> YamlDocument:
    try:
        document = parse_yaml(tekst)
    except YamlProbleem as fout:
        regelnummer = None if fout.regelnummer is None else fout.regelnummer + regel_offset
        raise CasusFout(bestand, [Invoerfout(bestand, fout.bericht, regelnummer)]) from None
    if regel_offset:
        document.regelnummers = {
            pad: nummer + regel_offset for pad, nummer in document.regelnummers.items()
        }
    return document


def _parse_front_matter(tekst: str, bestand: str) -> tuple[dict, YamlDocument]:
    regels = tekst.splitlines(keepends=True)
    if not regels or regels[0].strip() != "---":
        return {"beschrijving": tekst.strip()}, YamlDocument({})
    for index in range(1, len(regels)):
        if regels[index].strip() in ("---", "..."):
            kop = "".join(regels[1:index])
            body = "".join(regels[index + 1 :]).strip()
            document = _parse(kop, bestand, regel_offset=1)
            data = document.data if document.data is not None else {}
            if not isinstance(data, dict):
                raise CasusFout(bestand, [Invoerfout(bestand, _not_a_mapping(data), 2)])
            if body:
                if data.get("beschrijving"):
                    raise CasusFout(
                        bestand,
                        [
                            Invoerfout(
                                bestand,
                                "beschrijving staat zowel in de kop als eronder; kies één plek",
                                document.regelnummer_van(("beschrijving",)),
                                "beschrijving",
                            )
                        ],
                    )
                data["beschrijving"] = body
            return data, document
    raise CasusFout(
        bestand, [Invoerfout(bestand, "de YAML-kop wordt niet afgesloten met '---'", 1)]
    )


def _not_a_mapping(data) -> str:
    if data is None:
        return "het bestand is leeg"
    return "het bestand moet sleutels bevatten (zoals beschrijving:), geen losse tekst of lijst"


def find_case_files(paden: list[Path]) -> tuple[list[Path], list[Invoerfout]]:
    """Expand files and folders into case files, sorted; every problem becomes an error."""
    gevonden: list[Path] = []
    fouten: list[Invoerfout] = []
    for pad in paden:
        try:
            if pad.is_dir():
                inhoud = _case_files_in(pad)
                if not inhoud:
                    fouten.append(Invoerfout(display_path(pad), "geen casusbestanden in deze map"))
                gevonden.extend(inhoud)
            elif pad.is_file():
                gevonden.append(pad)
            elif pad.exists():
                fouten.append(Invoerfout(display_path(pad), "geen gewoon bestand"))
            else:
                fouten.append(Invoerfout(display_path(pad), "bestand of map bestaat niet"))
        except OSError as fout:
            fouten.append(Invoerfout(display_path(pad), os_error_text(fout)))
    return gevonden, fouten


def _case_files_in(map_: Path) -> list[Path]:
    """Case files in a folder and its subfolders, skipping hidden ones and our own reports."""
    bestanden = []
    for pad in sorted(map_.rglob("*")):
        deel = pad.relative_to(map_).parts
        if any(d.startswith(".") for d in deel) or pad.suffix.lower() not in CASUS_EXTENSIES:
            continue
        if pad.is_file() and not is_report(pad):
            bestanden.append(pad)
    return bestanden


RAPPORT_MERKTEKEN = "<!-- loyaliteit-rapport -->"


def is_report(pad: Path) -> bool:
    """A Markdown report this tool wrote (its first line is the marker)."""
    if pad.suffix.lower() != ".md":
        return False
    try:
        with pad.open("rb") as bestand:
            return bestand.read(len(RAPPORT_MERKTEKEN)) == RAPPORT_MERKTEKEN.encode()
    except OSError:
        return False
