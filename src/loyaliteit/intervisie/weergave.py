"""The page of a session: jinja2 templates (autoescape on) over the session's analyses.

The page is rendered whole once; after each change the server sends the four parts
that change (`status`, `tekst`, `besluiten`, `analyse`) as HTML, rendered here by the
same templates, and the page's script puts them in place. All case text passes through
jinja2's escaping; nothing from the case is ever inserted as markup by the script.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.responses import HTMLResponse

from ..fouten import display_path
from ..rapport.document import marked_segments, word_weights
from ..signalering.tekst import split_sentences
from ..uitleg import Analyse
from .sessie import TOEGEVOEGD, Sessie

DELEN = ("status", "tekst", "besluiten", "analyse")
# A page that stands alone (a message, the report): its own inline style, nothing else.
CSP_LOS = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'"
STATUS_WOORD = {
    "aanwezig": "gevonden",
    "bevestigd": "bevestigd door het team",
    "verworpen": "verworpen door het team",
    "ontkend": "ontkend in de tekst",
    "verleden": "voorbij (verleden)",
    "hypothetisch": "verondersteld",
    "ander_persoon": "over een ander",
}


@dataclass
class Zin:
    """One sentence of the description as the page shows it."""

    begin: int
    eind: int
    tekst: str
    signalen: list[tuple[str, str]] = field(default_factory=list)  # (label, status)


def _mark_words(bewijs) -> Markup:
    uit = Markup("")
    for tekst, gemarkeerd in marked_segments(bewijs):
        uit += Markup("<mark>") + escape(tekst) + Markup("</mark>") if gemarkeerd else escape(tekst)
    return uit


def _number(waarde: float, teken: bool = False) -> str:
    """0.56 -> '0,56' (Dutch decimal comma)."""
    return (f"{waarde:+.2f}" if teken else f"{waarde:.2f}").replace(".", ",")


@cache
def environment() -> Environment:
    omgeving = Environment(
        loader=PackageLoader("loyaliteit", "intervisie/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    omgeving.filters["markeer"] = _mark_words
    omgeving.filters["woordgewichten"] = word_weights
    omgeving.filters["getal"] = _number
    omgeving.filters["statuswoord"] = lambda status: STATUS_WOORD.get(status, status)
    return omgeving


def search_key(tekst: str) -> str:
    """Lower case without accents, for the signal search ('geïsoleerd' ~ 'geisoleerd')."""
    zonder = unicodedata.normalize("NFKD", tekst)
    return "".join(t for t in zonder if not unicodedata.combining(t)).lower()


def paragraphs(sessie: Sessie) -> list[list[Zin]]:
    """The description in paragraphs of sentences, each with the signals found in it."""
    tekst = sessie.tekst
    alineas: list[list[Zin]] = [[]]
    vorige = 0
    for deel in split_sentences(tekst):
        if alineas[-1] and "\n\n" in tekst[vorige : deel.begin].replace("\r", ""):
            alineas.append([])
        zin = Zin(deel.begin, deel.eind, " ".join(deel.tekst.split()))
        alineas[-1].append(zin)
        vorige = deel.eind
    zinnen = [z for alinea in alineas for z in alinea]
    for signaal in sessie.huidig.signalen:
        for bewijs in signaal.bewijs:
            for zin in zinnen:
                if bewijs.eind > zin.begin and bewijs.begin < zin.eind:
                    _add_chip(zin, signaal.label, signaal.status)
    for besluit in sessie.actief():
        if besluit.soort == TOEGEVOEGD:
            for zin in zinnen:
                if besluit.eind > zin.begin and besluit.begin < zin.eind:
                    _add_chip(zin, besluit.label, "bevestigd")
    return [a for a in alineas if a]


def _add_chip(zin: Zin, label: str, status: str) -> None:
    if (label, status) not in zin.signalen:
        zin.signalen.append((label, status))


def changes(voor: Analyse, na: Analyse) -> dict:
    """How the conclusions moved since the session opened the case."""
    eerst = {c.id: c for c in voor.conclusies}
    nu = {c.id for c in na.conclusies}
    return {
        "eerder": eerst,
        "verdwenen": [c for c in voor.conclusies if c.id not in nu],
        "bijna_van": {b.id: b for b in na.bijna},
    }


def context(sessie: Sessie, sleutel: str = "") -> dict:
    """Everything the page's templates read."""
    a = sessie.huidig
    return {
        "s": sessie,
        "a": a,
        "sleutel": sleutel,
        "titel": a.casus.titel or a.casus.id,
        "bestandsnaam": a.casus.id if sessie.anoniem else display_path(sessie.pad),
        "veiligheid": [c for c in a.conclusies if c.soort == "veiligheid"],
        "hoofd": [c for c in a.conclusies if c.soort in ("classificatie", "beschermend")],
        "patronen": [c for c in a.conclusies if c.soort == "patroon"],
        "signalen": sorted(a.signalen, key=lambda s: (not s.gebruikt, s.label.lower())),
        "alineas": paragraphs(sessie),
        "verschil": changes(sessie.begin, a),
        "keuzes": sorted(
            (
                {"id": s.id, "label": s.label, "zoek": search_key(f"{s.label} {s.id}")}
                for s in sessie.kb.signalen.values()
            ),
            key=lambda k: k["zoek"],
        ),
        "oordeel": sessie.oordeel(),
        "team_zinnen": {
            b.signaal: b.zin for b in sessie.actief() if b.soort == TOEGEVOEGD and b.zin
        },
    }


def render_page(sessie: Sessie, sleutel: str) -> str:
    return environment().get_template("pagina.html.j2").render(**context(sessie, sleutel))


def render_parts(sessie: Sessie) -> dict[str, str]:
    """The parts of the page that change, each as HTML."""
    omgeving = environment()
    inhoud = context(sessie)
    return {deel: omgeving.get_template(f"_{deel}.html.j2").render(**inhoud) for deel in DELEN}


def message_page(kop: str, *alineas: str, status: int = 200) -> HTMLResponse:
    """A page with a message (no access, session closed), in the page's language."""
    html = environment().get_template("melding.html.j2").render(kop=kop, tekst=alineas)
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP_LOS})
