"""`loyaliteit intervisie CASUS`: discuss one case with the team on a local web page.

A thin face over `loyaliteit.intervisie`: load the knowledge base and the case, bind a
port on 127.0.0.1, open the browser, serve until the page's button or Ctrl+C, and then
make sure the session's decisions are not lost (a report, a warning for what was not
saved). The web libraries are imported only when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .basis import KennisbankOptie, load_kennisbank_or_exit, stderr, stdout

CasusArgument = Annotated[
    Path,
    typer.Argument(
        help="Het casusbestand (.yaml, .md of .txt).", show_default=False, metavar="CASUS"
    ),
]
PoortOptie = Annotated[
    int | None,
    typer.Option(
        "--poort",
        min=1,
        max=65535,
        help="Poort op 127.0.0.1 (standaard: een vrije poort).",
        show_default=False,
    ),
]
UitOptie = Annotated[
    Path, typer.Option("--uit", "-u", help="Map voor het intervisieverslag (Markdown en HTML).")
]
AnoniemOptie = Annotated[
    bool,
    typer.Option(
        "--anoniem",
        help="Pseudoniemen op de pagina en in het verslag (leerling en namen uit betrokkenen).",
    ),
]
GeenBrowserOptie = Annotated[
    bool, typer.Option("--geen-browser", help="Open de browser niet; toon alleen de link.")
]


def intervisie(
    casus: CasusArgument,
    poort: PoortOptie = None,
    uit: UitOptie = Path("."),
    anoniem: AnoniemOptie = False,
    geen_browser: GeenBrowserOptie = False,
    kennisbank: KennisbankOptie = None,
) -> None:
    """Bespreek een casus in de intervisie: een lokale webpagina waarop het team signalen
    bevestigt, verwerpt en aan zinnen toevoegt, en ziet wat dat met de conclusies doet."""
    from ..casus import CasusFout
    from ..intervisie.server import Dienst, PoortBezet, open_in_browser, remove_quietly
    from ..intervisie.sessie import Sessie

    kb = load_kennisbank_or_exit(kennisbank)
    try:
        sessie = Sessie(casus, kb, anoniem=anoniem)
    except CasusFout as fout:
        for melding in fout.fouten:
            stderr.file.write(f"Fout: {melding}\n")
        raise typer.Exit(1) from None
    try:
        dienst = Dienst(sessie, uit, poort)
    except PoortBezet as fout:
        stderr.file.write(f"Fout: {fout}\n")
        raise typer.Exit(1) from None
    stdout.file.write(
        f"Intervisie over {casus} op {dienst.adres}\n"
        "Alleen bereikbaar vanaf deze computer, met de sleutel in de link. "
        "Stoppen: de knop 'Sessie afsluiten' of Ctrl+C.\n"
    )
    stdout.file.flush()
    map_ = None if geen_browser else open_in_browser(dienst.adres)
    try:
        dienst.run()
    finally:
        remove_quietly(map_)
        _finish(dienst.omgeving)


def _finish(omgeving) -> None:
    """After the session: a report when decisions are not in one yet, and a warning for
    a judgement that was not saved in the case file."""
    from ..intervisie.eindpunten import report_needed
    from ..intervisie.verslag import write_report
    from ..rapport.uitvoer import UitvoerFout

    in_verslag = bool(omgeving.verslagen)
    if report_needed(omgeving):
        try:
            paden = write_report(omgeving.sessie, omgeving.uitmap)
            stdout.file.write("Verslag geschreven: " + " en ".join(str(p) for p in paden) + "\n")
            in_verslag = True
        except UitvoerFout as fout:
            stderr.file.write(f"Fout: {fout}\n")
            in_verslag = False
    if omgeving.sessie.unsaved():
        aantal = len(omgeving.sessie.actief())
        waar = "; het staat wel in het verslag" if in_verslag else ""
        stderr.file.write(
            f"Let op: het oordeel van deze sessie ({aantal} besluit(en)) is niet opgeslagen in "
            f"het casusbestand{waar}.\n"
        )
