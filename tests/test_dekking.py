"""Coverage: the stable conclusion ids (a public contract) exist and are reached from text alone."""

import pytest

from loyaliteit.analyse import analyse
from loyaliteit.casus import Casus, load_casus
from loyaliteit.kennisbank.gereedschap.overzicht import overview_markdown

from .conftest import REPO

STABIELE_IDS = {
    "passieve_parentificatie": "classificatie",
    "actieve_parentificatie": "classificatie",
    "onderpresteren_uit_loyaliteit": "classificatie",
    "loyaliteit_in_gedrag": "classificatie",
    "onzichtbare_loyaliteit": "classificatie",
    "gespleten_loyaliteit": "classificatie",
    "loyaliteitsconflict_thuis_school": "classificatie",
    "betere_ouder": "classificatie",
    "emotionele_hierarchie_doorkruist": "classificatie",
    "verantwoordelijkheidshierarchie_doorkruist": "classificatie",
    "deskundigheidshierarchie_doorkruist": "classificatie",
    "verantwoordelijkheid_overgedragen": "classificatie",
    "meerzijdige_partijdigheid_ontbreekt": "classificatie",
    "driehoek_ouders_en_kind_tegen_school": "classificatie",
    "driehoek_ouders_en_school_tegen_kind": "classificatie",
    "driehoek_ouders_op_afstand": "classificatie",
    "overhelpen_thuis": "classificatie",
    "intergenerationele_loyaliteit": "classificatie",
    "rouw_en_verlies": "classificatie",
    "onveilige_situatie": "veiligheid",
    "goede_samenwerking": "beschermend",
    "toestemming_om_te_groeien": "beschermend",
}


@pytest.fixture(scope="module")
def derived_from_cases(kb):
    afgeleid: dict[str, set[str]] = {}
    for pad in sorted((REPO / "cases").glob("*.yaml")):
        casus = load_casus(pad)
        tekst_alleen = casus.model_copy(
            update={"signalen": Casus(id="x", beschrijving="x").signalen}
        )
        for conclusie in analyse(tekst_alleen, kb).conclusies:
            afgeleid.setdefault(conclusie.id, set()).add(pad.stem)
    return afgeleid


@pytest.mark.parametrize("conclusie_id", sorted(STABIELE_IDS))
def test_stable_id_defined_with_its_kind(kb, conclusie_id):
    assert kb.conclusies[conclusie_id].soort.value == STABIELE_IDS[conclusie_id]


@pytest.mark.parametrize("conclusie_id", sorted(STABIELE_IDS))
def test_stable_id_reached_from_a_case_description_alone(kb, derived_from_cases, conclusie_id):
    if conclusie_id in derived_from_cases:
        return
    # else at least a rule example without confirmed signals must derive it
    for regel in kb.rules_for(conclusie_id):
        for voorbeeld in regel.voorbeelden.wel:
            if voorbeeld.signalen.bevestigd:
                continue
            casus = Casus(id="vb", **voorbeeld.model_dump())
            if conclusie_id in {c.id for c in analyse(casus, kb).conclusies}:
                return
    pytest.fail(f"'{conclusie_id}' wordt uit geen enkele beschrijving afgeleid")


def test_every_stable_classification_has_a_retold_case(derived_from_cases):
    zonder_casus = [c for c in STABIELE_IDS if c not in derived_from_cases]
    assert not zonder_casus, zonder_casus


def test_generated_overview_is_up_to_date(kb):
    pad = REPO / "docs" / "kennisbank.md"
    assert pad.read_text() == overview_markdown(kb), (
        "draai: loyaliteit kennisbank overzicht > docs/kennisbank.md"
    )
