"""Markdown that shows a text as text: every text from a case or a knowledge base is escaped.

A title, a sentence or an id can hold `<script>`, a link (`[klik](javascript:...)`), a
heading (`## ⚠ Onveilige situatie`) or a `|` that breaks a table. In a report they are
one line with Markdown's special characters escaped, so a viewer shows them as written.
Code spans (ids, file names) get a fence longer than any run of backticks inside.

The report template escapes every `{{ ... }}` (jinja2's `finalize`); what the template
builds itself (the output of its macros) is marked `MarkdownTekst` and passes as is.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from .schoon import clean


class MarkdownTekst(str):
    """Markdown that is already safe: escaped text or what a template built from it."""


# Always special: escapes, code, emphasis, links and images, raw HTML and autolinks,
# headings, tables, strikethrough.
_SPECIAAL = re.compile(r"([\\`*\[\]<>#|~])")
# An underscore inside a word (snake_case) is no emphasis; elsewhere it may be.
_LAAG_STREEPJE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# An entity (&lt; &#60;) would turn into the character it names.
_ENTITEIT = re.compile(r"&(?=#?\w+;)")
# At the start of a line: a list item, a block quote, a setext underline, a numbered item.
_REGELBEGIN = re.compile(r"^([-+=])|^(\d+)([.)])")


def one_line(tekst: str) -> str:
    return " ".join(clean(str(tekst)).split())


def escape(tekst: object) -> MarkdownTekst:
    """A text as one line of Markdown that shows exactly these characters."""
    if isinstance(tekst, MarkdownTekst):
        return tekst
    regel = one_line("" if tekst is None else tekst)
    regel = _SPECIAAL.sub(r"\\\1", regel)
    regel = _LAAG_STREEPJE.sub(r"\\_", regel)
    regel = _ENTITEIT.sub(r"\\&", regel)
    regel = _REGELBEGIN.sub(
        lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", regel
    )
    return MarkdownTekst(regel)


def code(tekst: object) -> MarkdownTekst:
    """A code span that holds the text literally, on one line. In a table cell a `|` still
    ends the cell (GFM), so there it is escaped as well."""
    regel = one_line(tekst).replace("|", "\\|")
    if not regel:
        return MarkdownTekst("")
    langste = max((len(r) for r in re.findall(r"`+", regel)), default=0)
    hek = "`" * (langste + 1)
    opvulling = " " if regel.startswith("`") or regel.endswith("`") else ""
    return MarkdownTekst(f"{hek}{opvulling}{regel}{opvulling}{hek}")


def link(tekst: object, doel: str) -> MarkdownTekst:
    """A link to a file beside this one: escaped text, the target percent-encoded."""
    return MarkdownTekst(f"[{escape(tekst)}](<{quote(doel)}>)")


def finalize(waarde: object) -> str:
    """jinja2's `finalize` for Markdown templates: escape what is not Markdown yet."""
    return escape(waarde)


def raw(waarde: object) -> MarkdownTekst:
    """Mark what a template built (a macro's output) as Markdown."""
    return MarkdownTekst(waarde)
