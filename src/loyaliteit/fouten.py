"""Errors a user can read: Dutch, naming the file, the line and the key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Invoerfout(Exception):
    """A problem in a file a user wrote (a case file or the knowledge base)."""

    bestand: str
    bericht: str
    regel: int | None = None
    sleutel: str | None = None

    def __str__(self) -> str:
        plaats = self.bestand if self.regel is None else f"{self.bestand}:{self.regel}"
        sleutel = f" (sleutel '{self.sleutel}')" if self.sleutel else ""
        return f"{plaats}{sleutel}: {self.bericht}"


def display_path(pad: Path | str) -> str:
    """A path as the user gave it, relative to the working directory when possible."""
    pad = Path(pad)
    try:
        return str(pad.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(pad)


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
    "greater_than_equal": "is te klein",
    "less_than_equal": "is te groot",
    "greater_than": "is te klein",
    "less_than": "is te groot",
    "too_short": "is te kort of leeg",
    "too_long": "is te lang",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "is te lang",
    "string_pattern_mismatch": "heeft niet de vorm die nodig is",
}


def translate_validation_error(fout, document, bestand: str, prefix=()) -> list[Invoerfout]:
    """Turn a pydantic `ValidationError` into Dutch errors with file, line and key."""
    from .yamlbestand import format_pad

    resultaat = []
    for detail in fout.errors(include_url=False):
        loc = _without_union_tags(detail["loc"])
        pad = (*prefix, *loc)
        soort = detail["type"]
        if soort in ("value_error", "assertion_error"):
            bericht = str(detail.get("ctx", {}).get("error", detail["msg"]))
        else:
            bericht = _PYDANTIC_DUTCH.get(soort, detail["msg"])
            verwacht = detail.get("ctx", {}).get("expected")
            if verwacht:
                bericht += f" (verwacht: {verwacht})"
            if soort not in ("missing", "extra_forbidden") and "input" in detail:
                invoer = repr(detail["input"])
                bericht += f", niet {invoer[:60]}"
        resultaat.append(
            Invoerfout(bestand, bericht, document.regel_van(pad), format_pad(pad) or None)
        )
    return resultaat


def _without_union_tags(loc: tuple) -> tuple:
    """Drop the tags pydantic puts in a location for tagged unions ('alle', 'alle', 0)."""
    schoon = [deel for deel in loc if not (isinstance(deel, str) and "[" in deel)]
    return tuple(
        deel
        for index, deel in enumerate(schoon)
        if not (index + 1 < len(schoon) and isinstance(deel, str) and schoon[index + 1] == deel)
    )
