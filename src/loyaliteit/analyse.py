"""The whole pipeline for one case: load -> detect -> reason -> explain.

`Analysator` holds what is built once per process (the detector's compiled patterns
and the engine), so a batch pays for them once. The command line is a thin face over
`Analysator.analyse_file`; tests call the same functions.
"""

from __future__ import annotations

from pathlib import Path

from .anoniem import pseudonym_id, pseudonymise_analysis
from .casus import Casus, CasusFout, load_casus
from .fouten import display_path, printable
from .kennisbank import Kennisbank
from .redeneren import Derivation, Redeneerder
from .redeneren.compiler import case_facts
from .signalering import Detector, Finding, Status
from .uitleg import Analyse, explain
from .uitleg.bouw import Uitlegger
from .uitleg.model import BijnaMis, CasusInfo


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
        self.strata = self.redeneerder.strata

    def reason(self, casus: Casus) -> tuple[list[Finding], Derivation]:
        """Detect and run the engine: the findings and the engine's trace."""
        findings = self.detector.detect_text(casus.beschrijving)
        signalen = present_signals(findings, casus)
        signalen = {s: z for s, z in signalen.items() if s in self.kb.signalen}
        kenmerken = case_facts(casus.leerling, casus.gezinssituatie, casus.betrokkenen)
        return findings, self.redeneerder.run(signalen, kenmerken)

    def analyse(self, casus: Casus) -> Analyse:
        findings, derivation = self.reason(casus)
        fouten = self._unknown_signals(casus)
        analyse = explain(self.kb, casus, findings, derivation, fouten, self.strata)
        if casus.observaties:
            analyse.meldingen.append(
                f"{len(casus.observaties)} observatie(s) staan in de casus maar worden (nog) niet "
                "op signalen doorzocht; neem wat ertoe doet op in de beschrijving."
            )
        return analyse

    def why_not(self, casus: Casus, conclusie_id: str) -> BijnaMis | None:
        """Why a conclusion was not derived: its closest rule, also when nothing held."""
        findings, derivation = self.reason(casus)
        return Uitlegger(self.kb, casus, findings, derivation).near_miss(conclusie_id, False)

    def analyse_file(self, pad: Path, anoniem: bool = False, volgnummer: int = 1) -> Analyse:
        """Load and analyse one file; a file that cannot be read gives an `Analyse` with
        only `fouten`. With `anoniem`, names are replaced in the finished analysis."""
        try:
            casus = load_casus(pad)
        except CasusFout as fout:
            casus_id = pseudonym_id(volgnummer) if anoniem else printable(pad.stem)
            return Analyse(
                casus=CasusInfo(id=casus_id, bestand=None if anoniem else display_path(pad)),
                fouten=[str(f) for f in fout.fouten],
            )
        analyse = self.analyse(casus)
        return pseudonymise_analysis(analyse, casus, volgnummer) if anoniem else analyse

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
