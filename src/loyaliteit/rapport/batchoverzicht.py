"""The overview of a batch: per conclusion how many cases, and per case its conclusions
or its error, with a link to its report.

A batch keeps only a `CasusSamenvatting` per case (not every analysis), so a large
folder streams; the overview is rendered from those at the end.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from ..kennisbank.models import Soort
from ..uitleg import Analyse
from .document import environment


@dataclass(frozen=True)
class Samengevat:
    """One derived conclusion in the overview."""

    id: str
    label: str
    zekerheid: float
    soort: str


@dataclass
class CasusSamenvatting:
    """One line of the overview: a case, its conclusions (no patterns) or its errors."""

    casus: str
    bestand: str | None
    conclusies: list[Samengevat]
    fouten: list[str]
    rapport: str | None = field(default=None)

    @classmethod
    def of(cls, analyse: Analyse) -> CasusSamenvatting:
        return cls(
            analyse.casus.id,
            analyse.casus.bestand,
            [
                Samengevat(c.id, c.label, c.zekerheid, c.soort)
                for c in analyse.conclusies
                if c.soort != Soort.patroon.value
            ],
            list(analyse.fouten),
        )


def counts(regels: list[CasusSamenvatting]) -> list[tuple[str, int]]:
    """Per conclusion label, in how many cases it was derived: safety first, then by count."""
    teller: Counter[tuple[int, str]] = Counter(
        (Soort(c.soort).volgorde, c.label) for r in regels for c in r.conclusies
    )
    return [
        (label, aantal)
        for (_, label), aantal in sorted(teller.items(), key=lambda x: (x[0][0], -x[1], x[0][1]))
    ]


def render_overview(regels: list[CasusSamenvatting], formaat: str) -> str:
    telling = counts(regels)
    if formaat == "html":
        return (
            environment(True)
            .get_template("overzicht.html.j2")
            .render(regels=regels, telling=telling)
        )
    if formaat == "json":
        return _json(regels, telling)
    return _markdown(regels, telling)


def _json(regels: list[CasusSamenvatting], telling: list[tuple[str, int]]) -> str:
    document = {
        "casussen": [
            {
                "casus": r.casus,
                "rapport": r.rapport,
                "fouten": r.fouten,
                "conclusies": [{"id": c.id, "zekerheid": c.zekerheid} for c in r.conclusies],
            }
            for r in regels
        ],
        "per_conclusie": dict(telling),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _markdown(regels: list[CasusSamenvatting], telling: list[tuple[str, int]]) -> str:
    regels_md = [
        f"# Overzicht van {len(regels)} casussen",
        "",
        "## Per conclusie",
        "",
        "| conclusie | casussen |",
        "|---|---|",
    ]
    regels_md += [f"| {label} | {aantal} |" for label, aantal in telling]
    regels_md += ["", "## Per casus", "", "| casus | conclusies |", "|---|---|"]
    for r in regels:
        naam = f"[{r.casus}]({r.rapport})" if r.rapport else r.casus
        inhoud = "; ".join(
            [
                *(f"FOUT: {f}" for f in r.fouten),
                *(f"{c.label} ({c.zekerheid:.2f})" for c in r.conclusies),
            ]
        )
        regels_md.append(f"| {naam} | {inhoud.replace('|', '/') or '—'} |")
    return "\n".join(regels_md) + "\n"
