"""Errors a user can read: Dutch, naming the file, the line and the key."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Invoerfout(Exception):
    """A problem in a file a user wrote (a case file or the knowledge base)."""

    bestand: str
    bericht: str
    regelnummer: int | None = None
    sleutel: str | None = None

    def __str__(self) -> str:
        plaats = self.bestand if self.regelnummer is None else f"{self.bestand}:{self.regelnummer}"
        sleutel = f" (sleutel '{self.sleutel}')" if self.sleutel else ""
        return f"{plaats}{sleutel}: {self.bericht}"


def display_path(pad: Path | str) -> str:
    """A path as the user gave it (symbolic links not followed), relative to the working
    directory when it lies inside it, and always printable (odd bytes become '?')."""
    absoluut = os.path.abspath(pad)
    try:
        naam = os.path.relpath(absoluut)
        if naam.startswith(".."):
            naam = str(pad)
    except ValueError:
        naam = str(pad)
    return printable(naam)


def printable(tekst: str) -> str:
    """Text that can always be written as UTF-8: undecodable bytes in names become '?'."""
    return (
        tekst.encode("utf-8", "surrogateescape").decode("utf-8", "replace").replace("\ufffd", "?")
    )


_OS_FOUTEN = {
    errno.ENOENT: "bestaat niet",
    errno.EISDIR: "is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EACCES: "geen toestemming om het te lezen",
    errno.EPERM: "geen toestemming om het te lezen",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ELOOP: "een symbolische link verwijst naar zichzelf",
}


def os_error_text(fout: OSError) -> str:
    """A Dutch reason for an error of the operating system."""
    return _OS_FOUTEN.get(fout.errno, "kan niet gelezen worden")


_PYDANTIC_DUTCH = {
    "missing": "verplichte sleutel ontbreekt",
    "extra_forbidden": "onbekende sleutel",
    "string_type": "moet een tekst zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "bool_type": "moet ja of nee (true/false) zijn",
    "bool_parsing": "moet ja of nee (true/false) zijn",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een sleutel-waardelijst (mapping) zijn",
    "model_type": "moet een sleutel-waardelijst (mapping) zijn",
    "model_attributes_type": "moet een sleutel-waardelijst (mapping) zijn",
    "literal_error": "ongeldige waarde",
    "enum": "ongeldige waarde",
    "too_short": "is te kort of leeg",
    "too_long": "is te lang",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "is te lang",
    "string_pattern_mismatch": "heeft niet de vorm die nodig is",
    "finite_number": "moet een gewoon getal zijn (geen .nan of .inf)",
    "int_parsing_size": "is een te groot getal",
    "string_unicode": "moet een tekst zijn",
    "bytes_type": "moet een tekst zijn",
    "bool_not_allowed": "moet een getal of tekst zijn, geen ja/nee",
}

_BEREIK = {
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than_equal": "mag hoogstens {le} zijn",
    "greater_than": "moet groter zijn dan {gt}",
    "less_than": "moet kleiner zijn dan {lt}",
}


def translate_validation_error(fout, document, bestand: str, prefix=()) -> list[Invoerfout]:
    """Turn a pydantic `ValidationError` into Dutch errors with file, line and key."""
    from .yamlbestand import format_pad

    resultaat = []
    for detail in fout.errors(include_url=False):
        loc = _without_union_tags(detail["loc"])
        pad = (*prefix, *loc)
        soort = detail["type"]
        ctx = detail.get("ctx", {})
        if soort == "invalid_key":
            sleutel = _yaml_spelling(detail.get("input"), (*prefix, *loc[:-1]), document)
            pad = (*prefix, *loc[:-1], sleutel)
            bericht = f"onbekende sleutel '{sleutel}' (een sleutel moet een woord zijn)"
            resultaat.append(
                Invoerfout(bestand, bericht, document.regelnummer_van(pad), format_pad(pad))
            )
            continue
        if soort in ("value_error", "assertion_error"):
            bericht = str(ctx.get("error", detail["msg"]))
        elif soort in _BEREIK:
            bericht = _BEREIK[soort].format(**ctx) + f", niet {detail.get('input')!r}"
        elif soort == "string_pattern_mismatch" and "a-z" in str(ctx.get("pattern", "")):
            bericht = f"moet snake_case zijn (kleine letters, cijfers en '_'), niet {detail.get('input')!r}"
        else:
            bericht = _PYDANTIC_DUTCH.get(soort, detail["msg"])
            verwacht = detail.get("ctx", {}).get("expected")
            if verwacht:
                bericht += f" (verwacht: {verwacht})"
            if soort not in ("missing", "extra_forbidden") and "input" in detail:
                invoer = repr(detail["input"])
                bericht += f", niet {invoer[:60]}"
        resultaat.append(
            Invoerfout(bestand, bericht, document.regelnummer_van(pad), format_pad(pad) or None)
        )
    return resultaat


_YAML_SPELLINGEN = {
    None: ("~", "null", "Null", "NULL", ""),
    True: ("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"),
    False: ("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"),
}


def _yaml_spelling(sleutel, ouder: tuple, document) -> str:
    """How a non-text key (12, ~, true) was written in the file, to find its line."""
    kandidaten = (str(sleutel),)
    if sleutel is None or isinstance(sleutel, bool):
        kandidaten = _YAML_SPELLINGEN[sleutel]
    for kandidaat in kandidaten:
        if (*ouder, kandidaat) in document.regelnummers:
            return kandidaat
    return kandidaten[0]


def _without_union_tags(loc: tuple) -> tuple:
    """Drop the tags pydantic puts in a location for tagged unions ('alle', 'alle', 0)."""
    schoon = [deel for deel in loc if not (isinstance(deel, str) and "[" in deel)]
    return tuple(
        deel
        for index, deel in enumerate(schoon)
        if not (index + 1 < len(schoon) and isinstance(deel, str) and schoon[index + 1] == deel)
    )
