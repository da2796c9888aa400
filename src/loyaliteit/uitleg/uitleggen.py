"""Explanation: the engine's trace and the judged signals -> one `Analyse`.

Everything about what fired comes from the engine's trace (`Derivation`); certainty is
computed over it afterwards. How (`hoe`), why not (`waarom_niet`) and what if
(`wat_als`) each have their own module; this one puts them together.
"""

from __future__ import annotations

from ..kennisbank import Kennisbank
from ..kennisbank.models import Soort
from ..oordeel import Beoordeling
from ..redeneren import Derivation
from .hoe import Afleidingen
from .signalen import signal_overview
from .uitkomst import Analyse, CasusInfo
from .waarom_niet import WaaromNiet
from .wat_als import critical_signals
from .zekerheid import Zekerheden

# Why advice that follows the parents' wish gives way when the child may be unsafe
# (loyaliteit_hierarchie, Hiërarchie: only where a child must be protected may others
# take over the parents' responsibility).
VEILIGHEID_GAAT_VOOR = (
    "Het kind is mogelijk niet veilig. Dit advies gaat uit van de wens of de regie van de "
    "ouders; bescherming gaat voor en kan vragen om te handelen zonder de ouders eerst te "
    "betrekken. Volg eerst de stappen van de meldcode (bron: loyaliteit_hierarchie, Hiërarchie)."
)


def mark_subordinate_to_safety(kb: Kennisbank, conclusies: list) -> None:
    """When a safety conclusion is derived, advice that defers to the parents is marked as
    subordinate to the child's safety (never hidden: it stays, with the reason)."""
    if not any(c.soort == Soort.veiligheid.value for c in conclusies):
        return
    for conclusie in conclusies:
        if kb.conclusies[conclusie.id].wijkt_voor_veiligheid:
            conclusie.ondergeschikt_aan_veiligheid = VEILIGHEID_GAAT_VOOR


def explain(
    kb: Kennisbank,
    casus: CasusInfo,
    beoordeling: Beoordeling,
    derivation: Derivation,
    strata: dict[str, int],
    waarom_niet: tuple[str, ...] = (),
) -> Analyse:
    """The whole analysis of one case. `waarom_niet` names conclusions whose closest
    rule must be reported even when nothing of it held (for `loyaliteit uitleg`)."""
    zekerheden = Zekerheden(derivation, {r.id: r.zekerheid for r in kb.regels.values()})
    conclusies = Afleidingen(kb, beoordeling, zekerheden).conclusions()
    for conclusie in conclusies:
        if conclusie.soort != Soort.patroon.value:
            conclusie.hangt_af_van = critical_signals(kb, derivation, conclusie, strata)
    mark_subordinate_to_safety(kb, conclusies)
    afgeleid = {c.id for c in conclusies}
    redenering = WaaromNiet(kb, derivation, zekerheden)
    bijna = redenering.near_misses(afgeleid)
    for conclusie_id in waarom_niet:
        if conclusie_id not in afgeleid and all(b.id != conclusie_id for b in bijna):
            ver = redenering.near_miss(conclusie_id, alleen_dichtbij=False)
            if ver is not None:
                bijna.append(ver)
    return Analyse(
        casus=casus,
        conclusies=conclusies,
        bijna=bijna,
        signalen=signal_overview(kb, beoordeling),
    )
