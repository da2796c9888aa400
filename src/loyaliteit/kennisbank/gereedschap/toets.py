"""Run the knowledge base's own examples, like a test runner (`kennisbank toets`).

A rule's `voorbeelden.wel` must make that rule fire, its `voorbeelden.niet` must
not; a signal's `voorbeelden.wel` sentences must be detected as present and its
`niet` sentences must not. Cases with `verwacht` can be checked too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ...analyse import analyse, compiled, reason
from ...casus import Casus, CasusFout, find_case_files, load_casus
from ...redeneren.evaluatie import Toestand, evaluate
from ...signalering import Status
from .. import Kennisbank
from ..models import Regel, Signaal, VoorbeeldCasus


def missing_example_kinds(regel: Regel) -> str | None:
    """A rule needs at least one example that must fire and one that must not: they are
    its definition and its test (the lint reports the same as an error)."""
    if not regel.voorbeelden.wel and not regel.voorbeelden.niet:
        return "heeft minstens één voorbeeld nodig dat moet vuren (wel) en één dat niet mag (niet)"
    if not regel.voorbeelden.wel:
        return "geen voorbeeld dat moet vuren (wel)"
    if not regel.voorbeelden.niet:
        return "geen voorbeeld dat niet mag vuren (niet)"
    return None


@dataclass
class Toetsuitslag:
    """The result for one rule, signal or case."""

    soort: str  # regel | signaal | casus
    id: str
    geslaagd: int = 0
    fouten: list[str] = field(default_factory=list)
    eenheid: str = "voorbeelden"
    toelichting: str | None = None  # counts shown beside the result
    opmerkingen: list[str] = field(default_factory=list)  # wrong, but within the bar

    @property
    def ok(self) -> bool:
        return not self.fouten


MIN_HERKEND = 0.8  # of a signal's `wel` examples the trained detector must find
MAX_VALS = 0.2  # of its near misses it may (wrongly) give


def _explain_miss(soort: str, index: int, tekst: str, vondsten) -> str:
    if soort == "niet":
        return f"zin niet[{index}] «{_short(tekst)}» gaf het signaal toch (woorden: {', '.join(vondsten[0].woorden)})"
    if vondsten:
        return f"zin wel[{index}] «{_short(tekst)}»: gevonden als {vondsten[0].status.value} ({vondsten[0].reden})"
    return f"zin wel[{index}] «{_short(tekst)}»: niet herkend"


def _short(tekst: str, lengte: int = 160) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


class Toetser:
    def __init__(self, kb: Kennisbank):
        self.kb = kb

    def _run_example(self, regel: Regel, voorbeeld: VoorbeeldCasus, naam: str):
        casus = Casus(id=naam, **voorbeeld.model_dump())
        _, derivation = reason(casus, self.kb)
        gevuurd = any(f.regel == regel.id and f.knoop is None for f in derivation.firings)
        toestand = Toestand(
            set(derivation.signalen), set(derivation.afgeleid), derivation.kenmerken
        )
        return gevuurd, evaluate(regel.als, toestand)

    def test_rule(self, regel: Regel) -> Toetsuitslag:
        uitslag = Toetsuitslag("regel", regel.id)
        ontbreekt = missing_example_kinds(regel)
        if ontbreekt:
            uitslag.fouten.append(ontbreekt)
        for soort, moet_vuren in (("wel", True), ("niet", False)):
            for index, voorbeeld in enumerate(getattr(regel.voorbeelden, soort)):
                gevuurd, evaluatie = self._run_example(
                    regel, voorbeeld, f"{regel.id}#{soort}{index}"
                )
                if gevuurd == moet_vuren:
                    uitslag.geslaagd += 1
                    continue
                kop = f"voorbeeld {soort}[{index}] «{_short(voorbeeld.beschrijving)}»"
                if moet_vuren:
                    uitslag.fouten.append(
                        f"{kop} vuurde niet. Wel aanwezig: {', '.join(evaluatie.aanwezig) or '—'}. "
                        f"Ontbrekend: {', '.join(evaluatie.ontbrekend) or '—'}."
                    )
                else:
                    uitslag.fouten.append(
                        f"{kop} vuurde, maar mocht niet. Aanwezig: {', '.join(evaluatie.aanwezig)}."
                    )
        return uitslag

    def test_signal(self, signaal: Signaal) -> Toetsuitslag:
        """The trained detector on the signal's own examples: it must find the signal in
        at least MIN_HERKEND of its `wel` sentences and in at most MAX_VALS of its near
        misses; the sentences it gets wrong are named either way."""
        uitslag = Toetsuitslag("signaal", signaal.id, eenheid="zinnen")
        detector = compiled(self.kb).detector
        missers, vals = [], []
        for soort, moet, lijst in (("wel", True, missers), ("niet", False, vals)):
            for index, voorbeeld in enumerate(getattr(signaal.voorbeelden, soort)):
                vondsten = [
                    f for f in detector.detect_text(voorbeeld.tekst) if f.signaal == signaal.id
                ]
                aanwezig = any(f.status is Status.aanwezig for f in vondsten)
                if aanwezig == moet:
                    uitslag.geslaagd += 1
                else:
                    lijst.append(_explain_miss(soort, index, voorbeeld.tekst, vondsten))
        wel, niet = len(signaal.voorbeelden.wel), len(signaal.voorbeelden.niet)
        uitslag.toelichting = (
            f"{wel - len(missers)} van {wel} wel herkend, {len(vals)} van {niet} bijna gaf het toch"
        )
        if not wel or len(missers) > (1 - MIN_HERKEND) * wel or len(vals) > MAX_VALS * niet:
            uitslag.fouten += missers + vals
        else:
            uitslag.opmerkingen += missers + vals
        return uitslag

    def test_case(self, casus: Casus) -> Toetsuitslag:
        uitslag = Toetsuitslag("casus", casus.bestand or casus.id, eenheid="verwachtingen")
        if casus.verwacht is None:
            return uitslag
        resultaat = analyse(casus, self.kb)
        uitslag.fouten += resultaat.fouten  # unknown signals or conclusions, with their line
        afgeleid = {c.id for c in resultaat.conclusies}
        for conclusie_id in casus.verwacht.wel:
            if conclusie_id in afgeleid:
                uitslag.geslaagd += 1
            else:
                bijna = next((b for b in resultaat.bijna if b.id == conclusie_id), None)
                extra = f" (ontbrekend: {', '.join(bijna.ontbrekend)})" if bijna else ""
                uitslag.fouten.append(f"verwacht '{conclusie_id}', niet afgeleid{extra}")
        for conclusie_id in casus.verwacht.niet:
            if conclusie_id in afgeleid:
                uitslag.fouten.append(f"'{conclusie_id}' afgeleid, maar dat mocht niet")
            else:
                uitslag.geslaagd += 1
        return uitslag

    def rules(self, regel_id: str | None = None) -> Iterator[Toetsuitslag]:
        for regel in self.kb.regels.values():
            if regel_id is None or regel.id == regel_id:
                yield self.test_rule(regel)

    def signals(self, signaal_id: str | None = None) -> Iterator[Toetsuitslag]:
        for signaal in self.kb.signalen.values():
            if signaal_id is None or signaal.id == signaal_id:
                yield self.test_signal(signaal)

    def cases(self, map_: Path) -> Iterator[Toetsuitslag]:
        bestanden, fouten = find_case_files([map_])
        for fout in fouten:
            yield Toetsuitslag("casus", fout.bestand, fouten=[fout.bericht])
        for pad in bestanden:
            try:
                casus = load_casus(pad)
            except CasusFout as fout:
                yield Toetsuitslag("casus", fout.bestand, fouten=[str(f) for f in fout.fouten])
                continue
            if casus.verwacht is not None:
                yield self.test_case(casus)
