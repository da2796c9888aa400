"""Markdown and HTML reports, both from one `Analyse` through jinja2 templates.

HTML is rendered with autoescape on: a case text that contains markup or a script
shows as text. Markdown escapes every text it inserts (see `markdown.py`). Both render
a cleaned copy of the analysis (`schoon.py`: no control characters) and clean the
finished document once more. The page is self-contained (inline CSS, a few lines of
inline script to open all derivation trees, no external assets).
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..uitleg import Analyse
from . import markdown
from .schoon import clean, clean_model
from .weergave import (
    Verwijzingen,
    closest_near_misses,
    decimal,
    distinct_sentences,
    excerpt,
    marked_segments,
    near_miss_list,
    percent,
    premise_labels,
)

__all__ = ["marked_segments", "render_html", "render_markdown", "word_weights"]


def word_weights(gewichten) -> str:
    """The words that weighed most, as 'woord (0,31), woord (0,12)'."""
    return ", ".join(f"{woord} ({decimal(gewicht)})" for woord, gewicht in gewichten)


def _mark_words(bewijs) -> Markup:
    """The sentence, escaped, with the marked words in <mark>."""
    uit = Markup("")
    for tekst, gemarkeerd in marked_segments(bewijs):
        uit += Markup("<mark>") + escape(tekst) + Markup("</mark>") if gemarkeerd else escape(tekst)
    return uit


@cache
def environment(html: bool) -> Environment:
    """The jinja2 environment of the report templates: autoescape on for HTML, every
    inserted text escaped as Markdown otherwise."""
    omgeving = Environment(
        loader=PackageLoader("loyaliteit", "rapport/templates"),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
        finalize=None if html else markdown.finalize,
    )
    veilig = (lambda x: x) if html else markdown.MarkdownTekst
    omgeving.filters["markeer"] = _mark_words
    omgeving.filters["woordgewichten"] = word_weights
    omgeving.filters["getal"] = lambda x, teken=False: veilig(decimal(x, teken))
    omgeving.filters["procent"] = lambda x: veilig(percent(x))
    omgeving.filters["fragment"] = excerpt
    omgeving.filters["namen"] = lambda ids, bijna: "; ".join(bijna.labels.get(i, i) for i in ids)
    omgeving.filters["namen_van"] = lambda ids, labels: "; ".join(labels.get(i, i) for i in ids)
    omgeving.filters["bijnalijst"] = near_miss_list
    omgeving.filters["link"] = markdown.link
    omgeving.filters["unieke_zinnen"] = distinct_sentences
    omgeving.filters["code"] = markdown.code
    omgeving.filters["md"] = markdown.raw
    omgeving.filters["inspring"] = lambda diepte: markdown.MarkdownTekst("  " * diepte)
    return omgeving


def _context(analyse: Analyse, overzicht: str | None) -> dict:
    getoond, rest = closest_near_misses(analyse.bijna)
    return {
        "a": analyse,
        "veiligheid": [c for c in analyse.conclusies if c.soort == "veiligheid"],
        "hoofd": [c for c in analyse.conclusies if c.soort in ("classificatie", "beschermend")],
        "patronen": [c for c in analyse.conclusies if c.soort == "patroon"],
        "opzij": [s for s in analyse.signalen if not s.gebruikt],
        "bijna_getoond": getoond,
        "bijna_rest": rest,
        "labels": {
            **premise_labels(analyse.conclusies),
            **{s.id: s.label for s in analyse.signalen},
        },
        "verwijzingen": Verwijzingen(),
        "overzicht": overzicht,
    }


def render_markdown(analyse: Analyse, overzicht: str | None = None) -> str:
    """The Markdown report; `overzicht` is the file name of the batch overview to link to."""
    analyse = clean_model(analyse)
    tekst = environment(False).get_template("rapport.md.j2").render(**_context(analyse, overzicht))
    return clean(_tidy(tekst))


def render_html(analyse: Analyse, overzicht: str | None = None) -> str:
    """The HTML page; `overzicht` is the file name of the batch overview to link to."""
    analyse = clean_model(analyse)
    return clean(
        environment(True).get_template("rapport.html.j2").render(**_context(analyse, overzicht))
    )


def _tidy(tekst: str) -> str:
    """At most one empty line in a row, one newline at the end."""
    regels: list[str] = []
    for regel in tekst.splitlines():
        if regel.strip() == "" and regels and regels[-1].strip() == "":
            continue
        regels.append(regel.rstrip())
    return "\n".join(regels).strip() + "\n"
