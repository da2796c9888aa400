"""Saving a session's judgement into a case file: per format, atomic, never losing text."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyaliteit.basis import SignaalOordeel
from loyaliteit.casus import load_casus
from loyaliteit.intervisie.opslaan import (
    Conflict,
    OpslagFout,
    open_case,
    save_judgement,
    sidecar_path,
)
from loyaliteit.intervisie.yamlblok import BlokFout, with_judgement

OORDEEL = SignaalOordeel(bevestigd=["moeder_houdt_klein"], verworpen=["huilt_bij_afscheid"])
CASUS_YAML = """\
# Casus voor de intervisie (bovenaan een commentaar)
id: tom   # de korte naam
titel: "Tom: blijft klein"
leerling: {naam: Tom, leeftijd: 8}   # stroomstijl blijft
betrokkenen:
    - moeder
    - juf Anna
beschrijving: |
  Tom huilt bij het afscheid en blijft in de pauze bij de juf.
    Een ingesprongen regel blijft zoals hij is.<spaties>

  Moeder is vaak verdrietig.
signalen:                 # het oordeel van de professional wint van de tekst
  bevestigd: []           # telt als aanwezig, zekerheid 1
  verworpen:
    - zorgt_voor_ouder    # besproken in maart
# over de verwachting
verwacht:
  wel: [passieve_parentificatie]
""".replace("<spaties>", "   ")  # trailing spaces in a block scalar must survive too


def _comments(tekst: str) -> list[str]:
    return [m.group().strip() for r in tekst.splitlines() if (m := re.search(r"#.*$", r))]


def _lines_outside_signalen(tekst: str) -> list[str]:
    regels, uit, binnen = tekst.splitlines(), [], False
    for regel in regels:
        if regel.startswith("signalen:"):
            binnen = True
            continue
        if binnen and regel[:1] not in (" ", ""):
            binnen = False
        if not binnen:
            uit.append(regel)
    return uit


def _save(pad, oordeel=OORDEEL, notities=None):
    _, bestand = open_case(pad)
    return save_judgement(bestand, oordeel, notities or {})


def test_yaml_keeps_every_other_byte_and_every_comment(tmp_path):
    pad = tmp_path / "tom.yaml"
    pad.write_text(CASUS_YAML, encoding="utf-8")
    voor = load_casus(pad)
    _save(pad, notities={"moeder_houdt_klein": "intervisie 2025-03-01, Anna"})
    tekst = pad.read_text(encoding="utf-8")
    na = load_casus(pad)
    assert na.signalen == OORDEEL
    assert na.beschrijving == voor.beschrijving
    assert na.model_dump(exclude={"signalen"}) == voor.model_dump(exclude={"signalen"})
    assert _lines_outside_signalen(tekst) == _lines_outside_signalen(CASUS_YAML)
    for commentaar in _comments(CASUS_YAML):
        assert commentaar in tekst
    assert "# intervisie 2025-03-01, Anna" in tekst
    assert [p.name for p in tmp_path.iterdir()] == ["tom.yaml"]  # no temporary file left


def test_yaml_without_signalen_gets_it_appended(tmp_path):
    pad = tmp_path / "kort.yaml"
    origineel = "id: kort\nbeschrijving: Hij huilt bij het afscheid.  # zonder eind-newline"
    pad.write_text(origineel, encoding="utf-8")
    _save(pad)
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.startswith(origineel + "\n")
    assert load_casus(pad).signalen == OORDEEL


def test_crlf_bom_and_permissions_are_kept(tmp_path):
    pad = tmp_path / "dos.yaml"
    pad.write_bytes(b"\xef\xbb\xbfid: dos\r\nbeschrijving: Een zin.\r\nsignalen: {}\r\n")
    pad.chmod(0o640)
    _save(pad)
    ruw = pad.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbfid: dos\r\nbeschrijving: Een zin.\r\n")
    assert b"\n" not in ruw.replace(b"\r\n", b"")
    assert os.stat(pad).st_mode & 0o777 == 0o640
    assert load_casus(pad).signalen == OORDEEL


def test_a_file_changed_on_disk_is_not_overwritten(tmp_path):
    pad = tmp_path / "tom.yaml"
    pad.write_text(CASUS_YAML, encoding="utf-8")
    _, bestand = open_case(pad)
    eigen_werk = CASUS_YAML.replace("Moeder is vaak verdrietig.", "Moeder is vaak moe.")
    pad.write_text(eigen_werk, encoding="utf-8")
    with pytest.raises(Conflict, match="is veranderd sinds de sessie het las"):
        save_judgement(bestand, OORDEEL, {})
    assert pad.read_text(encoding="utf-8") == eigen_werk
    pad.unlink()
    with pytest.raises(Conflict, match="is verwijderd"):
        save_judgement(bestand, OORDEEL, {})
    assert not pad.exists()


def test_markdown_front_matter_only(tmp_path):
    pad = tmp_path / "mila.md"
    body = "\nMila huilt bij het afscheid.\n\n---\n\nEen streep hierboven is tekst.\n"
    pad.write_text("---\nid: mila   # kop\nleerling: {naam: Mila}\n---" + body, encoding="utf-8")
    voor = load_casus(pad)
    _save(pad)
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.endswith("---" + body)
    assert "id: mila   # kop\n" in tekst
    na = load_casus(pad)
    assert na.signalen == OORDEEL and na.beschrijving == voor.beschrijving


def test_markdown_without_front_matter_gets_one(tmp_path):
    pad = tmp_path / "los.md"
    pad.write_text("Hij huilt bij het afscheid.\n", encoding="utf-8")
    voor = load_casus(pad)
    _save(pad)
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.startswith("---\n") and tekst.endswith("---\nHij huilt bij het afscheid.\n")
    na = load_casus(pad)
    assert na.signalen == OORDEEL and na.beschrijving == voor.beschrijving and na.id == voor.id


def test_text_case_gets_a_sidecar_and_is_never_rewritten(tmp_path):
    pad = tmp_path / "notitie.txt"
    pad.write_bytes(b"Hij huilt bij het afscheid.\r\nMoeder wil hem klein houden.\r\n")
    origineel = pad.read_bytes()
    _save(pad)
    assert pad.read_bytes() == origineel
    zij = sidecar_path(pad)
    assert zij.name == "notitie.txt.oordeel"
    assert "Het tekstbestand zelf wordt nooit herschreven" in zij.read_text(encoding="utf-8")
    casus, bestand = open_case(pad)
    assert casus.signalen == OORDEEL
    nieuw = SignaalOordeel(bevestigd=["zorgt_voor_ouder"])
    save_judgement(bestand, nieuw, {})
    assert open_case(pad)[0].signalen == nieuw
    assert pad.read_bytes() == origineel


def test_a_judgement_that_cannot_be_written_safely_leaves_the_file(tmp_path):
    pad = tmp_path / "stroom.yaml"
    origineel = "{id: stroom, beschrijving: Een zin.}\n"
    pad.write_text(origineel, encoding="utf-8")
    with pytest.raises(OpslagFout, match="niet opgeslagen"):
        _save(pad)
    assert pad.read_text(encoding="utf-8") == origineel
    with pytest.raises(BlokFout):
        with_judgement("- een\n- lijst\n", {"bevestigd": [], "verworpen": []}, {})


def test_moving_a_signal_keeps_its_comment(tmp_path):
    pad = tmp_path / "tom.yaml"
    pad.write_text(CASUS_YAML, encoding="utf-8")
    _save(pad, SignaalOordeel(bevestigd=["zorgt_voor_ouder"]))
    tekst = pad.read_text(encoding="utf-8")
    assert re.search(r"- zorgt_voor_ouder +# besproken in maart", tekst)
    assert load_casus(pad).signalen.verworpen == []


# --- a save never loses the file's other content ----------------------------------------

_ids = st.lists(st.from_regex(r"[a-z][a-z_]{0,12}", fullmatch=True), max_size=4, unique=True)
_tekst = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
    min_size=1,
    max_size=80,
).filter(lambda t: any(teken.isalnum() for teken in t))
_commentaar = st.from_regex(r"[A-Za-z0-9 ,.:éë'-]{0,30}", fullmatch=True)


def _yaml_text(beschrijving, oud, commentaren, signalen_eerst):
    import json

    delen = [
        f"# {commentaren[0]}\n",
        "id: eigenschap\n",
        f"beschrijving: {json.dumps(beschrijving, ensure_ascii=False)}   # {commentaren[1]}\n",
        "betrokkenen: [moeder]\n",
    ]
    blok = (
        f"signalen:   # {commentaren[2]}\n"
        f"  bevestigd: {json.dumps(oud[0])}\n"
        f"  verworpen:\n" + "".join(f"    - {json.dumps(s)}   # {commentaren[3]}\n" for s in oud[1])
    )
    if not oud[1]:
        blok = blok.replace("  verworpen:\n", "  verworpen: []\n")
    delen.insert(1 if signalen_eerst else len(delen), blok)
    return "".join(delen) + f"# {commentaren[4]}\n"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    beschrijving=_tekst,
    oud=st.tuples(_ids, _ids),
    nieuw=st.tuples(_ids, _ids),
    commentaren=st.lists(_commentaar, min_size=5, max_size=5),
    signalen_eerst=st.booleans(),
)
def test_saving_never_loses_other_content(
    tmp_path, beschrijving, oud, nieuw, commentaren, signalen_eerst
):
    pad = tmp_path / "eigenschap.yaml"
    oud = (oud[0], [s for s in oud[1] if s not in oud[0]])
    origineel = _yaml_text(beschrijving, oud, commentaren, signalen_eerst)
    pad.write_text(origineel, encoding="utf-8")
    voor = load_casus(pad)
    oordeel = SignaalOordeel(
        bevestigd=nieuw[0], verworpen=[s for s in nieuw[1] if s not in nieuw[0]]
    )
    _save(pad, oordeel, {s: "intervisie" for s in oordeel.bevestigd})
    tekst = pad.read_text(encoding="utf-8")
    na = load_casus(pad)
    assert na.signalen == oordeel
    assert na.model_dump(exclude={"signalen"}) == voor.model_dump(exclude={"signalen"})
    assert _lines_outside_signalen(tekst) == _lines_outside_signalen(origineel)
    for commentaar in _comments(origineel):
        assert commentaar.rstrip() in tekst


def test_a_broken_sidecar_is_reported_in_dutch(tmp_path):
    from loyaliteit.casus import CasusFout

    pad = tmp_path / "notitie.txt"
    pad.write_text("Hij huilt bij het afscheid.\n", encoding="utf-8")
    sidecar_path(pad).write_text("signalen:\n  bevestigd: [Geen Id]\n", encoding="utf-8")
    with pytest.raises(CasusFout) as fout:
        open_case(pad)
    assert "notitie.txt.oordeel" in str(fout.value) and "signalen.bevestigd" in str(fout.value)
