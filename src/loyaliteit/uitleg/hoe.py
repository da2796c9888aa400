"""How: the derivation tree of every derived conclusion, from the engine's trace.

conclusion ← the rules that fired for it (with their explanation and source) ← their
premises (signals with their sentences, earlier conclusions with their own trees, the
parts of an `een_van`/`minstens` that held, case facts). Nothing is recomputed: every
firing comes from the engine's `Derivation`.
"""

from __future__ import annotations

from ..kennisbank import Kennisbank
from ..kennisbank.models import Soort
from ..oordeel import Beoordeling
from ..redeneren import FeitRef, Firing
from ..signalering import Status
from .uitkomst import (
    AdviesUitkomst,
    Bewijs,
    ConclusieUitkomst,
    Premisse,
    RegelToepassing,
    VraagUitkomst,
)
from .zekerheid import Zekerheden, certainty_word


def rounded(waarde: float) -> float:
    """Certainties as the reports show them: three decimals, never -0.0."""
    return round(waarde + 0.0, 3)


class Afleidingen:
    """The derivation trees of one analysis."""

    def __init__(self, kb: Kennisbank, beoordeling: Beoordeling, zekerheden: Zekerheden):
        self.kb = kb
        self.zekerheden = zekerheden
        gebruikt = zekerheden.signalen
        self.bewijs_per_signaal: dict[str, list[Bewijs]] = {}
        for finding in beoordeling.findings:
            if finding.status is Status.aanwezig and finding.signaal in gebruikt:
                self.bewijs_per_signaal.setdefault(finding.signaal, []).append(Bewijs.of(finding))
        for signaal_id in sorted(beoordeling.bevestigd):
            if beoordeling.confirmed_without_finding(signaal_id):
                self.bewijs_per_signaal[signaal_id] = [
                    Bewijs(signaal=signaal_id, zin="", begin=0, eind=0, status="bevestigd")
                ]

    def conclusions(self) -> list[ConclusieUitkomst]:
        """Every conclusion with a positive certainty, safety first, strongest first."""
        uitkomsten = []
        for conclusie_id in sorted(self.zekerheden.per_conclusie):
            zekerheid = self.zekerheden.conclusion(conclusie_id)
            if zekerheid > 0:
                uitkomsten.append(self._conclusion(conclusie_id, zekerheid))
        return sorted(uitkomsten, key=lambda c: (Soort(c.soort).volgorde, -c.zekerheid, c.id))

    def _conclusion(self, conclusie_id: str, zekerheid: float) -> ConclusieUitkomst:
        conclusie = self.kb.conclusies[conclusie_id]
        boom = self.rule_tree(conclusie_id)
        return ConclusieUitkomst(
            id=conclusie.id,
            soort=conclusie.soort.value,
            label=conclusie.label,
            zekerheid=rounded(zekerheid),
            zekerheid_woord=certainty_word(zekerheid),
            regels=sorted({t.regel for t in boom}),
            bewijs=self.evidence_of(boom),
            omschrijving=conclusie.omschrijving.strip(),
            advies=[
                AdviesUitkomst(tekst=a.tekst.strip(), bron=str(a.bron)) for a in conclusie.advies
            ],
            gespreksvragen=[v.vraag for v in conclusie.gespreksvragen],
            gesprek=[
                VraagUitkomst(vraag=v.vraag, voor=v.voor.value if v.voor else None)
                for v in conclusie.gespreksvragen
            ],
            bron=str(conclusie.bron),
            afleiding=boom,
        )

    def rule_tree(self, conclusie_id: str, bezocht: frozenset[str] = frozenset()) -> list:
        """The rules that fired for a conclusion, each with its premises (a conclusion
        already on the path is not expanded again)."""
        if conclusie_id in bezocht:
            return []
        bezocht = bezocht | {conclusie_id}
        firings = sorted(self.zekerheden.per_conclusie.get(conclusie_id, []), key=lambda f: f.regel)
        return [self.rule_application(f, bezocht) for f in firings]

    def rule_application(self, firing: Firing, bezocht: frozenset[str]) -> RegelToepassing:
        regel = self.kb.regels[firing.regel]
        return RegelToepassing(
            regel=regel.id,
            naam=regel.naam,
            uitleg=regel.uitleg.strip(),
            bron=str(regel.bron),
            zekerheid_regel=regel.zekerheid,
            bijdrage=rounded(self.zekerheden.contribution(firing)),
            premissen=[self.premise(feit, bezocht) for feit in firing.feiten],
        )

    def premise(self, feit: FeitRef, bezocht: frozenset[str]) -> Premisse:
        zekerheid = rounded(self.zekerheden.fact(feit))
        if feit.soort == "signaal":
            return Premisse(
                soort="signaal",
                id=feit.id,
                label=self.kb.signalen[feit.id].label,
                zekerheid=zekerheid,
                bewijs=self.bewijs_per_signaal.get(feit.id, []),
            )
        if feit.soort == "conclusie":
            return Premisse(
                soort="conclusie",
                id=feit.id,
                label=self.kb.conclusies[feit.id].label,
                zekerheid=zekerheid,
                regels=self.rule_tree(feit.id, bezocht),
            )
        if feit.soort == "deel":
            return self._helper_premise(feit, zekerheid, bezocht)
        return Premisse(
            soort="kenmerk", id=feit.id, label=f"{feit.id}: {feit.waarde}", zekerheid=zekerheid
        )

    def _helper_premise(self, feit: FeitRef, zekerheid: float, bezocht) -> Premisse:
        """An `een_van` or `minstens` node: the parts of it that held."""
        firings = sorted(self.zekerheden.per_knoop.get(feit.id, []), key=lambda f: f.optie)
        soort = firings[0].knoopsoort if firings else "een_van"
        label = f"minstens {firings[0].aantal} van deze" if soort == "minstens" else "een van deze"
        onderdelen = [self.premise(sub, bezocht) for firing in firings for sub in firing.feiten]
        return Premisse(
            soort=soort, id=feit.id, label=label, zekerheid=zekerheid, onderdelen=onderdelen
        )

    def evidence_of(self, toepassingen: list[RegelToepassing]) -> list[Bewijs]:
        """The sentences a conclusion finally rests on (through rules that contributed)."""
        gezien: dict[tuple[str, int, str], Bewijs] = {}

        def walk(premissen: list[Premisse]) -> None:
            for premisse in premissen:
                for bewijs in premisse.bewijs:
                    gezien.setdefault((bewijs.signaal, bewijs.begin, bewijs.status), bewijs)
                walk(premisse.onderdelen)
                for toepassing in premisse.regels:
                    if toepassing.bijdrage > 0:
                        walk(toepassing.premissen)

        for toepassing in toepassingen:
            if toepassing.bijdrage > 0:
                walk(toepassing.premissen)
        return sorted(gezien.values(), key=lambda b: (b.begin, b.signaal))
