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
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True))
    + r")\.",
    re.IGNORECASE,
)
_INNER_PUNCT = re.compile(r"[.!?](?=[\w])")
# A "sentence" without end punctuation can run for pages (a pasted list, a text without full
# stops). Everything downstream works per sentence, so a sentence is cut at a comma or
# semicolon once it is long, and cut anyway at the hard limit: detection stays linear.
LANGE_ZIN = 40
MAX_ZIN = 80
_CLAUSE_END = frozenset(",;:")


@dataclass(frozen=True, slots=True)
class Token:
    tekst: str
    lower: str
    lemma: str
    begin: int
    eind: int
    nieuwe_regel: bool = False  # first on a new line, after a line without end punctuation


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
    geen_einde = _non_final_dots(tekst)
    for match in _TOKEN.finditer(tekst):
        ruw = match.group()
        if huidig and _paragraph_break(tekst, huidig[-1].eind, match.start()):
            zinnen.append(_make_sentence(tekst, huidig))
            huidig = []
        lower = ruw.lower()
        nieuwe_regel = bool(huidig) and "\n" in tekst[huidig[-1].eind : match.start()]
        huidig.append(Token(ruw, lower, lemma(lower), match.start(), match.end(), nieuwe_regel))
        if (ruw in _SENTENCE_END and match.start() not in geen_einde) or _too_long(huidig):
            zinnen.append(_make_sentence(tekst, huidig))
            huidig = []
    if huidig:
        zinnen.append(_make_sentence(tekst, huidig))
    return zinnen


def _too_long(tokens: list[Token]) -> bool:
    if len(tokens) >= MAX_ZIN:
        return True
    return len(tokens) >= LANGE_ZIN and tokens[-1].tekst in _CLAUSE_END


def _non_final_dots(tekst: str) -> set[int]:
    """Positions of '.', '!' and '?' that do not end a sentence: abbreviations, '3.5', 'www.x'."""
    posities = {m.end() - 1 for m in _ABBREVIATION.finditer(tekst)}
    posities |= {m.start() for m in _INNER_PUNCT.finditer(tekst)}
    return posities


def _paragraph_break(tekst: str, vorige_eind: int, begin: int) -> bool:
    tussen = tekst[vorige_eind:begin]
    if tussen.count("\n") >= 2:
        return True
    return "\n" in tussen and tekst[begin] in "-*•"


def _make_sentence(tekst: str, tokens: list[Token]) -> Zin:
    begin, eind = tokens[0].begin, tokens[-1].eind
    return Zin(tekst[begin:eind], begin, eind, tuple(tokens))
