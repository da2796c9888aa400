"""Compare our context rules with clinlp's context algorithm on the annotated sentences.

Not a dependency of loyaliteit: run it in a venv where clinlp is installed as well
(`pip install clinlp==0.10.0` beside the package). Both sides use the same pattern
matches; only the status (present / negated / past / hypothetical / other person) is
decided differently: by our `context.yaml`, or by clinlp's default Dutch clinical
ConText rules. Prints the figures, asserts nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

import clinlp  # noqa: F401  (registers the 'clinlp' language)
import spacy

from loyaliteit.kennisbank import load_kennisbank
from loyaliteit.signalering import Detector, Status
from loyaliteit.signalering.meten import load_sentences, measure, split

REPO = Path(__file__).resolve().parents[1]

_KWALIFICATIES = [
    ("Presence.Absent", Status.ontkend),
    ("Temporality.Historical", Status.verleden),
    ("Plausibility.Hypothetical", Status.hypothetisch),
    ("Experiencer.Other", Status.ander_persoon),
]


class ClinlpContext:
    """Our matches, clinlp's statuses."""

    def __init__(self, detector: Detector):
        self.detector = detector
        self.nlp = spacy.blank("clinlp")
        self.nlp.add_pipe("clinlp_normalizer")
        self.nlp.add_pipe("clinlp_sentencizer")
        self.context = self.nlp.add_pipe(
            "clinlp_context_algorithm", config={"phrase_matcher_attr": "NORM"}
        )

    def detect_text(self, tekst: str):
        findings = self.detector.detect_text(tekst)
        if not findings:
            return findings
        doc = self.nlp(tekst)
        spans = []
        for finding in findings:
            span = doc.char_span(
                finding.treffer_begin, finding.treffer_eind, alignment_mode="expand"
            )
            spans.append(span)
        doc.spans["ents"] = [s for s in spans if s is not None]
        doc = self.context(doc)
        uit = []
        for finding, span in zip(findings, spans, strict=True):
            status = Status.aanwezig
            if span is not None:
                kwalificaties = {str(q) for q in span._.qualifiers or ()}
                status = next((s for q, s in _KWALIFICATIES if q in kwalificaties), Status.aanwezig)
            uit.append(finding.model_copy(update={"status": status}))
        return uit


def main() -> None:
    kb = load_kennisbank()
    eigen = Detector(kb)
    clinlp_variant = ClinlpContext(Detector(kb))
    zinnen = load_sentences(sorted((REPO / "tests" / "detectie").rglob("*.yaml")))
    ontwikkel, _ = split(zinnen)
    for naam, detector in (
        ("eigen context.yaml", eigen),
        ("clinlp ContextAlgorithm", clinlp_variant),
    ):
        start = time.perf_counter()
        uitslag = measure(detector, ontwikkel)
        duur = time.perf_counter() - start
        print(f"\n{naam}: {len(ontwikkel) / duur:.0f} zinnen/s")
        print(
            f"  totaal      P {uitslag.totaal.precisie:.3f} R {uitslag.totaal.recall:.3f} F1 {uitslag.totaal.f1:.3f}"
        )
        for status, telling in uitslag.per_status.items():
            print(
                f"  {status:13} P {telling.precisie:.3f} R {telling.recall:.3f} F1 {telling.f1:.3f}"
            )


if __name__ == "__main__":
    main()
