"""The whole pipeline for one case: load -> detect -> reason -> explain.

`Analysator` holds what is built once per process (the detector's compiled patterns
and the engine), so a batch pays for them once. The command line is a thin face over
`Analysator.analyse_file`; tests call the same functions.
"""

from __future__ import annotations

from pathlib import Path

from .casus import Casus, CasusFout, load_casus
from .fouten import display_path
from .kennisbank import Kennisbank
from .redeneren import Redeneerder
from .redeneren.compiler import case_facts
from .signalering import Detector, Finding, Status
from .uitleg import Analyse, explain
from .uitleg.model import CasusInfo


def present_signals(findings: list[Finding], casus: Casus) -> dict[str, float]:
    """Signals that go into the engine, with their certainty; the professional wins."""
    aanwezig: dict[str, float] = {}
    for finding in findings:
        if finding.status is Status.aanwezig:
            aanwezig[finding.signaal] = max(aanwezig.get(finding.signaal, 0.0), finding.zekerheid)
    for signaal_id in casus.signalen.verworpen:
        aanwezig.pop(signaal_id, None)
    for signaal_id in casus.signalen.bevestigd:
        if signaal_id not in casus.signalen.verworpen:
            aanwezig[signaal_id] = 1.0
    return aanwezig


class Analysator:
    def __init__(self, kb: Kennisbank):
        self.kb = kb
        self.detector = Detector(kb)
        self.redeneerder = Redeneerder(kb)

    def analyse(self, casus: Casus) -> Analyse:
        fouten = self._unknown_signals(casus)
        findings = self.detector.detect_text(casus.beschrijving)
        signalen = present_signals(findings, casus)
        signalen = {s: z for s, z in signalen.items() if s in self.kb.signalen}
        kenmerken = case_facts(casus.leerling, casus.gezinssituatie, casus.betrokkenen)
        derivation = self.redeneerder.run(signalen, kenmerken)
        return explain(self.kb, casus, findings, derivation, fouten)

    def analyse_file(self, pad: Path) -> Analyse:
        try:
            casus = load_casus(pad)
        except CasusFout as fout:
            return Analyse(
                casus=CasusInfo(id=pad.stem, bestand=display_path(pad)),
                fouten=[str(f) for f in fout.fouten],
            )
        return self.analyse(casus)

    def _unknown_signals(self, casus: Casus) -> list[str]:
        return [
            f"{casus.bestand or casus.id} (sleutel 'signalen.{soort}'): onbekend signaal '{s}'"
            for soort in ("bevestigd", "verworpen")
            for s in getattr(casus.signalen, soort)
            if s not in self.kb.signalen
        ]


def analyse(casus: Casus, kb: Kennisbank) -> Analyse:
    """Analyse one case (builds the engine; use `Analysator` for many cases)."""
    return Analysator(kb).analyse(casus)
