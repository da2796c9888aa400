"""The engine is generated from the YAML: chaining, een_van, minstens, niet, casus facts."""

import pytest

from loyaliteit.kennisbank.models import Regel
from loyaliteit.redeneren import FeitRef, Redeneerder
from loyaliteit.redeneren.compiler import compile_rule
from loyaliteit.uitleg.zekerheid import Zekerheden, certainty_word, combine


@pytest.fixture(scope="module")
def redeneerder(mini_kb):
    return Redeneerder(mini_kb)


def run(redeneerder, signalen, **kenmerken):
    feiten = [FeitRef(soort="kenmerk", id=k, waarde=v) for k, v in kenmerken.items()]
    return redeneerder.run({s: 0.8 for s in signalen}, feiten)


def test_chaining_uses_a_derived_conclusion(redeneerder):
    d = run(redeneerder, ["huilt_bij_afscheid", "zoekt_leerkracht_op", "moeder_houdt_klein"])
    assert {"kind_klein_gehouden", "passieve_parentificatie"} <= set(d.afgeleid)
    (passief,) = [f for f in d.rule_firings() if f.regel == "passief"]
    assert {(f.soort, f.id) for f in passief.feiten} == {
        ("conclusie", "kind_klein_gehouden"),
        ("deel", "passief/als.alle[1].een_van"),
    }


def test_minstens_needs_the_number(redeneerder):
    assert "kind_klein_gehouden" not in run(redeneerder, ["huilt_bij_afscheid"]).afgeleid
    d = run(redeneerder, ["huilt_bij_afscheid", "speelt_niet_met_anderen"])
    assert "kind_klein_gehouden" in d.afgeleid
    leden = {f.optie for f in d.helper_firings("klein_gehouden/als.minstens")}
    assert leden == {0, 2}


def test_een_van_can_be_met_by_a_case_fact(redeneerder):
    basis = ["huilt_bij_afscheid", "zoekt_leerkracht_op"]
    assert "passieve_parentificatie" not in run(redeneerder, basis, leeftijd=9).afgeleid
    assert "passieve_parentificatie" in run(redeneerder, basis, leeftijd=5).afgeleid


def test_niet_waits_for_every_rule_that_can_derive_it(redeneerder):
    # 'actief' tests the absence of kind_klein_gehouden, which needs a chain of helper
    # rules: stratification makes it wait, whatever order experta would pick.
    alleen = run(redeneerder, ["zorgt_voor_ouder"])
    assert "actieve_parentificatie" in alleen.afgeleid
    samen = run(redeneerder, ["zorgt_voor_ouder", "huilt_bij_afscheid", "zoekt_leerkracht_op"])
    assert "kind_klein_gehouden" in samen.afgeleid
    assert "actieve_parentificatie" not in samen.afgeleid


def test_negative_rule_records_counter_evidence_without_deriving(redeneerder):
    d = run(redeneerder, [], betrokkenen="mentor")
    assert "passieve_parentificatie" not in d.afgeleid
    assert [f.regel for f in d.rule_firings()] == ["samenwerking_tempert"]


def test_engine_is_reused_between_cases(redeneerder):
    eerste = run(redeneerder, ["zorgt_voor_ouder"])
    tweede = run(redeneerder, [])
    assert eerste.afgeleid and not tweede.afgeleid and not tweede.firings


def test_minstens_compiles_linearly():
    items = [{"signaal": f"s{i}"} for i in range(10)]
    regel = Regel.model_validate(
        {
            "id": "r",
            "naam": "r",
            "als": {"minstens": {"aantal": 3, "van": items}},
            "dan": "c",
            "zekerheid": 0.5,
            "bron": {"id": "bressers", "sectie": "x"},
            "uitleg": "u",
        }
    )
    # one helper per item, one counting rule and the rule itself: not C(10, 3) = 120
    assert len(compile_rule(regel)) == 10 + 1 + 1


def test_mycin_combination():
    assert combine(0.6, 0.5) == pytest.approx(0.8)
    assert combine(-0.6, -0.5) == pytest.approx(-0.8)
    assert combine(0.8, -0.5) == pytest.approx(0.6)
    assert [certainty_word(z) for z in (0.85, 0.6, 0.3, 0.1)] == [
        "sterk",
        "matig",
        "zwak",
        "zeer zwak",
    ]


def test_certainty_follows_the_derivation(mini_kb, redeneerder):
    d = redeneerder.run(
        {
            "huilt_bij_afscheid": 0.8,
            "zoekt_leerkracht_op": 0.6,
            "speelt_niet_met_anderen": 0.9,
            "moeder_houdt_klein": 1.0,
        },
        [FeitRef(soort="kenmerk", id="betrokkenen", waarde="mentor")],
    )
    z = Zekerheden(d, {r.id: r.zekerheid for r in mini_kb.regels.values()})
    # minstens 2: the two strongest are 0.9 and 0.8 -> min 0.8; rule 0.8 -> 0.64
    assert z.conclusion("kind_klein_gehouden") == pytest.approx(0.64)
    # passief: 0.9 x min(0.64, max(1.0)) = 0.576; mentor rule: -0.5 x 1.0
    assert z.conclusion("passieve_parentificatie") == pytest.approx((0.576 - 0.5) / (1 - 0.5))
