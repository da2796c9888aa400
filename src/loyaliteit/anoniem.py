"""Pseudonymise an analysis, so reports can be shared without the names in a case.

The analysis itself runs on the original text (pseudonyms must not change what is
detected); afterwards the pupil's name becomes "Leerling", names found in
`betrokkenen` become "Persoon-A", "Persoon-B", ... (in order of appearance) in every
text of the report, and every evidence span is
moved so that `beschrijving[begin:eind] == zin` still holds in the pseudonymised
text. The case id becomes its number in the run (casus-001, ...). Only names the case file
names are replaced: other names in the free text are
not recognised.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from .casus import Casus
from .uitleg import Analyse

# Role words that may stand capitalised in `betrokkenen` but are not names.
_ROLLEN = frozenset(
    [
        "moeder",
        "vader",
        "ouder",
        "ouders",
        "stiefmoeder",
        "stiefvader",
        "pleegouder",
        "oma",
        "opa",
        "broer",
        "zus",
        "juf",
        "meester",
        "leerkracht",
        "mentor",
        "ib'er",
        "ib",
        "intern",
        "begeleider",
        "remedial",
        "teacher",
        "rt'er",
        "rt",
        "orthopedagoog",
        "gymdocent",
        "docent",
        "directeur",
        "zorgcoördinator",
        "schoolmaatschappelijk",
        "werker",
        "leerlingbegeleider",
        "begeleider",
        "decaan",
        "coach",
        "huisarts",
    ]
)
_WOORD = re.compile(r"[A-ZÀ-Ý][\w'-]+")


def names_in(betrokkenen: list[str]) -> list[str]:
    """Capitalised words in `betrokkenen` entries that are not role words."""
    namen: list[str] = []
    for item in betrokkenen:
        for woord in _WOORD.findall(item):
            if woord.lower() not in _ROLLEN and woord not in namen:
                namen.append(woord)
    return namen


def pseudonym_id(volgnummer: int) -> str:
    """A code by position in the run: nothing of the name can be recovered from it (a hash
    of a first name could be looked up in a list of names)."""
    return f"casus-{volgnummer:03d}"


def _letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Pseudoniemen:
    """The replacements for one case, applied the same way to every text."""

    def __init__(self, casus: Casus):
        self.vervangingen: dict[str, str] = {}
        for deel in (casus.leerling.naam or "").split():
            if deel[:1].isupper():
                self.vervangingen[deel] = "Leerling"
        anderen = [n for n in names_in(casus.betrokkenen) if n not in self.vervangingen]
        for index, naam in enumerate(anderen):
            self.vervangingen[naam] = f"Persoon-{_letters(index)}"
        self._patroon = (
            re.compile(
                r"\b("
                + "|".join(re.escape(n) for n in sorted(self.vervangingen, key=len, reverse=True))
                + r")(?:je|tje|'s|’s|')?(?!\w)"
            )
            if self.vervangingen
            else None
        )

    def text(self, tekst: str | None) -> str | None:
        if not tekst or self._patroon is None:
            return tekst
        return self._patroon.sub(lambda m: self.vervangingen[m.group(1)], tekst)

    def text_with_offsets(self, tekst: str):
        """The new text and a function that maps an old offset to the new one."""
        if self._patroon is None:
            return tekst, lambda positie: positie
        delen, oude_starts, verschuiving = [], [], []
        vorige, delta = 0, 0
        for match in self._patroon.finditer(tekst):
            nieuw = self.vervangingen[match.group(1)]
            delen += [tekst[vorige : match.start()], nieuw]
            delta += len(nieuw) - (match.end() - match.start())
            oude_starts.append(match.end())
            verschuiving.append(delta)
            vorige = match.end()
        delen.append(tekst[vorige:])

        def map_offset(positie: int) -> int:
            index = bisect_right(oude_starts, positie) - 1
            return positie + (verschuiving[index] if index >= 0 else 0)

        return "".join(delen), map_offset


def pseudonymise_analysis(analyse: Analyse, casus: Casus, volgnummer: int = 1) -> Analyse:
    pseudoniemen = Pseudoniemen(casus)
    nieuwe_tekst, verplaats = pseudoniemen.text_with_offsets(casus.beschrijving)

    def omzetten(waarde: Any) -> Any:
        if isinstance(waarde, dict):
            if {"zin", "begin", "eind", "status"} <= waarde.keys():
                begin, eind = verplaats(waarde["begin"]), verplaats(waarde["eind"])
                zin = nieuwe_tekst[begin:eind] if waarde["zin"] else ""
                posities = [
                    [verplaats(b), verplaats(e)] for b, e in waarde.get("woord_posities", [])
                ]
                woorden = [nieuwe_tekst[b:e] for b, e in posities]
                return {
                    **waarde,
                    "begin": begin,
                    "eind": eind,
                    "zin": zin,
                    "woord_posities": posities,
                    "woorden": woorden or waarde.get("woorden", []),
                }
            return {k: omzetten(v) for k, v in waarde.items()}
        if isinstance(waarde, list):
            return [omzetten(v) for v in waarde]
        if isinstance(waarde, str):
            return pseudoniemen.text(waarde)
        return waarde

    data = omzetten(analyse.model_dump())
    data["casus"] = {
        "id": pseudonym_id(volgnummer),
        "bestand": None,
        "titel": pseudoniemen.text(casus.titel),
        "beschrijving": nieuwe_tekst,
    }
    return Analyse.model_validate(data)
