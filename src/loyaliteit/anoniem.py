"""Pseudonymise a case before it is analysed, so every report shows the same pseudonyms.

The pupil's name becomes "Leerling", names found in `betrokkenen` become "Persoon A",
"Persoon B", ... (in order of appearance), and the case id becomes a short code. The
same replacement is applied to the description, the observations and the title, so
the evidence spans in the reports point into the pseudonymised text. Only names the
case file names are replaced: other names in the free text are not recognised.
"""

from __future__ import annotations

import hashlib
import re

from .casus import Casus

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


def pseudonym_id(casus_id: str) -> str:
    return "casus-" + hashlib.sha256(casus_id.encode()).hexdigest()[:8]


def _replace(tekst: str | None, vervangingen: dict[str, str]) -> str | None:
    if not tekst or not vervangingen:
        return tekst
    patroon = re.compile(
        r"\b("
        + "|".join(re.escape(n) for n in sorted(vervangingen, key=len, reverse=True))
        + r")(?:je|tje|'s|’s|')?(?!\w)"
    )
    return patroon.sub(lambda m: vervangingen[m.group(1)], tekst)


def pseudonymise(casus: Casus) -> Casus:
    vervangingen: dict[str, str] = {}
    if casus.leerling.naam:
        for deel in casus.leerling.naam.split():
            if deel[:1].isupper():
                vervangingen[deel] = "Leerling"
    for index, naam in enumerate(n for n in names_in(casus.betrokkenen) if n not in vervangingen):
        vervangingen[naam] = f"Persoon {chr(ord('A') + index % 26)}"
    leerling = casus.leerling.model_copy(
        update={"naam": "Leerling" if casus.leerling.naam else None}
    )
    observaties = [
        o.model_copy(update={"tekst": _replace(o.tekst, vervangingen)}) for o in casus.observaties
    ]
    return casus.model_copy(
        update={
            "id": pseudonym_id(casus.id),
            "titel": _replace(casus.titel, vervangingen),
            "leerling": leerling,
            "betrokkenen": [_replace(b, vervangingen) for b in casus.betrokkenen],
            "beschrijving": _replace(casus.beschrijving, vervangingen),
            "observaties": observaties,
            "bestand": None,
        }
    )
