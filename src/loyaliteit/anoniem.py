"""Pseudonymise an analysis, so reports can be shared without the names in a case.

The analysis itself runs on the original text (pseudonyms must not change what is
detected); afterwards every text of the report is rewritten:

- every word of the pupil's `naam` becomes "Leerling" (whatever its case in the file:
  `naam: noor` too; a tussenvoegsel such as "van" is no name);
- capitalised words in `betrokkenen` that are not role words ("juf", "moeder", ...)
  become "Persoon-A", "Persoon-B", ... in order of appearance, whatever the script
  ("Łukasz", "Ömer");
- a name is found in any case ("FATIMA", "fatima"), with a diminutive ("Fatimaatje",
  "Jannetje"), a possessive ("Anneke's collega" -> "Persoon-A's collega"), in a
  hyphenated name ("Fatima-Zahra" -> "Leerling", "mama-Fatima" -> "mama-Leerling"), and
  with invisible characters inside it;
- the case id becomes its number in the run (casus-001, ...) and the file name goes.

Every evidence span is moved so that `beschrijving[begin:eind] == zin` still holds in
the pseudonymised text. Only names the case file names are replaced: other names in the
free text are not recognised.

The way back from a code to its file is a separate key (`Sleutel`), written only when
asked, beside the reports; the analysis carries its origin in a field that no report and
no JSON shows (`AnoniemeAnalyse.herkomst`).
"""

from __future__ import annotations

import csv
import io
import re
from bisect import bisect_right
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, Field

from .casus import Casus
from .rapport.schoon import clean
from .uitleg import Analyse
from .uitleg.uitkomst import CasusInfo

# Role words that may stand capitalised in `betrokkenen` but are not names.
_ROLLEN = frozenset(
    """
    moeder vader ouder ouders stiefmoeder stiefvader pleegouder pleegouders pleegmoeder
    pleegvader oma opa grootouders grootmoeder grootvader broer broertje zus zusje zuster
    tante oom neef nicht partner vriend vriendin buurvrouw buurman klasgenoot klasgenoten
    juf juffrouw meester leerkracht mentor ib'er ib intern begeleider remedial teacher rt'er
    rt orthopedagoog psycholoog gymdocent docent directeur adjunct zorgcoördinator
    schoolmaatschappelijk maatschappelijk werker werkster leerlingbegeleider decaan coach
    huisarts jeugdarts wijkagent consulent jeugdconsulent gezinsvoogd voogd leerplicht
    leerplichtambtenaar logopedist fysiotherapeut therapeut hulpverlener conciërge
    nieuwe oude oudere jongere andere eigen biologische de het een van en
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
# Words between first name and surname that are no name ("Lars van Dijk").
_TUSSENVOEGSELS = frozenset(
    "van de der den het 't ter ten te in op aan bij uit la le du da di del von zu".split()  # noqa: SIM905
)
_WOORD = re.compile(r"[^\W\d_][\w'’-]*")
# Invisible characters that may stand inside a name in the text (zero width, direction
# marks, soft hyphen): a name is found across them.
_ONZICHTBAAR = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_ONZICHTBAAR_RE = re.compile(f"[{_ONZICHTBAAR}]")
_TUSSEN = f"[{_ONZICHTBAAR}]*"
_LETTER = r"[^\W\d_]"
# After a name: a diminutive (Fatima-a-tje, Jan-n-etje, Noor-tje, Lars-je, Jan-n-ie), then
# a possessive ('s, ’s, ', s) that the replacement keeps as 's.
_ACHTERVOEGSEL = rf"(?P<verkleining>{_LETTER}?(?:etje|tje|pje|kje|je|ie)s?)?"
_BEZIT = r"(?P<bezit>['’]s|['’]|s)?"
# One part of a hyphenated name; bounded, so that no text makes the search slow.
_DEEL = rf"{_LETTER}[\w{_ONZICHTBAAR}]{{0,40}}"

PSEUDONIEM_LEERLING = "Leerling"
SLEUTEL_NAAM = "VERTROUWELIJK-sleutel-pseudoniemen"


def _plain(naam: str) -> str:
    return _ONZICHTBAAR_RE.sub("", naam)


def _word(woord: str) -> str:
    """A word without hyphens or apostrophes around it and without a possessive."""
    woord = woord.strip("'’-")
    return re.sub(r"['’]s$", "", woord)


def _is_name(woord: str) -> bool:
    return len(woord) >= 2 and woord[:1].isupper() and woord.lower() not in _ROLLEN


def names_in(betrokkenen: list[str]) -> list[list[str]]:
    """Per person named in `betrokkenen`: capitalised words that are not role words, a
    hyphenated name with its capitalised parts ("Fatima-Zahra", "Fatima", "Zahra")."""
    personen: list[list[str]] = []
    gezien: set[str] = set()
    for item in betrokkenen:
        for woord in _WOORD.findall(_plain(item)):
            woord = _word(woord)
            namen = [n for n in dict.fromkeys([woord, *woord.split("-")]) if _is_name(n)]
            namen = [n for n in namen if n.casefold() not in gezien]
            if namen:
                gezien.update(n.casefold() for n in namen)
                personen.append(namen)
    return personen


def pupil_names(naam: str | None) -> list[str]:
    """Every word of the pupil's name, whatever its case, and the parts of a hyphenated
    one; a tussenvoegsel ("van") is no name."""
    namen: list[str] = []
    for woord in _WOORD.findall(_plain(naam or "")):
        woord = _word(woord)
        for deel in [woord, *woord.split("-")]:
            if len(deel) >= 2 and deel.lower() not in _TUSSENVOEGSELS and deel not in namen:
                namen.append(deel)
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


def _name_pattern(naam: str) -> str:
    """The name, letter by letter, with invisible characters allowed in between."""
    return _TUSSEN.join(re.escape(teken) for teken in naam)


class Pseudoniemen:
    """The replacements for one case, applied the same way to every text."""

    def __init__(self, casus: Casus):
        self.vervangingen: dict[str, str] = {}
        for naam in pupil_names(casus.leerling.naam):
            self.vervangingen.setdefault(naam.casefold(), PSEUDONIEM_LEERLING)
        anderen = [
            [n for n in namen if n.casefold() not in self.vervangingen]
            for namen in names_in(casus.betrokkenen)
        ]
        for index, namen in enumerate(n for n in anderen if n):
            for naam in namen:
                self.vervangingen[naam.casefold()] = f"Persoon-{_letters(index)}"
        self._patroon = None
        if self.vervangingen:
            namen = sorted(self.vervangingen, key=len, reverse=True)
            self._patroon = re.compile(
                r"(?<!\w)"
                rf"(?P<voor>(?:{_DEEL}-){{0,3}}?)"
                rf"(?P<naam>{'|'.join(_name_pattern(n) for n in namen)})"
                rf"{_ACHTERVOEGSEL}"
                rf"(?P<achter>(?:-{_DEEL}){{0,3}})"
                rf"{_BEZIT}"
                rf"(?!{_TUSSEN}\w)",
                re.IGNORECASE,
            )

    def _replacement(self, match: re.Match) -> str:
        """The pseudonym; capitalised parts of a hyphenated name go with it, other parts
        ("mama-", "-achtig") stay; a possessive stays as 's."""
        pseudoniem = self.vervangingen[_plain(match.group("naam")).casefold()]
        voor = [d for d in match.group("voor").split("-") if d and not d[:1].isupper()]
        achter = [d for d in match.group("achter").split("-") if d and not d[:1].isupper()]
        bezit = "'s" if match.group("bezit") else ""
        return "-".join([*voor, pseudoniem, *achter]) + bezit

    def text(self, tekst: str | None) -> str | None:
        if not tekst or self._patroon is None:
            return tekst
        return self._patroon.sub(self._replacement, tekst)

    def names(self) -> list[str]:
        """The names this case's pseudonyms stand for (lower case)."""
        return list(self.vervangingen)

    def text_with_offsets(self, tekst: str):
        """The new text and a function that maps an old offset to the new one."""
        if self._patroon is None:
            return tekst, lambda positie: positie
        delen, oude_starts, verschuiving = [], [], []
        vorige, delta = 0, 0
        for match in self._patroon.finditer(tekst):
            nieuw = self._replacement(match)
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


class Herkomst(BaseModel):
    """Where a pseudonymised analysis came from: only for the key, never in a report."""

    casus: str | None = None
    bestand: str | None = None


class AnoniemeAnalyse(Analyse):
    """A pseudonymised analysis. Its origin is excluded from every dump (JSON included)."""

    herkomst: Herkomst | None = Field(None, exclude=True)


def pseudonymise_analysis(analyse: Analyse, casus: Casus, volgnummer: int = 1) -> AnoniemeAnalyse:
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
                    **omzetten({k: v for k, v in waarde.items() if k not in ("zin", "woorden")}),
                    "begin": begin,
                    "eind": eind,
                    "zin": zin,
                    "woord_posities": posities,
                    "woorden": woorden or omzetten(waarde.get("woorden", [])),
                }
            return {k: omzetten(v) for k, v in waarde.items()}
        if isinstance(waarde, list | tuple):
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
    data["herkomst"] = {"casus": casus.id, "bestand": casus.bestand}
    return AnoniemeAnalyse.model_validate(data)


def pseudonymise_failure(fouten: list, bestand: str | None, code: str) -> AnoniemeAnalyse:
    """A file that could not be read, under a code: its errors name the code, not the file
    (`fouten` are `Invoerfout`s, or texts that may name `bestand`)."""
    teksten = []
    for fout in fouten:
        if hasattr(fout, "bestand") and hasattr(fout, "bericht"):
            teksten.append(str(replace(fout, bestand=code)))
        else:
            tekst = str(fout)
            teksten.append(tekst.replace(bestand, code) if bestand else tekst)
    return AnoniemeAnalyse(
        casus=CasusInfo(id=code),
        fouten=teksten,
        herkomst=Herkomst(bestand=bestand),
    )


class Sleutel:
    """The key from each code back to its case file. It is as sensitive as the case files
    themselves: written only when asked, beside the reports, under a name that says so."""

    def __init__(self) -> None:
        self.regels: list[tuple[str, str, str]] = []

    def add(self, analyse: Analyse) -> None:
        herkomst = getattr(analyse, "herkomst", None)
        if herkomst is not None:
            self.regels.append((analyse.casus.id, herkomst.casus or "", herkomst.bestand or ""))

    def render(self) -> str:
        """CSV (one line of warning first): code, original case id, file."""
        uit = io.StringIO()
        uit.write(
            "# VERTROUWELIJK: deze sleutel koppelt elk pseudoniem aan zijn casusbestand. "
            "Bewaar hem zoals de casussen zelf en deel hem niet met de rapporten.\n"
        )
        schrijver = csv.writer(uit, lineterminator="\n")
        schrijver.writerow(["pseudoniem", "casus", "bestand"])
        for regel in self.regels:
            schrijver.writerow([_no_formula(veld) for veld in regel])
        return uit.getvalue()


def _no_formula(veld: str) -> str:
    """A spreadsheet must not read a file name as a formula (=, +, -, @)."""
    veld = clean(veld)
    return "'" + veld if veld[:1] in ("=", "+", "-", "@") else veld
