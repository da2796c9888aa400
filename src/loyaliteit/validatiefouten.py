"""pydantic's validation errors as Dutch errors that name the file, the line and the key.

The user's value is shown as it was written in the file (`fouten.shown`), an unknown
key gets the nearest known one as a hint, and pydantic's own English text never
reaches a message.
"""

from __future__ import annotations

import re
import typing

from pydantic_core import core_schema

from .fouten import Invoerfout, did_you_mean, shown, visible
from .yamlbestand.document import format_pad

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
    "tuple_type": "moet een lijst zijn",
    "set_type": "moet een lijst zijn",
    "frozen_set_type": "moet een lijst zijn",
    "iterable_type": "moet een lijst zijn",
    "dict_type": "moet een sleutel-waardelijst (mapping) zijn",
    "mapping_type": "moet een sleutel-waardelijst (mapping) zijn",
    "model_type": "moet een sleutel-waardelijst (mapping) zijn",
    "model_attributes_type": "moet een sleutel-waardelijst (mapping) zijn",
    "dataclass_type": "moet een sleutel-waardelijst (mapping) zijn",
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
    "multiple_of": "heeft niet de juiste stap",
    "none_required": "moet leeg zijn",
    "date_type": "moet een datum zijn",
    "date_parsing": "moet een datum zijn (jjjj-mm-dd)",
    "datetime_type": "moet een datum en tijd zijn",
    "datetime_parsing": "moet een datum en tijd zijn",
    "set_item_not_hashable": "een element van deze lijst kan niet",
    "recursion_loop": "verwijst naar zichzelf",
    "union_tag_not_found": "de soort ontbreekt",
    "union_tag_invalid": "onbekende soort",
}

# pydantic's own error types (their text is English); any other type is one of ours
_PYDANTIC_SOORTEN = frozenset(typing.get_args(core_schema.ErrorType))

_BEREIK = {
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than_equal": "mag hoogstens {le} zijn",
    "greater_than": "moet groter zijn dan {gt}",
    "less_than": "moet kleiner zijn dan {lt}",
}


def translate_validation_error(
    fout, document, bestand: str, prefix=(), model=None
) -> list[Invoerfout]:
    """Turn a pydantic `ValidationError` into Dutch errors with file, line and key.

    `document` is the parsed YAML (for lines and for how a value was written); with the
    `model` that was validated, an unknown key gets the nearest known one as a hint."""
    resultaat = []
    for detail in fout.errors(include_url=False):
        loc = _without_union_tags(detail["loc"])
        pad = (*prefix, *loc)
        if detail["type"] == "invalid_key":
            sleutel = _yaml_spelling(detail.get("input"), (*prefix, *loc[:-1]), document)
            pad = (*prefix, *loc[:-1], sleutel)
            bericht = (
                f"onbekende sleutel '{visible(str(sleutel))}' (een sleutel moet een woord zijn)"
            )
        else:
            bericht = _message(detail, pad, document, model, loc)
        resultaat.append(
            Invoerfout(bestand, bericht, document.regelnummer_van(pad), format_pad(pad) or None)
        )
    return resultaat


def _message(detail: dict, pad: tuple, document, model, loc: tuple) -> str:
    soort = detail["type"]
    ctx = detail.get("ctx") or {}
    invoer = detail.get("input")
    spelling = getattr(document, "spelling_van", lambda _pad: None)(pad)
    if soort in ("value_error", "assertion_error"):
        return visible(str(ctx.get("error", "ongeldige waarde")))
    if soort in _BEREIK:
        return _BEREIK[soort].format(**ctx) + f", niet {shown(invoer, spelling)}"
    if soort == "string_pattern_mismatch" and "a-z" in str(ctx.get("pattern", "")):
        return (
            f"moet snake_case zijn (kleine letters, cijfers en '_'), niet {shown(invoer, spelling)}"
        )
    if soort == "extra_forbidden":
        naam = loc[-1] if loc else ""
        hint = did_you_mean(naam, _known_keys(model, loc[:-1])) if model else ""
        return f"onbekende sleutel{hint}"
    if soort == "missing":
        return "verplichte sleutel ontbreekt"
    verwacht = ctx.get("expected") or ctx.get("expected_tags")
    extra = f" (verwacht: {_dutch_list(str(verwacht))})" if verwacht else ""
    if soort == "union_tag_invalid" and "tag" in ctx:
        return f"onbekende soort '{visible(str(ctx['tag']))}'{extra}"
    if soort in _PYDANTIC_DUTCH:
        bericht = _PYDANTIC_DUTCH[soort] + extra
    elif soort in _PYDANTIC_SOORTEN:
        bericht = "ongeldige waarde" + extra  # pydantic's own English text: not shown
    else:
        bericht = visible(str(detail["msg"])) + extra  # our own custom error: Dutch
    if "input" in detail:
        bericht += f", niet {shown(invoer, spelling)}"
    return bericht


def _dutch_list(tekst: str) -> str:
    """pydantic's "'a', 'b' or 'c'" in Dutch."""
    return re.sub(r"\bor\b", "of", tekst)


def _known_keys(model, loc: tuple) -> list[str]:
    """The keys the model allows at `loc` (walking nested models, lists and dicts)."""
    huidig = model
    for deel in loc:
        if isinstance(deel, int):
            continue
        velden = getattr(huidig, "model_fields", None)
        if not velden or deel not in velden:
            return []
        huidig = _inner_model(velden[deel].annotation)
        if huidig is None:
            return []
    velden = getattr(huidig, "model_fields", None) or {}
    return [veld.alias or naam for naam, veld in velden.items() if not veld.exclude]


def _inner_model(annotatie):
    """The pydantic model inside `X | None`, `list[X]`, `dict[str, X]`, `Annotated[X, ...]`."""
    if isinstance(annotatie, type) and hasattr(annotatie, "model_fields"):
        return annotatie
    for arg in reversed(typing.get_args(annotatie)):
        gevonden = _inner_model(arg)
        if gevonden is not None:
            return gevonden
    return None


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
