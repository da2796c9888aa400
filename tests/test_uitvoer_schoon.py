"""No control character from a case reaches a report (issue 17, item 1).

A case can carry terminal control sequences in a YAML escape (`\\e`, `\\a`), as raw bytes in
a `.txt` body, or in its file name; right-to-left overrides and zero-width characters hide
or reorder text. None of them may reach the terminal, a Markdown or HTML file, or stderr;
the JSON keeps them, escaped (the same data for a JSON reader, nothing raw).
"""

from __future__ import annotations

import io
import json
import re
import sys
import unicodedata

import pytest
from rich.console import Console
from typer.testing import CliRunner

from loyaliteit.analyse import analyse
from loyaliteit.basis import Leerling, SignaalOordeel
from loyaliteit.casus import Casus
from loyaliteit.cli import app
from loyaliteit.rapport.batchoverzicht import CasusSamenvatting, render_overview
from loyaliteit.rapport.document import render_html, render_markdown
from loyaliteit.rapport.json import render_json
from loyaliteit.rapport.schoon import ONVEILIG, clean, json_text
from loyaliteit.rapport.terminal import render_near_miss, render_terminal, render_tree

from .conftest import MINI

runner = CliRunner()

ESC = "\x1b"
SCHERM_WISSEN = "\x1b[2J"
VENSTERTITEL = "\x1b]0;gekaapt\x07"
OSC8_LINK = "\x1b]8;;https://kwaad.example/\x1b\\klik hier\x1b]8;;\x1b\\"
RLO = "\u202e"
# What must never appear raw in a report (the newline may).
VERBODEN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

BESCHRIJVING = (
    f"Noor huilt bij het afscheid {SCHERM_WISSEN}{OSC8_LINK} en blijft in de pauze bij de "
    f"juf.\u200b Moeder wil {RLO}haar klein houden.{VENSTERTITEL} Vroeger zorgde ze voor haar moeder."
)


def _no_control(tekst: str) -> None:
    gevonden = VERBODEN.findall(tekst)
    assert not gevonden, sorted({f"U+{ord(t):04X}" for t in gevonden})


@pytest.fixture(scope="module")
def giftig(mini_kb):
    """A case whose texts got past the loader (the first line of defence) with every kind
    of control character: the reports are the second line."""
    casus = Casus.model_construct(
        id=f"x{SCHERM_WISSEN}",
        titel=f"Titel {VENSTERTITEL} met {RLO}omgekeerd",
        bestand=f"naam{VENSTERTITEL}.yaml",
        leerling=Leerling(naam="Noor"),
        betrokkenen=[],
        gezinssituatie=[],
        observaties=[],
        signalen=SignaalOordeel(),
        verwacht=None,
        bron=None,
        beschrijving=BESCHRIJVING,
    )
    resultaat = analyse(casus, mini_kb, waarom_niet=("actieve_parentificatie",))
    assert resultaat.conclusies and resultaat.bijna  # there is a tree and a near miss to show
    return resultaat.model_copy(
        update={"fouten": [f"fout {SCHERM_WISSEN}"], "meldingen": [f"let op {RLO}"]}
    )


def _terminal(functie, *args) -> str:
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=100)
    functie(*args, console)
    return re.sub(r"\x1b\[[0-9;]*m", "", console.file.getvalue())  # rich's own colours stay


def test_no_control_character_reaches_any_report(giftig):
    uitvoer = {
        "terminal": _terminal(render_terminal, giftig),
        "markdown": render_markdown(giftig),
        "html": render_html(giftig),
        "json": render_json([giftig]),
        "hoe": _terminal(render_tree, giftig.conclusies[0]),
        "waarom niet": _terminal(render_near_miss, f"Label {RLO}", giftig.bijna[0]),
    }
    samenvatting = [CasusSamenvatting.of(giftig), CasusSamenvatting.of(giftig)]
    for formaat in ("markdown", "html", "json"):
        uitvoer[f"overzicht {formaat}"] = render_overview(samenvatting, formaat)
    for naam, tekst in uitvoer.items():
        assert "Noor" in tekst or naam.startswith("overzicht") or naam == "waarom niet", naam
        gevonden = VERBODEN.findall(tekst)
        assert not gevonden, (naam, sorted({f"U+{ord(t):04X}" for t in gevonden}))


def test_json_keeps_every_character_escaped(giftig):
    tekst = render_json([giftig])
    assert "\\u202e" in tekst and "\\u001b" in tekst and "\\u200b" in tekst
    (terug,) = json.loads(tekst)["analyses"]
    assert terug["casus"]["beschrijving"] == BESCHRIJVING  # the same data for a JSON reader
    assert terug["casus"]["titel"] == giftig.casus.titel


def test_error_lines_and_file_names_on_the_command_line(tmp_path):
    """File and folder names: the errors on stderr, the line naming the overview and the
    reports show them without their control characters, and still name the file."""
    casussen = tmp_path / f"map{VENSTERTITEL}"
    casussen.mkdir()
    (casussen / f"naam{ESC}]0;titel{chr(7)}.txt").write_text(
        "Hij huilt bij het afscheid en blijft in de pauze bij de juf."
    )
    (casussen / f"kapot{SCHERM_WISSEN}.yaml").write_text("id: [\n")
    for formaat in ("terminal", "markdown", "json"):
        resultaat = runner.invoke(
            app, ["analyseer", str(casussen), "-f", formaat, "-k", str(MINI)], color=True
        )
        assert resultaat.exit_code == 1  # the broken file
        _no_control(re.sub(r"\x1b\[[0-9;]*m", "", resultaat.stdout))
        _no_control(resultaat.stderr)
        assert "kapot" in resultaat.stderr  # the error still names the file
    uit = tmp_path / f"uit{SCHERM_WISSEN}{RLO}"
    resultaat = runner.invoke(
        app, ["analyseer", str(casussen), "-f", "html", "--uit", str(uit), "-k", str(MINI)]
    )
    assert "overzicht" in resultaat.stderr
    _no_control(resultaat.stderr)
    for pad in uit.iterdir():
        _no_control(pad.read_text(encoding="utf-8"))


def test_raw_bytes_in_a_text_file_do_not_reach_written_reports(tmp_path):
    casussen = tmp_path / "casussen"
    casussen.mkdir()
    (casussen / "een.txt").write_bytes(
        b"Hij huilt bij het afscheid \x1b[2J\x1b]0;titel\x07 en \xe2\x80\xae blijft in de pauze."
    )
    (casussen / "twee.md").write_bytes(
        b"---\nid: twee\n---\nHij huilt \x1b]8;;https://kwaad.example/\x1b\\bij\x1b]8;;\x1b\\ het afscheid."
    )
    for formaat in ("markdown", "html"):
        uit = tmp_path / f"uit-{formaat}"
        resultaat = runner.invoke(
            app, ["analyseer", str(casussen), "-f", formaat, "--uit", str(uit), "-k", str(MINI)]
        )
        bestanden = sorted(uit.iterdir())
        assert len(bestanden) == 3, resultaat.output  # two reports and the overview
        for pad in bestanden:
            _no_control(pad.read_text(encoding="utf-8"))
        _no_control(resultaat.stderr)


def test_clean_replaces_one_for_one_and_keeps_the_newline():
    tekst = f"a{SCHERM_WISSEN}b{VENSTERTITEL}\n{RLO}c\u200bd\te\u00adf"
    schoon = clean(tekst)
    assert len(schoon) == len(tekst)  # offsets into the text stay valid
    assert schoon == "a\ufffd[2Jb\ufffd]0;gekaapt\ufffd\n\ufffdc\ufffdd e\u00adf"
    assert clean(OSC8_LINK).count(ESC) == 0


def test_the_unsafe_class_is_exactly_control_format_and_separator_characters():
    """Cc, Cf (but the soft hyphen), Zl, Zp and lone surrogates, checked against unicodedata
    for every code point of this Python's Unicode version."""
    if sys.version_info[:2] != (3, 11):
        pytest.skip("the list is for the Unicode version of Python 3.11")
    for code in range(0x110000):
        teken = chr(code)
        verwacht = unicodedata.category(teken) in ("Cc", "Cf", "Zl", "Zp", "Cs")
        verwacht = verwacht and teken != "\u00ad"
        assert bool(ONVEILIG.match(teken)) == verwacht, f"U+{code:04X}"


def test_json_text_escapes_astral_format_characters_as_a_surrogate_pair():
    tekst = json.dumps({"a": "tag\U000e0041"}, ensure_ascii=False)
    veilig = json_text(tekst)
    assert "\U000e0041" not in veilig and json.loads(veilig) == {"a": "tag\U000e0041"}
