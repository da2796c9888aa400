"""PyYAML's problems in Dutch, on the line that is to be fixed."""

from __future__ import annotations

import re

import yaml

from ..fouten import visible
from .grenzen import MAX_DEPTH

_ESCAPE = (
    "een ongeldige \\x-, \\u- of \\U-code in een tekst tussen dubbele aanhalingstekens; "
    "schrijf een backslash als \\\\ of zet de tekst tussen enkele aanhalingstekens"
)
_TAG = "een !-label (YAML-tag) klopt niet; alleen gewone YAML is toegestaan"

# (English text in PyYAML's problem or context, Dutch text); the first that matches wins.
_PROBLEMS = {
    "exceeded maximum nesting depth": f"te diep genest (meer dan {MAX_DEPTH} niveaus)",
    "mapping values are not allowed": "een dubbele punt staat op een plek waar dat niet mag; zet "
    "een tekst met een dubbele punt tussen aanhalingstekens",
    "could not find expected ':'": "een dubbele punt ontbreekt na de sleutel",
    "found character '\\t' that cannot start any token": "een tab mag niet; gebruik spaties",
    "found a tab character": "een tab mag niet; gebruik spaties",
    "did not find expected key": "een sleutel ontbreekt of de inspringing klopt niet",
    "found undefined alias": "onbekende verwijzing (alias)",
    "found duplicate anchor": "dubbel anker",
    "expected <block end>, but found": "de inspringing klopt niet",
    "did not find expected '-' indicator": "een lijstteken '-' ontbreekt of de inspringing klopt niet",
    "found unexpected end of stream": "het bestand houdt onverwacht op (een aanhalingsteken niet gesloten?)",
    "found unknown escape character": "onbekend escape-teken (\\) in een tekst tussen dubbele "
    "aanhalingstekens; schrijf een backslash als \\\\ of gebruik enkele aanhalingstekens",
    "hexdecimal number": _ESCAPE,
    "hexadecimal number": _ESCAPE,
    "invalid Unicode character escape code": _ESCAPE,
    "expected escape sequence": _ESCAPE,
    "URI escape": _TAG,
    "URI escaped octet": _TAG,
    "undefined tag handle": _TAG,
    "while scanning a tag": _TAG,
    "while parsing a tag": _TAG,
    "expected a single document in the stream": "het bestand bevat meer dan één YAML-document",
    "did not find expected ',' or '}'": "een komma of '}' ontbreekt; zet een tekst met een komma of "
    "dubbele punt tussen aanhalingstekens",
    "did not find expected ',' or ']'": "een komma of ']' ontbreekt; zet een tekst met een komma of "
    "dubbele punt tussen aanhalingstekens",
    "expected ',' or ']'": "een komma of ']' ontbreekt of een aanhalingsteken staat verkeerd",
    "expected ',' or '}'": "een komma of '}' ontbreekt of een aanhalingsteken staat verkeerd",
    "found unexpected ':'": "een onverwachte dubbele punt; zet de tekst tussen aanhalingstekens",
    "did not find expected node content": "een waarde ontbreekt",
    "while scanning a quoted scalar": "een aanhalingsteken wordt niet gesloten",
    "while scanning a simple key": "een sleutel zonder dubbele punt",
    "while parsing a block mapping": "de inspringing of een dubbele punt klopt niet",
    "while parsing a flow mapping": "een {...}-lijst klopt niet",
    "while parsing a flow sequence": "een [...]-lijst klopt niet",
    "while parsing a block collection": "de inspringing van een lijst klopt niet",
}


def dutch_yaml_problem(fout: yaml.MarkedYAMLError, tekst: str) -> tuple[str, int | None]:
    """PyYAML's problem in Dutch, and the line it is on.

    PyYAML reports some problems where it noticed them, not where they are: a key
    without ':' on the line after it, a quote or bracket that is never closed at the
    end of the file. There the line where the construct began is the one to fix."""
    probleem = f"{fout.problem or ''} {fout.context or ''}".strip()
    mark = fout.problem_mark or fout.context_mark
    begin = fout.context_mark
    laat = begin is not None and mark is not None and begin.line < mark.line
    if laat and ("expected ':'" in probleem or mark.index >= len(tekst.rstrip())):
        mark = begin
    regelnummer = mark.line + 1 if mark else None
    if "could not determine a constructor for the tag" in probleem:
        label = re.search(r"tag '([^']*)'", probleem)
        naam = label.group(1).replace("tag:yaml.org,2002:", "!!") if label else "?"
        return (
            f"onbekende YAML-tag '{visible(naam)}' (een !-label); alleen gewone YAML is "
            "toegestaan en niets wordt uitgevoerd",
            regelnummer,
        )
    if "cannot start any token" in probleem and fout.problem_mark is not None:
        teken = tekst[fout.problem_mark.index : fout.problem_mark.index + 1]
        if teken == "\t":
            return "een tab mag niet; gebruik spaties", regelnummer
        if teken:
            return (
                f"het teken '{visible(teken)}' mag een waarde niet beginnen; zet de tekst "
                "tussen aanhalingstekens",
                regelnummer,
            )
    for engels, nederlands in _PROBLEMS.items():
        if engels in probleem:
            return nederlands, regelnummer
    return "onleesbaar (controleer inspringing, dubbele punten en aanhalingstekens)", regelnummer
