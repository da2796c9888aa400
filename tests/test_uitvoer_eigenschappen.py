"""Properties of every output, for any input (issue 17: the property test).

Random bytes, random YAML and random Unicode (control characters, bidirectional and
zero-width characters) go through every output format: the terminal report, `uitleg`
(how and why not), Markdown, HTML and JSON, on standard output and written with `--uit`
(reports and overview), with and without `--anoniem`, and the error lines on stderr. For
every one:

- no traceback;
- no control character in the output (rich's own colour codes aside);
- under `--anoniem`, no name from the case in any output.

Fast on purpose: the mini knowledge base and a modest number of examples.
"""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from loyaliteit.cli.batch import analyse_file
from loyaliteit.cli.verwerken import Verwerking
from loyaliteit.kennisbank import load_kennisbank
from loyaliteit.rapport import Formaat
from loyaliteit.rapport.terminal import render_near_miss, render_terminal, render_tree

from .conftest import MINI

INSTELLINGEN = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
KB = None

# What must never appear raw in any output: C0 and C1 control characters but the newline,
# DEL, format characters (direction, zero width, tags; the soft hyphen is harmless), line
# and paragraph separators.
VERBODEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2028\u2029\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
KLEUR = re.compile(r"\x1b\[[0-9;]*m")

ZINNEN = [
    "Hij huilt bij het afscheid.",
    "In de pauze blijft hij bij de juf.",
    "Moeder wil hem eigenlijk klein houden.",
    "Zij zorgt thuis voor haar moeder.",
    "Vroeger zorgde hij voor zijn vader.",
    "Misschien huilt hij bij het afscheid.",
]
STUURTEKENS = [
    "\x1b[2J",
    "\x1b]0;titel\x07",
    "\x1b]8;;https://kwaad.example/\x1b\\klik\x1b]8;;\x1b\\",
    "\x00",
    "\x7f",
    "\x85",
    "\x9b31m",
    "\r",
    "\t",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2028",
    "\U000e0041",
    "\u061c",
]
tekens = st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs", "Lu", "Ll", "Mn", "Po", "Nd"])
ruis = st.one_of(
    st.sampled_from(STUURTEKENS), st.text(tekens, max_size=12), st.sampled_from(ZINNEN)
)
vrije_tekst = st.lists(ruis, min_size=1, max_size=10).map(" ".join)


def kernel():
    global KB
    if KB is None:
        KB = load_kennisbank(MINI, voorbeelden=False)
    return KB


def _verwerk(analyses, formaat: Formaat, uit: Path | None, anoniem: bool) -> list[tuple[str, str]]:
    """Everything one run of `analyseer` would print or write, by where it went."""
    stdout = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=90)
    stderr = Console(file=io.StringIO(), width=90)
    gewoon = io.StringIO()
    verwerking = Verwerking(formaat, stdout, stderr, uit, anoniem=anoniem, sleutel=False)
    with contextlib.redirect_stdout(gewoon):
        for analyse in analyses:
            verwerking.handle(analyse)
        verwerking.finish()
    uitvoer = [
        (f"{formaat} stdout", stdout.file.getvalue() + gewoon.getvalue()),
        (f"{formaat} stderr", stderr.file.getvalue()),
    ]
    if uit is not None and uit.exists():
        uitvoer += [(pad.name, pad.read_text(encoding="utf-8")) for pad in sorted(uit.iterdir())]
    return uitvoer


def every_output(pad: Path, anoniem: bool) -> list[tuple[str, str]]:
    """The case through every format, on stdout and into --uit (twice, for an overview)."""
    analyse = analyse_file(pad, kernel(), anoniem=anoniem, volgnummer=1)
    uitvoer: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as map_:
        for formaat in Formaat:
            uitvoer += _verwerk([analyse], formaat, None, anoniem)
            if formaat is not Formaat.terminal:
                uit = Path(map_) / formaat.value
                uitvoer += _verwerk([analyse, analyse], formaat, uit, anoniem)
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=90)
    for conclusie in analyse.conclusies:
        render_tree(conclusie, console)
    for bijna in analyse.bijna:
        render_near_miss(bijna.label, bijna, console)
    render_near_miss("Een conclusie", None, console)
    render_terminal(analyse, console)
    uitvoer.append(("uitleg", console.file.getvalue()))
    return uitvoer


def assert_no_control_character(uitvoer: list[tuple[str, str]]) -> None:
    for waar, tekst in uitvoer:
        gevonden = VERBODEN.findall(KLEUR.sub("", tekst))
        assert not gevonden, (waar, sorted({f"U+{ord(t):04X}" for t in gevonden}))


def _file(inhoud: bytes, achtervoegsel: str):
    map_ = tempfile.TemporaryDirectory()
    pad = Path(map_.name) / f"casus{achtervoegsel}"
    pad.write_bytes(inhoud)
    return map_, pad


@pytest.mark.usefixtures("memory_cap")
@INSTELLINGEN
@given(
    inhoud=st.one_of(
        st.binary(max_size=300),
        vrije_tekst.map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    achtervoegsel=st.sampled_from([".txt", ".md", ".yaml"]),
    anoniem=st.booleans(),
)
def test_random_bytes_through_every_format(inhoud, achtervoegsel, anoniem):
    map_, pad = _file(inhoud, achtervoegsel)
    with map_:
        assert_no_control_character(every_output(pad, anoniem))


yaml_waarde = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 40), vrije_tekst),
    lambda kind: st.lists(kind, max_size=3) | st.dictionaries(vrije_tekst, kind, max_size=3),
    max_leaves=8,
)
SLEUTELS = ["id", "titel", "beschrijving", "leerling", "betrokkenen", "gezinssituatie", "signalen"]


@pytest.mark.usefixtures("memory_cap")
@INSTELLINGEN
@given(
    data=st.dictionaries(st.sampled_from(SLEUTELS) | vrije_tekst, yaml_waarde, max_size=6),
    beschrijving=vrije_tekst,
    naam=vrije_tekst,
    anoniem=st.booleans(),
)
def test_random_yaml_through_every_format(data, beschrijving, naam, anoniem):
    data.setdefault("beschrijving", beschrijving)
    data.setdefault("leerling", {"naam": naam})
    tekst = yaml.safe_dump(data, allow_unicode=False)  # control characters as YAML escapes
    map_, pad = _file(tekst.encode("utf-8"), ".yaml")
    with map_:
        assert_no_control_character(every_output(pad, anoniem))


# --- names ---------------------------------------------------------------------------------

naam = st.builds(
    str.__add__,
    st.sampled_from("ŁŻQXÅÑØ"),
    st.text(alphabet="qxzłżåøñ", min_size=3, max_size=7),
)


def vormen(naam: str, ander: str) -> list[str]:
    """The ways a name stands in a text."""
    return [
        naam,
        naam.upper(),
        naam.lower(),
        f"{naam}'s",
        f"{naam}’s",
        f"{naam}s",
        f"{naam}tje",
        f"{naam}je",
        f"{naam}-{ander}",
        f"mama-{naam}",
        f"{naam[:2]}\u200b{naam[2:]}",
        f"\u200b{naam}\u200b",
    ]


@st.composite
def case_with_names(draw):
    namen = draw(st.lists(naam, min_size=3, max_size=3, unique_by=str.casefold))
    leerling, juf, ouder = namen
    delen = []
    for _ in range(draw(st.integers(3, 12))):
        soort = draw(st.sampled_from(["naam", "zin", "ruis"]))
        if soort == "naam":
            wie = draw(st.sampled_from(namen))
            delen.append(draw(st.sampled_from(vormen(wie, draw(st.sampled_from(namen))))))
        else:
            delen.append(draw(st.sampled_from(ZINNEN) if soort == "zin" else ruis))
    data = {
        "id": f"{leerling.lower()}-casus",
        "titel": f"{leerling} en juf {juf}",
        "leerling": {"naam": draw(st.sampled_from([leerling, leerling.lower(), leerling.upper()]))},
        "betrokkenen": [f"juf {juf}", f"moeder {ouder}"],
        "beschrijving": " ".join([*delen, ZINNEN[0]]),
    }
    return data, namen


@pytest.mark.usefixtures("memory_cap")
@INSTELLINGEN
@given(geval=case_with_names(), achtervoegsel=st.sampled_from([".yaml", ".md"]))
def test_no_name_from_the_case_in_any_output_under_anoniem(geval, achtervoegsel):
    data, namen = geval
    if achtervoegsel == ".md":
        beschrijving = data.pop("beschrijving")
        inhoud = f"---\n{yaml.safe_dump(data, allow_unicode=True)}---\n{beschrijving}\n"
    else:
        inhoud = yaml.safe_dump(data, allow_unicode=True)
    map_, pad = _file(inhoud.encode("utf-8"), achtervoegsel)
    with map_:
        uitvoer = every_output(pad, anoniem=True)
    assert_no_control_character(uitvoer)
    for waar, tekst in uitvoer:
        zichtbaar = tekst.replace("\ufffd", "").casefold()
        for naam in namen:
            assert naam.casefold() not in zichtbaar, (waar, naam)
