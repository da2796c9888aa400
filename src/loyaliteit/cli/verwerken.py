"""Run a batch for the command line: analyse, then print or write each report as it
comes, and keep a small summary (not every analysis) for the overview at the end.

With `--uit`, every report links back to the overview. Whether there will be one (more
than one case) is known with the second case, so the first report waits for it (one
analysis in memory). Under `--anoniem` an error names the case's code, not its file, and
with `sleutel` the key from code to file is written beside the reports.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from ..anoniem import SLEUTEL_NAAM, AnoniemeAnalyse, Sleutel, pseudonymise_failure
from ..rapport import EXTENSIES, Formaat, render
from ..rapport.batchoverzicht import CasusSamenvatting
from ..rapport.json import JsonStroom
from ..rapport.schoon import clean
from ..uitleg import Analyse

OVERZICHT = "overzicht"


@dataclass
class Verwerking:
    formaat: Formaat
    stdout: Console
    stderr: Console
    uit: Path | None = None
    overschrijf: bool = False
    samenvattingen: list[CasusSamenvatting] = field(default_factory=list)
    mislukt: bool = False
    anoniem: bool = False
    sleutel: bool = False
    kort: bool = False  # terminal: one line per case instead of every full report

    def __post_init__(self) -> None:
        self.rapporten_geschreven = 0  # reports written into --uit
        self.rapporten_bestonden = 0  # reports not written: one of that name was there already
        self._stroom: JsonStroom | None = None
        self._geschreven = 0
        self._map = None
        self._overzicht: Path | None = None
        self._wachtend: tuple[Analyse, CasusSamenvatting] | None = None
        self._sleutel = Sleutel()
        self._onleesbaar = 0
        if self.uit is not None:
            from ..rapport.uitvoer import Uitvoermap

            self._map = Uitvoermap(self.uit, self.overschrijf)

    def error(self, tekst: str) -> None:
        """An error line on stderr, exactly as written (no markup, emoji or tab expansion),
        with no character that could steer the terminal."""
        self.stderr.file.write(f"Fout: {clean(tekst)}\n")
        self.stderr.file.flush()

    def handle(self, analyse: Analyse) -> None:
        """Take one finished analysis: report errors, then print, write or collect it."""
        if self.anoniem and not isinstance(analyse, AnoniemeAnalyse) and analyse.casus.bestand:
            # a path that could not be found: it is named by a code, like every case
            self._onleesbaar += 1
            analyse = pseudonymise_failure(
                analyse.fouten, analyse.casus.bestand, f"onleesbaar-{self._onleesbaar:03d}"
            )
        self._sleutel.add(analyse)
        for fout in analyse.fouten:
            self.error(fout)
        self.mislukt |= bool(analyse.fouten)
        samenvatting = CasusSamenvatting.of(analyse)
        self.samenvattingen.append(samenvatting)
        if self._map is not None:
            self._hold_or_write(analyse, samenvatting)
        elif self.formaat is Formaat.terminal and self.kort:
            from ..rapport.terminal import render_case_line

            render_case_line(samenvatting, self.stdout)
        elif self.formaat is Formaat.terminal:
            from ..rapport.terminal import render_terminal

            render_terminal(analyse, self.stdout, met_fouten=False)
        elif self.formaat is Formaat.json:
            self._json().add(analyse)  # streamed: memory stays flat in the number of cases
        else:
            scheiding = "\n---\n\n" if self._geschreven else ""
            sys.stdout.write(scheiding + render(analyse, self.formaat))
            self._geschreven += 1

    def _hold_or_write(self, analyse: Analyse, samenvatting: CasusSamenvatting) -> None:
        """The first report waits: only a second case makes an overview to link to."""
        if len(self.samenvattingen) == 1:
            self._wachtend = (analyse, samenvatting)
            return
        if self._wachtend is not None:
            eerste, eerste_samenvatting = self._wachtend
            self._wachtend = None
            self._reserve_overview()
            eerste_samenvatting.rapport = self._write(eerste)
        samenvatting.rapport = self._write(analyse)

    def _reserve_overview(self) -> None:
        """Claim the overview's name before any case can (a case with id 'overzicht')."""
        from ..rapport.uitvoer import UitvoerFout

        try:
            self._overzicht = self._map.path_for(OVERZICHT, EXTENSIES[self.formaat])
        except UitvoerFout as fout:
            self.error(str(fout))
            self.mislukt = True

    def _write(self, analyse: Analyse) -> str | None:
        from ..rapport.uitvoer import BestaatAl, UitvoerFout

        try:
            pad = self._map.path_for(analyse.casus.id, EXTENSIES[self.formaat])
            self._map.write(pad, self._render(analyse))
        except BestaatAl as fout:
            self.error(str(fout))
            self.mislukt = True
            self.rapporten_bestonden += 1
            return None
        except UitvoerFout as fout:
            self.error(str(fout))
            self.mislukt = True
            return None
        self.rapporten_geschreven += 1
        return pad.name

    def _render(self, analyse: Analyse) -> str:
        """A report for the output folder, linking back to the overview if there is one."""
        overzicht = self._overzicht.name if self._overzicht is not None else None
        if self.formaat is Formaat.markdown:
            from ..rapport.document import render_markdown

            return render_markdown(analyse, overzicht)
        if self.formaat is Formaat.html:
            from ..rapport.document import render_html

            return render_html(analyse, overzicht)
        return render(analyse, self.formaat)

    def _json(self, schrijf: Callable[[str], object] | None = None) -> JsonStroom:
        if self._stroom is None:
            self._stroom = JsonStroom(schrijf or self._schrijf_stdout)
        return self._stroom

    def _schrijf_stdout(self, tekst: str) -> None:
        sys.stdout.write(tekst)

    def finish(self, schrijf: Callable[[str], object] | None = None) -> None:
        """Write what was collected (JSON, Markdown to stdout), the overview and the key."""
        schrijf = schrijf or sys.stdout.write
        if self._map is None and self.formaat is Formaat.json:
            self._json(schrijf).close()
        if self._wachtend is not None:  # a single case: no overview, no link
            analyse, samenvatting = self._wachtend
            self._wachtend = None
            samenvatting.rapport = self._write(analyse)
        if self._map is not None and len(self.samenvattingen) > 1:
            self._write_overview()
        if self.sleutel:
            self._write_key()

    def _write_overview(self) -> None:
        from ..rapport.batchoverzicht import render_overview
        from ..rapport.uitvoer import BestaatAl, UitvoerFout

        if self._overzicht is None:
            return  # its name could not be claimed; already reported
        try:
            self._map.write(
                self._overzicht, render_overview(self.samenvattingen, self.formaat.value)
            )
        except (BestaatAl, UitvoerFout) as fout:
            self.error(str(fout))
            self.mislukt = True
            return
        self.stderr.file.write(f"overzicht: {clean(str(self._overzicht))}\n")

    def _write_key(self) -> None:
        """The key from pseudonym to file: only under --anoniem, only into --uit."""
        from ..rapport.uitvoer import BestaatAl, UitvoerFout

        if self._map is None or not self.anoniem:
            self.error("de sleutel van pseudoniem naar bestand hoort bij --anoniem en --uit MAP")
            self.mislukt = True
            return
        try:
            pad = self._map.path_for(SLEUTEL_NAAM, "csv")
            self._map.write(pad, self._sleutel.render())
        except (BestaatAl, UitvoerFout) as fout:
            self.error(str(fout))
            self.mislukt = True
            return
        self.stderr.file.write(
            f"sleutel (vertrouwelijk, deel hem niet met de rapporten): {clean(str(pad))}\n"
        )
