"""`kennisbank controleer`: each way of breaking a knowledge base gets its own message."""

import re

import pytest
from typer.testing import CliRunner

from loyaliteit.cli import app

runner = CliRunner()


def controleer(map_):
    resultaat = runner.invoke(
        app, ["kennisbank", "controleer", "-k", str(map_)], env={"COLUMNS": "300"}
    )
    return resultaat.exit_code, resultaat.stdout


def edit(pad, oud, nieuw):
    tekst = pad.read_text()
    assert oud in tekst, oud
    pad.write_text(tekst.replace(oud, nieuw, 1))


def test_clean_mini_knowledge_base_has_no_errors(mini_copy):
    code, uit = controleer(mini_copy)
    assert code == 0, uit
    assert "0 fout(en)" in uit


def test_shipped_knowledge_base_has_no_errors():
    resultaat = runner.invoke(app, ["kennisbank", "controleer"], env={"COLUMNS": "300"})
    assert resultaat.exit_code == 0, resultaat.stdout
    assert re.search(r"\n0 fout\(en\), \d+ waarschuwing\(en\)", resultaat.stdout)


def test_unknown_id(mini_copy):
    edit(
        mini_copy / "regels" / "r.yaml",
        "signaal: moeder_houdt_klein",
        "signaal: moeder_houdt_kleintje",
    )
    code, uit = controleer(mini_copy)
    assert code == 1
    assert re.search(
        r"fout: .*r\.yaml:\d+ \(sleutel 'regels\[1\]\.als\.alle\[1\]\.een_van\[0\]\.signaal'\): onbekend signaal 'moeder_houdt_kleintje'",
        uit,
    )


def test_duplicate_id(mini_copy):
    edit(mini_copy / "regels" / "r.yaml", "id: actief", "id: passief")
    code, uit = controleer(mini_copy)
    assert code == 1 and "(sleutel 'regels[2].id'): dubbel id 'passief'" in uit


def test_unused_signal_is_a_warning(mini_copy):
    pad = mini_copy / "signalen" / "kind.yaml"
    pad.write_text(
        pad.read_text()
        + '  - id: ongebruikt\n    label: x\n    wie: kind\n    patronen: ["iets"]\n'
        + "    vraag: x?\n    bron: {id: bressers, sectie: x}\n"
    )
    code, uit = controleer(mini_copy)
    assert code == 0
    assert re.search(
        r"waarschuwing: .*kind\.yaml:\d+ \(sleutel 'signalen\[5\]\.id'\): signaal 'ongebruikt' wordt door geen regel gebruikt",
        uit,
    )


def test_conclusion_without_rule_is_a_warning(mini_copy):
    pad = mini_copy / "conclusies.yaml"
    pad.write_text(
        pad.read_text()
        + "  - {id: verweesd, soort: patroon, label: V, omschrijving: v, bron: {id: bressers, sectie: x}}\n"
    )
    code, uit = controleer(mini_copy)
    assert code == 0 and "geen regel leidt 'verweesd' af" in uit


def test_unreachable_classification_is_an_error(mini_copy):
    edit(
        mini_copy / "conclusies.yaml",
        "  - id: goede_samenwerking",
        "  - id: nooit\n    soort: patroon\n    label: N\n    omschrijving: n\n    bron: {id: bressers, sectie: x}\n  - id: goede_samenwerking",
    )
    edit(
        mini_copy / "regels" / "r.yaml",
        "        - signaal: zorgt_voor_ouder\n",
        "        - signaal: zorgt_voor_ouder\n        - conclusie: nooit\n",
    )
    code, uit = controleer(mini_copy)
    assert code == 1
    assert (
        "'actieve_parentificatie' is vanuit geen enkele combinatie van signalen te bereiken" in uit
    )


def test_cycle_is_an_error(mini_copy):
    edit(
        mini_copy / "regels" / "r.yaml",
        "          - signaal: huilt_bij_afscheid\n",
        "          - signaal: huilt_bij_afscheid\n          - conclusie: passieve_parentificatie\n",
    )
    code, uit = controleer(mini_copy)
    assert code == 1
    assert re.search(
        r"kringloop: (kind_klein_gehouden → passieve_parentificatie → kind_klein_gehouden|passieve_parentificatie → kind_klein_gehouden → passieve_parentificatie)",
        uit,
    )


def test_cycle_through_niet_is_refused_on_load(mini_copy):
    edit(
        mini_copy / "regels" / "r.yaml",
        "          - signaal: huilt_bij_afscheid\n",
        "          - niet: {conclusie: passieve_parentificatie}\n",
    )
    code, uit = controleer(mini_copy)
    assert code == 1 and "kringloop via 'niet'" in uit


def test_rule_without_source(mini_copy):
    edit(
        mini_copy / "regels" / "r.yaml",
        "    zekerheid: 0.7\n    bron: {id: bressers, sectie: Parentificatie}\n",
        "    zekerheid: 0.7\n",
    )
    code, uit = controleer(mini_copy)
    assert code == 1 and "(sleutel 'regels[2].bron'): verplichte sleutel ontbreekt" in uit


def test_rule_without_examples(mini_copy):
    edit(
        mini_copy / "regels" / "r.yaml",
        '      niet: ["Zij zorgt thuis voor haar moeder. Ze huilt',
        '      nee: ["Zij zorgt thuis voor haar moeder. Ze huilt',
    )
    code, uit = controleer(mini_copy)
    assert code == 1 and "onbekende sleutel" in uit
    edit(mini_copy / "regels" / "r.yaml", '      nee: ["Zij', '      xniet: ["Zij')
    pad = mini_copy / "regels" / "r.yaml"
    pad.write_text(re.sub(r"\n      xniet: .*", "", pad.read_text()))
    code, uit = controleer(mini_copy)
    assert code == 1
    assert "(sleutel 'regels[2].voorbeelden'): geen voorbeeld dat niet mag vuren" in uit


@pytest.mark.parametrize("waarde", ["1.5", "-2"])
def test_certainty_out_of_range(mini_copy, waarde):
    edit(mini_copy / "regels" / "r.yaml", "zekerheid: 0.7", f"zekerheid: {waarde}")
    code, uit = controleer(mini_copy)
    assert code == 1
    assert "(sleutel 'regels[2].zekerheid'): mag hoogstens 1" in uit or (
        "(sleutel 'regels[2].zekerheid'): moet minstens -1" in uit
    )


def test_pattern_matching_none_of_its_examples(mini_copy):
    edit(
        mini_copy / "signalen" / "kind.yaml",
        'patronen: ["zorgen + voor + moeder|vader"]',
        'patronen: ["mantelzorg*"]',
    )
    code, uit = controleer(mini_copy)
    assert code == 0  # a warning; `toets` reports the failing rule example itself
    assert "de patronen van 'zorgt_voor_ouder' treffen in geen enkel eigen voorbeeld" in uit


def test_subsumed_rule(mini_copy):
    pad = mini_copy / "regels" / "r.yaml"
    pad.write_text(
        pad.read_text()
        + """  - id: actief_breed
    naam: Zorgt voor ouder en huilt
    als:
      alle:
        - signaal: zorgt_voor_ouder
        - niet: {conclusie: kind_klein_gehouden}
        - signaal: huilt_bij_afscheid
    dan: actieve_parentificatie
    zekerheid: 0.5
    bron: {id: bressers, sectie: Parentificatie}
    uitleg: x
    voorbeelden:
      wel: ["Zij zorgt thuis voor haar moeder en huilt bij het afscheid."]
      niet: ["Zij huilt bij het afscheid."]
"""
    )
    code, uit = controleer(mini_copy)
    assert code == 0
    assert "regel 'actief_breed' wordt gedekt door 'actief'" in uit


def test_too_few_examples_is_a_warning_in_plain_dutch(mini_copy):
    code, uit = controleer(mini_copy)
    assert code == 0
    assert re.search(
        r"waarschuwing: .*kind\.yaml:2 \(sleutel 'signalen\[0\]\.id'\): signaal 'huilt_bij_afscheid' "
        r"heeft 1 voorbeeld \(wel\) en 1 bijna-treffer \(niet\); de herkenning leert pas goed van "
        r"minstens 25 en 10",
        uit,
    )
    assert "heeft 0 voorbeelden (wel) en 0 bijna-treffers (niet)" in uit
