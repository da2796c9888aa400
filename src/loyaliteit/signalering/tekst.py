"""Split Dutch text into sentences and tokens, each with its character span and lemma."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)
_ABBREVIATIONS = frozenset(
    [
        "bv",
        "bijv",
        "o.a",
        "dhr",
        "mevr",
        "mw",
        "mr",
        "dr",
        "drs",
        "ir",
        "ing",
        "ca",
        "e.d",
        "enz",
        "i.p.v",
        "d.w.z",
        "m.b.t",
        "t.a.v",
        "z.s.m",
        "n.a.v",
        "nl",
        "o.b.v",
        "evt",
        "incl",
        "excl",
        "resp",
        "vgl",
        "zgn",
        "p.s",
        "jl",
        "a.s",
    ]
)
_SENTENCE_END = frozenset(".!?")


@dataclass(frozen=True, slots=True)
class Token:
    tekst: str
    lower: str
    lemma: str
    begin: int
    eind: int


@dataclass(frozen=True, slots=True)
class Zin:
    tekst: str
    begin: int
    eind: int
    tokens: tuple[Token, ...]


@lru_cache(maxsize=200_000)
def lemma(woord: str) -> str:
    """The dictionary form of a lower-case Dutch word (separable verbs without '_')."""
    if not woord[:1].isalpha():
        return woord
    return simplemma.lemmatize(woord, lang="nl").lower().replace("_", "")


def split_sentences(tekst: str) -> list[Zin]:
    zinnen: list[Zin] = []
    huidig: list[Token] = []
    for match in _TOKEN.finditer(tekst):
        ruw = match.group()
        if huidig and _paragraph_break(tekst, huidig[-1].eind, match.start()):
            zinnen.append(_make_sentence(tekst, huidig))
            huidig = []
        lower = ruw.lower()
        huidig.append(Token(ruw, lower, lemma(lower), match.start(), match.end()))
        if ruw in _SENTENCE_END and not _is_abbreviation(huidig):
            zinnen.append(_make_sentence(tekst, huidig))
            huidig = []
    if huidig:
        zinnen.append(_make_sentence(tekst, huidig))
    return zinnen


def _paragraph_break(tekst: str, vorige_eind: int, begin: int) -> bool:
    tussen = tekst[vorige_eind:begin]
    if tussen.count("\n") >= 2:
        return True
    return "\n" in tussen and tekst[begin] in "-*•"


def _is_abbreviation(tokens: list[Token]) -> bool:
    if len(tokens) < 2 or tokens[-1].tekst != ".":
        return False
    vorige = tokens[-2]
    if vorige.eind != tokens[-1].begin:
        return False
    if vorige.lower in _ABBREVIATIONS:
        return True
    # 'o.a.' and 'd.w.z.' arrive as letters and dots: join the run before this dot.
    run = []
    for token in reversed(tokens[:-1]):
        if token.tekst == "." or (len(token.tekst) == 1 and token.tekst.isalpha()):
            run.append(token.lower)
        else:
            break
    return "".join(reversed(run)) in _ABBREVIATIONS


def _make_sentence(tekst: str, tokens: list[Token]) -> Zin:
    begin, eind = tokens[0].begin, tokens[-1].eind
    return Zin(tekst[begin:eind], begin, eind, tuple(tokens))
