"""Run a batch for the command line: analyse, then print or write each report as it
comes, and keep a small summary (not every analysis) for the overview at the end."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from rich.console import Console

from .uitleg import Analyse, AnalyseDocument


class Formaat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"


EXTENSIES = {Formaat.markdown: "md", Formaat.html: "html", Formaat.json: "json"}


def render(analyse: Analyse, formaat: Formaat) -> str:
    from .rapport.document import render_html, render_markdown

    if formaat is Formaat.markdown:
        return render_markdown(analyse)
    if formaat is Formaat.html:
        return render_html(analyse)
    return AnalyseDocument(analyses=[analyse]).model_dump_json(indent=2) + "\n"


@dataclass
class Regel:
    """One line of the batch overview."""

    casus: str
    bestand: str | None
    conclusies: list[tuple[str, str, float, str]]  # id, label, certainty, soort
    fouten: list[str]
    rapport: str | None = None


@dataclass
class Verwerking:
    formaat: Formaat
    stdout: Console
    stderr: Console
    uit: Path | None = None
    overschrijf: bool = False
    regels: list[Regel] = field(default_factory=list)
    verzameld: list[Analyse] = field(default_factory=list)
    mislukt: bool = False

    def __post_init__(self) -> None:
        self._map = None
        if self.uit is not None:
            from .rapport.uitvoer import Uitvoermap

            self._map = Uitvoermap(self.uit, self.overschrijf)

    def error(self, tekst: str) -> None:
        """An error line on stderr, exactly as written (no markup, emoji or tab expansion)."""
        self.stderr.file.write(f"Fout: {tekst}\n")
        self.stderr.file.flush()

    def handle(self, analyse: Analyse) -> None:
        """Take one finished analysis: report errors, then print, write or collect it."""
        for fout in analyse.fouten:
            self.error(fout)
        self.mislukt |= bool(analyse.fouten)
        regel = Regel(
            analyse.casus.id,
            analyse.casus.bestand,
            [
                (c.id, c.label, c.zekerheid, c.soort)
                for c in analyse.conclusies
                if c.soort != "patroon"
            ],
            analyse.fouten,
        )
        self.regels.append(regel)
        if self._map is not None:
            regel.rapport = self._write(analyse)
        elif self.formaat is Formaat.terminal:
            from .rapport.terminal import render_terminal

            render_terminal(analyse, self.stdout)
        else:
            self.verzameld.append(analyse)

    def _write(self, analyse: Analyse) -> str | None:
        from .rapport.uitvoer import BestaatAl, UitvoerFout

        try:
            pad = self._map.path_for(analyse.casus.id, EXTENSIES[self.formaat])
            self._map.write(pad, render(analyse, self.formaat))
        except (BestaatAl, UitvoerFout) as fout:
            self.error(str(fout))
            self.mislukt = True
            return None
        return pad.name

    def finish(self, schrijf: Callable[[str], object] | None = None) -> None:
        """Write what was collected (JSON, Markdown to stdout) and the overview."""
        schrijf = schrijf or sys.stdout.write
        if self._map is None and self.formaat is Formaat.json:
            schrijf(AnalyseDocument(analyses=self.verzameld).model_dump_json(indent=2) + "\n")
        elif self._map is None and self.formaat in (Formaat.markdown, Formaat.html):
            schrijf("\n---\n\n".join(render(a, self.formaat) for a in self.verzameld))
        if self._map is not None and len(self.regels) > 1:
            self._write_overview()

    def _write_overview(self) -> None:
        from .rapport.overzicht import render_overview
        from .rapport.uitvoer import BestaatAl, UitvoerFout

        try:
            pad = self._map.path_for("overzicht", EXTENSIES[self.formaat])
            self._map.write(pad, render_overview(self.regels, self.formaat.value))
        except (BestaatAl, UitvoerFout) as fout:
            self.error(str(fout))
            self.mislukt = True
            return
        self.stderr.print(f"overzicht: {pad}", highlight=False)
