"""Choose the learned detector's calibration curve and thresholds (never on a blind set).

1. Out-of-fold scores on the knowledge base's own examples (5 folds) give the logistic
   curve from SVM score to probability (`platt_a`, `platt_b`).
2. The held-apart calibration sentences in `tests/kalibratie/` (written by someone who saw
   only each signal's label and question, never used for training) give the thresholds:
   a grid is printed with precision and recall of "signal found" and of "signal and
   status" for each combination.

The chosen values are written by hand into `Instellingen` (signalering/instellingen.py), so
they stay visible and reviewable. Run from the repository root:

    python benchmarks/herkenning_kalibreren.py [--snel]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from loyaliteit.kennisbank import load_kennisbank  # noqa: E402
from loyaliteit.signalering.detect import Detector, Herkenning  # noqa: E402
from loyaliteit.signalering.instellingen import Instellingen  # noqa: E402
from loyaliteit.signalering.meten import load_sentences, measure, predictor  # noqa: E402
from loyaliteit.signalering.trainen import (  # noqa: E402
    loose_patterns,
    out_of_fold_scores,
    read_all,
    train,
    training_sentences,
)


def platt(kb, instellingen: Instellingen) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    zinnen, signalen, scores = out_of_fold_scores(kb, instellingen)
    y = np.array([[s in z.signalen for s in signalen] for z in zinnen])
    curve = LogisticRegression(C=100.0)
    curve.fit(scores.reshape(-1, 1), y.reshape(-1))
    return float(curve.coef_[0][0]), float(curve.intercept_[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snel", action="store_true", help="sla de curve over (huidige waarden)")
    args = parser.parse_args()
    kb = load_kennisbank()
    instellingen = Instellingen()
    if not args.snel:
        a, b = platt(kb, instellingen)
        print(f"platt_a = {a:.3f}, platt_b = {b:.3f}")
        instellingen = dataclasses.replace(instellingen, platt_a=round(a, 3), platt_b=round(b, 3))
    herkenner, status = train(kb, instellingen)
    voorbeelden = training_sentences(kb)
    gelezen = read_all(kb, [z.tekst for z in voorbeelden])
    zinnen = load_sentences(sorted((REPO / "tests" / "kalibratie").glob("*.yaml")))
    bekend = set(kb.signalen)
    print(f"{len(zinnen)} kalibratiezinnen")
    print(
        "drempel paar patroon status status_aanwezig patroon_precisie"
        " | gevonden P R F1 | met status P R F1"
    )
    for precisie, drempel, paar, patroon, st, sta in itertools.product(
        (0.5,), (0.3,), (0.8,), (0.05,), (0.6, 0.7), (0.6, 0.8)
    ):
        gekozen = dataclasses.replace(
            instellingen,
            drempel=drempel,
            drempel_paar=paar,
            drempel_patroon=patroon,
            drempel_status=st,
            drempel_status_aanwezig=sta,
            patroon_precisie=precisie,
        )
        los = dataclasses.replace(
            herkenner, losse_patronen=loose_patterns(voorbeelden, gelezen, precisie)
        )
        detector = Detector(kb, Herkenning(los, status, gekozen))
        m = measure(predictor(detector), zinnen, bekend)
        g, t = m.gevonden, m.totaal
        print(
            f"{drempel:.2f} {paar:.2f} {patroon:.2f} {st:.2f} {sta:.2f} {precisie:.2f} | "
            f"{g.precisie:.3f} {g.recall:.3f} {g.f1:.3f} | {t.precisie:.3f} {t.recall:.3f} {t.f1:.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
