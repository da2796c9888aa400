"""Markdown and HTML reports, both from one `Analyse` through jinja2 templates.

HTML is rendered with autoescape on: a case text that contains markup or a script
shows as text. The page is self-contained (inline CSS, a few lines of inline script
to open all derivation trees, no external assets).
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from ..uitleg import Analyse


def _one_line(tekst: str) -> str:
    return " ".join(str(tekst).split())


def table_cell(tekst: str) -> str:
    """Text for one Markdown table cell: one line, '|' escaped."""
    return _one_line(tekst).replace("|", "\\|")


def _mark_words(zin: str, woorden: list[str]) -> Markup:
    """Escape a sentence and wrap the matched words in <mark> (case-insensitive)."""
    tekst = _one_line(zin)
    gemarkeerd = Markup("")
    positie = 0
    lager = tekst.lower()
    treffers = []
    for woord in woorden:
        start = lager.find(woord.lower())
        if start >= 0:
            treffers.append((start, start + len(woord)))
    for start, eind in sorted(treffers):
        if start < positie:
            continue
        gemarkeerd += (
            escape(tekst[positie:start])
            + Markup("<mark>")
            + escape(tekst[start:eind])
            + Markup("</mark>")
        )
        positie = eind
    return gemarkeerd + escape(tekst[positie:])


@cache
def _environment(html: bool) -> Environment:
    omgeving = Environment(
        loader=PackageLoader("loyaliteit", "rapport/templates"),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    omgeving.filters["eenregel"] = _one_line
    omgeving.filters["cel"] = table_cell
    omgeving.filters["markeer"] = _mark_words
    omgeving.filters["namen"] = lambda ids, bijna: "; ".join(bijna.labels.get(i, i) for i in ids)
    omgeving.filters["signaalnamen"] = pass_context(
        lambda context, ids: [context["_labels"].get(i, i) for i in ids]
    )
    return omgeving


def _context(analyse: Analyse) -> dict:
    return {
        "a": analyse,
        "veiligheid": [c for c in analyse.conclusies if c.soort == "veiligheid"],
        "hoofd": [c for c in analyse.conclusies if c.soort in ("classificatie", "beschermend")],
        "patronen": [c for c in analyse.conclusies if c.soort == "patroon"],
        "opzij": [s for s in analyse.signalen if not s.gebruikt],
    }


def render_markdown(analyse: Analyse) -> str:
    tekst = _template(False, "rapport.md.j2", analyse).render(**_context(analyse))
    return _tidy(tekst)


def render_html(analyse: Analyse) -> str:
    return _template(True, "rapport.html.j2", analyse).render(**_context(analyse))


def _template(html: bool, naam: str, analyse: Analyse):
    labels = {s.id: s.label for s in analyse.signalen}
    return _environment(html).get_template(naam, globals={"_labels": labels})


def _tidy(tekst: str) -> str:
    """At most one empty line in a row, one newline at the end."""
    regels: list[str] = []
    for regel in tekst.splitlines():
        if regel.strip() == "" and regels and regels[-1].strip() == "":
            continue
        regels.append(regel.rstrip())
    return "\n".join(regels).strip() + "\n"
