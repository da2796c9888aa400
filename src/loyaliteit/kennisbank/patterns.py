"""The pattern language of signals, parsed into a small structure.

`"huilen|tranen + afscheid* + moeite? met"`: terms separated by `+` must all occur in
one sentence within a word window; `|` separates alternatives; an alternative of
several words is a phrase (consecutive words, `?` marks an optional word); `*` at the
end or start of a word matches a prefix or suffix (compounds); `=` before a word
matches only that exact form, not other forms of its lemma. See
docs/kennisbank-formaat.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"^=?\*?[a-zà-ÿ0-9][a-zà-ÿ0-9'\-]*\*?\??$|^=?\*?[a-zà-ÿ0-9]\*?\??$")


@dataclass(frozen=True)
class Woord:
    tekst: str
    prefix: bool = False  # `afscheid*`
    suffix: bool = False  # `*afscheid`
    optioneel: bool = False
    exact: bool = False  # `=mag`: only this form, not its lemma


@dataclass(frozen=True)
class Alternatief:
    woorden: tuple[Woord, ...]


@dataclass(frozen=True)
class Term:
    alternatieven: tuple[Alternatief, ...]


@dataclass(frozen=True)
class Patroonvorm:
    bron: str
    termen: tuple[Term, ...]


class PatroonFout(ValueError):
    pass


@lru_cache(maxsize=8192)
def parse_pattern(tekst: str) -> Patroonvorm:
    """Parse a pattern string; raise `PatroonFout` (Dutch) when it cannot match anything.
    (Cached: a pattern is parsed when the knowledge base is validated and again wherever
    it is compiled; the result is an immutable structure.)"""
    if not tekst or not tekst.strip():
        raise PatroonFout("een patroon mag niet leeg zijn")
    termen = []
    for term_tekst in tekst.split("+"):
        alternatieven = []
        for alt_tekst in term_tekst.split("|"):
            woorden = tuple(_parse_word(w, tekst) for w in alt_tekst.lower().split())
            if not woorden:
                raise PatroonFout(f"lege term of alternatief in patroon '{tekst}'")
            if all(w.optioneel for w in woorden):
                raise PatroonFout(f"'{alt_tekst.strip()}' bestaat alleen uit optionele woorden")
            alternatieven.append(Alternatief(woorden))
        termen.append(Term(tuple(alternatieven)))
    return Patroonvorm(tekst, tuple(termen))


def _parse_word(ruw: str, patroon: str) -> Woord:
    if not _WORD.match(ruw):
        raise PatroonFout(
            f"'{ruw}' in patroon '{patroon}' is geen woord (toegestaan: letters, cijfers, "
            "'-', een '=' of '*' aan het begin, een '*' of '?' aan het eind)"
        )
    optioneel = ruw.endswith("?")
    exact = ruw.startswith("=")
    ruw = ruw.rstrip("?").lstrip("=")
    prefix, suffix = ruw.endswith("*"), ruw.startswith("*")
    kern = ruw.strip("*")
    if (prefix or suffix) and len(kern) < 2:
        raise PatroonFout(
            f"'{ruw}' in patroon '{patroon}': een woord met * heeft minstens 2 letters"
        )
    if exact and (prefix or suffix):
        raise PatroonFout(f"'{ruw}' in patroon '{patroon}': '=' en '*' gaan niet samen")
    return Woord(kern, prefix=prefix, suffix=suffix, optioneel=optioneel, exact=exact)
