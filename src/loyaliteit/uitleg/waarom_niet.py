"""Why not: for a conclusion that was not derived, the rule that came closest.

The plain evaluator judges the rules that did *not* fire against the facts at the end
of the run: which premises held, which were missing, and the question behind each
missing signal. A rule that did fire but was outweighed by counter-evidence is named as
such, from the trace.
"""

from __future__ import annotations

from ..kennisbank import Kennisbank
from ..kennisbank.models import Soort
from ..redeneren import Derivation
from ..redeneren.evaluatie import Toestand, evaluate
from .hoe import rounded
from .uitkomst import BijnaMis, VraagUitkomst
from .zekerheid import Zekerheden


class WaaromNiet:
    def __init__(self, kb: Kennisbank, derivation: Derivation, zekerheden: Zekerheden):
        self.kb = kb
        self.zekerheden = zekerheden
        # the facts at the end of the run, as the report shows them: a conclusion that
        # counter-evidence brought to zero or below does not count as derived
        afgeleid = {c for c in derivation.afgeleid if zekerheden.conclusion(c) > 0}
        self.toestand = Toestand(set(derivation.signalen), afgeleid, derivation.kenmerken)

    def near_misses(self, afgeleid: set[str]) -> list[BijnaMis]:
        """Every classification (and safety conclusion) not derived, of which at least one
        premise held, closest first."""
        bijna = [
            self.near_miss(c.id)
            for c in self.kb.conclusies.values()
            if c.soort in (Soort.classificatie, Soort.veiligheid) and c.id not in afgeleid
        ]
        return sorted((b for b in bijna if b), key=lambda b: (-b.score, b.id))

    def near_miss(self, conclusie_id: str, alleen_dichtbij: bool = True) -> BijnaMis | None:
        """The rule for this conclusion that came closest to firing, and what it lacked."""
        opgeheven = self._outweighed(conclusie_id)
        if opgeheven is not None:
            return opgeheven
        beste = None
        for regel in self.kb.rules_for(conclusie_id):
            if regel.zekerheid <= 0:
                continue
            evaluatie = evaluate(regel.als, self.toestand)
            if beste is None or evaluatie.score > beste[1].score:
                beste = (regel, evaluatie)
        if beste is None or (alleen_dichtbij and not beste[1].aanwezig):
            return None
        regel, evaluatie = beste
        gesprek = self.questions_for(evaluatie.ontbrekend)
        return BijnaMis(
            id=conclusie_id,
            label=self.kb.conclusies[conclusie_id].label,
            regel=regel.id,
            aanwezig=evaluatie.aanwezig,
            ontbrekend=evaluatie.ontbrekend,
            vragen=[v.vraag for v in gesprek],
            gesprek=gesprek,
            score=rounded(evaluatie.score),
            labels=self._labels([*evaluatie.aanwezig, *evaluatie.ontbrekend]),
        )

    def _outweighed(self, conclusie_id: str) -> BijnaMis | None:
        """A conclusion whose rules fired but whose counter-evidence weighed more."""
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

    def questions_for(self, ontbrekend: list[str], diepte: int = 0) -> list[VraagUitkomst]:
        """The question of every missing signal (each once); a missing conclusion is
        followed into its own rules (two levels deep at most)."""
        vragen: dict[str, VraagUitkomst] = {}
        for naam in ontbrekend:
            if naam in self.kb.signalen:
                signaal = self.kb.signalen[naam]
                vragen.setdefault(
                    signaal.vraag, VraagUitkomst(vraag=signaal.vraag, voor=signaal.vraag_voor.value)
                )
            elif naam in self.kb.conclusies and diepte < 2:
                for regel in self.kb.rules_for(naam):
                    if regel.zekerheid > 0:
                        sub = evaluate(regel.als, self.toestand)
                        for vraag in self.questions_for(sub.ontbrekend, diepte + 1):
                            vragen.setdefault(vraag.vraag, vraag)
        return list(vragen.values())

    def _labels(self, ids: list[str]) -> dict[str, str]:
        labels = {}
        for naam in ids:
            if naam in self.kb.signalen:
                labels[naam] = self.kb.signalen[naam].label
            elif naam in self.kb.conclusies:
                labels[naam] = self.kb.conclusies[naam].label
        return labels
