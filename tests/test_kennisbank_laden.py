"""The knowledge base is validated on load, with Dutch errors naming file, line and key."""

import re

import pytest

from loyaliteit.kennisbank import KennisbankFout, load_kennisbank


def errors_for(map_):
    with pytest.raises(KennisbankFout) as info:
        load_kennisbank(map_)
    return [str(f) for f in info.value.fouten]


def test_shipped_knowledge_base_loads(kb):
    assert kb.regels and kb.signalen and kb.conclusies
    for regel in kb.regels.values():
        assert regel.bron.id in kb.bronnen


def test_invalid_yaml_names_file_and_line(mini_copy):
    pad = mini_copy / "regels" / "r.yaml"
    regels = pad.read_text().splitlines()
    regels[5] = regels[5] + " : :"
    pad.write_text("\n".join(regels))
    (fout,) = errors_for(mini_copy)
    assert re.search(r"regels/r\.yaml:\d+: ongeldige YAML", fout), fout


def test_unknown_signal_names_the_key_and_its_line(mini_copy):
    pad = mini_copy / "regels" / "r.yaml"
    tekst = pad.read_text().replace("signaal: zoekt_leerkracht_op", "signaal: zoekt_juf_op")
    pad.write_text(tekst)
    (fout,) = errors_for(mini_copy)
    regel = next(i for i, r in enumerate(tekst.splitlines(), 1) if "zoekt_juf_op" in r)
    assert f"r.yaml:{regel} " in fout
    assert "sleutel 'regels[0].als.minstens.van[1].signaal'" in fout
    assert "onbekend signaal 'zoekt_juf_op'" in fout


def test_unknown_conclusion_in_then(mini_copy):
    pad = mini_copy / "regels" / "r.yaml"
    pad.write_text(pad.read_text().replace("dan: actieve_parentificatie", "dan: actief_x"))
    (fout,) = errors_for(mini_copy)
    assert "sleutel 'regels[2].dan'" in fout and "onbekende conclusie 'actief_x'" in fout


def test_duplicate_id_names_both_places(mini_copy):
    pad = mini_copy / "signalen" / "kind.yaml"
    pad.write_text(pad.read_text().replace("id: zorgt_voor_ouder", "id: huilt_bij_afscheid"))
    fouten = errors_for(mini_copy)
    assert any(
        "sleutel 'signalen[4].id'): dubbel id 'huilt_bij_afscheid' (ook in" in f
        and "kind.yaml:2)" in f
        for f in fouten
    ), fouten


def test_unknown_key_and_wrong_type_are_reported_together(mini_copy):
    pad = mini_copy / "regels" / "r.yaml"
    tekst = pad.read_text().replace("zekerheid: 0.9", "zekerheid: heel zeker")
    tekst = tekst.replace("naam: Kind blijft klein", "naam: Kind blijft klein\n    uitlegg: typo")
    pad.write_text(tekst)
    fouten = errors_for(mini_copy)
    assert any("regels[0].uitlegg" in f and "onbekende sleutel" in f for f in fouten)
    assert any("regels[1].zekerheid" in f and "moet een getal zijn" in f for f in fouten)


def test_condition_with_two_keys_is_rejected(mini_copy):
    pad = mini_copy / "regels" / "r.yaml"
    tekst = pad.read_text().replace(
        "        - signaal: zorgt_voor_ouder",
        "        - signaal: zorgt_voor_ouder\n          conclusie: x",
    )
    pad.write_text(tekst)
    (fout,) = errors_for(mini_copy)
    assert "precies één van de sleutels" in fout and "regels[2].als.alle[0]" in fout


def test_pattern_that_cannot_match_is_an_error(mini_copy):
    pad = mini_copy / "signalen" / "kind.yaml"
    pad.write_text(pad.read_text().replace('"pauze* + leerkracht|juf|meester"', '"pauze + ?"'))
    (fout,) = errors_for(mini_copy)
    assert "signalen[1].patronen[0].tekst" in fout and "geen woord" in fout


def test_yaml_alias_bomb_is_refused(mini_copy):
    bom = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 20):
        bom += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i > 1 else "*a"] * 9) + "]\n"
    (mini_copy / "signalen" / "bom.yaml").write_text(bom)
    (fout,) = errors_for(mini_copy)
    assert "bom.yaml" in fout and "verwijzingen" in fout


def test_yaml_is_never_executed(mini_copy, tmp_path):
    doel = tmp_path / "gemaakt"
    (mini_copy / "signalen" / "code.yaml").write_text(
        f"signalen: !!python/object/apply:os.system ['touch {doel}']\n"
    )
    (fout,) = errors_for(mini_copy)
    assert "onbekende YAML-tag" in fout
    assert not doel.exists()
