"""The professional's judgement over the detected signals, applied in this one place.

`signalen: bevestigd / verworpen` in a case always win over detection: a rejected signal
is never used, a confirmed one counts with certainty 1 (DESIGN §3). Every later stage
reads the judged signals from `Beoordeling` and never looks at the judgement itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .basis import SignaalOordeel
from .signalering import Finding, Status

BEVESTIGD = "bevestigd"
VERWORPEN = "verworpen"


@dataclass(frozen=True)
class Beoordeling:
    """What detection found, judged: which signals go into the reasoning, and why."""

    findings: tuple[Finding, ...]
    bevestigd: frozenset[str]
    verworpen: frozenset[str]
    aanwezig: dict[str, float] = field(default_factory=dict)  # signal -> certainty, sorted
    onbekend: tuple[tuple[str, str], ...] = ()  # (bevestigd|verworpen, id) not in the kb

    def status(self, signaal_id: str) -> str:
        """How the report names a signal: the judgement first, else what detection saw."""
        if signaal_id in self.verworpen:
            return VERWORPEN
        if signaal_id in self.bevestigd:
            return BEVESTIGD
        eigen = [f for f in self.findings if f.signaal == signaal_id]
        if any(f.status is Status.aanwezig for f in eigen):
            return Status.aanwezig.value
        return eigen[0].status.value

    def confirmed_without_finding(self, signaal_id: str) -> bool:
        """A confirmed signal that detection did not see present: its evidence is the
        professional's word, not a sentence."""
        return signaal_id in self.bevestigd and not any(
            f.signaal == signaal_id and f.status is Status.aanwezig for f in self.findings
        )

    def mentioned(self) -> set[str]:
        """Every signal the findings or the judgement name."""
        return {f.signaal for f in self.findings} | self.bevestigd | self.verworpen


def judge(findings: list[Finding], oordeel: SignaalOordeel, bekend: set[str]) -> Beoordeling:
    """Apply the professional's judgement to the findings; `bekend` are the signal ids of
    the knowledge base (an unknown id in the judgement is reported, never used)."""
    verworpen = frozenset(oordeel.verworpen)
    bevestigd = frozenset(oordeel.bevestigd)
    aanwezig: dict[str, float] = {}
    for finding in findings:
        if finding.status is Status.aanwezig:
            aanwezig[finding.signaal] = max(aanwezig.get(finding.signaal, 0.0), finding.zekerheid)
    for signaal_id in verworpen:
        aanwezig.pop(signaal_id, None)
    for signaal_id in bevestigd - verworpen:
        aanwezig[signaal_id] = 1.0
    onbekend = tuple(
        (soort, s)
        for soort, lijst in (("bevestigd", oordeel.bevestigd), ("verworpen", oordeel.verworpen))
        for s in lijst
        if s not in bekend
    )
    return Beoordeling(
        findings=tuple(findings),
        bevestigd=bevestigd,
        verworpen=verworpen,
        aanwezig={s: z for s, z in sorted(aanwezig.items()) if s in bekend},
        onbekend=onbekend,
    )
