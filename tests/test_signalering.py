"""Detection finds signals in ordinary Dutch and sets aside what the text denies."""

import pytest

from loyaliteit.signalering import Status, detector_for
from loyaliteit.signalering.tekst import split_sentences


@pytest.fixture(scope="module")
def detector(mini_kb):
    return detector_for(mini_kb)


def statuses(detector, tekst, signaal="huilt_bij_afscheid"):
    return [f.status for f in detector.detect_text(tekst) if f.signaal == signaal]


@pytest.mark.parametrize(
    "tekst",
    [
        "Lars huilt bij het afscheid.",
        "Bij het afscheid huilen ze allebei.",
        "Gisteren huilde hij weer bij het afscheid.",
        "Hij heeft bij het afscheidsmoment gehuild.",
        "LARS HUILT BIJ HET AFSCHEID.",
        "Er zijn elke ochtend tranen bij het wegbrengen.",
    ],
)
def test_inflected_and_compound_forms_are_found(detector, tekst):
    assert statuses(detector, tekst) == [Status.aanwezig]


@pytest.mark.parametrize(
    ("tekst", "status"),
    [
        ("Lars huilt niet meer bij het afscheid.", Status.ontkend),
        ("Er is geen sprake van huilen bij het afscheid.", Status.ontkend),
        ("Het afscheid verloopt zonder tranen.", Status.ontkend),
        ("Vroeger huilde hij bij het afscheid.", Status.verleden),
        ("Misschien gaat hij huilen bij het afscheid.", Status.hypothetisch),
        ("Zijn zusje huilt bij het afscheid.", Status.ander_persoon),
    ],
)
def test_context_sets_a_finding_aside(detector, tekst, status):
    assert statuses(detector, tekst) == [status]


def test_negation_in_another_clause_does_not_count(detector):
    tekst = "Hij huilt bij het afscheid, maar niet in de klas."
    assert statuses(detector, tekst) == [Status.aanwezig]


def test_words_in_other_sentences_do_not_combine(detector):
    assert statuses(detector, "Hij huilt vaak. Het afscheid gaat goed.") == []


def test_evidence_span_points_into_the_description(detector):
    tekst = "Een gewone dag.\nDaarna huilt Lars bij het\nafscheid van moeder. Dat is het."
    (finding,) = [f for f in detector.detect_text(tekst) if f.signaal == "huilt_bij_afscheid"]
    assert tekst[finding.begin : finding.eind] == finding.zin
    assert finding.zin.startswith("Daarna") and finding.zin.endswith("moeder.")
    assert finding.woorden == ["huilt", "afscheid"]


def test_sentence_splitting_keeps_abbreviations_and_paragraphs():
    zinnen = split_sentences("Hij zit o.a. bij de ib'er. Dat gaat goed\n\n- nieuw punt zonder punt")
    assert [z.tekst for z in zinnen] == [
        "Hij zit o.a. bij de ib'er.",
        "Dat gaat goed",
        "- nieuw punt zonder punt",
    ]


def test_a_note_on_a_new_line_is_its_own_clause(detector):
    tekst = "Geen bijzonderheden thuis\nLars huilt elke ochtend bij het afscheid."
    assert statuses(detector, tekst) == [Status.aanwezig]
    # a sentence wrapped over two lines keeps its negation
    assert statuses(detector, "Hij huilt niet\nbij het afscheid.") == [Status.ontkend]


def test_a_negated_and_a_present_mention_in_one_sentence(detector):
    tekst = "Op school huilt hij bij het afscheid, maar thuis huilt hij niet bij het afscheid."
    assert statuses(detector, tekst) == [Status.aanwezig]
