"""The JSON document (DESIGN §2): `{"schema_versie": ..., "analyses": [...]}`.

`JsonStroom` writes the same document one analysis at a time, so a batch of any size
needs memory for one case only; the bytes are exactly those of `render_json`.

Every character that could steer a terminal or hide text (`schoon.py`) is written as a
`\\uXXXX` escape: a JSON reader gets exactly the text of the case, a terminal or an
editor sees nothing raw.
"""

from __future__ import annotations

from collections.abc import Callable

from ..uitleg import Analyse, AnalyseDocument
from ..uitleg.uitkomst import SCHEMA_VERSIE
from .schoon import json_text


def render_json(analyses: list[Analyse]) -> str:
    return json_text(AnalyseDocument(analyses=analyses).model_dump_json(indent=2) + "\n")


class JsonStroom:
    """Writes the JSON document piece by piece: the head, each analysis, the tail."""

    def __init__(self, schrijf: Callable[[str], object]):
        self.schrijf = schrijf
        self.aantal = 0

    def add(self, analyse: Analyse) -> None:
        if self.aantal == 0:
            self.schrijf(f'{{\n  "schema_versie": {SCHEMA_VERSIE},\n  "analyses": [\n')
        else:
            self.schrijf(",\n")
        # JSON strings hold no raw newline, so indenting line by line is exact
        tekst = json_text(analyse.model_dump_json(indent=2))
        self.schrijf("\n".join("    " + regel for regel in tekst.split("\n")))
        self.aantal += 1

    def close(self) -> None:
        if self.aantal == 0:
            self.schrijf(f'{{\n  "schema_versie": {SCHEMA_VERSIE},\n  "analyses": []\n}}\n')
        else:
            self.schrijf("\n  ]\n}\n")
