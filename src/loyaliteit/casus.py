"""Case files: `.yaml`, `.md` with YAML front matter, or `.txt` -> `Casus`.

`-` as a path is standard input (YAML, Markdown with a YAML header, or plain text: the
format is recognised from the first line). Only regular files are read; every problem
becomes a `CasusFout` with Dutch messages that name the file, the line and the key.

(Longer than the ~300 lines the README asks: finding case files in folders, where links,
loops, FIFOs and unreadable folders must each be named, stays beside loading them.)
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from collections.abc import Collection
from pathlib import Path

from pydantic import Field, PrivateAttr, ValidationError, field_validator

from .basis import (
    BronVerwijzing,
    Id,
    Leerling,
    SignaalOordeel,
    Strikt,
    VrijeTekst,
    ZichtbareId,
    is_blank,
    is_invisible,
)
from .fouten import (
    STANDAARDINVOER,
    Invoerfout,
    did_you_mean,
    display_path,
    os_error_text,
    printable,
    translate_validation_error,
)
from .yamlbestand import (
    LeesProbleem,
    Pad,
    YamlDocument,
    YamlProbleem,
    format_pad,
    not_regular_reason,
    parse_yaml,
    path_problem,
    read_regular_file,
)

MAX_BYTES = 1_000_000
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
CASUS_EXTENSIES = (".yaml", ".yml", ".md", ".txt")


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


def load_casus(pad: Path) -> Casus:
    """Read one case file (`-`: standard input). Every problem becomes a `CasusFout`
    with a Dutch message."""
    bestand = display_path(pad)
    tekst = _read_text(pad, bestand)
    soort = _format_of_standard_input(tekst) if _is_standard_input(pad) else pad.suffix.lower()
    if soort == ".txt":
        data: dict = {"beschrijving": tekst.strip()}
        document = YamlDocument(data)
        if not _is_standard_input(pad):
            oordeel = judgement_beside(pad)
            if oordeel is not None:
                data["signalen"] = oordeel.model_dump()
    elif soort == ".md":
        data, document = _parse_front_matter(tekst, bestand)
    else:
        document = _parse(tekst, bestand)
        data = document.data
        if not isinstance(data, dict):
            raise CasusFout(bestand, [Invoerfout(bestand, _not_a_mapping(data), 1)])
    data.setdefault("id", _id_from_name(pad))
    return build_casus(data, bestand, document)


# A plain-text case has no room for the team's judgement: it is kept beside it, in
# `NAAM.txt.oordeel` (a folder run does not take that file for a case).
OORDEEL_ACHTERVOEGSEL = ".oordeel"


def judgement_path(pad: Path) -> Path:
    return pad.with_name(pad.name + OORDEEL_ACHTERVOEGSEL)


def judgement_beside(pad: Path) -> SignaalOordeel | None:
    """The judgement in `NAAM.txt.oordeel` beside a `.txt` case, if there is one."""
    zij = judgement_path(pad)
    if not os.path.lexists(zij):
        return None
    naam = display_path(zij)
    try:
        tekst = _decode(read_regular_file(zij, MAX_BYTES), naam)
    except LeesProbleem as fout:
        raise CasusFout(naam, [Invoerfout(naam, fout.bericht)]) from None
    return parse_judgement(_normalise_line_ends(tekst), naam)


def parse_judgement(tekst: str, naam: str) -> SignaalOordeel:
    """The `signalen:` entry of a judgement file, with Dutch errors naming its lines."""
    document = None
    try:
        document = parse_yaml(tekst)
        data = document.data or {}
        if not isinstance(data, dict):
            raise CasusFout(naam, [Invoerfout(naam, "moet een 'signalen:'-sleutel bevatten", 1)])
        return SignaalOordeel.model_validate(data.get("signalen") or {})
    except YamlProbleem as fout:
        raise CasusFout(naam, [Invoerfout(naam, fout.bericht, fout.regelnummer)]) from None
    except ValidationError as fout:
        fouten = translate_validation_error(fout, document, naam, prefix=("signalen",))
        raise CasusFout(naam, fouten) from None


def _id_from_name(pad: Path) -> str:
    """The default id: the file name without extension, with what cannot be seen left out."""
    if _is_standard_input(pad):
        return STANDAARDINVOER
    naam = "".join(t for t in printable(pad.stem) if not is_invisible(t) or t == " ").strip()
    return naam or "casus"


def _is_standard_input(pad: Path) -> bool:
    return str(pad) == "-"


_STANDAARDINVOER: tuple[object, bytes] | None = None


def read_standard_input() -> bytes:
    """The bytes on standard input, read once (a second `-` gets the same case)."""
    global _STANDAARDINVOER
    bron = sys.stdin
    if _STANDAARDINVOER is None or _STANDAARDINVOER[0] is not bron:
        buffer = getattr(bron, "buffer", None)
        data = buffer.read(MAX_BYTES + 1) if buffer is not None else bron.read().encode()
        _STANDAARDINVOER = (bron, data)
    return _STANDAARDINVOER[1]


_YAML_BEGIN = re.compile(r"[a-z_]+[ \t]*:(?:[ \t]|$)|\{")


def _format_of_standard_input(tekst: str) -> str:
    """Standard input has no extension: `---` starts Markdown with a YAML header, a first
    line `sleutel: ...` YAML, anything else is the description as plain text."""
    for regel in tekst.splitlines():
        schoon = regel.strip().lstrip("\ufeff")
        if not schoon or schoon.startswith("#"):
            continue
        if schoon == "---":
            return ".md"
        return ".yaml" if _YAML_BEGIN.match(schoon) else ".txt"
    return ".txt"


def _read_text(pad: Path, bestand: str) -> str:
    try:
        ruw = (
            read_standard_input() if _is_standard_input(pad) else read_regular_file(pad, MAX_BYTES)
        )
    except LeesProbleem as fout:
        raise CasusFout(bestand, [Invoerfout(bestand, fout.bericht)]) from None
    except OSError as fout:
        bericht = f"kan standaardinvoer niet lezen: {os_error_text(fout)}"
        raise CasusFout(bestand, [Invoerfout(bestand, bericht)]) from None
    if len(ruw) > MAX_BYTES:
        bericht = f"bestand te groot (meer dan {MAX_BYTES} bytes)"
        raise CasusFout(bestand, [Invoerfout(bestand, bericht)])
    return _normalise_line_ends(_decode(ruw, bestand))


def _normalise_line_ends(tekst: str) -> str:
    """Windows and old Mac line ends become newlines (a carriage return is a control
    character that would otherwise be replaced in the text)."""
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


def _decode(ruw: bytes, bestand: str) -> str:
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
        bericht = "de tekst is niet in UTF-8 opgeslagen; sla het bestand op als UTF-8"
        raise CasusFout(bestand, [Invoerfout(bestand, bericht, regel)]) from None


def _parse(tekst: str, bestand: str, regel_offset: int = 0) -> YamlDocument:
    try:
        document = parse_yaml(tekst)
    except YamlProbleem as fout:
        regelnummer = None if fout.regelnummer is None else fout.regelnummer + regel_offset
        raise CasusFout(
            bestand, [Invoerfout(bestand, fout.bericht, regelnummer, fout.sleutel)]
        ) from None
    if regel_offset:
        document.regelnummers = {
            pad: nummer + regel_offset for pad, nummer in document.regelnummers.items()
        }
    return document


def _parse_front_matter(tekst: str, bestand: str) -> tuple[dict, YamlDocument]:
    regels = tekst.splitlines(keepends=True)
    if not regels or regels[0].strip().lstrip("\ufeff") != "---":
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


def find_case_files(paden: list[Path]) -> tuple[list[Path], list[Invoerfout]]:
    """Expand files and folders into case files, sorted; every problem becomes an error.

    Nothing is skipped without a word: a path that is not a regular file or folder, an
    unreadable subfolder, a broken symbolic link or a link loop inside a folder each give
    an error. `-` (standard input) is read here, once, before any work is shared out."""
    gevonden: list[Path] = []
    fouten: list[Invoerfout] = []
    for pad in paden:
        if _is_standard_input(pad):
            gevonden.append(pad)
            continue
        try:
            status = os.stat(pad)
        except OSError as fout:
            fouten.append(Invoerfout(display_path(pad), path_problem(pad, fout)))
            continue
        if stat.S_ISDIR(status.st_mode):
            eerder = len(fouten)
            inhoud = _case_files_in(pad, status, fouten)
            if not inhoud and len(fouten) == eerder:
                fouten.append(Invoerfout(display_path(pad), "geen casusbestanden in deze map"))
            gevonden.extend(inhoud)
        elif stat.S_ISREG(status.st_mode):
            gevonden.append(pad)
        else:
            fouten.append(Invoerfout(display_path(pad), not_regular_reason(status.st_mode) or ""))
    if any(_is_standard_input(pad) for pad in gevonden):
        with contextlib.suppress(OSError):  # load_casus reports it
            read_standard_input()
    return gevonden, fouten


def _case_files_in(map_: Path, status: os.stat_result, fouten: list[Invoerfout]) -> list[Path]:
    """Case files in a folder and its subfolders (symbolic links followed, loops
    reported), skipping hidden ones and our own reports."""
    bestanden: list[Path] = []
    bezocht = {(status.st_dev, status.st_ino)}
    stapel: list[tuple[Path, frozenset]] = [(map_, frozenset(bezocht))]
    while stapel:
        huidig, voorouders = stapel.pop()
        for pad in _entries(huidig, fouten):
            item = _stat_or_report(pad, fouten)
            if item is None:
                continue
            sleutel = (item.st_dev, item.st_ino)
            if not stat.S_ISDIR(item.st_mode):
                if _is_case_file(pad, item, fouten):
                    bestanden.append(pad)
            elif sleutel in voorouders:
                bericht = "een symbolische link naar een map erboven (een lus); niet doorzocht"
                fouten.append(Invoerfout(display_path(pad), bericht))
            elif sleutel not in bezocht:  # a folder reached twice through links: once
                bezocht.add(sleutel)
                stapel.append((pad, voorouders | {sleutel}))
    return sorted(bestanden)


def _entries(map_: Path, fouten: list[Invoerfout]) -> list[Path]:
    """The visible entries of a folder, sorted; an unreadable folder is an error."""
    try:
        with os.scandir(map_) as inhoud:
            namen = sorted(item.name for item in inhoud)
    except OSError as fout:
        bericht = f"map kan niet doorzocht worden: {os_error_text(fout)}"
        fouten.append(Invoerfout(display_path(map_), bericht))
        return []
    return [map_ / naam for naam in namen if not naam.startswith(".")]


def _stat_or_report(pad: Path, fouten: list[Invoerfout]) -> os.stat_result | None:
    """What a link points to; a broken link or a loop that may hide a case is an error."""
    try:
        return os.stat(pad)
    except OSError as fout:
        extensie = pad.suffix.lower()
        if extensie in CASUS_EXTENSIES or not extensie:
            fouten.append(Invoerfout(display_path(pad), path_problem(pad, fout)))
        return None


def _is_case_file(pad: Path, item: os.stat_result, fouten: list[Invoerfout]) -> bool:
    if pad.suffix.lower() not in CASUS_EXTENSIES:
        return False
    reden = not_regular_reason(item.st_mode)
    if reden is not None:
        fouten.append(Invoerfout(display_path(pad), reden))
        return False
    return not is_report(pad)


RAPPORT_MERKTEKEN = "<!-- loyaliteit-rapport -->"


def is_report(pad: Path) -> bool:
    """A Markdown report this tool wrote (its first line is the marker)."""
    if pad.suffix.lower() != ".md":
        return False
    try:
        begin = read_regular_file(pad, MAX_BYTES, alleen_begin=len(RAPPORT_MERKTEKEN))
    except LeesProbleem:
        return False
    return begin == RAPPORT_MERKTEKEN.encode()
