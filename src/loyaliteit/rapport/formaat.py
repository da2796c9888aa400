"""The output formats (a small module: the command line needs it before anything heavy)."""

from __future__ import annotations

from enum import StrEnum


class Formaat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"


EXTENSIES = {Formaat.markdown: "md", Formaat.html: "html", Formaat.json: "json"}
