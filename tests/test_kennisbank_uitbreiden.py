"""Knowledge engineers: editor schemas, a school's own folder that extends the built-in base."""

import json
from pathlib import Path

from typer.testing import CliRunner

from loyaliteit.analyse import analyse
from loyaliteit.casus import Casus
from loyaliteit.cli import app
from loyaliteit.kennisbank import KennisbankFout, load_kennisbank
from loyaliteit.kennisbank.gereedschap.schema import SCHEMA_MODELLEN, schema_text

from .conftest import REPO

runner = CliRunner()


def _properties_without_description(schema: dict) -> list[str]:
    ontbrekend = []
    definities = schema.get("$defs", {})
    for naam, deel in [("(top)", schema), *definities.items()]:
        for sleutel, eigenschap in deel.get("properties", {}).items():
            if "description" not in eigenschap:
                ontbrekend.append(f"{naam}.{sleutel}")
    return ontbrekend


def test_every_key_has_a_dutch_description():
    for soort in SCHEMA_MODELLEN:
        schema = json.loads(schema_text(soort))
        assert _properties_without_description(schema) == [], soort


def test_shipped_schemas_are_up_to_date():
    for soort in SCHEMA_MODELLEN:
        pad = REPO / "kennisbank" / "schema" / f"{soort}.schema.json"
        assert pad.read_text() == schema_text(soort), (
            f"{pad}: draai 'loyaliteit kennisbank schema --uit kennisbank/schema'"
        )


def test_knowledge_base_files_point_at_their_schema():
    for pad in (REPO / "kennisbank").rglob("*.yaml"):
        rel = pad.relative_to(REPO / "kennisbank")
        soort = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        if rel.name.endswith(".voorbeelden.yaml"):
            soort = "voorbeelden"
        eerste = pad.read_text().splitlines()[0]
        assert eerste.startswith("# yaml-language-server: $schema="), rel
        doel = (pad.parent / eerste.split("=", 1)[1]).resolve()
        assert doel == (REPO / "kennisbank" / "schema" / f"{soort}.schema.json").resolve(), rel


def test_schema_command_prints_a_schema():
    resultaat = runner.invoke(app, ["kennisbank", "schema", "regels"])
    schema = json.loads(resultaat.stdout)
    assert "regels" in schema["properties"]
    assert schema["$defs"]["Regel"]["properties"]["zekerheid"]["description"]


def test_new_extension_folder_works_and_is_never_overwritten(tmp_path):
    map_ = tmp_path / "onze_school"
    resultaat = runner.invoke(app, ["kennisbank", "nieuw", str(map_)])
    assert resultaat.exit_code == 0
    assert (map_ / "uitbreiding.yaml").is_file() and (map_ / "regels" / "eigen.yaml").is_file()
    eigen = (map_ / "regels" / "eigen.yaml").read_text()

    resultaat = runner.invoke(
        app, ["kennisbank", "toets", "-k", str(map_), "--regel", "eigen_klein_gehouden_via_bellen"]
    )
    assert resultaat.exit_code == 0, resultaat.stdout

    kb = load_kennisbank(map_)
    ingebouwd = load_kennisbank()
    assert set(ingebouwd.regels) < set(kb.regels)
    assert "eigen_klein_gehouden_via_bellen" in kb.regels

    tweede = runner.invoke(app, ["kennisbank", "nieuw", str(map_)])
    assert tweede.exit_code == 1 and "bestaat al" in tweede.stderr
    assert (map_ / "regels" / "eigen.yaml").read_text() == eigen


def test_extension_can_switch_off_a_built_in_rule(tmp_path):
    map_ = tmp_path / "eigen"
    runner.invoke(app, ["kennisbank", "nieuw", str(map_)])
    ingebouwd = load_kennisbank()
    regel_id = next(r.id for r in ingebouwd.regels.values() if r.dan == "passieve_parentificatie")
    (map_ / "uitbreiding.yaml").write_text(f"uitschakelen: [{regel_id}]\n")
    kb = load_kennisbank(map_)
    assert regel_id not in kb.regels and kb.uitgeschakeld == [regel_id]


def test_switching_off_an_unknown_rule_is_an_error(tmp_path):
    map_ = tmp_path / "eigen"
    map_.mkdir()
    (map_ / "uitbreiding.yaml").write_text("uitschakelen:\n  - bestaat_niet\n")
    try:
        load_kennisbank(map_)
    except KennisbankFout as fout:
        (melding,) = [str(f) for f in fout.fouten]
    assert (
        "uitbreiding.yaml:2 (sleutel 'uitschakelen[0]'): onbekende regel 'bestaat_niet'" in melding
    )


def test_extension_rules_take_part_in_the_analysis(tmp_path):
    map_ = tmp_path / "eigen"
    runner.invoke(app, ["kennisbank", "nieuw", str(map_)])
    resultaat = analyse(
        Casus(id="x", beschrijving="In elke pauze belt Mila met haar moeder."),
        load_kennisbank(map_),
    )
    (conclusie,) = [c for c in resultaat.conclusies if c.id == "kind_wordt_klein_gehouden"]
    assert conclusie.regels == ["eigen_klein_gehouden_via_bellen"]
    assert Path(conclusie.bewijs[0].zin).name.startswith("In elke pauze")
