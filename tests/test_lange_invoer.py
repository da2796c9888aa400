"""Long and pathological input cannot hang a run: sentences are bounded, patterns too."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loyaliteit.kennisbank import KennisbankFout, load_kennisbank
from loyaliteit.kennisbank.models import MAX_TERMEN
from loyaliteit.signalering.matcher import Treffer, _tightest
from loyaliteit.signalering.tekst import MAX_ZIN, split_sentences


def test_a_text_without_full_stops_is_read_in_bounded_pieces():
    """Detection works per sentence; a pasted text without a full stop used to be one
    sentence of many thousands of words, and detection grew with its square."""
    tekst = " ".join(["moeder zegt dat hij niet naar papa mag"] * 2_000)
    zinnen = split_sentences(tekst)
    assert len(zinnen) > 100
    assert max(len(z.tokens) for z in zinnen) <= MAX_ZIN
    assert "".join(z.tekst for z in zinnen).replace(" ", "") == tekst.replace(" ", "")


def test_a_long_sentence_is_cut_at_a_comma_before_the_hard_limit():
    deel = "hij vertelt dat het thuis onrustig is en dat hij slecht slaapt, "
    zinnen = split_sentences(deel * 20)
    assert all(z.tekst.endswith(",") for z in zinnen[:-1])


def test_ordinary_sentences_are_not_cut():
    tekst = (
        "Moeder vertelt dat Lars, sinds vader vorig jaar is vertrokken, elke ochtend huilt "
        "bij het afscheid, dat hij 's nachts slecht slaapt en dat hij in de pauze liever bij "
        "de juf blijft dan dat hij buiten met de andere kinderen speelt."
    )
    assert len(split_sentences(tekst)) == 1


def test_a_pattern_with_too_many_terms_is_refused_with_file_and_key(mini_copy):
    bestand = mini_copy / "signalen" / "kind.yaml"
    termen = " + ".join(f"woord{i}" for i in range(MAX_TERMEN + 6))
    tekst = bestand.read_text().replace(
        '"pauze* + leerkracht|juf|meester"', f'{{tekst: "{termen}", venster: 40}}'
    )
    bestand.write_text(tekst)
    with pytest.raises(KennisbankFout) as fout:
        load_kennisbank(mini_copy)
    melding = str(fout.value)
    assert "kind.yaml" in melding
    assert f"hoogstens {MAX_TERMEN} termen" in melding
    assert "regel 14" in melding or ":14" in melding


def _brute_force(keuzes, woordnummer, venster):
    beste, breedte = None, venster + 1
    for combinatie in itertools.product(*keuzes):
        gebruikt = [p for t in combinatie for p in t.gebruikt]
        if len(gebruikt) != len(set(gebruikt)):
            continue
        b = (
            woordnummer[max(t.eind for t in combinatie)]
            - woordnummer[min(t.begin for t in combinatie)]
            + 1
        )
        if b < breedte:
            beste, breedte = combinatie, b
    return beste


_treffer = st.integers(0, 11).map(lambda p: Treffer(p, p, frozenset((p,))))


@settings(max_examples=300, deadline=None)
@given(
    keuzes=st.lists(st.lists(_treffer, min_size=1, max_size=4), min_size=1, max_size=4),
    venster=st.integers(1, 12),
)
def test_the_pruned_search_finds_what_trying_every_combination_finds(keuzes, venster):
    woordnummer = list(range(1, 13))
    assert _tightest(keuzes, woordnummer, venster) == _brute_force(keuzes, woordnummer, venster)
