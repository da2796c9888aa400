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
