"""The `loyaliteit` command: a thin face over the pipeline (help texts in Dutch)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .analyse import Analysator
from .casus import find_case_files
from .cli_taal import use_dutch
from .kennisbank import Kennisbank, KennisbankFout, load_kennisbank
from .toets import Toetser, Uitslag
from .uitleg import Analyse, AnalyseDocument
from .uitleg.model import CasusInfo

use_dutch()

app = typer.Typer(
    name="loyaliteit",
    help="Signaleert loyaliteitsconflicten rond een leerling (contextuele benadering) en legt uit waarom.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
    options_metavar="[OPTIES]",
)
kennisbank_app = typer.Typer(
    help="Werken met de kennisbank: toetsen en schema's.", no_args_is_help=True
)
schema_app = typer.Typer(help="JSON Schema's van de uitvoer.", no_args_is_help=True)
app.add_typer(kennisbank_app, name="kennisbank")
app.add_typer(schema_app, name="schema")

stdout = Console(highlight=False)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

KennisbankOptie = Annotated[
    Path | None,
    typer.Option(
        "--kennisbank",
        "-k",
        help="Map met een eigen kennisbank (standaard: de kennisbank die met het pakket meekomt).",
        show_default=False,
    ),
]


class Formaat(StrEnum):
    terminal = "terminal"
    json = "json"


def _load_kennisbank(map_: Path | None) -> Kennisbank:
    try:
        return load_kennisbank(map_)
    except KennisbankFout as fout:
        stderr.print(f"[bold red]De kennisbank bevat {len(fout.fouten)} fout(en):[/]")
        for regel in fout.fouten:
            stderr.print(f"  {regel}", markup=False)
        raise typer.Exit(1) from None


@app.command("analyseer")
def analyseer(
    paden: Annotated[
        list[Path],
        typer.Argument(
            help="Casusbestanden (.yaml, .md, .txt) of mappen.",
            show_default=False,
            metavar="PAD...",
        ),
    ],
    formaat: Annotated[
        Formaat, typer.Option("--formaat", "-f", help="Uitvoervorm.")
    ] = Formaat.terminal,
    kennisbank: KennisbankOptie = None,
) -> None:
    """Analyseer casussen: signalen, conclusies, uitleg en wat nog ontbreekt."""
    kb = _load_kennisbank(kennisbank)
    bestanden, padfouten = find_case_files(paden)
    analysator = Analysator(kb)
    analyses = [
        Analyse(casus=CasusInfo(id=fout.bestand, bestand=fout.bestand), fouten=[str(fout)])
        for fout in padfouten
    ]
    analyses += [analysator.analyse_file(pad) for pad in bestanden]
    for analyse in analyses:
        for fout in analyse.fouten:
            stderr.print(f"[red]Fout:[/] {fout}", highlight=False, markup=True, soft_wrap=True)
    if formaat is Formaat.json:
        sys.stdout.write(AnalyseDocument(analyses=analyses).model_dump_json(indent=2) + "\n")
    else:
        from .rapport.terminal import render_terminal

        if not analyses:
            stderr.print("Geen casusbestanden gevonden.")
        for analyse in analyses:
            render_terminal(analyse, stdout)
    if not analyses or any(a.fouten for a in analyses):
        raise typer.Exit(1)


def _print_uitslag(uitslag: Uitslag) -> None:
    if uitslag.ok:
        stdout.print(f"[green]✓[/] {uitslag.soort} {uitslag.id} ({uitslag.geslaagd} voorbeelden)")
        return
    stdout.print(f"[bold red]✗[/] {uitslag.soort} [bold]{uitslag.id}[/]")
    for fout in uitslag.fouten:
        stdout.print(f"    {fout}", markup=False)


@kennisbank_app.command("toets")
def toets(
    regel: Annotated[
        str | None,
        typer.Option("--regel", "-r", help="Toets alleen deze regel.", show_default=False),
    ] = None,
    casussen: Annotated[
        Path | None,
        typer.Option(
            "--casussen",
            help="Controleer ook de verwachte uitkomst (verwacht:) van de casussen in deze map.",
            show_default=False,
        ),
    ] = None,
    kennisbank: KennisbankOptie = None,
) -> None:
    """Voer de voorbeelden van elke regel en elk signaal uit, en eventueel de casussen."""
    kb = _load_kennisbank(kennisbank)
    if regel is not None and regel not in kb.regels:
        stderr.print(f"[red]Onbekende regel '{regel}'.[/]")
        raise typer.Exit(2)
    toetser = Toetser(Analysator(kb))
    uitslagen = list(toetser.rules(regel))
    if regel is None:
        uitslagen += list(toetser.signals())
    if casussen is not None:
        uitslagen += list(toetser.cases(casussen))
    for uitslag in uitslagen:
        _print_uitslag(uitslag)
    mislukt = [u for u in uitslagen if not u.ok]
    geslaagd = len(uitslagen) - len(mislukt)
    stdout.print(f"\n{geslaagd} geslaagd, {len(mislukt)} mislukt")
    if mislukt:
        raise typer.Exit(1)


@kennisbank_app.command("controleer")
def controleer(kennisbank: KennisbankOptie = None) -> None:
    """Controleer de kennisbank: onbekende of dubbele ids, ongebruikte signalen,
    onbereikbare conclusies, kringlopen, regels zonder bron of voorbeelden, gedekte regels."""
    from .controleer import lint

    try:
        kb = load_kennisbank(kennisbank)
    except KennisbankFout as fout:
        for regel in fout.fouten:
            stdout.print(f"[bold red]fout[/]: {regel}", highlight=False, soft_wrap=True)
        stdout.print(f"\n{len(fout.fouten)} fout(en) bij het laden")
        raise typer.Exit(1) from None
    meldingen = lint(kb)
    for melding in meldingen:
        kleur = "bold red" if melding.ernst == "fout" else "yellow"
        stdout.print(f"[{kleur}]{melding.ernst}[/]: {escape(str(melding.fout))}", soft_wrap=True)
    fouten = sum(m.ernst == "fout" for m in meldingen)
    stdout.print(f"\n{fouten} fout(en), {len(meldingen) - fouten} waarschuwing(en)")
    if fouten:
        raise typer.Exit(1)


class KennisbankSoort(StrEnum):
    signalen = "signalen"
    regels = "regels"
    conclusies = "conclusies"
    bronnen = "bronnen"
    context = "context"
    uitbreiding = "uitbreiding"


@kennisbank_app.command("schema")
def kennisbank_schema(
    soort: Annotated[
        KennisbankSoort, typer.Argument(help="Voor welk soort bestand.")
    ] = KennisbankSoort.signalen,
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit", help="Schrijf alle schema's als bestanden in deze map.", show_default=False
        ),
    ] = None,
) -> None:
    """JSON Schema van een kennisbankbestand (voor aanvullen en controleren in een editor)."""
    from .kennisbank.schema import schema_text, write_schemas

    if uit is not None:
        for pad in write_schemas(uit):
            stdout.print(f"geschreven: {pad}", highlight=False)
        return
    sys.stdout.write(schema_text(soort.value))


@kennisbank_app.command("overzicht")
def kennisbank_overzicht(kennisbank: KennisbankOptie = None) -> None:
    """Overzicht in Markdown: elke conclusie met de regels die haar afleiden en hun bronnen."""
    from .kennisbank.overzicht import overview_markdown

    sys.stdout.write(overview_markdown(_load_kennisbank(kennisbank)))


@kennisbank_app.command("nieuw")
def kennisbank_nieuw(
    map_: Annotated[Path, typer.Argument(help="De nieuwe map.", metavar="MAP", show_default=False)],
) -> None:
    """Begin een eigen map die de ingebouwde kennisbank uitbreidt, met een voorbeeld."""
    from .kennisbank.nieuw import MapBestaatAl, new_extension

    try:
        paden = new_extension(map_)
    except MapBestaatAl as fout:
        stderr.print(f"[red]{fout}[/]")
        raise typer.Exit(1) from None
    for pad in paden:
        stdout.print(f"aangemaakt: {pad}", highlight=False)
    stdout.print(f"\nProbeer: loyaliteit kennisbank toets --kennisbank {map_}", highlight=False)


@schema_app.command("analyse")
def schema_analyse() -> None:
    """Het JSON Schema van de uitvoer van `analyseer --formaat json`."""
    schema = AnalyseDocument.model_json_schema()
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    app()
