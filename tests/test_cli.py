"""The `loyaliteit` command: JSON contract, exit codes, a broken file in a batch, Dutch help."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

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
    (tmp_path / "lars.yaml").write_text(LARS)
    (tmp_path / "kapot.yaml").write_text("id: x\nleerling: {leeftijd: zeven}\nbeschrijving: t\n")
    (tmp_path / "tekst.txt").write_text("Een gewone dag zonder bijzonderheden.")
    return tmp_path


def analyse_json(*args):
    resultaat = runner.invoke(app, ["analyseer", *args, "--formaat", "json", "-k", str(MINI)])
    return resultaat, json.loads(resultaat.stdout)


def test_json_contract(map_met_casussen):
    resultaat, doc = analyse_json(str(map_met_casussen / "lars.yaml"))
    assert resultaat.exit_code == 0
    assert doc["schema_versie"] == 1
    (analyse,) = doc["analyses"]
    assert analyse["casus"]["id"] == "lars" and analyse["fouten"] == []
    beschrijving = analyse["casus"]["beschrijving"]
    (conclusie,) = [c for c in analyse["conclusies"] if c["id"] == "passieve_parentificatie"]
    assert conclusie["soort"] == "classificatie"
    assert -1 <= conclusie["zekerheid"] <= 1 and conclusie["zekerheid_woord"] in (
        "sterk",
        "matig",
        "zwak",
    )
    assert conclusie["regels"] == ["passief"]
    assert {b["signaal"] for b in conclusie["bewijs"]} == {
        "huilt_bij_afscheid",
        "zoekt_leerkracht_op",
        "moeder_houdt_klein",
    }
    for bewijs in conclusie["bewijs"]:
        assert beschrijving[bewijs["begin"] : bewijs["eind"]] == bewijs["zin"]
        assert bewijs["status"] == "aanwezig"
    # the past-tense sign was considered and set aside, and is not evidence
    (opzij,) = [s for s in analyse["signalen"] if s["id"] == "zorgt_voor_ouder"]
    assert opzij["status"] == "verleden" and not opzij["gebruikt"]
    for bijna in analyse["bijna"]:
        assert set(bijna) >= {"id", "regel", "aanwezig", "ontbrekend", "vragen"}


def test_batch_keeps_going_after_a_bad_file(map_met_casussen):
    resultaat, doc = analyse_json(str(map_met_casussen))
    assert resultaat.exit_code == 1
    per_id = {a["casus"]["id"]: a for a in doc["analyses"]}
    assert set(per_id) == {"kapot", "lars", "tekst"}
    (fout,) = per_id["kapot"]["fouten"]
    assert "kapot.yaml:2 (sleutel 'leerling.leeftijd')" in fout
    assert per_id["lars"]["conclusies"] and per_id["tekst"]["fouten"] == []
    assert "kapot.yaml:2" in resultaat.stderr


def test_missing_path_is_an_error(tmp_path):
    resultaat, doc = analyse_json(str(tmp_path / "bestaat_niet.yaml"))
    assert resultaat.exit_code == 1
    assert "bestaat niet" in doc["analyses"][0]["fouten"][0]


def test_usage_error_exits_2():
    resultaat = runner.invoke(app, ["analyseer", "x.yaml", "--formaat", "pdf"])
    assert resultaat.exit_code == 2


def test_terminal_report_shows_tree_and_set_aside(map_met_casussen):
    resultaat = runner.invoke(
        app,
        ["analyseer", str(map_met_casussen / "lars.yaml"), "-k", str(MINI)],
        env={"COLUMNS": "200"},
    )
    assert resultaat.exit_code == 0
    uit = resultaat.stdout
    assert "Passieve parentificatie" in uit and "regel passief" in uit
    assert "Lars huilt elke ochtend bij het afscheid van zijn moeder." in uit
    assert "Overwogen en terzijde gelegd" in uit and "verleden (Vroeger)" in uit


def test_broken_knowledge_base_is_reported(mini_copy, map_met_casussen):
    (mini_copy / "regels" / "r.yaml").write_text("regels: [\n")
    resultaat = runner.invoke(
        app, ["analyseer", str(map_met_casussen / "lars.yaml"), "-k", str(mini_copy)]
    )
    assert resultaat.exit_code == 1
    assert "r.yaml:" in resultaat.stderr and "ongeldige YAML" in resultaat.stderr


def test_help_is_dutch():
    resultaat = runner.invoke(app, ["analyseer", "--help"], terminal_width=120)
    assert "Gebruik:" in resultaat.stdout and "Opties" in resultaat.stdout
    assert "Toon deze hulp en stop." in resultaat.stdout
    assert "Usage" not in resultaat.stdout


def test_schema_analyse_describes_the_contract():
    resultaat = runner.invoke(app, ["schema", "analyse"])
    schema = json.loads(resultaat.stdout)
    assert {"schema_versie", "analyses"} <= set(schema["properties"])
    assert {"id", "soort", "label", "zekerheid", "zekerheid_woord", "regels", "bewijs"} <= set(
        schema["$defs"]["ConclusieUitkomst"]["properties"]
    )


def test_installed_entry_point_runs():
    resultaat = subprocess.run(
        [sys.executable, "-m", "loyaliteit", "--help"], capture_output=True, text=True
    )
    assert resultaat.returncode == 0 and "analyseer" in resultaat.stdout


def test_every_hash_seed_and_process_count_gives_the_same_json(tmp_path):
    """One batch, under three PYTHONHASHSEED values and with --processen 1 and 2: the JSON
    is the same byte for byte (order, content, pseudonyms)."""
    import os

    from .conftest import REPO

    map_ = tmp_path / "casussen"
    map_.mkdir()
    for pad in sorted((REPO / "cases").glob("*.yaml"))[:12]:
        for kopie in range(2):
            (map_ / f"{pad.stem}_{kopie}.yaml").write_text(pad.read_text())
    uitvoer = {}
    for seed in ("0", "1", "2"):
        for processen in ("1", "2"):
            omgeving = {**os.environ, "PYTHONHASHSEED": seed}
            uitvoer[(seed, processen)] = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "loyaliteit",
                    "analyseer",
                    str(map_),
                    "-f",
                    "json",
                    "-p",
                    processen,
                    "--anoniem",
                ],
                capture_output=True,
                env=omgeving,
                check=False,
            ).stdout
    eerste = uitvoer[("0", "1")]
    assert eerste and all(tekst == eerste for tekst in uitvoer.values())
    ids = [a["casus"]["id"] for a in json.loads(eerste)["analyses"]]
    assert ids == [f"casus-{i:03d}" for i in range(1, 25)]
