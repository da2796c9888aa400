"""Detection quality may not silently regress: floors a little under the measured figures.

The figures themselves are printed by `python benchmarks/detectie.py`. The development
sentences are the ones patterns were tuned on; the blind set (tests/detectie/blind/)
was written without seeing any pattern and is never tuned on, so it shows how detection
does on text it has not seen. Raise a floor when detection gets better.
"""

import pytest

from loyaliteit.signalering import Detector
from loyaliteit.signalering.meten import load_sentences, measure, split

from .conftest import REPO

# (part, measure, floor for precision, floor for recall)
VLOEREN = [
    ("ontwikkel", "totaal", 0.82, 0.75),
    ("ontwikkel", "gevonden", 0.93, 0.85),
    ("ontwikkel", "aanwezig", 0.84, 0.85),
    ("blind", "totaal", 0.58, 0.37),
    ("blind", "gevonden", 0.80, 0.50),
    ("blind", "aanwezig", 0.60, 0.45),
]


@pytest.fixture(scope="module")
def uitslagen(kb):
    detector = Detector(kb)
    ontwikkel, blind = split(load_sentences(sorted((REPO / "tests" / "detectie").rglob("*.yaml"))))
    assert len(ontwikkel) >= 400 and len(blind) >= 400
    return {"ontwikkel": measure(detector, ontwikkel), "blind": measure(detector, blind)}


def test_annotations_use_known_signals(kb):
    zinnen = load_sentences(sorted((REPO / "tests" / "detectie").rglob("*.yaml")))
    assert {s for z in zinnen for s in z.signalen} <= set(kb.signalen)
    geannoteerd = {s for z in zinnen for s in z.signalen}
    assert geannoteerd == set(kb.signalen), set(kb.signalen) - geannoteerd


@pytest.mark.parametrize(("deel", "maat", "precisie", "recall"), VLOEREN)
def test_detection_stays_above_its_floor(uitslagen, deel, maat, precisie, recall):
    uitslag = uitslagen[deel]
    telling = uitslag.per_status["aanwezig"] if maat == "aanwezig" else getattr(uitslag, maat)
    assert telling.precisie >= precisie, f"{deel} {maat}: precisie {telling.precisie:.3f}"
    assert telling.recall >= recall, f"{deel} {maat}: recall {telling.recall:.3f}"
