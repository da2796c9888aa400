"""The overview of a batch: per conclusion how many cases, and per case its conclusions
or its error, with a link to its report.

A batch keeps only a `CasusSamenvatting` per case (not every analysis), so a large
folder streams; the overview is rendered from those at the end. Its texts are cleaned
when the summary is made (`schoon.py`), so the terminal summary is safe as well. The
Markdown overview starts with the report marker, so a later run over the same folder
does not read it as a case.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from ..casus.zoeken import RAPPORT_MERKTEKEN
from ..kennisbank.models import Soort
from ..uitleg import Analyse
from . import markdown
from .document import environment
from .schoon import clean, json_text
from .weergave import decimal


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

    @property
    def onveilig(self) -> bool:
        """The child may be unsafe: this case leads the overview, marked."""
        return any(c.soort == Soort.veiligheid.value for c in self.conclusies)

    @property
    def zorgen(self) -> list[Samengevat]:
        """What may be wrong: safety and classifications (not the protective factors)."""
        return [c for c in self.conclusies if c.soort != Soort.beschermend.value]

    @property
    def beschermend(self) -> list[Samengevat]:
        return [c for c in self.conclusies if c.soort == Soort.beschermend.value]

    @classmethod
    def of(cls, analyse: Analyse) -> CasusSamenvatting:
        return cls(
            clean(analyse.casus.id),
            clean(analyse.casus.bestand) if analyse.casus.bestand else None,
            [
                Samengevat(c.id, clean(c.label), c.zekerheid, c.soort)
                for c in analyse.conclusies
                if c.soort != Soort.patroon.value
            ],
            [clean(f) for f in analyse.fouten],
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


def counts_by_kind(regels: list[CasusSamenvatting]) -> list[tuple[str, str, int]]:
    """As `counts`, with the kind of each conclusion (safety, classification, protective)."""
    soort = {c.label: c.soort for r in regels for c in r.conclusies}
    return [(label, soort[label], aantal) for label, aantal in counts(regels)]


def safety_first(regels: list[CasusSamenvatting]) -> list[CasusSamenvatting]:
    """Cases where the child may be unsafe first; otherwise the order of the run."""
    return sorted(regels, key=lambda r: not r.onveilig)


def render_overview(regels: list[CasusSamenvatting], formaat: str) -> str:
    telling = counts(regels)
    regels = safety_first(regels)
    if formaat == "html":
        return clean(
            environment(True)
            .get_template("overzicht.html.j2")
            .render(regels=regels, telling=counts_by_kind(regels))
        )
    if formaat == "json":
        return _json(regels, telling)
    return clean(_markdown(regels, counts_by_kind(regels)))


def _json(regels: list[CasusSamenvatting], telling: list[tuple[str, int]]) -> str:
    document = {
        "casussen": [
            {
                "casus": r.casus,
                "onveilig": r.onveilig,
                "rapport": r.rapport,
                "fouten": r.fouten,
                "conclusies": [{"id": c.id, "zekerheid": c.zekerheid} for c in r.conclusies],
            }
            for r in regels
        ],
        "per_conclusie": dict(telling),
    }
    return json_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


_SOORT_WOORD = {"veiligheid": "⚠ veiligheid", "classificatie": "zorg", "beschermend": "beschermend"}


def _conclusions(conclusies: list[Samengevat]) -> str:
    return "; ".join(f"{markdown.escape(c.label)} ({decimal(c.zekerheid)})" for c in conclusies)


def _markdown(regels: list[CasusSamenvatting], telling: list[tuple[str, str, int]]) -> str:
    regels_md = [
        RAPPORT_MERKTEKEN,
        f"# Overzicht van {len(regels)} casussen",
        "",
        "## Per conclusie",
        "",
        "| conclusie | soort | casussen |",
        "|---|---|---|",
    ]
    regels_md += [
        f"| {markdown.escape(label)} | {_SOORT_WOORD.get(soort, soort)} | {aantal} |"
        for label, soort, aantal in telling
    ]
    regels_md += [
        "",
        "## Per casus",
        "",
        "| casus | zorgen | beschermend |",
        "|---|---|---|",
    ]
    for r in regels:
        naam = markdown.link(r.casus, r.rapport) if r.rapport else markdown.escape(r.casus)
        naam = f"⚠ {naam}" if r.onveilig else naam
        fouten = "; ".join(f"FOUT: {markdown.escape(f)}" for f in r.fouten)
        if fouten:
            zorgen = "; ".join(filter(None, [fouten, _conclusions(r.zorgen)]))
        else:
            zorgen = _conclusions(r.zorgen) or (
                "geen zorg afgeleid" if r.beschermend else "geen conclusie afgeleid"
            )
        regels_md.append(f"| {naam} | {zorgen} | {_conclusions(r.beschermend) or '—'} |")
    return "\n".join(regels_md) + "\n"
