"""The detector's settings, in one place: the model's parameters and the thresholds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Instellingen:
    """The detector's settings, in one place. The model's parameters were chosen by
    cross-validation on the examples; the calibration curve and the thresholds on a
    held-apart calibration set (`benchmarks/herkenning_kalibreren.py`); never on a blind set.
    """

    c: float = 0.5  # the SVM's C: how closely each signal's model follows its examples
    min_voorbeelden: int = 5  # a signal is learned from this many sentences; else patterns only
    min_df: int = 2  # a feature must occur in this many example sentences
    c_status: float = 4.0  # C of the status model
    willekeur: int = 0  # random_state everywhere
    # score -> probability: 1 / (1 + exp(-(a * score + b)))
    platt_a: float = 9.013
    platt_b: float = 3.553
    drempel: float = 0.3  # a learned finding needs at least this probability
    drempel_paar: float = 0.8  # ... and a finding over two sentences this
    drempel_patroon: float = 0.05  # a pattern hit counts unless the probability is below this
    # the status model overrules the trigger words: it sets a finding aside from this
    # probability, and it brings one the trigger words set aside back from this one
    drempel_status: float = 0.7
    drempel_status_aanwezig: float = 0.6
    # a pattern whose matches on the examples are right less often than this counts only
    # when the model agrees (drempel), like a learned finding
    patroon_precisie: float = 0.5
