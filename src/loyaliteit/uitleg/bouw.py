"""Explanation: Derivation + findings + knowledge base -> `Analyse`.

Everything about what fired comes from the engine's trace (`Derivation`); nothing is
recomputed. Only the near misses (why not) evaluate the rules that did *not* fire
against the facts at the end of the run.
"""

from __future__ import annotations

from ..casus import Casus
from ..kennisbank import Kennisbank
from ..kennisbank.models import Soort
from ..redeneren import Derivation, FeitRef, Firing
from ..redeneren.evaluatie import Toestand, evaluate, fixpoint
from ..signalering import Finding, Status
from .model import (
    Advies,
    Analyse,
    Bewijs,
    BijnaMis,
    CasusInfo,
    ConclusieUitkomst,
    Premisse,
    RegelToepassing,
    SignaalUitkomst,
)
from .zekerheid import Zekerheden, certainty_word

_SOORT_VOLGORDE = {
    Soort.veiligheid: 0,
    Soort.classificatie: 1,
    Soort.beschermend: 2,
    Soort.patroon: 3,
}


def _round(waarde: float) -> float:
    return round(waarde + 0.0, 3)


class Uitlegger:
    def __init__(
        self,
        kb: Kennisbank,
        casus: Casus,
        findings: list[Finding],
        derivation: Derivation,
    ):
        self.kb = kb
        self.casus = casus
        self.derivation = derivation
        self.zekerheden = Zekerheden(derivation, {r.id: r.zekerheid for r in kb.regels.values()})
        self.bewijs_per_signaal: dict[str, list[Bewijs]] = {}
        for finding in findings:
            if finding.status is Status.aanwezig and finding.signaal in derivation.signalen:
                self.bewijs_per_signaal.setdefault(finding.signaal, []).append(_evidence(finding))
        for signaal_id in casus.signalen.bevestigd:
            if signaal_id not in self.bewijs_per_signaal:
                self.bewijs_per_signaal[signaal_id] = [
                    Bewijs(signaal=signaal_id, zin="", begin=0, eind=0, status="bevestigd")
                ]

    # --- how --------------------------------------------------------------------

    def rule_application(self, firing: Firing, bezocht: frozenset[str]) -> RegelToepassing:
        regel = self.kb.regels[firing.regel]
        return RegelToepassing(
            regel=regel.id,
            naam=regel.naam,
            uitleg=regel.uitleg.strip(),
            bron=str(regel.bron),
            zekerheid_regel=regel.zekerheid,
            bijdrage=_round(self.zekerheden.contribution(firing)),
            premissen=[self.premise(feit, bezocht) for feit in firing.feiten],
        )

    def premise(self, feit: FeitRef, bezocht: frozenset[str]) -> Premisse:
        zekerheid = _round(self.zekerheden.fact(feit))
        if feit.soort == "signaal":
            signaal = self.kb.signalen[feit.id]
            return Premisse(
                soort="signaal",
                id=feit.id,
                label=signaal.label,
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
            firings = sorted(self.zekerheden.per_knoop.get(feit.id, []), key=lambda f: f.optie)
            soort = firings[0].knoopsoort if firings else "een_van"
            label = (
                f"minstens {firings[0].aantal} van deze" if soort == "minstens" else "een van deze"
            )
            onderdelen = [self.premise(sub, bezocht) for firing in firings for sub in firing.feiten]
            return Premisse(
                soort=soort, id=feit.id, label=label, zekerheid=zekerheid, onderdelen=onderdelen
            )
        return Premisse(
            soort="kenmerk", id=feit.id, label=f"{feit.id}: {feit.waarde}", zekerheid=zekerheid
        )

    def rule_tree(self, conclusie_id: str, bezocht: frozenset[str] = frozenset()) -> list:
        if conclusie_id in bezocht:
            return []
        bezocht = bezocht | {conclusie_id}
        firings = sorted(self.zekerheden.per_conclusie.get(conclusie_id, []), key=lambda f: f.regel)
        return [self.rule_application(f, bezocht) for f in firings]

    def evidence_of(self, toepassingen: list[RegelToepassing]) -> list[Bewijs]:
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

    def conclusions(self) -> list[ConclusieUitkomst]:
        uitkomsten = []
        for conclusie_id in sorted(self.zekerheden.per_conclusie):
            zekerheid = self.zekerheden.conclusion(conclusie_id)
            if zekerheid <= 0:
                continue
            conclusie = self.kb.conclusies[conclusie_id]
            boom = self.rule_tree(conclusie_id)
            uitkomsten.append(
                ConclusieUitkomst(
                    id=conclusie.id,
                    soort=conclusie.soort.value,
                    label=conclusie.label,
                    zekerheid=_round(zekerheid),
                    zekerheid_woord=certainty_word(zekerheid),
                    regels=sorted({t.regel for t in boom}),
                    bewijs=self.evidence_of(boom),
                    omschrijving=conclusie.omschrijving.strip(),
                    advies=[
                        Advies(tekst=a.tekst.strip(), bron=str(a.bron)) for a in conclusie.advies
                    ],
                    gespreksvragen=conclusie.gespreksvragen,
                    bron=str(conclusie.bron),
                    afleiding=boom,
                )
            )
        return sorted(
            uitkomsten,
            key=lambda c: (_SOORT_VOLGORDE[Soort(c.soort)], -c.zekerheid, c.id),
        )

    # --- why not ----------------------------------------------------------------

    def _toestand(self) -> Toestand:
        """The facts at the end of the run, as the report shows them: a conclusion that
        counter-evidence brought to zero or below does not count as derived."""
        afgeleid = {c for c in self.derivation.afgeleid if self.zekerheden.conclusion(c) > 0}
        return Toestand(set(self.derivation.signalen), afgeleid, self.derivation.kenmerken)

    def _outweighed(self, conclusie_id: str) -> BijnaMis | None:
        """A conclusion whose rules fired but whose counter-evidence weighed more (from the trace)."""
        firings = self.zekerheden.per_conclusie.get(conclusie_id, [])
        positief = [f for f in firings if self.zekerheden.contribution(f) > 0]
        negatief = sorted({f.regel for f in firings if self.zekerheden.contribution(f) < 0})
        if not positief or not negatief:
            return None
        regel = min(positief, key=lambda f: f.regel)
        aanwezig = [feit.id for feit in regel.feiten]
        return BijnaMis(
            id=conclusie_id,
            label=self.kb.conclusies[conclusie_id].label,
            regel=regel.regel,
            aanwezig=aanwezig,
            ontbrekend=[],
            vragen=[],
            score=1.0,
            labels=self._labels([*aanwezig, *negatief]),
            tegenbewijs=negatief,
        )

    def near_miss(self, conclusie_id: str, alleen_dichtbij: bool = True) -> BijnaMis | None:
        """The rule for this conclusion that came closest to firing, and what it lacked."""
        opgeheven = self._outweighed(conclusie_id)
        if opgeheven is not None:
            return opgeheven
        toestand = self._toestand()
        beste = None
        for regel in self.kb.rules_for(conclusie_id):
            if regel.zekerheid <= 0:
                continue
            evaluatie = evaluate(regel.als, toestand)
            if beste is None or evaluatie.score > beste[1].score:
                beste = (regel, evaluatie)
        if beste is None or (alleen_dichtbij and not beste[1].aanwezig):
            return None
        regel, evaluatie = beste
        return BijnaMis(
            id=conclusie_id,
            label=self.kb.conclusies[conclusie_id].label,
            regel=regel.id,
            aanwezig=evaluatie.aanwezig,
            ontbrekend=evaluatie.ontbrekend,
            vragen=self.questions_for(evaluatie.ontbrekend, toestand),
            score=_round(evaluatie.score),
            labels=self._labels([*evaluatie.aanwezig, *evaluatie.ontbrekend]),
        )

    def _labels(self, ids: list[str]) -> dict[str, str]:
        labels = {}
        for naam in ids:
            if naam in self.kb.signalen:
                labels[naam] = self.kb.signalen[naam].label
            elif naam in self.kb.conclusies:
                labels[naam] = self.kb.conclusies[naam].label
        return labels

    def near_misses(self, afgeleid: set[str]) -> list[BijnaMis]:
        """Every classification (and safety conclusion) not derived, of which at least one
        premise held, closest first."""
        bijna = [
            self.near_miss(c.id)
            for c in self.kb.conclusies.values()
            if c.soort in (Soort.classificatie, Soort.veiligheid) and c.id not in afgeleid
        ]
        return sorted((b for b in bijna if b), key=lambda b: (-b.score, b.id))

    def questions_for(
        self, ontbrekend: list[str], toestand: Toestand, diepte: int = 0
    ) -> list[str]:
        vragen: list[str] = []
        for naam in ontbrekend:
            if naam in self.kb.signalen:
                vragen.append(self.kb.signalen[naam].vraag)
            elif naam in self.kb.conclusies and diepte < 2:
                for regel in self.kb.rules_for(naam):
                    if regel.zekerheid > 0:
                        sub = evaluate(regel.als, toestand)
                        vragen.extend(self.questions_for(sub.ontbrekend, toestand, diepte + 1))
        return list(dict.fromkeys(vragen))

    # --- what if ----------------------------------------------------------------

    def critical_signals(self, conclusie: ConclusieUitkomst, strata: dict[str, int]) -> list[str]:
        """The signals of a conclusion's evidence without which it would not be derived.

        Checked with the plain evaluator over the same rules (leaving one signal out at a
        time), which is fast enough to ask for every signal of every classification.
        """
        signalen = set(self.derivation.signalen)
        kritiek = []
        for signaal_id in sorted({b.signaal for b in conclusie.bewijs}):
            zonder = fixpoint(self.kb, signalen - {signaal_id}, self.derivation.kenmerken, strata)
            if conclusie.id not in zonder:
                kritiek.append(signaal_id)
        return kritiek


def signal_overview(
    kb: Kennisbank, casus: Casus, findings: list[Finding], gebruikt: dict[str, float]
) -> list[SignaalUitkomst]:
    per_signaal: dict[str, list[Finding]] = {}
    for finding in findings:
        per_signaal.setdefault(finding.signaal, []).append(finding)
    ids = set(per_signaal) | set(casus.signalen.bevestigd) | set(casus.signalen.verworpen)
    uitkomsten = []
    for signaal_id in sorted(i for i in ids if i in kb.signalen):
        signaal = kb.signalen[signaal_id]
        eigen = per_signaal.get(signaal_id, [])
        if signaal_id in casus.signalen.verworpen:
            status = "verworpen"
        elif signaal_id in casus.signalen.bevestigd:
            status = "bevestigd"
        elif any(f.status is Status.aanwezig for f in eigen):
            status = "aanwezig"
        else:
            status = eigen[0].status.value
        uitkomsten.append(
            SignaalUitkomst(
                id=signaal_id,
                label=signaal.label,
                wie=signaal.wie.value,
                status=status,
                gebruikt=signaal_id in gebruikt,
                zekerheid=_round(gebruikt.get(signaal_id, 0.0)),
                bewijs=[_evidence(f) for f in eigen],
            )
        )
    return uitkomsten


def _evidence(finding: Finding) -> Bewijs:
    return Bewijs(
        signaal=finding.signaal,
        zin=finding.zin,
        begin=finding.begin,
        eind=finding.eind,
        status=finding.status.value,
        woorden=finding.woorden,
        woord_posities=finding.woord_posities,
        reden=finding.reden,
    )


def explain(
    kb: Kennisbank,
    casus: Casus,
    findings: list[Finding],
    derivation: Derivation,
    fouten: list[str],
    strata: dict[str, int] | None = None,
) -> Analyse:
    uitlegger = Uitlegger(kb, casus, findings, derivation)
    conclusies = uitlegger.conclusions()
    if strata is not None:
        for conclusie in conclusies:
            if conclusie.soort != Soort.patroon.value:
                conclusie.hangt_af_van = uitlegger.critical_signals(conclusie, strata)
    return Analyse(
        casus=CasusInfo(
            id=casus.id, bestand=casus.bestand, titel=casus.titel, beschrijving=casus.beschrijving
        ),
        fouten=fouten,
        conclusies=conclusies,
        bijna=uitlegger.near_misses({c.id for c in conclusies}),
        signalen=signal_overview(kb, casus, findings, derivation.signalen),
    )
