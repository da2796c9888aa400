"""The signals of a case as the report lists them: used, or considered and set aside."""

from __future__ import annotations

from ..kennisbank import Kennisbank
from ..oordeel import Beoordeling
from .hoe import rounded
from .uitkomst import Bewijs, SignaalUitkomst


def signal_overview(kb: Kennisbank, beoordeling: Beoordeling) -> list[SignaalUitkomst]:
    """Every signal that detection or the professional named, sorted by id."""
    gebruikt = beoordeling.aanwezig
    uitkomsten = []
    for signaal_id in sorted(i for i in beoordeling.mentioned() if i in kb.signalen):
        signaal = kb.signalen[signaal_id]
        uitkomsten.append(
            SignaalUitkomst(
                id=signaal_id,
                label=signaal.label,
                wie=signaal.wie.value,
                status=beoordeling.status(signaal_id),
                gebruikt=signaal_id in gebruikt,
                zekerheid=rounded(gebruikt.get(signaal_id, 0.0)),
                bewijs=[Bewijs.of(f) for f in beoordeling.findings if f.signaal == signaal_id],
            )
        )
    return uitkomsten
