"""`kennisbank toets` runs every rule's examples and explains a failure."""

from typer.testing import CliRunner

from loyaliteit.analyse import analyse
from loyaliteit.cli import app
from loyaliteit.kennisbank.gereedschap.toets import Toetser

runner = CliRunner()


def test_shipped_knowledge_base_passes_its_own_examples(kb):
    toetser = Toetser(kb)
    mislukt = [u for u in [*toetser.rules(), *toetser.signals()] if not u.ok]
    assert not mislukt, "\n".join(f"{u.id}: {u.fouten}" for u in mislukt)


def test_every_rule_has_examples_both_ways_and_a_source(kb):
    for regel in kb.regels.values():
        assert regel.voorbeelden.wel and regel.voorbeelden.niet, regel.id
        assert regel.bron.sectie.strip(), regel.id


def test_failing_example_names_rule_example_and_missing_premise(mini_copy):
    pad = mini_copy / "regels" / "r.yaml"
    pad.write_text(
        pad.read_text().replace(
            'wel: ["Hij huilt bij het afscheid en blijft in de pauze bij de juf."]',
            'wel: ["Hij huilt bij het afscheid en speelt buiten."]',
        )
    )
    resultaat = runner.invoke(
        app, ["kennisbank", "toets", "-k", str(mini_copy)], env={"COLUMNS": "200"}
    )
    assert resultaat.exit_code == 1
    uit = resultaat.stdout
    assert "✗ regel klein_gehouden" in uit
    assert "voorbeeld wel[0] «Hij huilt bij het afscheid en speelt buiten.» vuurde niet" in uit
    assert "Wel aanwezig: huilt_bij_afscheid" in uit
    assert "Ontbrekend: zoekt_leerkracht_op, speelt_niet_met_anderen" in uit
    assert "1 mislukt" in uit


def test_one_rule_can_be_run(mini_copy):
    resultaat = runner.invoke(
        app, ["kennisbank", "toets", "-k", str(mini_copy), "--regel", "passief"]
    )
    assert resultaat.exit_code == 0
    assert "regel passief" in resultaat.stdout and "klein_gehouden" not in resultaat.stdout


def test_confirmed_and_rejected_signals_override_detection(mini_kb):
    from loyaliteit.casus import Casus

    kb = mini_kb
    tekst = "Hij huilt bij het afscheid en blijft in de pauze bij de juf."
    gewoon = analyse(Casus(id="a", beschrijving=tekst), kb)
    assert "kind_klein_gehouden" in {c.id for c in gewoon.conclusies}
    verworpen = analyse(
        Casus(id="b", beschrijving=tekst, signalen={"verworpen": ["zoekt_leerkracht_op"]}), kb
    )
    assert "kind_klein_gehouden" not in {c.id for c in verworpen.conclusies}
    (status,) = [s.status for s in verworpen.signalen if s.id == "zoekt_leerkracht_op"]
    assert status == "verworpen"
    bevestigd = analyse(
        Casus(
            id="c",
            beschrijving="Hij huilt bij het afscheid.",
            signalen={"bevestigd": ["speelt_niet_met_anderen"]},
        ),
        kb,
    )
    (klein,) = [c for c in bevestigd.conclusies if c.id == "kind_klein_gehouden"]
    assert {b.status for b in klein.bewijs} == {"aanwezig", "bevestigd"}
