"""Run a batch for the command line: analyse, then print or write each report as it
comes, and keep a small summary (not every analysis) for the overview at the end."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from ..rapport import EXTENSIES, Formaat, render
from ..rapport.batchoverzicht import CasusSamenvatting
from ..rapport.json import render_json
from ..uitleg import Analyse


@dataclass
class Verwerking:
    formaat: Formaat
    stdout: Console
    stderr: Console
    uit: Path | None = None
    overschrijf: bool = False
    samenvattingen: list[CasusSamenvatting] = field(default_factory=list)
    verzameld: list[Analyse] = field(default_factory=list)
    mislukt: bool = False

    def __post_init__(self) -> None:
        self._map = None
        if self.uit is not None:
            from ..rapport.uitvoer import Uitvoermap

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
        samenvatting = CasusSamenvatting.of(analyse)
        self.samenvattingen.append(samenvatting)
        if self._map is not None:
            samenvatting.rapport = self._write(analyse)
        elif self.formaat is Formaat.terminal:
            from ..rapport.terminal import render_terminal

            render_terminal(analyse, self.stdout)
        else:
            self.verzameld.append(analyse)

    def _write(self, analyse: Analyse) -> str | None:
        from ..rapport.uitvoer import BestaatAl, UitvoerFout

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
            schrijf(render_json(self.verzameld))
        elif self._map is None and self.formaat in (Formaat.markdown, Formaat.html):
            schrijf("\n---\n\n".join(render(a, self.formaat) for a in self.verzameld))
        if self._map is not None and len(self.samenvattingen) > 1:
            self._write_overview()

    def _write_overview(self) -> None:
        from ..rapport.batchoverzicht import render_overview
        from ..rapport.uitvoer import BestaatAl, UitvoerFout

        try:
            pad = self._map.path_for("overzicht", EXTENSIES[self.formaat])
            self._map.write(pad, render_overview(self.samenvattingen, self.formaat.value))
        except (BestaatAl, UitvoerFout) as fout:
            self.error(str(fout))
            self.mislukt = True
            return
        self.stderr.print(f"overzicht: {pad}", highlight=False)
