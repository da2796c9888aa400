"""Nothing breaks it: a corpus of bad input, each in a batch beside one good case.

Every bad case file must give a Dutch error that names the file (and, for YAML and type
errors, the line and the key), the good case in the same batch must still be analysed,
the exit code must be 1, and there must never be a traceback. YAML is read only with a
safe loader, with a size and alias limit. Reports are written atomically, never over an
existing file without --overschrijf and never outside --uit. The tool uses no network.

Tests marked `xfail(strict=True, reason="BUG: ...")` assert the correct behaviour and
document a bug that is still in the tool.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from loyaliteit import yamlbestand
from loyaliteit.casus import CasusFout, load_casus
from loyaliteit.cli import app
from loyaliteit.fouten import Invoerfout, display_path

from .conftest import MINI, REPO

runner = CliRunner()


pytestmark = pytest.mark.usefixtures("memory_cap")


GOED = """id: goed
leerling: {naam: Lars, leeftijd: 7}
beschrijving: |
  Lars huilt elke ochtend bij het afscheid van zijn moeder. In de pauze blijft hij
  bij de juf. Moeder wil hem eigenlijk klein houden.
"""

# ---------------------------------------------------------------------------------------
# Is a message Dutch?
# ---------------------------------------------------------------------------------------

_NEDERLANDS = re.compile(
    r"\b(de|het|een|niet|moet|mag|is|zijn|bestand|sleutel|ongeldige|ontbreekt|te|geen|"
    r"onbekend|onbekende|kan|bestaat|map|tekst|leeg|dubbel|dubbele|verwijzingen|genest|"
    r"lijst|waarde|kringloop|wordt|staat|teken)\b",
    re.IGNORECASE,
)
_ENGELS = re.compile(
    r"\b(the|should|must|not allowed|cannot|could|found|expected|while|error|invalid|"
    r"unacceptable|characters?|input|field|required|directory|such|file|too long|"
    r"permission|denied|keys|strings|finite|number|exists|option|position|unicode|"
    r"traceback|literal|convert|range|month|day)\b",
    re.IGNORECASE,
)


def is_dutch(bericht: str) -> bool:
    # the echoed input (", niet <waarde>") is the user's own text, not the message
    eigen = bericht.split(", niet ", 1)[0]
    return bool(eigen.strip()) and bool(_NEDERLANDS.search(eigen)) and not _ENGELS.search(eigen)


def test_dutch_detector_itself():
    assert is_dutch("ongeldige YAML: een waarde ontbreekt")
    assert is_dutch("moet een geheel getal zijn, niet 'zeven'")
    assert not is_dutch("Input should be a finite number, niet nan")
    assert not is_dutch("kan bestand niet lezen: Is a directory")
    assert not is_dutch("ongeldige YAML: unacceptable character #x0007")
    assert not is_dutch("")


_PLAATS = re.compile(
    r"(?::(?P<regel>\d+))?(?: \(sleutel '(?P<sleutel>[^']*)'\))?: (?P<bericht>.*)\Z", re.S
)


@dataclass
class Melding:
    regel: int | None
    sleutel: str | None
    bericht: str


def split_message(fout: str, naam: str) -> Melding:
    """'<...naam>:N (sleutel 'k'): bericht' -> its parts (the file named by `naam`)."""
    begin = fout.find(naam)
    assert begin >= 0, f"de foutmelding noemt het bestand {naam!r} niet: {fout!r}"
    m = _PLAATS.match(fout, begin + len(naam))
    assert m, f"de foutmelding heeft niet de vorm 'bestand:regel (sleutel ...): ...': {fout!r}"
    regel = m["regel"]
    return Melding(int(regel) if regel else None, m["sleutel"], m["bericht"])


def no_traceback(resultaat) -> None:
    fout = resultaat.exception
    if fout is not None and not isinstance(fout, SystemExit):
        tekst = "".join(traceback.format_exception(fout))
        pytest.fail(f"traceback in plaats van een foutmelding:\n{tekst}")


# ---------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------

IETS = "een regelnummer"  # the message must name some line (the exact one is not fixed)

# `bevat` is a regular expression: the substance is fixed, the exact wording is not
TE_GROOT = r"te groot|hoogstens|maximaal|groter dan"
TE_KLEIN = r"te klein|minstens|minimaal|kleiner dan"
TAG = r"(?i)tag|label"

Maker = Callable[[Path], Path]


@dataclass(frozen=True)
class Slecht:
    """One bad input: `maak` builds it in a folder and returns the path to pass."""

    id: str
    maak: Maker
    regel: int | str | None = None  # exact line, IETS, or no requirement
    sleutel: str | None = None
    bevat: str | None = None  # a regex the (Dutch) message must match
    genoemd: str | None = None  # the name the message must contain (default: path's name)
    bug: str | None = None


def file(naam: str, inhoud: str | bytes | Callable[[], str | bytes]) -> Maker:
    def maak(map_: Path) -> Path:
        pad = map_ / naam
        waarde = inhoud() if callable(inhoud) else inhoud
        if isinstance(waarde, bytes):
            pad.write_bytes(waarde)
        else:
            pad.write_text(waarde, encoding="utf-8")
        return pad

    return maak


# One key per line, so that a wrong value on line N must be reported on line N.
SJABLOON = """\
id: casus_x
titel: Een titel
leerling:
  naam: Sam
  leeftijd: 8
  groep: 5
  klas: havo 2
gezinssituatie: [scheiding]
betrokkenen: [moeder, vader]
beschrijving: Hij huilt bij het afscheid.
observaties:
  - wie: leerkracht
    tekst: Hij is stil in de klas.
signalen:
  bevestigd: [huilt_bij_afscheid]
  verworpen: []
verwacht:
  wel: []
  niet: []
bron: {id: bressers, sectie: Casus Lars}
"""
SJABLOON_REGELS = SJABLOON.splitlines()


def replaced(begin: int, eind: int, nieuw: str) -> str:
    """The template with lines begin..eind (1-based, inclusive) replaced by `nieuw`."""
    regels = [*SJABLOON_REGELS[: begin - 1], nieuw, *SJABLOON_REGELS[eind:]]
    return "\n".join(regels) + "\n"


def inserted(na: int, nieuw: str) -> str:
    regels = [*SJABLOON_REGELS[:na], nieuw, *SJABLOON_REGELS[na:]]
    return "\n".join(regels) + "\n"


BUG_BOOL = (
    "BUG: a YAML boolean is silently accepted where a number or text is required "
    "(pydantic lax mode turns true into 1; Casus._id_as_text/Leerling._klas_as_text turn "
    "True into 'True' because bool is an int)"
)
BUG_PYDANTIC_ENGELS = (
    "BUG: four pydantic error types have no Dutch text in fouten._PYDANTIC_DUTCH, so the "
    "English pydantic message is shown: finite_number (.nan/.inf: 'Input should be a "
    "finite number'), int_parsing_size (1.0e+19: 'Unable to parse input string as an "
    "integer, exceeded maximum size'), invalid_key (a key 12:, ~: or true: 'Keys should "
    "be strings', with a garbled key '[12]') and string_unicode (!!binary /w==: 'Input "
    "should be a valid string, unable to parse raw data as a unicode string')"
)
BUG_NAN = BUG_SLEUTEL = BUG_PYDANTIC_ENGELS
BUG_TAG = (
    "BUG: an explicit or implicit YAML tag whose value cannot be constructed (!!int abc, "
    "!!float x, !!bool misschien, 2024-02-30, ...) raises ValueError/KeyError/"
    "AttributeError from PyYAML's SafeConstructor, which yamlbestand.parse_yaml does not "
    "catch: traceback, no JSON, the good file is lost"
)
BUG_STUURTEKEN = (
    "BUG: a control character (or U+FFFE/U+FFFF) in YAML gives PyYAML's English "
    "ReaderError text ('unacceptable character #x0007: control characters are not "
    "allowed ... position N') without a line number (yamlbestand.parse_yaml passes "
    "yaml.YAMLError through untranslated)"
)
BUG_UTF16 = (
    "BUG: a UTF-16/UTF-32 text file is called 'geen tekstbestand (binaire inhoud)' "
    "instead of 'not UTF-8, save as UTF-8': casus._read_text checks for NUL bytes before "
    "looking for a UTF-16/32 byte-order mark"
)


# Fixed since they were found; kept as names so the corpus above reads the same.
BUG_BOOL = BUG_PYDANTIC_ENGELS = BUG_NAN = BUG_SLEUTEL = BUG_TAG = BUG_STUURTEKEN = BUG_UTF16 = None


def wrong_types() -> list[Slecht]:
    """A wrong value for every key of a case, each on a known line."""
    # (key, first line, last line, line text, [(value, key override, bug)])
    tabel: list[tuple[str, int, int, str, list[tuple[str, str | None, str | None]]]] = [
        (
            "id",
            1,
            1,
            "id: {}",
            [
                ("[a, b]", None, None),
                ("{naam: x}", None, None),
                ("''", None, None),
                ("null", None, None),
                ("3.5", None, None),
                ("2024-01-01", None, None),
                ("yes", None, BUG_BOOL),
                ("!!binary /w==", None, BUG_PYDANTIC_ENGELS),
            ],
        ),
        (
            "titel",
            2,
            2,
            "titel: {}",
            [
                ("[a, b]", None, None),
                ("{naam: x}", None, None),
                ("12", None, None),
                ("3.5", None, None),
                ("true", None, None),
                ("2024-01-01", None, None),
            ],
        ),
        (
            "leerling",
            3,
            7,
            "leerling: {}",
            [
                ("Sam", None, None),
                ("[Sam, 8]", None, None),
                ("12", None, None),
                ("true", None, None),
            ],
        ),
        (
            "leerling.naam",
            4,
            4,
            "  naam: {}",
            [
                ("[Sam]", None, None),
                ("{voornaam: Sam}", None, None),
                ("12", None, None),
                ("true", None, None),
            ],
        ),
        (
            "leerling.leeftijd",
            5,
            5,
            "  leeftijd: {}",
            [
                ("zeven", None, None),
                ("[7]", None, None),
                ("{jaren: 7}", None, None),
                ("7.5", None, None),
                ("''", None, None),
                ("'7 jaar'", None, None),
                ("2024-01-01", None, None),
                ("true", None, BUG_BOOL),
                (".nan", None, BUG_NAN),
                (".inf", None, BUG_NAN),
                ("1.0e+19", None, BUG_PYDANTIC_ENGELS),
            ],
        ),
        (
            "leerling.groep",
            6,
            6,
            "  groep: {}",
            [
                ("vier", None, None),
                ("[4]", None, None),
                ("{nummer: 4}", None, None),
                ("4.5", None, None),
                ("''", None, None),
                ("true", None, BUG_BOOL),
                ("-.inf", None, BUG_NAN),
            ],
        ),
        (
            "leerling.klas",
            7,
            7,
            "  klas: {}",
            [
                ("[havo, 2]", None, None),
                ("{niveau: havo}", None, None),
                ("2.5", None, None),
                ("true", None, BUG_BOOL),
            ],
        ),
        (
            "gezinssituatie",
            8,
            8,
            "gezinssituatie: {}",
            [
                ("scheiding", None, None),
                ("{scheiding: ja}", None, None),
                ("12", None, None),
                ("[1, 2]", "gezinssituatie[0]", None),
                ("[[a]]", "gezinssituatie[0]", None),
                ("[null]", "gezinssituatie[0]", None),
                ("[{a: b}]", "gezinssituatie[0]", None),
            ],
        ),
        (
            "betrokkenen",
            9,
            9,
            "betrokkenen: {}",
            [
                ("moeder", None, None),
                ("{moeder: ja}", None, None),
                ("12", None, None),
                ("[1]", "betrokkenen[0]", None),
                ("[[moeder]]", "betrokkenen[0]", None),
                ("[moeder, 3.5]", "betrokkenen[1]", None),
            ],
        ),
        (
            "beschrijving",
            10,
            10,
            "beschrijving: {}",
            [
                ("[Hij huilt]", None, None),
                ("{tekst: Hij huilt}", None, None),
                ("12", None, None),
                ("true", None, None),
                ("3.5", None, None),
                ("2024-01-01", None, None),
            ],
        ),
        (
            "observaties",
            11,
            13,
            "observaties: {}",
            [
                ("Hij is stil", None, None),
                ("{wie: juf, tekst: stil}", None, None),
                ("12", None, None),
                ("[Hij is stil]", "observaties[0]", None),
                ("[null]", "observaties[0]", None),
                ("[{wie: juf}]", "observaties[0].tekst", None),
                ("[{tekst: stil}]", "observaties[0].wie", None),
                ("[{wie: juf, tekst: ''}]", "observaties[0].tekst", None),
                ("[{wie: [a], tekst: stil}]", "observaties[0].wie", None),
                ("[{wie: juf, tekst: 5}]", "observaties[0].tekst", None),
            ],
        ),
        (
            "signalen",
            14,
            16,
            "signalen: {}",
            [("[huilt_bij_afscheid]", None, None), ("ja", None, None), ("12", None, None)],
        ),
        *(
            (
                f"signalen.{soort}",
                regel,
                regel,
                f"  {soort}: {{}}",
                [
                    ("huilt_bij_afscheid", None, None),
                    ("{a: b}", None, None),
                    ("12", None, None),
                    ("[Huilt Bij Afscheid]", f"signalen.{soort}[0]", None),
                    ("[1]", f"signalen.{soort}[0]", None),
                    ("[[a]]", f"signalen.{soort}[0]", None),
                ],
            )
            for soort, regel in (("bevestigd", 15), ("verworpen", 16))
        ),
        (
            "verwacht",
            17,
            19,
            "verwacht: {}",
            [("ja", None, None), ("[passieve_parentificatie]", None, None), ("12", None, None)],
        ),
        *(
            (
                f"verwacht.{soort}",
                regel,
                regel,
                f"  {soort}: {{}}",
                [
                    ("passieve_parentificatie", None, None),
                    ("{a: b}", None, None),
                    ("['Passief!']", f"verwacht.{soort}[0]", None),
                    ("[1]", f"verwacht.{soort}[0]", None),
                ],
            )
            for soort, regel in (("wel", 18), ("niet", 19))
        ),
        (
            "bron",
            20,
            20,
            "bron: {}",
            [
                ("bressers", None, None),
                ("[bressers]", None, None),
                ("12", None, None),
                ("{id: bressers}", "bron.sectie", None),
                ("{id: 'Bressers!', sectie: x}", "bron.id", None),
                ("{id: bressers, sectie: ''}", "bron.sectie", None),
                ("{id: 12, sectie: x}", "bron.id", None),
                ("{id: [a], sectie: x}", "bron.id", None),
            ],
        ),
    ]
    corpus = []
    for sleutel, begin, eind, vorm, waarden in tabel:
        for index, (waarde, andere_sleutel, bug) in enumerate(waarden):
            corpus.append(
                Slecht(
                    f"type-{sleutel}-{index}",
                    file(
                        f"type_{sleutel.replace('.', '_')}_{index}.yaml",
                        replaced(begin, eind, vorm.format(waarde)),
                    ),
                    regel=begin,
                    sleutel=andere_sleutel or sleutel,
                    bug=bug,
                )
            )
    # an empty description: the key and a clear message (no line is required here)
    for index, waarde in enumerate(["''", "null", "'   '", "[]", "{}", "0", "false", "|\n  \n"]):
        corpus.append(
            Slecht(
                f"leeg-beschrijving-{index}",
                file(
                    f"lege_beschrijving_{index}.yaml", replaced(10, 10, f"beschrijving: {waarde}")
                ),
                sleutel="beschrijving",
                bevat="beschrijving",
            )
        )
    return corpus


def out_of_range() -> list[Slecht]:
    gevallen = [
        ("leeftijd", 5, "-1", TE_KLEIN),
        ("leeftijd", 5, "31", TE_GROOT),
        ("leeftijd", 5, "1000", TE_GROOT),
        ("leeftijd", 5, "99999999999999999999999", TE_GROOT),
        ("groep", 6, "9", TE_GROOT),
        ("groep", 6, "0", TE_KLEIN),
        ("groep", 6, "-3", TE_KLEIN),
        ("groep", 6, "100", TE_GROOT),
    ]
    return [
        Slecht(
            f"bereik-{sleutel}-{waarde}",
            file(
                f"bereik_{sleutel}_{index}.yaml", replaced(regel, regel, f"  {sleutel}: {waarde}")
            ),
            regel=regel,
            sleutel=f"leerling.{sleutel}",
            bevat=bevat,
        )
        for index, (sleutel, regel, waarde, bevat) in enumerate(gevallen)
    ]


def unknown_keys() -> list[Slecht]:
    gevallen = [
        ("top", inserted(10, "leeftijd: 7"), 11, "leeftijd", None),
        ("top-hoofdletter", inserted(0, "Beschrijving: Tekst."), 1, "Beschrijving", None),
        ("top-notitie", inserted(20, "notitie: bel moeder"), 21, "notitie", None),
        ("top-engels", inserted(20, "description: tekst"), 21, "description", None),
        ("leerling", inserted(7, "  school: De Regenboog"), 8, "leerling.school", None),
        ("observatie", inserted(13, "    datum: maandag"), 14, "observaties[0].datum", None),
        ("signalen", inserted(16, "  misschien: []"), 17, "signalen.misschien", None),
        ("verwacht", inserted(19, "  soms: []"), 20, "verwacht.soms", None),
        (
            "bron",
            replaced(20, 20, "bron: {id: bressers, sectie: Casus Lars, pagina: 3}"),
            20,
            "bron.pagina",
            None,
        ),
        ("getal-als-sleutel", inserted(20, "12: twaalf"), 21, None, BUG_SLEUTEL),
        ("null-als-sleutel", inserted(20, "~: leeg"), 21, None, BUG_SLEUTEL),
        ("bool-als-sleutel", inserted(20, "true: ja"), 21, None, BUG_SLEUTEL),
    ]
    return [
        Slecht(
            f"onbekende-sleutel-{naam}",
            file(f"onbekend_{naam}.yaml", tekst),
            regel=regel,
            sleutel=sleutel,
            bevat=None if bug else "onbekende sleutel",
            bug=bug,
        )
        for naam, tekst, regel, sleutel, bug in gevallen
    ]


def malformed_yaml() -> list[Slecht]:
    ok = "ongeldig"
    gevallen: list[tuple[str, str, int | str, str | None, str | None]] = [
        ("aanhalingsteken-dubbel", 'id: x\nbeschrijving: "Hij huilt\n', IETS, ok, None),
        ("aanhalingsteken-enkel", "id: 'x\nbeschrijving: t\n", IETS, ok, None),
        ("aanhalingsteken-midden", "id: x\ntitel: 'Een 'titel'\nbeschrijving: t\n", 2, ok, None),
        ("haak-open", "id: x\nbeschrijving: [niet gesloten\n", IETS, ok, None),
        ("haak-dicht", "id: [x]]\nbeschrijving: t\n", 1, ok, None),
        ("accolade-open", "id: x\nleerling: {naam: Sam\nbeschrijving: t\n", IETS, ok, None),
        ("accolade-dicht", "leerling: {naam: Sam}}\nbeschrijving: t\n", 1, ok, None),
        ("accolade-komma", "leerling: {naam: Sam leeftijd: 7}\nbeschrijving: t\n", 1, ok, None),
        ("lijst-komma", "gezinssituatie: [a, , b]\nbeschrijving: t\n", 1, ok, None),
        (
            "accolade-dubbele-komma",
            "leerling: {naam: Sam,, leeftijd: 7}\nbeschrijving: t\n",
            1,
            ok,
            None,
        ),
        ("tab-inspringing", "id: x\nleerling:\n\tnaam: Sam\nbeschrijving: t\n", 3, ok, None),
        ("tab-begin", "\tid: x\nbeschrijving: t\n", 1, ok, None),
        ("tab-lijst", "gezinssituatie:\n\t- a\nbeschrijving: t\n", 2, ok, None),
        ("inspringing-te-ver", "id: x\n  beschrijving: t\n", 2, ok, None),
        ("inspringing-lijst", "id: x\nbeschrijving:\n  - a\n - b\n", 4, ok, None),
        (
            "inspringing-terug",
            "leerling:\n    naam: Sam\n  leeftijd: 7\nbeschrijving: t\n",
            3,
            ok,
            None,
        ),
        (
            "inspringing-lijst-mapping",
            "gezinssituatie:\n- a\n  b: c\nbeschrijving: t\n",
            IETS,
            ok,
            None,
        ),
        ("twee-documenten", "id: x\nbeschrijving: t\n---\nid: y\n", 3, ok, None),
        ("twee-documenten-leeg", "id: x\nbeschrijving: t\n---\n", 3, ok, None),
        ("drie-documenten", "---\nid: x\n---\nid: y\n---\nid: z\n", IETS, ok, None),
        ("dubbele-punt-waarde", "id: x: y\nbeschrijving: t\n", 1, ok, None),
        ("dubbele-punt-zin", "id: x\nbeschrijving: Hij zegt: nee\n", 2, ok, None),
        ("dubbele-punt-los", "id: x\n:\nbeschrijving: t\n", IETS, ok, None),
        ("geen-dubbele-punt", "id: x\nbeschrijving t\nleerling: {}\n", IETS, ok, None),
        ("sleutel-zonder-waarde-lijst", "id: x\n- a\nbeschrijving: t\n", 2, ok, None),
        ("onbekende-alias", "id: *x\nbeschrijving: t\n", 1, ok, None),
        ("anker-zonder-node", "id: &\nbeschrijving: t\n", IETS, ok, None),
        ("escape", 'id: "\\q"\nbeschrijving: t\n', 1, ok, None),
        ("apenstaart", "id: @x\nbeschrijving: t\n", 1, ok, None),
        ("backtick", "id: `x`\nbeschrijving: t\n", 1, ok, None),
        ("procent", "%YAML 1.1\n%YAML 1.1\n---\nid: x\n", IETS, ok, None),
        ("directief-zonder-document", "%FOO bar\nid: x\n", IETS, ok, None),
        ("blok-indicator", "beschrijving: |0\n  t\n", 1, ok, None),
        ("vraagteken-sleutel", "? [a, b]\n: c\nbeschrijving: t\n", IETS, ok, None),
        ("haakjes-mix", "gezinssituatie: [a, {b: c]\nbeschrijving: t\n", 1, ok, None),
        ("alleen-haak", "[\n", IETS, ok, None),
        ("alleen-dubbele-punt", ":\n", IETS, ok, None),
        ("merge-onzin", "<<: 5\nbeschrijving: t\n", IETS, ok, None),
        ("tag-omap", "id: !!omap [a, b]\nbeschrijving: t\n", 1, ok, None),
        ("tag-onbekend", "id: !eigen x\nbeschrijving: t\n", 1, TAG, None),
        ("tag-lokaal", "id: !<tag:voorbeeld.nl,2024:x> x\nbeschrijving: t\n", 1, TAG, None),
        ("tag-int", "id: !!int abc\nbeschrijving: t\n", 1, ok, BUG_TAG),
        ("tag-int-hex", "id: !!int 0x\nbeschrijving: t\n", 1, ok, BUG_TAG),
        ("tag-float", "id: !!float abc\nbeschrijving: t\n", 1, ok, BUG_TAG),
        ("tag-bool", "id: !!bool misschien\nbeschrijving: t\n", 1, ok, BUG_TAG),
        ("tag-timestamp", "titel: !!timestamp nooit\nbeschrijving: t\n", 1, ok, BUG_TAG),
        ("datum-30-februari", "id: x\ntitel: 2024-02-30\nbeschrijving: t\n", 2, ok, BUG_TAG),
        ("datum-maand-13", "id: x\nbeschrijving: t\ndatum: 2024-13-01\n", 3, ok, BUG_TAG),
        ("stuurteken-bel", "id: x\nbeschrijving: a\x07b\n", 2, ok, BUG_STUURTEKEN),
        ("stuurteken-escape", "id: x\nbeschrijving: a\x1b[31mb\n", 2, ok, BUG_STUURTEKEN),
        ("stuurteken-del", "id: x\nbeschrijving: a\x7fb\n", 2, ok, BUG_STUURTEKEN),
        ("stuurteken-ffff", "id: x\nbeschrijving: a\uffffb\n", 2, ok, BUG_STUURTEKEN),
    ]
    corpus = [
        Slecht(f"yaml-{naam}", file(f"yaml_{naam}.yaml", tekst), regel=regel, bevat=bevat, bug=bug)
        for naam, tekst, regel, bevat, bug in gevallen
    ]
    # the same kind of mistakes in the YAML head of a Markdown file: lines count from the file
    md = [
        ("md-haak", "---\nid: x\nbeschrijving: [\n---\n", IETS, ok, None),
        ("md-tab", "---\nid: x\n\tfoo: 1\n---\nTekst.\n", 3, ok, None),
        ("md-dubbele-punt", "---\nid: x: y\n---\nTekst.\n", 2, ok, None),
        ("md-aanhalingsteken", "---\ntitel: 'open\n---\nTekst.\n", IETS, ok, None),
        (
            "md-tag-python",
            "---\nid: !!python/object/apply:os.getcwd []\n---\nTekst.\n",
            2,
            TAG,
            None,
        ),
        ("md-tag-int", "---\nid: !!int abc\n---\nTekst.\n", 2, ok, BUG_TAG),
        ("md-stuurteken", "---\nid: a\x07b\n---\nTekst.\n", 2, ok, BUG_STUURTEKEN),
    ]
    corpus += [
        Slecht(f"yaml-{naam}", file(f"{naam}.md", tekst), regel=regel, bevat=bevat, bug=bug)
        for naam, tekst, regel, bevat, bug in md
    ]
    return corpus


def markdown_front_matter() -> list[Slecht]:
    gevallen: list[tuple[str, str, int | str | None, str | None, str | None]] = [
        ("niet-afgesloten", "---\nid: x\nbeschrijving: t\n", 1, None, "niet afgesloten"),
        ("alleen-streepjes", "---\n", 1, None, "niet afgesloten"),
        ("alleen-streepjes-spatie", "--- \nid: x\n", 1, None, "niet afgesloten"),
        ("lege-kop-geen-tekst", "---\n---\n", None, "beschrijving", "beschrijving"),
        ("kop-zonder-tekst", "---\nid: x\n---\n", None, "beschrijving", "beschrijving"),
        ("kop-punten-zonder-tekst", "---\nid: x\n...\n   \n", None, "beschrijving", "beschrijving"),
        ("kop-lijst", "---\n- a\n- b\n---\nTekst.\n", 2, None, "sleutels"),
        ("kop-tekst", "---\nhallo\n---\nTekst.\n", 2, None, "sleutels"),
        ("kop-getal", "---\n42\n---\nTekst.\n", 2, None, "sleutels"),
        (
            "beschrijving-twee-keer",
            "---\nbeschrijving: a\n---\nTekst.\n",
            2,
            "beschrijving",
            "beschrijving",
        ),
        (
            "type-in-kop",
            "---\nid: x\nleerling: {leeftijd: oud}\n---\nTekst.\n",
            3,
            "leerling.leeftijd",
            None,
        ),
        (
            "type-in-kop-blok",
            "---\nid: x\nleerling:\n  groep: negen\n---\nTekst.\n",
            4,
            "leerling.groep",
            None,
        ),
        (
            "bereik-in-kop",
            "---\nleerling:\n  groep: 9\n---\nTekst.\n",
            3,
            "leerling.groep",
            TE_GROOT,
        ),
        (
            "onbekend-in-kop",
            "---\nid: x\nleeftijd: 7\n---\nTekst.\n",
            3,
            "leeftijd",
            "onbekende sleutel",
        ),
        ("lijst-in-kop", "---\nbetrokkenen: moeder\n---\nTekst.\n", 2, "betrokkenen", None),
        (
            "signalen-in-kop",
            "---\nsignalen:\n  bevestigd: [Fout!]\n---\nTekst.\n",
            3,
            "signalen.bevestigd[0]",
            None,
        ),
        ("beschrijving-lijst", "---\nbeschrijving: [a]\n---\n", 2, "beschrijving", None),
        ("leeg-md", "", None, "beschrijving", "beschrijving"),
        ("witruimte-md", "  \n\n\t\n", None, "beschrijving", "beschrijving"),
    ]
    return [
        Slecht(
            f"md-{naam}", file(f"md_{naam}.md", tekst), regel=regel, sleutel=sleutel, bevat=bevat
        )
        for naam, tekst, regel, sleutel, bevat in gevallen
    ]


def empty_and_not_a_mapping() -> list[Slecht]:
    gevallen: list[tuple[str, str, int | None, str | None, str | None]] = [
        ("leeg.yaml", "", 1, None, "leeg"),
        ("leeg.yml", "", 1, None, "leeg"),
        ("leeg.txt", "", None, "beschrijving", "beschrijving"),
        ("spaties.yaml", "   \n\n   \n", 1, None, "leeg"),
        ("alleen-commentaar.yaml", "# niets\n# nog niets\n", 1, None, "leeg"),
        ("alleen-streepjes.yaml", "---\n", 1, None, "leeg"),
        ("alleen-null.yaml", "~\n", 1, None, "leeg"),
        ("spaties.txt", "  \n\t \n", None, "beschrijving", "beschrijving"),
        ("nieuwe-regels.txt", "\n\n\n", None, "beschrijving", "beschrijving"),
        ("bom-alleen.yaml", "\ufeff", 1, None, "leeg"),
        ("bom-alleen.txt", "\ufeff  ", None, "beschrijving", "beschrijving"),
        ("lijst.yaml", "- id: x\n- beschrijving: t\n", 1, None, "sleutels"),
        ("flow-lijst.yaml", "[a, b, c]\n", 1, None, "sleutels"),
        ("tekst.yaml", "Hij huilt bij het afscheid.\n", 1, None, "sleutels"),
        ("getal.yaml", "42\n", 1, None, "sleutels"),
        ("bool.yaml", "true\n", 1, None, "sleutels"),
        ("blok-tekst.yaml", "|\n  Hij huilt.\n", 1, None, "sleutels"),
        ("lege-mapping.yaml", "{}\n", None, "beschrijving", "beschrijving"),
        ("alleen-id.yaml", "id: x\n", None, "beschrijving", "beschrijving"),
    ]
    return [
        Slecht(f"leeg-{naam}", file(naam, tekst), regel=regel, sleutel=sleutel, bevat=bevat)
        for naam, tekst, regel, sleutel, bevat in gevallen
    ]


def binary_and_encodings() -> list[Slecht]:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
    gevallen: list[tuple[str, bytes, int | None, str, str | None]] = [
        ("nul.yaml", b"\x00\x01\x02\x03", None, "geen tekstbestand", None),
        ("plaatje.yaml", png, None, "geen tekstbestand", None),
        ("plaatje.md", png, None, "geen tekstbestand", None),
        ("plaatje.txt", png, None, "geen tekstbestand", None),
        ("gzip.yaml", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", None, "geen tekstbestand", None),
        (
            "elf.txt",
            b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)),
            None,
            "geen tekstbestand",
            None,
        ),
        ("nul-in-tekst.yaml", b"id: x\nbeschrijving: a\x00b\n", None, "geen tekstbestand", None),
        ("pdf.yaml", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", 2, "UTF-8", None),
        (
            "latin1.yaml",
            "id: x\ntitel: t\nbeschrijving: café\n".encode("latin-1"),
            3,
            "UTF-8",
            None,
        ),
        ("latin1.md", "---\nid: x\n---\nDe moeder van René.\n".encode("latin-1"), 4, "UTF-8", None),
        ("latin1.txt", "Eerste regel.\nDe moeder van René.\n".encode("latin-1"), 2, "UTF-8", None),
        (
            "cp1252.yaml",
            "id: x\nbeschrijving: \u201cHij huilt\u201d\n".encode("cp1252"),
            2,
            "UTF-8",
            None,
        ),
        ("cp1252.txt", "Hij zegt \u201cnee\u201d.\n".encode("cp1252"), 1, "UTF-8", None),
        ("overlong.yaml", b"id: x\nbeschrijving: a\xc0\xafb\n", 2, "UTF-8", None),
        ("surrogaat.txt", b"Hij huilt \xed\xa0\x80.\n", 1, "UTF-8", None),
        ("afgekapt.txt", b"Hij huilt bij het afscheid \xe2\x82", 1, "UTF-8", None),
        ("shift-jis.txt", "学校の先生".encode("shift_jis"), 1, "UTF-8", None),
    ]
    return [
        Slecht(f"bytes-{naam}", file(naam, inhoud), regel=regel, bevat=bevat, bug=bug)
        for naam, inhoud, regel, bevat, bug in gevallen
    ]


def _ten_megabytes(voor: str, na: str = "") -> Callable[[], str]:
    return lambda: voor + "Hij huilt bij het afscheid. " * 360_000 + na


def billion_laughs(kop: str = "", voet: str = "") -> str:
    regels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    vorige = "a"
    for naam in "bcdefghi":
        regels.append(f"{naam}: &{naam} [{', '.join(['*' + vorige] * 9)}]")
        vorige = naam
    return kop + "\n".join(regels) + f"\nbeschrijving: *{vorige}\n" + voet


def mapping_laughs() -> str:
    regels = ["a: &a {x: lol, y: lol, z: lol}"]
    vorige = "a"
    for naam in "bcdefgh":
        delen = ", ".join(f"k{i}: *{vorige}" for i in range(9))
        regels.append(f"{naam}: &{naam} {{{delen}}}")
        vorige = naam
    return "\n".join(regels) + f"\nbeschrijving: t\nleerling: *{vorige}\n"


def size_and_bombs() -> list[Slecht]:
    diep = 1000
    return [
        Slecht(
            "groot-yaml",
            file("groot.yaml", _ten_megabytes("id: x\nbeschrijving: ", "\n")),
            bevat="te groot",
        ),
        Slecht("groot-md", file("groot.md", _ten_megabytes("---\nid: x\n---\n")), bevat="te groot"),
        Slecht("groot-txt", file("groot.txt", _ten_megabytes("")), bevat="te groot"),
        Slecht(
            "groot-net-te-groot",
            file("net_te_groot.txt", lambda: "a" * 1_000_001),
            bevat="te groot",
        ),
        Slecht("alias-bom", file("bom.yaml", billion_laughs()), regel=IETS, bevat="verwijzingen"),
        Slecht(
            "alias-bom-md",
            file("bom.md", billion_laughs("---\n", "---\nTekst.\n")),
            regel=IETS,
            bevat="verwijzingen",
        ),
        Slecht(
            "alias-bom-mapping",
            file("bom_mapping.yaml", mapping_laughs()),
            regel=IETS,
            bevat="verwijzingen",
        ),
        Slecht(
            "alias-veel",
            file(
                "veel_aliassen.yaml",
                "a: &a x\nbeschrijving: t\ngezinssituatie: [" + ", ".join(["*a"] * 60) + "]\n",
            ),
            regel=IETS,
            bevat="verwijzingen",
        ),
        Slecht(
            "alias-zelf",
            file("alias_zelf.yaml", "a: &a [*a]\nbeschrijving: t\n"),
            regel=IETS,
        ),
        Slecht(
            "diep-lijst-1000",
            file("diep_lijst.yaml", "beschrijving: " + "[" * diep + "]" * diep + "\n"),
            regel=IETS,
        ),
        Slecht(
            "diep-mapping-1000",
            file(
                "diep_mapping.yaml",
                "beschrijving: t\nx: " + "{a: " * diep + "1" + "}" * diep + "\n",
            ),
            regel=IETS,
        ),
        Slecht(
            "diep-blok-1000",
            file(
                "diep_blok.yaml",
                "beschrijving: t\n"
                + "".join(" " * i + f"k{i}:\n" for i in range(diep))
                + " " * diep
                + "v\n",
            ),
            regel=IETS,
        ),
        Slecht(
            "diep-lijst-100",
            file("diep_100.yaml", "beschrijving: t\nx: " + "[" * 100 + "]" * 100 + "\n"),
            regel=2,
            bevat="te diep",
        ),
        Slecht(
            "diep-streepjes-100",
            file("diep_streepjes.yaml", "beschrijving: t\nx:\n" + "- " * 100 + "a\n"),
            regel=IETS,
            bevat="te diep",
        ),
        Slecht(
            "diep-md-1000",
            file("diep.md", "---\nx: " + "{a: " * diep + "1" + "}" * diep + "\n---\nTekst.\n"),
            regel=IETS,
        ),
        Slecht(
            "diep-md-100",
            file("diep_100.md", "---\nx: " + "[" * 100 + "]" * 100 + "\n---\nTekst.\n"),
            regel=2,
            bevat="te diep",
        ),
    ]


def python_tags() -> list[Slecht]:
    tags = [
        "!!python/object/apply:os.system ['echo gehackt']",
        "!!python/object/apply:os.getcwd []",
        "!!python/object/new:os.system ['echo gehackt']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/tuple [a, b]",
        "!!python/object:argparse.Namespace {a: 1}",
        "!<tag:yaml.org,2002:python/object/apply:subprocess.call> [[ls]]",
    ]
    corpus = [
        Slecht(
            f"python-tag-{i}",
            file(f"python_{i}.yaml", f"id: {tag}\nbeschrijving: t\n"),
            regel=1,
            bevat=TAG,
        )
        for i, tag in enumerate(tags)
    ]
    corpus.append(
        Slecht(
            "python-tag-document",
            file("python_document.yaml", "!!python/object/apply:os.system ['echo gehackt']\n"),
            regel=1,
            bevat=TAG,
        )
    )
    return corpus


FOUT_INHOUD = "id: x\nleerling:\n  leeftijd: zeven\nbeschrijving: Hij huilt.\n"

BUG_NIET_UTF8_NAAM = (
    "BUG: a file name that is not valid UTF-8 (b'caf\\xe9.yaml', common on shares written "
    "by Windows tools) crashes the JSON output: pydantic cannot serialise the surrogate in "
    "Analyse.casus.bestand/fouten (PydanticSerializationError in Verwerking.finish), so the "
    "whole batch's JSON, including the good case, is lost; the terminal format crashes too "
    "(UnicodeEncodeError)"
)
BUG_SYMLINK = (
    "BUG: fouten.display_path calls Path.resolve(), which follows symlinks: an error about "
    "a symlink names the file it points to, not the file the user gave (a broken link "
    "'kapot.yaml -> weg.yaml' is reported as 'weg.yaml: bestand of map bestaat niet')"
)
BUG_SYMLINK_LUS = (
    "BUG: a symlink loop (lus.yaml -> lus.yaml) raises RuntimeError('Symlink loop') from "
    "Path.resolve() in fouten.display_path (called from casus.find_case_files): traceback"
)
BUG_LANGE_NAAM = (
    "BUG: a path whose name is longer than the file system allows (300 characters) raises "
    "OSError(ENAMETOOLONG) from Path.is_dir() in casus.find_case_files: traceback"
)
BUG_EMOJI = (
    "BUG: stderr mangles some file names: rich.markup.escape does not stop rich's emoji "
    "codes, so 'a:b:c.yaml' is printed as 'a🅱c.yaml' and 'verslag :smile:.yaml' as "
    "'verslag 😄.yaml', and a tab in a name is expanded to spaces "
    "(Verwerking.handle prints with markup and emoji; should print the message with "
    "markup=False, emoji=False and without tab expansion)"
)
BUG_LEGE_MAP = (
    "BUG: a folder given by name that holds no case file (an empty 'casus.yaml/' folder) is "
    "silently ignored: no error, and with another good file the exit code is 0 "
    "(casus.find_case_files adds nothing for it)"
)


def odd_names() -> list[Slecht]:
    namen = [
        ("spaties", "met spaties erin.yaml"),
        ("unicode", "café ü ñ 日本語 Ωμέγα.yaml"),
        ("emoji", "verslag 🙂.yaml"),
        ("lang", "l" * 240 + ".yaml"),
        ("streepje", "-begint-met-streepje.yaml"),
        ("dubbel-streepje", "--overschrijf.yaml"),
        ("markup", "[bold]rood[red] [link=x].yaml"),
        ("nieuwe-regel", "regel\neinde.yaml"),
        ("aanhalingstekens", "'enkel' \"dubbel\".yaml"),
        ("backslash", "back\\slash.yaml"),
        ("procent", "%s %d {} {0}.yaml"),
        ("verborgen", ".verborgen.yaml"),
        ("hoofdletters", "HOOFDLETTERS.YAML"),
        ("zonder-extensie", "zonder_extensie"),
        ("punten", "veel.punten.in.naam.yml"),
        ("alleen-extensie", ".yaml"),
    ]
    corpus = [
        Slecht(
            f"naam-{naam}", file(bestandsnaam, FOUT_INHOUD), regel=3, sleutel="leerling.leeftijd"
        )
        for naam, bestandsnaam in namen
    ]
    corpus += [
        Slecht(
            "naam-emoji-code",
            file("verslag :smile:.yaml", FOUT_INHOUD),
            regel=3,
            sleutel="leerling.leeftijd",
            bug=BUG_EMOJI,
        ),
        Slecht(
            "naam-tab",
            file("tab\tin naam.yaml", FOUT_INHOUD),
            regel=3,
            sleutel="leerling.leeftijd",
            bug=BUG_EMOJI,
        ),
        Slecht(
            "naam-dubbele-punten",
            file("a:b:c.yaml", FOUT_INHOUD),
            regel=3,
            sleutel="leerling.leeftijd",
            bug=BUG_EMOJI,
        ),
    ]
    return corpus


def _non_utf8_name(map_: Path) -> Path:
    pad = Path(os.fsdecode(os.fsencode(map_) + b"/caf\xe9.yaml"))
    pad.write_text(FOUT_INHOUD)
    return pad


def _missing(naam: str) -> Maker:
    return lambda map_: map_ / naam


BUG_NIET_UTF8_NAAM = BUG_SYMLINK = BUG_SYMLINK_LUS = BUG_LANGE_NAAM = BUG_EMOJI = BUG_LEGE_MAP = (
    None
)


def _empty_folder(map_: Path) -> Path:
    pad = map_ / "casus.yaml"
    pad.mkdir()
    return pad


def _folder_with_bad_file(map_: Path) -> Path:
    pad = map_ / "map.yaml"
    pad.mkdir()
    (pad / "binnen.yaml").write_text(FOUT_INHOUD)
    return pad


def _folder_with_hidden_and_bad(map_: Path) -> Path:
    pad = map_ / "map.md"
    (pad / "sub.txt").mkdir(parents=True)
    (pad / "sub.txt" / "diep.yaml").write_text("id: x\nbeschrijving: [\n")
    (pad / "notities.docx").write_bytes(b"PK\x03\x04")
    return pad


def _broken_link(map_: Path) -> Path:
    pad = map_ / "kapot.yaml"
    pad.symlink_to("weg.yaml")
    return pad


def _link_to_bad_file(map_: Path) -> Path:
    (map_ / "echt.yaml").write_text(FOUT_INHOUD)
    pad = map_ / "snelkoppeling.yaml"
    pad.symlink_to("echt.yaml")
    return pad


def _link_loop(map_: Path) -> Path:
    pad = map_ / "lus.yaml"
    pad.symlink_to(pad.name)
    return pad


def _under_a_file(map_: Path) -> Path:
    (map_ / "gewoon.yaml").write_text("id: y\nbeschrijving: t\n")
    return map_ / "gewoon.yaml" / "eronder.yaml"


def _fifo(map_: Path) -> Path:
    pad = map_ / "pijp.yaml"
    os.mkfifo(pad)
    return pad


def paths() -> list[Slecht]:
    return [
        Slecht("pad-bestaat-niet", _missing("bestaat_niet.yaml"), bevat="bestaat niet"),
        Slecht("pad-map-bestaat-niet", _missing("nergens/casus.yaml"), bevat="bestaat niet"),
        Slecht("pad-onder-een-bestand", _under_a_file, bevat="bestaat niet"),
        Slecht("pad-fifo", _fifo),
        Slecht(
            "pad-map-met-slecht-bestand",
            _folder_with_bad_file,
            regel=3,
            sleutel="leerling.leeftijd",
            genoemd="binnen.yaml",
        ),
        Slecht("pad-map-met-submap", _folder_with_hidden_and_bad, regel=IETS, genoemd="diep.yaml"),
        Slecht("pad-lege-map-met-bestandsnaam", _empty_folder, bug=BUG_LEGE_MAP),
        Slecht("pad-kapotte-symlink", _broken_link, bevat="bestaat niet", bug=BUG_SYMLINK),
        Slecht(
            "pad-symlink-naar-slecht",
            _link_to_bad_file,
            regel=3,
            sleutel="leerling.leeftijd",
            bug=BUG_SYMLINK,
        ),
        Slecht("pad-symlink-lus", _link_loop, bug=BUG_SYMLINK_LUS),
        Slecht("pad-te-lange-naam", _missing("x" * 300 + ".yaml"), bug=BUG_LANGE_NAAM),
        Slecht(
            "pad-naam-geen-utf8",
            _non_utf8_name,
            regel=3,
            sleutel="leerling.leeftijd",
            genoemd="caf?.yaml",  # the byte that is not UTF-8 is shown as '?'
            bug=BUG_NIET_UTF8_NAAM,
        ),
    ]


CORPUS: list[Slecht] = [
    *malformed_yaml(),
    *wrong_types(),
    *out_of_range(),
    *unknown_keys(),
    *empty_and_not_a_mapping(),
    *binary_and_encodings(),
    *size_and_bombs(),
    *python_tags(),
    *markdown_front_matter(),
    *odd_names(),
    *paths(),
]


def test_corpus_is_large_and_ids_unique():
    assert len(CORPUS) >= 200
    assert len({s.id for s in CORPUS}) == len(CORPUS)


def test_template_itself_is_a_good_case(tmp_path):
    pad = tmp_path / "sjabloon.yaml"
    pad.write_text(SJABLOON)
    resultaat = runner.invoke(app, ["analyseer", str(pad), "--formaat", "json", "-k", str(MINI)])
    assert resultaat.exit_code == 0, resultaat.stderr
    (analyse,) = json.loads(resultaat.stdout)["analyses"]
    assert analyse["fouten"] == []


def _param(slecht: Slecht):
    marks = [pytest.mark.xfail(strict=True, reason=slecht.bug)] if slecht.bug else []
    return pytest.param(slecht, id=slecht.id, marks=marks)


def good_file(tmp_path: Path) -> Path:
    map_ = tmp_path / "goed"
    map_.mkdir()
    pad = map_ / "goed.yaml"
    pad.write_text(GOED)
    return pad


def check_good_analysis(doc: dict, goed: Path) -> dict:
    goede = [a for a in doc["analyses"] if a["casus"]["bestand"] == display_path(goed)]
    assert len(goede) == 1, "de goede casus ontbreekt in de uitvoer"
    (analyse,) = goede
    assert analyse["fouten"] == []
    assert analyse["casus"]["id"] == "goed"
    assert "passieve_parentificatie" in {c["id"] for c in analyse["conclusies"]}
    return analyse


def check_message(fout: str, naam: str) -> None:
    melding = split_message(fout, naam)
    assert is_dutch(melding.bericht), f"geen Nederlandse foutmelding: {fout!r}"


def matches_expectation(fout: str, naam: str, slecht: Slecht) -> bool:
    melding = split_message(fout, naam)
    if slecht.regel == IETS and melding.regel is None:
        return False
    if isinstance(slecht.regel, int) and melding.regel != slecht.regel:
        return False
    if slecht.sleutel is not None and melding.sleutel != slecht.sleutel:
        return False
    return slecht.bevat is None or re.search(slecht.bevat, melding.bericht) is not None


@pytest.mark.parametrize("slecht", [_param(s) for s in CORPUS])
def test_bad_input_in_a_batch(slecht: Slecht, tmp_path, monkeypatch):
    # from the folder that holds the cases, with relative paths, as a user would
    monkeypatch.chdir(tmp_path)
    goed = good_file(Path("."))
    map_ = Path("slecht")
    map_.mkdir()
    pad = slecht.maak(map_)
    resultaat = runner.invoke(
        app, ["analyseer", str(goed), str(pad), "--formaat", "json", "-k", str(MINI)]
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1, resultaat.stderr
    doc = json.loads(resultaat.stdout)
    goede = check_good_analysis(doc, goed)
    andere = [a for a in doc["analyses"] if a is not goede]
    assert len(andere) == 1, f"verwacht één analyse voor het slechte bestand, niet {andere}"
    fouten = andere[0]["fouten"]
    assert fouten, "het slechte bestand heeft geen fout"
    naam = slecht.genoemd or pad.name
    for fout in fouten:
        check_message(fout, naam)
    assert any(matches_expectation(f, naam, slecht) for f in fouten), (
        f"verwacht regel={slecht.regel!r} sleutel={slecht.sleutel!r} bevat={slecht.bevat!r}; "
        f"kreeg {fouten}"
    )
    assert naam in resultaat.stderr


def test_several_bad_files_in_one_batch_each_get_their_own_error(tmp_path):
    """Ten different bad files and two good ones in one call: every bad one has its own."""
    goed = good_file(tmp_path)
    tweede = tmp_path / "goed" / "tweede.txt"
    tweede.write_text("Hij huilt bij het afscheid en blijft in de pauze bij de juf.")
    map_ = tmp_path / "slecht"
    map_.mkdir()
    gekozen = [s for s in CORPUS if not s.bug and s.genoemd is None][::20]
    paden = [s.maak(map_) for s in gekozen]
    resultaat = runner.invoke(
        app,
        [
            "analyseer",
            str(goed),
            *map(str, paden),
            str(tweede),
            "--formaat",
            "json",
            "-k",
            str(MINI),
        ],
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    doc = json.loads(resultaat.stdout)
    check_good_analysis(doc, goed)
    per_bestand = {a["casus"]["bestand"]: a for a in doc["analyses"]}
    assert per_bestand[display_path(tweede)]["fouten"] == []
    for slecht, pad in zip(gekozen, paden, strict=True):
        fouten = per_bestand[display_path(pad)]["fouten"]
        assert fouten and all(pad.name in f for f in fouten)
        assert any(matches_expectation(f, pad.name, slecht) for f in fouten), (slecht.id, fouten)
        assert pad.name in resultaat.stderr


def test_a_whole_folder_of_bad_files(tmp_path):
    """The corpus as one folder: one error per bad file, the good one analysed, exit 1."""
    map_ = tmp_path / "casussen"
    map_.mkdir()
    goed = map_ / "aaa_goed.yaml"
    goed.write_text(GOED)
    gekozen = [
        s
        for s in CORPUS
        if not s.bug and s.maak.__name__ == "maak" and not s.id.startswith(("groot", "naam-"))
    ]
    for index, slecht in enumerate(gekozen):
        sub = map_ / f"s{index:03d}"
        sub.mkdir()
        slecht.maak(sub)
    resultaat = runner.invoke(app, ["analyseer", str(map_), "--formaat", "json", "-k", str(MINI)])
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    doc = json.loads(resultaat.stdout)
    check_good_analysis(doc, goed)
    assert len(doc["analyses"]) == len(gekozen) + 1
    assert all(a["fouten"] for a in doc["analyses"] if a["casus"]["bestand"] != display_path(goed))


# ---------------------------------------------------------------------------------------
# Names starting with '-' and usage errors
# ---------------------------------------------------------------------------------------


def test_name_starting_with_dash_after_double_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    goed = good_file(tmp_path)
    Path("-streepje.yaml").write_text(FOUT_INHOUD)
    resultaat = runner.invoke(
        app,
        ["analyseer", "--formaat", "json", "-k", str(MINI), "--", str(goed), "-streepje.yaml"],
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    doc = json.loads(resultaat.stdout)
    check_good_analysis(doc, goed)
    (fout,) = [f for a in doc["analyses"] for f in a["fouten"]]
    assert fout.startswith("-streepje.yaml:3 (sleutel 'leerling.leeftijd'): ")
    assert "-streepje.yaml:3" in resultaat.stderr


def test_name_starting_with_dash_without_double_dash_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("-streepje.yaml").write_text(FOUT_INHOUD)
    resultaat = runner.invoke(app, ["analyseer", "-streepje.yaml", "-k", str(MINI)])
    no_traceback(resultaat)
    assert resultaat.exit_code == 2


def test_usage_error_message_is_dutch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("-streepje.yaml").write_text(FOUT_INHOUD)
    resultaat = runner.invoke(app, ["analyseer", "-streepje.yaml", "-k", str(MINI)])
    assert resultaat.exit_code == 2
    kader = [r.strip(" │") for r in resultaat.stderr.splitlines() if r.startswith("│")]
    assert kader and is_dutch(" ".join(kader)), resultaat.stderr


# ---------------------------------------------------------------------------------------
# A broken knowledge base
# ---------------------------------------------------------------------------------------

KRINGLOOP = """
  - id: kringloop
    naam: Kringloop
    als: {conclusie: actieve_parentificatie}
    dan: kind_klein_gehouden
    zekerheid: 0.5
    bron: {id: bressers, sectie: Parentificatie}
    uitleg: Maakt een kringloop via niet.
"""


def _add_to(relatief: str, tekst: str) -> Callable[[Path], str]:
    def verander(kb: Path) -> str:
        pad = kb / relatief
        pad.write_text(pad.read_text() + tekst)
        return pad.name

    return verander


def _write_kb(relatief: str, inhoud: str | bytes) -> Callable[[Path], str]:
    def verander(kb: Path) -> str:
        pad = kb / relatief
        if isinstance(inhoud, bytes):
            pad.write_bytes(inhoud)
        else:
            pad.write_text(inhoud)
        return pad.name

    return verander


def _kb_file_is_a_folder(kb: Path) -> str:
    (kb / "signalen" / "map.yaml").mkdir()
    return "map.yaml"


def _kb_missing(kb: Path) -> str:
    shutil.rmtree(kb)
    return kb.name


KENNISBANKEN: list[tuple[str, Callable[[Path], str], int | str | None, str, str | None]] = [
    ("kringloop-via-niet", _add_to("regels/r.yaml", KRINGLOOP), IETS, "kringloop", None),
    ("ongeldige-yaml", _write_kb("regels/r.yaml", "regels: [\n"), IETS, "ongeldige YAML", None),
    ("tab", _write_kb("signalen/kind.yaml", "signalen:\n\t- id: x\n"), 2, "ongeldige YAML", None),
    (
        "twee-documenten",
        _write_kb("bronnen.yaml", "bronnen: []\n---\nbronnen: []\n"),
        2,
        "ongeldige YAML",
        None,
    ),
    ("geen-lijst", _write_kb("regels/r.yaml", "regels: {id: x}\n"), 1, "lijst", None),
    (
        "verkeerd-type",
        _write_kb("conclusies.yaml", "conclusies:\n  - id: x\n    soort: 12\n"),
        3,
        r"conclusies\[0\]\.soort",
        None,
    ),
    (
        "latin1",
        _write_kb("signalen/kind.yaml", "signalen: [café]\n".encode("latin-1")),
        None,
        "UTF-8",
        None,
    ),
    ("alias-bom", _write_kb("regels/r.yaml", billion_laughs()), IETS, "verwijzingen", None),
    (
        "python-tag",
        _write_kb("regels/r.yaml", "regels: !!python/object/apply:os.getcwd []\n"),
        1,
        TAG,
        None,
    ),
    ("map-bestaat-niet", _kb_missing, None, "bestaat niet", None),
    (
        "tag-int",
        _write_kb("signalen/kind.yaml", "signalen: [!!int abc]\n"),
        1,
        "ongeldige YAML",
        None,
    ),
    (
        "datum-30-februari",
        _write_kb("signalen/kind.yaml", "signalen:\n  - id: x\n    datum: 2024-02-30\n"),
        3,
        "ongeldige YAML",
        None,
    ),
    (
        "stuurteken",
        _write_kb("signalen/kind.yaml", "signalen: [a\x07]\n"),
        1,
        "ongeldige YAML",
        BUG_STUURTEKEN,
    ),
    (
        "uitbreiding-latin1",
        _write_kb("uitbreiding.yaml", "uitschakelen: [café]\n".encode("latin-1")),
        None,
        "UTF-8",
        None,
    ),
    (
        "bestand-is-een-map",
        _kb_file_is_a_folder,
        None,
        "kan bestand niet lezen",
        None,
    ),
]


@pytest.mark.parametrize(
    ("verander", "regel", "bevat"),
    [
        pytest.param(
            verander,
            regel,
            bevat,
            id=naam,
            marks=[pytest.mark.xfail(strict=True, reason=bug)] if bug else [],
        )
        for naam, verander, regel, bevat, bug in KENNISBANKEN
    ],
)
def test_broken_knowledge_base(verander, regel, bevat, mini_copy, tmp_path):
    goed = good_file(tmp_path)
    naam = verander(mini_copy)
    resultaat = runner.invoke(
        app, ["analyseer", str(goed), "--formaat", "json", "-k", str(mini_copy)]
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    regels = [r.strip() for r in resultaat.stderr.splitlines() if naam in r]
    assert regels, f"stderr noemt {naam} niet: {resultaat.stderr}"
    meldingen = [split_message(r, naam) for r in regels]
    for melding in meldingen:
        assert is_dutch(melding.bericht), melding
    assert any(re.search(bevat, r) for r in regels), regels
    if regel == IETS:
        assert any(m.regel is not None for m in meldingen), regels
    elif regel is not None:
        assert any(m.regel == regel for m in meldingen), regels


def test_knowledge_base_cycle_names_the_rule(mini_copy, tmp_path):
    _add_to("regels/r.yaml", KRINGLOOP)(mini_copy)
    resultaat = runner.invoke(app, ["analyseer", str(good_file(tmp_path)), "-k", str(mini_copy)])
    assert resultaat.exit_code == 1
    assert re.search(
        r"r\.yaml:\d+ \(sleutel 'regels\[\d\]\.als'\): kringloop via 'niet'", resultaat.stderr
    )


# ---------------------------------------------------------------------------------------
# load_casus directly
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("naam", "inhoud", "regel", "sleutel", "bevat"),
    [
        ("a.yaml", "id: x\nbeschrijving: [niet gesloten\n", IETS, None, "ongeldige YAML"),
        ("b.yaml", FOUT_INHOUD, 3, "leerling.leeftijd", "geheel getal"),
        (
            "c.md",
            "---\nid: x\nleerling: {groep: 9}\n---\nTekst.\n",
            3,
            "leerling.groep",
            TE_GROOT,
        ),
        ("d.txt", b"Ren\xe9 huilt.\n", 1, None, "UTF-8"),
        ("e.yaml", b"\x00\x01", None, None, "geen tekstbestand"),
        ("f.yaml", "- a\n", 1, None, "sleutels"),
        ("g.yaml", billion_laughs(), IETS, None, "verwijzingen"),
        ("h.md", "---\nid: x\n", 1, None, "niet afgesloten"),
    ],
)
def test_load_casus_raises_casusfout(tmp_path, naam, inhoud, regel, sleutel, bevat):
    pad = file(naam, inhoud)(tmp_path)
    with pytest.raises(CasusFout) as info:
        load_casus(pad)
    fout = info.value
    assert fout.bestand == display_path(pad)
    assert fout.fouten and all(isinstance(f, Invoerfout) for f in fout.fouten)
    eerste = fout.fouten[0]
    assert eerste.bestand == display_path(pad)
    assert is_dutch(eerste.bericht) and re.search(bevat, eerste.bericht)
    assert eerste.sleutel == sleutel
    if regel == IETS:
        assert eerste.regel is not None
    else:
        assert eerste.regel == regel
    assert naam in str(fout)


def test_load_casus_on_a_missing_file(tmp_path):
    with pytest.raises(CasusFout) as info:
        load_casus(tmp_path / "weg.yaml")
    assert "weg.yaml" in str(info.value)


@pytest.mark.parametrize("soort", ["map", "weg", "lang"])
def test_load_casus_unreadable_is_dutch(tmp_path, soort):
    pad = {
        "map": tmp_path / "map.yaml",
        "weg": tmp_path / "weg.yaml",
        "lang": tmp_path / ("x" * 300 + ".yaml"),
    }[soort]
    if soort == "map":
        pad.mkdir()
    with pytest.raises(CasusFout) as info:
        load_casus(pad)
    (fout,) = info.value.fouten
    assert is_dutch(fout.bericht), fout.bericht


def test_load_casus_on_an_impossible_date(tmp_path):
    pad = file("datum.yaml", "id: x\nbeschrijving: t\ngeboren: 2015-02-30\n")(tmp_path)
    with pytest.raises(CasusFout) as info:
        load_casus(pad)
    assert info.value.fouten[0].regel == 3


# ---------------------------------------------------------------------------------------
# Only a safe loader, with limits
# ---------------------------------------------------------------------------------------


def test_only_the_safe_loader_is_used():
    loader = yamlbestand._Loader
    assert issubclass(loader, yaml.constructor.SafeConstructor)
    assert not issubclass(loader, yaml.constructor.FullConstructor)
    assert not issubclass(loader, yaml.constructor.UnsafeConstructor)


def test_no_unsafe_yaml_calls_in_the_source():
    verboden = re.compile(
        r"yaml\.(load|load_all|full_load|full_load_all|unsafe_load|unsafe_load_all)\(|"
        r"\b(FullLoader|UnsafeLoader|CLoader|CFullLoader|CUnsafeLoader)\b|Loader=yaml\.Loader"
    )
    treffers = [
        f"{pad.relative_to(REPO)}:{nummer}: {regel.strip()}"
        for pad in (REPO / "src").rglob("*.py")
        for nummer, regel in enumerate(pad.read_text().splitlines(), 1)
        if verboden.search(regel)
    ]
    assert treffers == []


@pytest.mark.parametrize(
    "vorm",
    [
        "!!python/object/apply:os.mkdir ['{pad}']",
        "!!python/object/new:os.mkdir ['{pad}']",
        "!<tag:yaml.org,2002:python/object/apply:os.mkdir> ['{pad}']",
    ],
)
@pytest.mark.parametrize("extensie", [".yaml", ".md"])
def test_python_tags_are_never_executed(tmp_path, vorm, extensie):
    merkteken = tmp_path / "uitgevoerd"
    kop = f"id: x\ntitel: {vorm.format(pad=merkteken)}\nbeschrijving: t\n"
    inhoud = f"---\n{kop}---\n" if extensie == ".md" else kop
    pad = file(f"kwaad{extensie}", inhoud)(tmp_path)
    with pytest.raises(CasusFout) as info:
        load_casus(pad)
    assert re.search(TAG, str(info.value))
    assert not merkteken.exists()


def test_the_limits_are_sane():
    assert yamlbestand.MAX_ALIASES <= 100 and yamlbestand.MAX_DEPTH <= 100
    from loyaliteit import casus

    assert casus.MAX_BYTES <= 10_000_000


_BOM_ONDER_DE_LIMIET = r"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
from pathlib import Path
from loyaliteit.casus import CasusFout, load_casus
pad = Path(sys.argv[1])
blad = "x" * 64
regels = [f"a0: &a0 ['{blad}', '{blad}']"]
regels += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 24)]
regels += ["id: x", "beschrijving: *a23"]
pad.write_text("\n".join(regels) + "\n")
try:
    load_casus(pad)
    print("GELADEN")
except CasusFout as fout:
    print("CASUSFOUT", str(fout)[:300])
"""


def test_alias_bomb_below_the_alias_limit(tmp_path):
    """In a child process with 1 GB of memory: it must be refused quickly, not expanded."""
    try:
        uitvoer = subprocess.run(
            [sys.executable, "-c", _BOM_ONDER_DE_LIMIET, str(tmp_path / "bom.yaml")],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("de aliasbom onder de limiet werd niet binnen 30 s geweigerd")
    assert uitvoer.returncode == 0, uitvoer.stderr[-2000:]
    assert uitvoer.stdout.startswith("CASUSFOUT") and "bom.yaml" in uitvoer.stdout


# ---------------------------------------------------------------------------------------
# Reports in --uit: atomic, never over an existing file, never outside --uit
# ---------------------------------------------------------------------------------------


def test_existing_report_is_not_overwritten_without_overschrijf(tmp_path):
    goed = good_file(tmp_path)
    uit = tmp_path / "rapporten"
    uit.mkdir()
    bestaand = uit / "goed.md"
    bestaand.write_text("eigen aantekeningen")
    resultaat = runner.invoke(
        app, ["analyseer", str(goed), "--formaat", "markdown", "--uit", str(uit), "-k", str(MINI)]
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    assert bestaand.read_text() == "eigen aantekeningen"
    assert "goed.md" in resultaat.stderr and "--overschrijf" in resultaat.stderr
    assert is_dutch(resultaat.stderr.split("goed.md", 1)[1])
    resultaat = runner.invoke(
        app,
        [
            "analyseer",
            str(goed),
            "--formaat",
            "markdown",
            "--uit",
            str(uit),
            "--overschrijf",
            "-k",
            str(MINI),
        ],
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 0
    assert "Passieve parentificatie" in bestaand.read_text()


@pytest.mark.parametrize("formaat", ["markdown", "html", "json"])
def test_reports_are_written_atomically_without_leftovers(tmp_path, formaat):
    goed = good_file(tmp_path)
    kapot = tmp_path / "goed" / "kapot.yaml"
    kapot.write_text(FOUT_INHOUD)
    uit = tmp_path / "nieuw" / "rapporten"
    resultaat = runner.invoke(
        app,
        [
            "analyseer",
            str(goed),
            str(kapot),
            "--formaat",
            formaat,
            "--uit",
            str(uit),
            "-k",
            str(MINI),
        ],
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    namen = sorted(p.name for p in uit.iterdir())
    assert not [n for n in namen if n.startswith(".") or n.endswith(".tmp")], namen
    extensie = {"markdown": "md", "html": "html", "json": "json"}[formaat]
    assert f"goed.{extensie}" in namen


@pytest.mark.parametrize(
    "casus_id",
    [
        "../../buiten",
        "/etc/passwd",
        "..",
        ".",
        "a/../../b",
        "..\\..\\buiten",
        "~/x",
        "\x00",
        " ",
        "-",
    ],
)
def test_report_never_lands_outside_uit(tmp_path, casus_id):
    casus = tmp_path / "in" / "casus.yaml"
    casus.parent.mkdir()
    casus.write_text(
        yaml.safe_dump({"id": casus_id, "beschrijving": "Hij huilt bij het afscheid."})
    )
    uit = tmp_path / "diep" / "uit"
    voor = {p for p in tmp_path.rglob("*")}
    resultaat = runner.invoke(
        app, ["analyseer", str(casus), "--formaat", "markdown", "--uit", str(uit), "-k", str(MINI)]
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 0, resultaat.stderr
    nieuw = {p for p in tmp_path.rglob("*")} - voor
    assert nieuw and all(p == uit or uit in p.parents for p in nieuw if p.is_file()), nieuw
    assert len(list(uit.iterdir())) == 1


def test_symlink_in_uit_never_writes_outside(tmp_path):
    goed = good_file(tmp_path)
    uit = tmp_path / "uit"
    uit.mkdir()
    buiten = tmp_path / "buiten.md"
    (uit / "goed.md").symlink_to(buiten)
    for extra in ([], ["--overschrijf"]):
        runner.invoke(
            app,
            [
                "analyseer",
                str(goed),
                "--formaat",
                "markdown",
                "--uit",
                str(uit),
                *extra,
                "-k",
                str(MINI),
            ],
        )
        assert not buiten.exists()


def test_symlink_in_uit_gives_a_dutch_error(tmp_path):
    goed = good_file(tmp_path)
    uit = tmp_path / "uit"
    uit.mkdir()
    (uit / "goed.md").symlink_to(tmp_path / "buiten.md")
    resultaat = runner.invoke(
        app,
        [
            "analyseer",
            str(goed),
            "--formaat",
            "markdown",
            "--uit",
            str(uit),
            "--overschrijf",
            "-k",
            str(MINI),
        ],
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    assert "goed.md" in resultaat.stderr


def test_uit_is_an_existing_file(tmp_path):
    goed = good_file(tmp_path)
    uit = tmp_path / "rapport.md"
    uit.write_text("iets")
    resultaat = runner.invoke(
        app, ["analyseer", str(goed), "--formaat", "markdown", "--uit", str(uit), "-k", str(MINI)]
    )
    no_traceback(resultaat)
    assert resultaat.exit_code in (1, 2)
    assert "rapport.md" in resultaat.stderr
    assert uit.read_text() == "iets"


# ---------------------------------------------------------------------------------------
# No network
# ---------------------------------------------------------------------------------------


def test_analysis_works_without_network(tmp_path, monkeypatch):
    pogingen: list[str] = []

    def geen_netwerk(naam: str):
        def geblokkeerd(*args, **kwargs):
            pogingen.append(naam)
            raise OSError(f"netwerk geblokkeerd in de test ({naam})")

        return geblokkeerd

    monkeypatch.setattr(socket, "socket", geen_netwerk("socket"))
    monkeypatch.setattr(socket, "create_connection", geen_netwerk("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", geen_netwerk("getaddrinfo"))
    goed = good_file(tmp_path)
    kapot = tmp_path / "goed" / "kapot.yaml"
    kapot.write_text(FOUT_INHOUD)

    resultaat = runner.invoke(app, ["analyseer", str(goed), "--formaat", "json", "-k", str(MINI)])
    no_traceback(resultaat)
    assert resultaat.exit_code == 0
    check_good_analysis(json.loads(resultaat.stdout), goed)

    # the built-in knowledge base, every report format, an error in the batch
    resultaat = runner.invoke(app, ["analyseer", str(goed), str(kapot), "--formaat", "json"])
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    for formaat in ("markdown", "html"):
        resultaat = runner.invoke(
            app, ["analyseer", str(goed), "--formaat", formaat, "--uit", str(tmp_path / formaat)]
        )
        no_traceback(resultaat)
        assert resultaat.exit_code == 0
    resultaat = runner.invoke(app, ["analyseer", str(goed), "-k", str(MINI)])
    no_traceback(resultaat)
    assert resultaat.exit_code == 0
    assert pogingen == []


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("utf16-bom.yaml", "id: x\nbeschrijving: Hij huilt.\n".encode("utf-16")),
        ("utf16le-bom.md", "\ufeff---\nid: x\n---\nHij huilt.\n".encode("utf-16-le")),
        ("utf16be-bom.txt", "\ufeffHij huilt.\n".encode("utf-16-be")),
        ("utf32.txt", "Hij huilt.\n".encode("utf-32")),
    ],
)
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, naam, inhoud):
    """Windows tools save 'Unicode' text as UTF-16 with a byte-order mark: read it as text."""
    pad = tmp_path / naam
    pad.write_bytes(inhoud)
    assert load_casus(pad).beschrijving.strip() in ("Hij huilt.", "t")
