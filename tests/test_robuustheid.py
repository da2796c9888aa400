"""Robustness around the corpus: odd paths and names, the safe YAML loader and its
limits, safe writing of reports, and no network.

The bad input itself is data (`tests/slechte_invoer/`, run by `test_slechte_invoer.py`).
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from loyaliteit.casus import CasusFout, load_casus
from loyaliteit.cli import app
from loyaliteit.yamlbestand import grenzen, ontleden

from .conftest import MINI, REPO
from .invoerhulp import (
    FOUT_INHOUD,
    TAG,
    check_good_analysis,
    file,
    good_file,
    is_dutch,
    no_traceback,
)

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("memory_cap")


def test_dutch_detector_itself():
    assert is_dutch("ongeldige YAML: een waarde ontbreekt")
    assert is_dutch("moet een geheel getal zijn, niet 'zeven'")
    assert not is_dutch("Input should be a finite number, niet nan")
    assert not is_dutch("kan bestand niet lezen: Is a directory")
    assert not is_dutch("ongeldige YAML: unacceptable character #x0007")
    assert not is_dutch("")


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
    assert info.value.fouten[0].regelnummer == 3


# ---------------------------------------------------------------------------------------
# Only a safe loader, with limits
# ---------------------------------------------------------------------------------------


def test_only_the_safe_loader_is_used():
    loader = ontleden._Loader
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
    assert grenzen.MAX_ALIASES <= 100 and grenzen.MAX_DEPTH <= 100
    from loyaliteit.casus import lezen

    assert lezen.MAX_BYTES <= 10_000_000


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
    nieuw = {p for p in tmp_path.rglob("*")} - voor
    assert all(p == uit or uit in p.parents for p in nieuw if p.is_file()), nieuw
    if casus_id.strip(" \x00") == "":
        # an id of nothing visible is refused, with its line and key, in Dutch
        assert resultaat.exit_code == 1
        assert "casus.yaml:" in resultaat.stderr and "(sleutel 'id')" in resultaat.stderr
        return
    assert resultaat.exit_code == 0, resultaat.stderr
    assert nieuw and len(list(uit.iterdir())) == 1


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
