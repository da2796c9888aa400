"""Markdown and HTML reports, both from one `Analyse` through jinja2 templates.

HTML is rendered with autoescape on: a case text that contains markup or a script
shows as text. The page is self-contained (inline CSS, a few lines of inline script
to open all derivation trees, no external assets).
"""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from ..uitleg import Analyse


def _one_line(tekst: str) -> str:
    return " ".join(str(tekst).split())


def table_cell(tekst: str) -> str:
    """Text for one Markdown table cell: one line, '|' escaped."""
    return _one_line(tekst).replace("|", "\\|")


def marked_segments(bewijs) -> list[tuple[str, bool]]:
    """The sentence as (text, matched) pieces, from the finding's own word offsets, with
    runs of white space folded to one space."""
    stukken: list[tuple[str, bool]] = []
    positie = 0
    for begin, eind in sorted(bewijs.woord_posities):
        begin, eind = begin - bewijs.begin, eind - bewijs.begin
        if begin < positie or eind > len(bewijs.zin):
            continue
        stukken += [(bewijs.zin[positie:begin], False), (bewijs.zin[begin:eind], True)]
        positie = eind
    stukken.append((bewijs.zin[positie:], False))
    gevouwen = [(re.sub(r"\s+", " ", tekst), gemarkeerd) for tekst, gemarkeerd in stukken if tekst]
    if gevouwen:
        gevouwen[0] = (gevouwen[0][0].lstrip(), gevouwen[0][1])
        gevouwen[-1] = (gevouwen[-1][0].rstrip(), gevouwen[-1][1])
    return gevouwen


def _mark_words(bewijs) -> Markup:
    """The sentence, escaped, with the matched words in <mark>."""
    uit = Markup("")
    for tekst, gemarkeerd in marked_segments(bewijs):
        uit += Markup("<mark>") + escape(tekst) + Markup("</mark>") if gemarkeerd else escape(tekst)
    return uit


@cache
def environment(html: bool) -> Environment:
    """The jinja2 environment of the report templates (autoescape on for HTML)."""
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
    return environment(html).get_template(naam, globals={"_labels": labels})


def _tidy(tekst: str) -> str:
    """At most one empty line in a row, one newline at the end."""
    regels: list[str] = []
    for regel in tekst.splitlines():
        if regel.strip() == "" and regels and regels[-1].strip() == "":
            continue
        regels.append(regel.rstrip())
    return "\n".join(regels).strip() + "\n"
