"""Case files: three formats, and bad files get a Dutch error with file, line and key."""

import pytest

from loyaliteit.casus import CasusFout, load_casus

YAML = """id: lars
leerling: {naam: Lars, leeftijd: 7, groep: 4}
gezinssituatie: [enig_kind]
beschrijving: |
  Lars huilt bij het afscheid.
signalen:
  bevestigd: [zoekt_leerkracht_op]
"""


def test_yaml_case(tmp_path):
    pad = tmp_path / "lars.yaml"
    pad.write_text(YAML)
    casus = load_casus(pad)
    assert casus.id == "lars" and casus.leerling.leeftijd == 7
    assert casus.signalen.bevestigd == ["zoekt_leerkracht_op"]


def test_markdown_case_with_front_matter(tmp_path):
    pad = tmp_path / "mila.md"
    pad.write_text("---\nleerling: {leeftijd: 9}\n---\n\nMila huilt bij het afscheid.\n")
    casus = load_casus(pad)
    assert casus.id == "mila" and casus.leerling.leeftijd == 9
    assert casus.beschrijving == "Mila huilt bij het afscheid."


def test_text_case(tmp_path):
    pad = tmp_path / "tekst.txt"
    pad.write_text("  Hij huilt bij het afscheid.\n")
    assert load_casus(pad).beschrijving == "Hij huilt bij het afscheid."


def fout_voor(tmp_path, naam, inhoud) -> str:
    pad = tmp_path / naam
    if isinstance(inhoud, bytes):
        pad.write_bytes(inhoud)
    else:
        pad.write_text(inhoud)
    with pytest.raises(CasusFout) as info:
        load_casus(pad)
    return str(info.value)


def test_invalid_yaml(tmp_path):
    fout = fout_voor(tmp_path, "a.yaml", "id: x\nbeschrijving: [niet gesloten\n")
    assert "a.yaml:" in fout and "ongeldige YAML" in fout


def test_wrong_type_names_key_and_line(tmp_path):
    fout = fout_voor(tmp_path, "b.yaml", "id: x\nleerling:\n  leeftijd: zeven\nbeschrijving: t\n")
    assert "b.yaml:3 (sleutel 'leerling.leeftijd'): moet een geheel getal zijn" in fout


def test_missing_description(tmp_path):
    fout = fout_voor(tmp_path, "c.yaml", "id: x\nleerling: {leeftijd: 7}\n")
    assert "beschrijving ontbreekt" in fout


def test_unknown_key(tmp_path):
    fout = fout_voor(tmp_path, "d.yaml", "id: x\nbeschrijving: t\nleeftijd: 7\n")
    assert "d.yaml:3 (sleutel 'leeftijd'): onbekende sleutel" in fout


def test_latin1_text_is_refused_with_a_hint(tmp_path):
    fout = fout_voor(tmp_path, "e.txt", "Hij huilt bij het afscheid, café\n".encode("latin-1"))
    assert "niet in UTF-8" in fout


def test_binary_and_empty_files(tmp_path):
    assert "geen tekstbestand" in fout_voor(tmp_path, "f.yaml", b"\x00\x01\x02")
    assert "leeg" in fout_voor(tmp_path, "g.yaml", "")


def test_markdown_front_matter_line_numbers(tmp_path):
    fout = fout_voor(tmp_path, "h.md", "---\nid: x\nleerling: {leeftijd: oud}\n---\nTekst.\n")
    assert "h.md:3 (sleutel 'leerling.leeftijd')" in fout
