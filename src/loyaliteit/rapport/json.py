"""The JSON document (DESIGN §2): `{"schema_versie": ..., "analyses": [...]}`."""

from __future__ import annotations

from ..uitleg import Analyse, AnalyseDocument


def render_json(analyses: list[Analyse]) -> str:
    return AnalyseDocument(analyses=analyses).model_dump_json(indent=2) + "\n"
