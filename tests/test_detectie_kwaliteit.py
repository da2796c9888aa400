"""Detection quality may not silently regress: floors a little under the measured figures.

The figures themselves are printed by `python benchmarks/detectie.py`. The blind sets
(tests/blind/) were written by people who saw only each signal's label and question and
are never used to train, tune or choose a threshold; the floors below are just under what
the detector reaches on them. Raise a floor when detection gets better; never lower one
to make a change pass without saying why in the commit.
"""

import pytest

from loyaliteit.kennisbank.graaf import safety_signals
from loyaliteit.signalering import detector_for
from loyaliteit.signalering.meten import load_sentences, measure, measure_safety, predictor

from .conftest import REPO

BLIND = REPO / "tests" / "blind"

# (set, measure, floor for precision, floor for recall)
VLOEREN = [
    ("nieuw", "gevonden", 0.80, 0.56),  # measured 0.817 / 0.578
    ("nieuw", "totaal", 0.66, 0.46),  # measured 0.677 / 0.479
    ("oud", "gevonden", 0.86, 0.78),  # measured 0.876 / 0.804
    ("oud", "totaal", 0.70, 0.64),  # measured 0.718 / 0.659
]
# measured 0.828 recall and 0.156 false alarms: far from the goals (0.95 / 0.02), see README
VEILIGHEID_RECALL = 0.81
VEILIGHEID_VALS_ALARM = 0.17


@pytest.fixture(scope="module")
def voorspel(kb):
    return predictor(detector_for(kb))


@pytest.fixture(scope="module")
def metingen(kb, voorspel):
    return {
        deel: measure(
            voorspel, load_sentences(sorted((BLIND / map_).glob("*.yaml"))), set(kb.signalen)
        )
        for deel, map_ in (("nieuw", "zinnen"), ("oud", "oud"))
    }


def test_the_new_blind_set_covers_every_signal_and_register(kb):
    zinnen = load_sentences(sorted((BLIND / "zinnen").glob("*.yaml")))
    assert len(zinnen) >= 1000
    geannoteerd = {s for z in zinnen for s in z.signalen}
    assert geannoteerd <= set(kb.signalen)
    assert geannoteerd == set(kb.signalen), set(kb.signalen) - geannoteerd
    assert {z.register for z in zinnen} == {"verhalend", "logboek", "citaat", "indirect", "ik"}


@pytest.mark.parametrize(("deel", "maat", "precisie", "recall"), VLOEREN)
def test_detection_stays_above_its_floor(metingen, deel, maat, precisie, recall):
    telling = getattr(metingen[deel], maat)
    assert telling.precisie >= precisie, f"{deel} {maat}: precisie {telling.precisie:.3f}"
    assert telling.recall >= recall, f"{deel} {maat}: recall {telling.recall:.3f}"


def test_safety_recall_and_false_alarms_stay_within_their_bounds(kb, voorspel):
    zinnen = load_sentences([BLIND / "veiligheid" / "zinnen.yaml"])
    meting = measure_safety(voorspel, zinnen, safety_signals(kb))
    assert meting.aanwezig >= 200 and meting.vallen >= 200
    # plain numbers, so that a failure never prints the blind sentences themselves
    recall, vals_alarm = meting.recall, meting.vals_alarm
    assert recall >= VEILIGHEID_RECALL, f"recall {recall:.3f}"
    assert vals_alarm <= VEILIGHEID_VALS_ALARM, f"vals alarm {vals_alarm:.3f}"


def test_the_safety_development_set_is_apart_from_the_blind_set_and_balanced(kb):
    """The development set may be read and tuned on; it must not share a sentence with
    the blind safety set, and half of it are traps with no safety signal present."""
    ontwikkel = load_sentences([REPO / "tests" / "ontwikkel" / "veiligheid.yaml"])
    blind = load_sentences([BLIND / "veiligheid" / "zinnen.yaml"])
    assert not {z.tekst for z in ontwikkel} & {z.tekst for z in blind}
    veiligheid = safety_signals(kb)
    vallen = [z for z in ontwikkel if z.soort == "val"]
    assert len(ontwikkel) >= 400 and len(vallen) * 2 >= len(ontwikkel)
    assert not [z.tekst for z in vallen if "aanwezig" in z.signalen.values()]
    aanwezig = {s for z in ontwikkel for s, st in z.signalen.items() if st == "aanwezig"}
    assert aanwezig == veiligheid, veiligheid ^ aanwezig
