"""`loyaliteit uitleg CASUS [CONCLUSIE]`: how a conclusion follows, or why it does not."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from .basis import KennisbankOptie, load_kennisbank_or_exit, stderr, stdout


def uitleg(
    casus: Annotated[
        Path, typer.Argument(help="Het casusbestand.", show_default=False, metavar="CASUS")
    ],
    conclusie: Annotated[
        str | None,
        typer.Argument(
            help="Id van een conclusie: hoe ze volgt, of waarom niet.", show_default=False
        ),
    ] = None,
    anoniem: Annotated[bool, typer.Option("--anoniem", help="Gebruik pseudoniemen.")] = False,
    kennisbank: KennisbankOptie = None,
) -> None:
    """Leg één casus uit: de afleiding van een conclusie (hoe), of waarom ze niet volgt."""
    from ..analyse import analyse
    from ..anoniem import pseudonymise_analysis
    from ..casus import CasusFout, load_casus

    kb = load_kennisbank_or_exit(kennisbank, voorbeelden=False)
    if conclusie is not None and conclusie not in kb.conclusies:
        stderr.print(f"[red]Onbekende conclusie '{escape(conclusie)}'.[/]")
        raise typer.Exit(2)
    try:
        geladen = load_casus(casus)
    except CasusFout as fout:
        for melding in fout.fouten:
            stderr.file.write(f"Fout: {melding}\n")
        raise typer.Exit(1) from None
    resultaat = analyse(geladen, kb, waarom_niet=(conclusie,) if conclusie else ())
    if anoniem:
        resultaat = pseudonymise_analysis(resultaat, geladen)
    _show(resultaat, conclusie, kb)
    if resultaat.fouten:
        raise typer.Exit(1)


def _show(resultaat, conclusie: str | None, kb) -> None:
    """The whole report; or how the conclusion follows; or why it does not."""
    from ..rapport.terminal import render_near_miss, render_terminal, render_tree

    afgeleid = next((c for c in resultaat.conclusies if c.id == conclusie), None)
    if conclusie is None:
        render_terminal(resultaat, stdout)
    elif afgeleid is not None:
        render_tree(afgeleid, stdout)
    else:
        bijna = next((b for b in resultaat.bijna if b.id == conclusie), None)
        render_near_miss(kb.conclusies[conclusie].label, bijna, stdout)
