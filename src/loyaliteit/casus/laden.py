"""Case files: `.yaml`, `.md` with YAML front matter, or `.txt` -> `Casus`.

`-` as a path is standard input (YAML, Markdown with a YAML header, or plain text: the
format is recognised from the first line). Every problem becomes a `CasusFout` with
Dutch messages that name the file, the line and the key.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from ..basis import SignaalOordeel, is_invisible
from ..bestandlezen import LeesProbleem, read_regular_file
from ..fouten import STANDAARDINVOER, Invoerfout, display_path, printable
from ..validatiefouten import translate_validation_error
from ..yamlbestand.document import YamlDocument, YamlProbleem
from ..yamlbestand.ontleden import parse_yaml
from .lezen import (
    MAX_BYTES,
    decode,
    format_of_standard_input,
    is_standard_input,
    normalise_line_ends,
    read_text,
)
from .model import Casus, CasusFout, build_casus


def load_casus(pad: Path) -> Casus:
    """Read one case file (`-`: standard input). Every problem becomes a `CasusFout`
    with a Dutch message."""
    bestand = display_path(pad)
    tekst = read_text(pad, bestand)
    soort = format_of_standard_input(tekst) if is_standard_input(pad) else pad.suffix.lower()
    if soort == ".txt":
        data: dict = {"beschrijving": tekst.strip()}
        document = YamlDocument(data)
        if not is_standard_input(pad):
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
        tekst = decode(read_regular_file(zij, MAX_BYTES), naam)
    except LeesProbleem as fout:
        raise CasusFout(naam, [Invoerfout(naam, fout.bericht)]) from None
    return parse_judgement(normalise_line_ends(tekst), naam)


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
    if is_standard_input(pad):
        return STANDAARDINVOER
    naam = "".join(t for t in printable(pad.stem) if not is_invisible(t) or t == " ").strip()
    return naam or "casus"


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
