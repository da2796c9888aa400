"""The pipeline: one case and a knowledge base in, one `Analyse` out.

    Casus ─detect─▶ [Finding] ─judge─▶ Beoordeling ─reason─▶ Derivation ─explain─▶ Analyse

`analyse()` is the only way to analyse: the command, the batch, `uitleg`, the
knowledge-base tests and the tests call it. What is derived from a knowledge base once
(the detector's compiled patterns, the engine) is kept on the knowledge base object,
so many cases pay for it once.
"""

from __future__ import annotations

from dataclasses import dataclass

from .basis import SignaalOordeel
from .casus import Casus
from .casus.model import unknown_references
from .kennisbank import Kennisbank
from .oordeel import Beoordeling, judge
from .redeneren import Derivation, Redeneerder
from .redeneren.compiler import case_facts
from .signalering import Detector, detector_for
from .uitleg import Analyse, explain
from .uitleg.uitkomst import CasusInfo

OBSERVATIES_NIET_DOORZOCHT = (
    "{aantal} observatie(s) staan in de casus maar worden (nog) niet op signalen doorzocht; "
    "neem wat ertoe doet op in de beschrijving."
)


@dataclass
class Gecompileerd:
    """What the pipeline derives from a knowledge base once."""

    detector: Detector
    redeneerder: Redeneerder


def compiled(kb: Kennisbank) -> Gecompileerd:
    """The compiled detector and engine of a knowledge base, built on first use."""
    if kb.gecompileerd is None:
        kb.gecompileerd = Gecompileerd(detector_for(kb), Redeneerder(kb))
    return kb.gecompileerd


def reason(
    casus: Casus, kb: Kennisbank, oordeel: SignaalOordeel | None = None
) -> tuple[Beoordeling, Derivation]:
    """Detect, judge and run the engine: the judged signals and the engine's trace."""
    onderdelen = compiled(kb)
    findings = onderdelen.detector.detect_text(casus.beschrijving)
    beoordeling = judge(findings, oordeel or casus.signalen, set(kb.signalen))
    kenmerken = case_facts(casus.leerling, casus.gezinssituatie, casus.betrokkenen)
    return beoordeling, onderdelen.redeneerder.run(beoordeling.aanwezig, kenmerken)


def analyse(
    casus: Casus,
    kennisbank: Kennisbank,
    oordeel: SignaalOordeel | None = None,
    waarom_niet: tuple[str, ...] = (),
) -> Analyse:
    """Analyse one case. `oordeel` is the professional's judgement of the signals
    (default: the case's own `signalen:`); `waarom_niet` names conclusions whose closest
    rule is reported even when nothing of it held."""
    beoordeling, derivation = reason(casus, kennisbank, oordeel)
    resultaat = explain(
        kennisbank,
        CasusInfo(
            id=casus.id, bestand=casus.bestand, titel=casus.titel, beschrijving=casus.beschrijving
        ),
        beoordeling,
        derivation,
        compiled(kennisbank).redeneerder.strata,
        waarom_niet,
    )
    if oordeel is None:
        resultaat.fouten = [
            str(fout)
            for fout in unknown_references(casus, kennisbank.signalen, kennisbank.conclusies)
        ]
    else:
        bron = casus.bestand or casus.id
        resultaat.fouten = [
            f"{bron} (sleutel 'signalen.{soort}'): onbekend signaal '{signaal_id}'"
            for soort, signaal_id in beoordeling.onbekend
        ]
    if casus.observaties:
        resultaat.meldingen.append(OBSERVATIES_NIET_DOORZOCHT.format(aantal=len(casus.observaties)))
    return resultaat
