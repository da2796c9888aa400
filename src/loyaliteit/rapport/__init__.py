"""Rendering: one `Analyse` model, several faces (terminal, Markdown, HTML, JSON).

Every renderer reads only `Analyse` (the batch overview reads a small summary made from
it); none reaches back into detection or reasoning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .formaat import EXTENSIES, Formaat

if TYPE_CHECKING:
    from ..uitleg import Analyse

__all__ = ["EXTENSIES", "Formaat", "render"]


def render(analyse: Analyse, formaat: Formaat) -> str:
    """One case as a Markdown, HTML or JSON document (the terminal prints to a console)."""
    if formaat is Formaat.markdown:
        from .document import render_markdown

        return render_markdown(analyse)
    if formaat is Formaat.html:
        from .document import render_html

        return render_html(analyse)
    from .json import render_json

    return render_json([analyse])
