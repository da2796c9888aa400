"""Everyday use of the command: a folder reads as a summary, an error is shown once, a
refused rerun says so, the version and shell completion are there, help speaks Dutch."""

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from loyaliteit import __version__
from loyaliteit.cli import app

from .conftest import MINI

runner = CliRunner()

LARS = """id: lars
leerling: {naam: Lars, leeftijd: 7}
beschrijving: |
  Lars huilt elke ochtend bij het afscheid van zijn moeder. In de pauze blijft hij
  bij de juf. Moeder wil hem eigenlijk klein houden. Vroeger zorgde hij voor zijn moeder.
"""


@pytest.fixture
def map_met_casussen(tmp_path):
    casussen = tmp_path / "casussen"
    casussen.mkdir()
    (casussen / "lars.yaml").write_text(LARS)
    (casussen / "kapot.yaml").write_text("id: x\nleerling: {leeftijd: zeven}\nbeschrijving: t\n")
    (casussen / "tekst.txt").write_text("Een gewone dag zonder bijzonderheden.")
    return casussen


def run(*args, breedte=80):
    return runner.invoke(app, [*args, "-k", str(MINI)], env={"COLUMNS": str(breedte)})


def test_a_folder_on_the_terminal_is_one_line_per_case_and_a_summary(map_met_casussen):
    resultaat = run("analyseer", str(map_met_casussen))
    uit = resultaat.stdout
    regels = uit.splitlines()
    assert any(r.strip().startswith("lars: Passieve parentificatie (0,") for r in regels)
    assert any(r.strip().startswith("tekst: geen conclusie afgeleid") for r in regels)
    assert any("x: niet geanalyseerd" in r or "kapot: niet geanalyseerd" in r for r in regels)
    assert "Samenvatting: 3 casussen" in uit and "--volledig" in uit
    # no full report: no derivation tree, no set-aside signals
    assert "Overwogen en terzijde gelegd" not in uit and "regel passief" not in uit
    assert len(regels) < 40


def test_volledig_gives_every_full_report(map_met_casussen):
    resultaat = run("analyseer", str(map_met_casussen), "--volledig")
    assert "Overwogen en terzijde gelegd" in resultaat.stdout
    assert "regel passief" in resultaat.stdout


def test_an_error_is_shown_once(map_met_casussen):
    for extra in ([], ["--volledig"]):
        resultaat = run("analyseer", str(map_met_casussen), *extra)
        alles = resultaat.stdout + resultaat.stderr
        assert alles.count("kapot.yaml:2") == 1, alles
        assert resultaat.exit_code == 1
        assert "1 bestand(en) met een fout" in resultaat.stdout


def test_rule_ids_are_never_cut_in_a_narrow_terminal(map_met_casussen):
    resultaat = run("analyseer", str(map_met_casussen / "lars.yaml"), breedte=60)
    assert "…" not in "".join(r for r in resultaat.stdout.splitlines() if "passief" in r)
    assert "passief" in resultaat.stdout


def test_a_refused_rerun_counts_what_was_not_written(map_met_casussen, tmp_path):
    uit = tmp_path / "rapporten"
    eerste = run("analyseer", str(map_met_casussen), "--uit", str(uit))
    assert "3 rapport(en) geschreven" in eerste.stdout
    tweede = run("analyseer", str(map_met_casussen), "--uit", str(uit))
    assert tweede.exit_code == 1
    assert "0 rapport(en) geschreven" in tweede.stdout
    assert "3 rapport(en) niet geschreven: ze bestonden al" in tweede.stdout


def test_version():
    resultaat = runner.invoke(app, ["--version"])
    assert resultaat.exit_code == 0 and resultaat.stdout.strip() == f"loyaliteit {__version__}"


def test_shell_completion_script_and_answers():
    script = runner.invoke(app, ["completering", "bash"])
    assert script.exit_code == 0 and "_LOYALITEIT_COMPLETE" in script.stdout
    assert runner.invoke(app, ["completering", "powershell"]).exit_code == 2
    omgeving = {
        **os.environ,
        "_LOYALITEIT_COMPLETE": "complete_bash",
        "COMP_WORDS": "loyaliteit analyseer --vol",
        "COMP_CWORD": "2",
    }
    antwoord = subprocess.run(
        [sys.executable, "-m", "loyaliteit"], env=omgeving, capture_output=True, text=True
    )
    assert antwoord.stdout.split() == ["--volledig"]


def test_help_shows_no_python_types():
    for opdracht in (["--help"], ["analyseer", "--help"], ["uitleg", "--help"]):
        uit = runner.invoke(app, opdracht, env={"COLUMNS": "120"}).stdout
        for python in ("<bool>", "<list[", "<int", "<path>", "<str>", "Path]"):
            assert python not in uit, (opdracht, python)


def test_anoniem_with_sleutel_writes_the_key_and_names_no_file(map_met_casussen, tmp_path):
    uit = tmp_path / "anoniem"
    resultaat = run("analyseer", str(map_met_casussen), "--anoniem", "--sleutel", "--uit", str(uit))
    assert "kapot" not in resultaat.stderr and "casus-001" in resultaat.stderr
    sleutels = list(uit.glob("VERTROUWELIJK*sleutel*.csv"))
    assert len(sleutels) == 1
    inhoud = sleutels[0].read_text()
    assert "kapot.yaml" in inhoud and "lars.yaml" in inhoud
    for rapport in uit.iterdir():
        if rapport not in sleutels:
            assert "kapot" not in rapport.read_text() and "Lars" not in rapport.read_text()


def test_the_judgement_beside_a_txt_case_is_read(tmp_path):
    casus = tmp_path / "lars.txt"
    casus.write_text(
        "Lars huilt elke ochtend bij het afscheid van zijn moeder. "
        "Moeder wil hem eigenlijk klein houden."
    )
    zonder = run("analyseer", str(casus), "--formaat", "json").stdout
    (tmp_path / "lars.txt.oordeel").write_text("signalen:\n  verworpen: [huilt_bij_afscheid]\n")
    met = run("analyseer", str(casus), "--formaat", "json").stdout
    assert '"huilt_bij_afscheid"' in zonder
    assert zonder != met and '"verworpen"' in met
    (tmp_path / "lars.txt.oordeel").write_text("signalen:\n  verworpen: [huilt_bij_afschied]\n")
    fout = run("analyseer", str(casus))
    assert fout.exit_code == 1 and "bedoel je 'huilt_bij_afscheid'" in fout.stderr


def test_small_batches_stay_in_one_process_unless_asked():
    from loyaliteit.cli.batch import MIN_BESTANDEN_PER_PROCES, default_processes, processes_for

    assert processes_for(30, None) == 1
    assert processes_for(76, None) == 1
    assert processes_for(10 * MIN_BESTANDEN_PER_PROCES, None) == min(default_processes(), 10)
    assert processes_for(30, 2) == 2  # asked for: as asked
    assert processes_for(1, 4) == 1  # never more processes than files
