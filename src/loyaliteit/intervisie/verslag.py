"""The intervisie report (HTML and Markdown): what the team decided and what it changed.

It reads only the session: its decisions (undone ones too, marked), who entered them,
the analysis when the session opened the case and the analysis now, and the agenda of
questions for the next conversation (the near misses' questions and those of the
conclusions). Under `--anoniem` the analyses are already pseudonymised by the session;
the names the team typed pass through the same pseudonyms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..rapport.uitvoer import UitvoerFout, safe_name, write_atomic
from ..uitleg import Analyse
from .sessie import Sessie
from .weergave import STATUS_WOORD

VOLGORDE = {"veiligheid": 0, "classificatie": 1, "beschermend": 2, "patroon": 3}


@dataclass
class Rij:
    """One conclusion before and after the session."""

    label: str
    soort: str
    voor: str
    na: str
    verandering: str


@dataclass
class Vraag:
    vraag: str
    voor: str | None
    bij: list[str]


def compare(voor: Analyse, na: Analyse) -> list[Rij]:
    eerst = {c.id: c for c in voor.conclusies}
    nu = {c.id: c for c in na.conclusies}
    ids = sorted(
        set(eerst) | set(nu),
        key=lambda i: (
            VOLGORDE.get((nu.get(i) or eerst[i]).soort, 9),
            (nu.get(i) or eerst[i]).label,
        ),
    )
    rijen = []
    for conclusie_id in ids:
        a, b = eerst.get(conclusie_id), nu.get(conclusie_id)
        c = b or a
        rijen.append(Rij(c.label, c.soort, _certainty(a), _certainty(b), _change(a, b)))
    return rijen


def _certainty(conclusie) -> str:
    if conclusie is None:
        return "—"
    return f"{conclusie.zekerheid_woord} ({conclusie.zekerheid:.2f})".replace(".", ",")


def _change(a, b) -> str:
    if a is None:
        return "nieuw"
    if b is None:
        return "verdwenen"
    if abs(a.zekerheid - b.zekerheid) < 0.005:
        return "gelijk"
    return "sterker" if b.zekerheid > a.zekerheid else "zwakker"


def agenda(na: Analyse) -> list[Vraag]:
    """The questions for the next conversation, each once, with what they are for."""
    vragen: dict[str, Vraag] = {}

    def voeg_toe(tekst: str, voor: str | None, bij: str) -> None:
        vraag = vragen.setdefault(tekst, Vraag(tekst, voor, []))
        if bij not in vraag.bij:
            vraag.bij.append(bij)

    for bijna in na.bijna:
        gesprek = bijna.gesprek or [None] * len(bijna.vragen)
        for tekst, v in zip(bijna.vragen, gesprek, strict=False):
            voeg_toe(tekst, v.voor if v else None, f"ontbreekt voor: {bijna.label or bijna.id}")
    for conclusie in na.conclusies:
        for v in conclusie.gesprek:
            voeg_toe(v.vraag, v.voor, f"bij: {conclusie.label}")
    return list(vragen.values())


def markdown_text(waarde) -> str:
    """Any value printed into the Markdown report: on one line, and with the characters
    that could make markup (a tag, a link, a table cell) escaped, so case text stays text."""
    tekst = " ".join(str(waarde).split())
    return _MARKDOWN.sub(lambda m: "\\" + m.group(), tekst)


_MARKDOWN = re.compile(r"[\\`<>\[\]|]")


@cache
def _environment(html: bool) -> Environment:
    omgeving = Environment(
        loader=PackageLoader("loyaliteit", "intervisie/templates"),
        autoescape=html,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=None if html else markdown_text,
    )
    return omgeving


def context(sessie: Sessie, moment: datetime | None = None) -> dict:
    moment = moment or datetime.now()
    na = sessie.huidig
    oordeel = sessie.oordeel()
    labels = {s: sessie.kb.signalen[s].label for s in sessie.kb.signalen}
    return {
        "titel": na.casus.titel or na.casus.id,
        "casus": na.casus.id if sessie.anoniem else sessie.casus.id,
        "bestand": None if sessie.anoniem else sessie.bestand.oordeel.pad.name,
        "datum": moment.strftime("%Y-%m-%d %H:%M"),
        "team": sessie.names(),
        "besluiten": [
            {"b": b, "wie": sessie.shown_name(b), "zin": b.zin} for b in sessie.besluiten
        ],
        "opgeslagen": not sessie.unsaved(),
        "opgeslagen_om": sessie.opgeslagen_om,
        "rijen": compare(sessie.begin, na),
        "veiligheid": [c for c in na.conclusies if c.soort == "veiligheid"],
        "agenda": agenda(na),
        "bevestigd": [labels.get(s, s) for s in oordeel.bevestigd],
        "verworpen": [labels.get(s, s) for s in oordeel.verworpen],
        "statuswoord": STATUS_WOORD,
    }


def render_report(sessie: Sessie, html: bool, moment: datetime | None = None) -> str:
    naam = "verslag.html.j2" if html else "verslag.md.j2"
    return _environment(html).get_template(naam).render(**context(sessie, moment))


def write_report(sessie: Sessie, map_: Path, moment: datetime | None = None) -> list[Path]:
    """Write the report as Markdown and HTML into `map_`; never over an existing file."""
    moment = moment or datetime.now()
    basis = f"intervisie-{safe_name(sessie.huidig.casus.id)}-{moment.strftime('%Y%m%d-%H%M')}"
    try:
        map_.mkdir(parents=True, exist_ok=True)
    except OSError as fout:
        raise UitvoerFout(
            f"{map_}: kan de map voor het verslag niet maken ({fout.strerror})"
        ) from None
    geschreven = []
    for extensie, html in (("md", False), ("html", True)):
        inhoud = render_report(sessie, html, moment)
        geschreven.append(_write_new(map_, basis, extensie, inhoud))
    return geschreven


def _write_new(map_: Path, basis: str, extensie: str, inhoud: str) -> Path:
    for teller in range(1, 100):
        pad = map_ / (f"{basis}.{extensie}" if teller == 1 else f"{basis}-{teller}.{extensie}")
        try:
            write_atomic(pad, inhoud, overschrijf=False)
            return pad
        except FileExistsError:
            continue
        except OSError as fout:
            raise UitvoerFout(f"{pad}: kan het verslag niet schrijven ({fout.strerror})") from None
    raise UitvoerFout(f"{map_}: te veel verslagen met de naam {basis}")
