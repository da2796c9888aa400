"""Nothing read by surprise, nothing skipped without a word (issue 17, items 6 and 9, and
`-` for standard input).

Every file the run reads is checked to be a regular file first: a FIFO in the
knowledge-base folder or named as a case never hangs the run. Inside a folder, an
unreadable subfolder, a broken symbolic link, a link loop, a FIFO or a device gives a
Dutch error that names it, and the other cases are still analysed. The bad paths are data
(`tests/slechte_invoer/recepten.yaml`, list `slechte_paden`); the recipes are here.
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from loyaliteit.casus import CasusFout, find_case_files, load_casus
from loyaliteit.cli import app
from loyaliteit.fouten import display_path, os_error_text

from .conftest import MINI
from .invoerhulp import FOUT_INHOUD, GOED, check_good_analysis, good_file, no_traceback
from .test_slechte_invoer import Slecht, matches_expectation

CORPUS_MAP = Path(__file__).parent / "slechte_invoer"
RECEPTEN = yaml.safe_load((CORPUS_MAP / "recepten.yaml").read_text(encoding="utf-8"))
runner = CliRunner()
pytestmark = pytest.mark.usefixtures("memory_cap")


# ---------------------------------------------------------------------------------------
# Unreadable without being root: chmod, and when the tests run as root (who may read
# anything) the refusal of the operating system is simulated for exactly those paths.
# ---------------------------------------------------------------------------------------


def make_unreadable(pad: Path, monkeypatch) -> None:
    pad.chmod(0)
    if os.geteuid() != 0:
        return
    verboden = os.path.abspath(pad)

    def geweigerd(doel) -> bool:
        try:
            absoluut = os.path.abspath(os.fsdecode(doel))
        except TypeError:
            return False
        return absoluut == verboden or absoluut.startswith(verboden + os.sep)

    def weiger(echt):
        def vervanger(doel, *args, **kwargs):
            if not isinstance(doel, int) and geweigerd(doel):
                raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(doel))
            return echt(doel, *args, **kwargs)

        return vervanger

    for module, naam in ((os, "open"), (os, "scandir"), (os, "listdir"), (io, "open")):
        monkeypatch.setattr(module, naam, weiger(getattr(module, naam)))
    monkeypatch.setattr(builtins, "open", io.open)


def _unreadable_file(pad: Path, _maak, monkeypatch) -> list[str]:
    pad.write_text(GOED)
    make_unreadable(pad, monkeypatch)
    return [str(pad)]


def _folder(pad: Path) -> Path:
    pad.mkdir()
    (pad / "ok.yaml").write_text(GOED.replace("id: goed", "id: ok"))
    return pad


def _folder_with_unreadable_subfolder(pad: Path, _maak, monkeypatch) -> list[str]:
    (_folder(pad) / "geheim").mkdir()
    (pad / "geheim" / "a.yaml").write_text(GOED)
    make_unreadable(pad / "geheim", monkeypatch)
    return [str(pad)]


def _folder_with(maak_erin):
    def recept(pad: Path, _maak, _monkeypatch) -> list[str]:
        maak_erin(_folder(pad))
        return [str(pad)]

    return recept


def _standard_input(_pad: Path, maak: dict, _monkeypatch) -> list[str]:
    return ["-"]


RECEPTEN_PADEN = {
    "onleesbaar_bestand": _unreadable_file,
    "map_met_onleesbare_submap": _folder_with_unreadable_subfolder,
    "map_met_kapotte_link": _folder_with(lambda m: (m / "kapot.yaml").symlink_to("weg.yaml")),
    "map_met_kapotte_link_zonder_extensie": _folder_with(
        lambda m: (m / "oude_casussen").symlink_to("/nergens/casussen")
    ),
    "map_met_link_lus": _folder_with(lambda m: (m / "lus.yaml").symlink_to("lus.yaml")),
    "map_met_map_lus": _folder_with(
        lambda m: ((m / "sub").mkdir(), (m / "sub" / "terug").symlink_to(".."))
    ),
    "map_met_fifo": _folder_with(lambda m: os.mkfifo(m / "pijp.yaml")),
    "map_met_link_naar_apparaat": _folder_with(lambda m: (m / "null.txt").symlink_to(os.devnull)),
    "link_naar_apparaat": lambda pad, _m, _mp: (pad.symlink_to(os.devnull), [str(pad)])[1],
    "standaardinvoer": _standard_input,
}

SLECHTE_PADEN = RECEPTEN["slechte_paden"]


@pytest.mark.parametrize("geval", SLECHTE_PADEN, ids=lambda g: g["id"])
def test_bad_path_in_a_batch(geval, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    goed = good_file(Path("."))
    map_ = Path("slecht")
    map_.mkdir()
    maak = geval["maak"]
    soort = maak if isinstance(maak, str) else next(iter(maak))
    argumenten = RECEPTEN_PADEN[soort](map_ / geval.get("naam", "x"), maak, monkeypatch)
    invoer = maak[soort] if soort == "standaardinvoer" else None
    resultaat = runner.invoke(
        app,
        ["analyseer", str(goed), *argumenten, "--formaat", "json", "-k", str(MINI)],
        input=invoer,
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1, resultaat.stderr
    doc = json.loads(resultaat.stdout)
    check_good_analysis(doc, goed)
    for analyse in doc["analyses"]:
        if Path(analyse["casus"]["bestand"] or "").name.startswith("ok"):
            assert analyse["fouten"] == [], "een goede casus naast het slechte pad is niet gelezen"
    fouten = [f for a in doc["analyses"] for f in a["fouten"]]
    slecht = Slecht(
        id=geval["id"],
        regelnummer=geval.get("regelnummer"),
        sleutel=geval.get("sleutel"),
        bevat=geval.get("bevat"),
    )
    naam = geval["genoemd"]
    assert any(naam in f and matches_expectation(f, naam, slecht) for f in fouten), (
        f"verwacht een melding over {naam} met {geval}; kreeg {fouten}"
    )
    assert naam in resultaat.stderr


def test_every_recipe_is_used():
    gebruikt = {
        g["maak"] if isinstance(g["maak"], str) else next(iter(g["maak"])) for g in SLECHTE_PADEN
    }
    assert gebruikt == set(RECEPTEN_PADEN)


# ---------------------------------------------------------------------------------------
# A FIFO never hangs the run (item 6, and every file is checked to be a regular file)
# ---------------------------------------------------------------------------------------

_HANGT_NIET = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    soort, pad = sys.argv[1], Path(sys.argv[2])
    if soort == "kennisbank":
        from loyaliteit.kennisbank import KennisbankFout, load_kennisbank
        try:
            load_kennisbank(pad)
            print("GELADEN")
        except KennisbankFout as fout:
            print("FOUT", fout)
    elif soort == "casus":
        from loyaliteit.casus import CasusFout, load_casus
        try:
            load_casus(pad)
            print("GELADEN")
        except CasusFout as fout:
            print("FOUT", fout)
    else:
        from loyaliteit.casus import find_case_files
        gevonden, fouten = find_case_files([pad])
        print("FOUT" if fouten else "GEEN FOUT", [str(p) for p in gevonden], [str(f) for f in fouten])
    """
)


def _run_bounded(soort: str, pad: Path, tmp_path: Path) -> str:
    """In a child process with a time limit: a hang fails the test instead of the run."""
    omgeving = {**os.environ, "LOYALITEIT_CACHE": str(tmp_path / "cache")}
    try:
        uit = subprocess.run(
            [sys.executable, "-c", _HANGT_NIET, soort, str(pad)],
            capture_output=True,
            text=True,
            timeout=60,
            env=omgeving,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{soort}: de FIFO {pad.name} liet het lezen hangen")
    assert uit.returncode == 0, uit.stderr[-2000:]
    return uit.stdout


@pytest.mark.parametrize("plek", ["signalen/pijp.yaml", "bronnen.yaml", "uitbreiding.yaml"])
def test_a_fifo_in_the_knowledge_base_is_an_error_not_a_hang(mini_copy, tmp_path, plek):
    if plek == "bronnen.yaml":
        (mini_copy / plek).unlink()
    os.mkfifo(mini_copy / plek)
    uitvoer = _run_bounded("kennisbank", mini_copy, tmp_path)
    assert uitvoer.startswith("FOUT"), uitvoer
    assert plek in uitvoer and "pijp (FIFO), geen gewoon bestand" in uitvoer


def test_an_unreadable_folder_in_the_knowledge_base_is_named(mini_copy, monkeypatch):
    from loyaliteit.kennisbank import KennisbankFout, load_kennisbank

    make_unreadable(mini_copy / "signalen", monkeypatch)
    with pytest.raises(KennisbankFout) as info:
        load_kennisbank(mini_copy)
    assert any(
        "signalen" in f.bestand and "geen toestemming" in f.bericht for f in info.value.fouten
    ), info.value.fouten


def test_a_broken_link_in_the_knowledge_base_is_named(mini_copy):
    from loyaliteit.kennisbank import KennisbankFout, load_kennisbank

    (mini_copy / "regels" / "weg.yaml").symlink_to("bestaat_niet.yaml")
    with pytest.raises(KennisbankFout) as info:
        load_kennisbank(mini_copy)
    assert any("weg.yaml" in f.bestand and "bestaat niet" in f.bericht for f in info.value.fouten)


@pytest.mark.parametrize("naam", ["pijp.yaml", "pijp.md", "pijp.txt"])
def test_load_casus_on_a_fifo_returns_at_once(tmp_path, naam):
    """`uitleg` and `kennisbank toets` call load_casus directly, without find_case_files."""
    pad = tmp_path / naam
    os.mkfifo(pad)
    uitvoer = _run_bounded("casus", pad, tmp_path)
    assert uitvoer.startswith("FOUT") and "pijp (FIFO)" in uitvoer, uitvoer


def test_a_fifo_report_lookalike_in_a_folder_is_not_opened(tmp_path):
    """Recognising our own reports reads the first bytes of every .md: never of a FIFO."""
    map_ = tmp_path / "map"
    map_.mkdir()
    os.mkfifo(map_ / "rapport.md")
    uitvoer = _run_bounded("map", map_, tmp_path)
    assert uitvoer.startswith("FOUT") and "rapport.md" in uitvoer, uitvoer


def test_uitleg_on_a_fifo_gives_a_dutch_error(tmp_path):
    pad = tmp_path / "pijp.yaml"
    os.mkfifo(pad)
    try:
        uit = subprocess.run(
            [
                sys.executable,
                "-m",
                "loyaliteit",
                "uitleg",
                str(pad),
                "passieve_parentificatie",
                "-k",
                str(MINI),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "LOYALITEIT_CACHE": str(tmp_path / "cache")},
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("loyaliteit uitleg bleef hangen op een FIFO")
    assert uit.returncode != 0
    assert "pijp (FIFO), geen gewoon bestand" in uit.stderr, uit.stderr


# ---------------------------------------------------------------------------------------
# Folders: nothing skipped silently, the rest still read
# ---------------------------------------------------------------------------------------


def test_find_case_files_reports_each_problem_and_keeps_the_rest(tmp_path):
    map_ = tmp_path / "map"
    (map_ / "sub").mkdir(parents=True)
    (map_ / "a.yaml").write_text(GOED)
    (map_ / "sub" / "b.txt").write_text("Hij huilt.")
    (map_ / "kapot.md").symlink_to("weg.md")
    (map_ / "lus.txt").symlink_to("lus.txt")
    (map_ / "sub" / "terug").symlink_to("..")
    os.mkfifo(map_ / "pijp.yml")
    (map_ / "notities.docx").symlink_to("weg.docx")  # not a case: not our business
    (map_ / ".verborgen.yaml").symlink_to("weg.yaml")  # hidden: skipped as before
    gevonden, fouten = find_case_files([map_])
    assert [p.name for p in gevonden] == ["a.yaml", "b.txt"]
    genoemd = sorted(Path(f.bestand).name for f in fouten)
    assert genoemd == ["kapot.md", "lus.txt", "pijp.yml", "terug"]


def test_a_linked_folder_is_followed_once(tmp_path):
    elders = tmp_path / "elders"
    elders.mkdir()
    (elders / "c.yaml").write_text(GOED)
    map_ = tmp_path / "map"
    map_.mkdir()
    (map_ / "link1").symlink_to(elders)
    (map_ / "link2").symlink_to(elders)
    gevonden, fouten = find_case_files([map_])
    assert fouten == []
    assert [p.name for p in gevonden] == ["c.yaml"]


def test_an_unreadable_file_on_the_command_line_does_not_stop_the_others(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    goed = good_file(Path("."))
    geheim = Path("geheim.yaml")
    geheim.write_text(FOUT_INHOUD)
    make_unreadable(geheim, monkeypatch)
    resultaat = runner.invoke(
        app, ["analyseer", "geheim.yaml", str(goed), "--formaat", "json", "-k", str(MINI)]
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    doc = json.loads(resultaat.stdout)
    check_good_analysis(doc, goed)
    assert "geheim.yaml: kan bestand niet lezen: geen toestemming" in resultaat.stderr


# ---------------------------------------------------------------------------------------
# `-` is standard input
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("invoer", "casus_id"),
    [
        ("Lars huilt elke ochtend bij het afscheid van zijn moeder.\n", "standaardinvoer"),
        (GOED, "goed"),
        ("---\nid: uit_md\n---\nLars huilt bij het afscheid.\n", "uit_md"),
        ("# een notitie\nid: met_commentaar\nbeschrijving: Hij huilt.\n", "met_commentaar"),
        ("Moeder zegt: hij huilt elke ochtend.\n", "standaardinvoer"),
    ],
)
def test_dash_reads_a_case_from_standard_input(invoer, casus_id):
    resultaat = runner.invoke(
        app, ["analyseer", "-", "--formaat", "json", "-k", str(MINI)], input=invoer
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 0, resultaat.stderr
    (analyse,) = json.loads(resultaat.stdout)["analyses"]
    assert analyse["fouten"] == []
    assert analyse["casus"]["id"] == casus_id
    assert analyse["casus"]["bestand"] == "standaardinvoer"


def test_dash_beside_files_and_twice(tmp_path):
    goed = good_file(tmp_path)
    resultaat = runner.invoke(
        app,
        ["analyseer", "-", str(goed), "-", "--formaat", "json", "-k", str(MINI)],
        input="Hij huilt bij het afscheid.\n",
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 0, resultaat.stderr
    doc = json.loads(resultaat.stdout)
    check_good_analysis(doc, goed)
    beschrijvingen = [a["casus"]["beschrijving"] for a in doc["analyses"]]
    assert beschrijvingen.count("Hij huilt bij het afscheid.") == 2


def test_uitleg_reads_standard_input():
    resultaat = runner.invoke(
        app,
        ["uitleg", "-", "passieve_parentificatie", "-k", str(MINI)],
        input=GOED,
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 0, resultaat.stderr


def test_load_casus_names_standard_input():
    assert display_path(Path("-")) == "standaardinvoer"


def test_standard_input_that_is_too_big(monkeypatch):
    from loyaliteit.casus import lezen

    monkeypatch.setattr(lezen, "MAX_BYTES", 10)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100)))
    with pytest.raises(CasusFout, match="standaardinvoer: bestand te groot"):
        load_casus(Path("-"))


# ---------------------------------------------------------------------------------------
# Messages of the operating system (item 11: a full disk said "kan niet gelezen worden")
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "verwacht"),
    [
        (errno.ENOSPC, "de schijf is vol"),
        (errno.EDQUOT, "quotum"),
        (errno.EROFS, "alleen-lezen"),
        (errno.EIO, "lees- of schrijffout"),
        (errno.EMFILE, "te veel bestanden"),
        (errno.ENOTDIR, "bestaat niet"),
        (errno.EOVERFLOW, "EOVERFLOW"),
    ],
)
def test_os_errors_say_what_happened(code, verwacht):
    tekst = os_error_text(OSError(code, os.strerror(code)))
    assert verwacht in tekst
    assert "gelezen" not in tekst
    assert not re.search(r"[A-Z][a-z]+ [a-z]+", tekst.replace(verwacht, "")), tekst
