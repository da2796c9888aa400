"""The learned detector: taught by the knowledge base's examples, explained, cached.

A small knowledge base (the mini one plus a signal that has only examples, no pattern)
shows that a signal is found by example, that each finding explains itself, that the
same examples give the same detector, and that the cache survives damage and follows
changes. The shipped knowledge base shows the near misses the issue names.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from loyaliteit.analyse import analyse
from loyaliteit.casus import Casus
from loyaliteit.kennisbank import KennisbankFout, load_kennisbank
from loyaliteit.signalering import Status, detector_for
from loyaliteit.signalering.instellingen import Instellingen
from loyaliteit.signalering.opslag import cache_dir, content_key, load_or_train
from loyaliteit.signalering.trainen import train

from .conftest import MINI

VOORBEELDEN = """\
voorbeelden:
  vraagt_om_de_telefoon:
    wel:
      - {tekst: "Tijdens de rekenles vraagt Sem steeds of hij zijn moeder mag bellen.", register: verhalend}
      - {tekst: "di: lln wil weer naar huis bellen, 3x gevraagd", register: logboek}
      - {tekst: "'Mag ik even mijn vader bellen?' vraagt Noor elke pauze.", register: citaat}
      - {tekst: "De juf vertelt dat Yara om de telefoon vraagt om thuis te bellen.", register: indirect}
      - {tekst: "Ik merk dat Daan telkens naar huis wil bellen als er iets tegenzit.", register: ik}
      - {tekst: "Bij elk ruzietje wil Mila meteen haar moeder opbellen.", register: verhalend}
      - {tekst: "Na de gymles vroeg Ayoub opnieuw of hij zijn vader mocht bellen.", register: verhalend}
      - {tekst: "wo: opnieuw verzoek om mdr te bellen, na uitleg rustiger", register: logboek}
    niet:
      - {tekst: "Sem vraagt nooit om naar huis te bellen; hij lost het zelf op.", status: ontkend}
      - {tekst: "De telefoon van de juf ging tijdens de les.", status: anders}
      - {tekst: "Moeder belt de school om te vragen hoe het gaat.", status: anders}
"""
DEFINITIE = """
  - id: vraagt_om_de_telefoon
    label: Het kind wil op school steeds een ouder bellen
    wie: kind
    vraag: Vraagt het kind op school vaak om thuis te bellen?
    bron: {id: bressers, sectie: Parentificatie}
"""


@pytest.fixture
def geleerde_kb(tmp_path, monkeypatch):
    """The mini knowledge base with one signal that is defined by examples only."""
    monkeypatch.setenv("LOYALITEIT_CACHE", str(tmp_path / "cache"))
    map_ = tmp_path / "kb"
    shutil.copytree(MINI, map_)
    kind = map_ / "signalen" / "kind.yaml"
    kind.write_text(kind.read_text() + DEFINITIE)
    (map_ / "signalen" / "kind.voorbeelden.yaml").write_text(VOORBEELDEN)
    return map_


def test_a_signal_without_patterns_is_found_by_its_examples(geleerde_kb):
    kb = load_kennisbank(geleerde_kb)
    assert not kb.signalen["vraagt_om_de_telefoon"].patronen
    tekst = "In de leesles vraagt Ravi weer of hij zijn moeder mag bellen."
    (vondst,) = [
        f for f in detector_for(kb).detect_text(tekst) if f.signaal == "vraagt_om_de_telefoon"
    ]
    assert vondst.status is Status.aanwezig
    assert vondst.patroon is None and vondst.score is not None and vondst.score >= 0.3
    # it explains itself: the words that weighed most, and the example it resembles
    woorden = [w for w, _ in vondst.gewichten]
    assert {"bellen", "moeder"} & set(woorden), vondst.gewichten
    assert (
        vondst.lijkt_op in kb.signalen["vraagt_om_de_telefoon"].voorbeelden.wel[0].tekst
        or vondst.lijkt_op
    )
    assert tekst[vondst.woord_posities[0][0] : vondst.woord_posities[0][1]] == vondst.woorden[0]


def test_the_explanation_reaches_every_report_format(geleerde_kb):

    kb = load_kennisbank(geleerde_kb)
    resultaat = analyse(
        Casus(id="x", beschrijving="Sem vraagt in elke les of hij zijn moeder mag bellen."), kb
    )
    (signaal,) = [s for s in resultaat.signalen if s.id == "vraagt_om_de_telefoon"]
    bewijs = signaal.bewijs[0]
    assert bewijs.gewichten and bewijs.lijkt_op
    dump = resultaat.model_dump_json()
    assert '"gewichten"' in dump and '"lijkt_op"' in dump


def test_the_same_examples_give_the_same_detector(geleerde_kb):
    kb = load_kennisbank(geleerde_kb)
    een, _ = train(kb)
    twee, _ = train(kb)
    assert een.signalen == twee.signalen
    assert np.array_equal(een.gewichten, twee.gewichten) and np.array_equal(een.bias, twee.bias)


def test_the_cache_follows_the_knowledge_base_and_survives_damage(geleerde_kb):
    kb = load_kennisbank(geleerde_kb)
    sleutel = content_key(kb, Instellingen())
    load_or_train(kb)
    bestand = cache_dir() / f"herkenning-{sleutel}.npz"
    assert bestand.is_file()
    # a half-written or damaged file is ignored: trained anew, and written whole again
    bestand.write_bytes(bestand.read_bytes()[:1000])
    herkenning = load_or_train(kb)
    assert "vraagt_om_de_telefoon" in herkenning.herkenner.signalen
    assert (
        np.load(bestand, allow_pickle=False)["gewichten"].shape
        == herkenning.herkenner.gewichten.shape
    )
    # a changed example is a different knowledge base: a different key
    pad = geleerde_kb / "signalen" / "kind.voorbeelden.yaml"
    pad.write_text(pad.read_text().replace("3x gevraagd", "vier keer gevraagd"))
    assert content_key(load_kennisbank(geleerde_kb), Instellingen()) != sleutel


def test_editing_a_rule_does_not_retrain_the_detector(geleerde_kb):
    sleutel = content_key(load_kennisbank(geleerde_kb), Instellingen())
    regels = geleerde_kb / "regels" / "r.yaml"
    regels.write_text(regels.read_text().replace("zekerheid: 0.", "zekerheid: 0.0", 1))
    assert load_kennisbank(geleerde_kb).inhoud_sleutel is not None
    assert content_key(load_kennisbank(geleerde_kb), Instellingen()) == sleutel
    # and from the cache (without the example sentences) the key is the same too
    assert content_key(load_kennisbank(geleerde_kb, voorbeelden=False), Instellingen()) == sleutel


def test_the_cache_keeps_the_recent_detectors_not_every_past_edit(geleerde_kb):
    pad = geleerde_kb / "signalen" / "kind.voorbeelden.yaml"
    origineel = pad.read_text()
    for i in range(5):
        pad.write_text(origineel.replace("3x gevraagd", f"{i + 3}x gevraagd"))
        load_or_train(load_kennisbank(geleerde_kb))
    assert len(list(cache_dir().glob("herkenning-*.npz"))) == 3
    assert not list(cache_dir().glob(".herkenning-*"))


def test_an_unwritable_cache_still_detects(geleerde_kb, monkeypatch, tmp_path):
    bestand = tmp_path / "geen_map"
    bestand.write_text("")
    monkeypatch.setenv("LOYALITEIT_CACHE", str(bestand / "cache"))
    kb = load_kennisbank(geleerde_kb)
    assert "vraagt_om_de_telefoon" in load_or_train(kb).herkenner.signalen


def test_an_example_for_an_unknown_signal_names_file_line_and_key(geleerde_kb):
    pad = geleerde_kb / "signalen" / "kind.voorbeelden.yaml"
    pad.write_text(pad.read_text() + '  bestaat_niet:\n    wel: ["Een zin."]\n')
    with pytest.raises(KennisbankFout) as info:
        load_kennisbank(geleerde_kb)
    assert (
        "kind.voorbeelden.yaml:16 (sleutel 'voorbeelden.bestaat_niet'): onbekend signaal 'bestaat_niet'"
        in str(info.value)
    )


def test_a_near_miss_with_an_unknown_status_names_its_line(geleerde_kb):
    pad = geleerde_kb / "signalen" / "kind.voorbeelden.yaml"
    pad.write_text(pad.read_text().replace("status: ontkend", "status: misschien"))
    with pytest.raises(KennisbankFout) as info:
        load_kennisbank(geleerde_kb)
    melding = str(info.value)
    assert (
        "kind.voorbeelden.yaml:13" in melding
        and "voorbeelden.vraagt_om_de_telefoon.niet[0].status" in melding
    )


def test_a_signal_with_neither_examples_nor_patterns_is_refused(geleerde_kb):
    (geleerde_kb / "signalen" / "kind.voorbeelden.yaml").unlink()
    with pytest.raises(KennisbankFout) as info:
        load_kennisbank(geleerde_kb)
    assert "heeft geen voorbeelden (wel) en geen patronen" in str(info.value)


# --- the shipped knowledge base -------------------------------------------------------

GEWELD = {
    "huiselijk_geweld_in_gezin",
    "kind_vertelt_over_geweld_thuis",
    "onverklaarde_verwondingen",
}


@pytest.mark.parametrize(
    "zin",
    [
        "Jij mag het veel verder schoppen dan je vader en moeder, zegt vader tegen Mo.",
        "Daan heeft een blauw oog van de voetbal, de trainer belde zelf.",
        "Vader slaat de deur dicht en schreeuwt dat hij te laat is voor zijn werk.",
    ],
)
def test_another_sense_of_a_violent_word_is_not_violence(kb, zin):
    gevonden = {f.signaal for f in detector_for(kb).detect_text(zin) if f.status is Status.aanwezig}
    assert not gevonden & GEWELD, gevonden


def test_a_childs_account_of_violence_between_the_parents_is_found(kb):
    tekst = (
        "Ilias (10) vertelt dat zijn vader zijn moeder gisteravond tegen de kast duwde. "
        "'De politie was weer bij ons,' zegt hij zacht."
    )
    gevonden = {
        f.signaal for f in detector_for(kb).detect_text(tekst) if f.status is Status.aanwezig
    }
    assert gevonden & GEWELD, gevonden
