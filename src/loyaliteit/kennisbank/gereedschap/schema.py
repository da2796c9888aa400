"""JSON Schemas of the knowledge base files, generated from the pydantic models.

An editor with the YAML language server reads the `# yaml-language-server: $schema=...`
line at the top of each file and then completes and checks keys, with the Dutch
descriptions of the models as help.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from ..bestandsmodellen import (
    BronnenBestand,
    ConclusiesBestand,
    RegelsBestand,
    SignalenBestand,
    UitbreidingBestand,
    VoorbeeldenBestand,
)
from ..contextwoorden import Context

SCHEMA_MODELLEN: dict[str, type[BaseModel]] = {
    "bronnen": BronnenBestand,
    "signalen": SignalenBestand,
    "regels": RegelsBestand,
    "conclusies": ConclusiesBestand,
    "context": Context,
    "uitbreiding": UitbreidingBestand,
    "voorbeelden": VoorbeeldenBestand,
}

_KORTE_VORMEN = {
    # A pattern may be written as a plain string, an example as a plain text.
    ("Signaal", "patronen"): "Patroon",
    ("Regelvoorbeelden", "wel"): "VoorbeeldCasus",
    ("Regelvoorbeelden", "niet"): "VoorbeeldCasus",
    ("Zinvoorbeelden", "wel"): "Voorbeeld",
    ("Zinvoorbeelden", "niet"): "Bijna",
    ("Conclusie", "gespreksvragen"): "Gespreksvraag",
}


def json_schema(soort: str) -> dict:
    schema = SCHEMA_MODELLEN[soort].model_json_schema()
    definities = schema.get("$defs", {})
    for (model, veld), doel in _KORTE_VORMEN.items():
        if model in definities:
            eigenschap = definities[model]["properties"][veld]
            eigenschap["items"] = {"anyOf": [{"type": "string"}, {"$ref": f"#/$defs/{doel}"}]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"loyaliteit: {soort}.yaml",
        **schema,
    }


def schema_text(soort: str) -> str:
    return json.dumps(json_schema(soort), indent=2, ensure_ascii=False) + "\n"


def write_schemas(map_: Path) -> list[Path]:
    map_.mkdir(parents=True, exist_ok=True)
    paden = []
    for soort in SCHEMA_MODELLEN:
        pad = map_ / f"{soort}.schema.json"
        pad.write_text(schema_text(soort), encoding="utf-8")
        paden.append(pad)
    return paden
