"""The `loyaliteit` command: a thin face over the pipeline (help texts in Dutch)."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from .analyse import Analysator
from .anoniem import pseudonymise_analysis
from .batch import analyse_files, processes_for
from .casus import CasusFout, find_case_files, load_casus
from .cli_basis import OPTIES, KennisbankOptie, load_kennisbank_or_exit, stderr, stdout
from .cli_kennisbank import kennisbank_app
from .fouten import display_path
from .uitleg import Analyse, AnalyseDocument
from .uitleg.model import CasusInfo
from .verwerken import Formaat, Verwerking

app = typer.Typer(
    name="loyaliteit",
    help="Signaleert loyaliteitsconflicten rond een leerling (contextuele benadering) en legt uit waarom.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
    options_metavar=OPTIES,
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)
schema_app = typer.Typer(
    help="JSON Schema's van de uitvoer.", no_args_is_help=True, options_metavar=OPTIES
)
app.add_typer(kennisbank_app, name="kennisbank")
app.add_typer(schema_app, name="schema")


@app.command("analyseer", options_metavar=OPTIES)
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
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit", "-u", help="Schrijf één rapport per casus in deze map.", show_default=False
        ),
    ] = None,
    overschrijf: Annotated[
        bool, typer.Option("--overschrijf", help="Vervang bestaande rapporten in --uit.")
    ] = False,
    anoniem: Annotated[
        bool,
        typer.Option(
            "--anoniem",
            help="Vervang de naam van de leerling en de namen uit betrokkenen door pseudoniemen.",
        ),
    ] = False,
    processen: Annotated[
        int | None,
        typer.Option(
            "--processen",
            "-p",
            min=1,
            help="Verdeel het werk over zoveel processen (standaard: het aantal kernen; "
            "kleine batches blijven in één proces).",
            show_default=False,
        ),
    ] = None,
    kennisbank: KennisbankOptie = None,
) -> None:
    """Analyseer casussen: signalen, conclusies, uitleg en wat nog ontbreekt."""
    if uit is not None and formaat is Formaat.terminal:
        formaat = Formaat.markdown
    if uit is not None and uit.exists() and not uit.is_dir():
        stderr.file.write(f"Fout: --uit {display_path(uit)} is een bestand, geen map\n")
        raise typer.Exit(2)
    kb = load_kennisbank_or_exit(kennisbank)
    bestanden, padfouten = find_case_files(paden)
    if not bestanden and not padfouten:
        stderr.print("Geen casusbestanden gevonden.")
        raise typer.Exit(1)
    if formaat is Formaat.html and uit is None and len(bestanden) + len(padfouten) > 1:
        stderr.print("[red]Meer dan één casus als html: gebruik --uit MAP.[/]")
        raise typer.Exit(2)
    verwerking = Verwerking(formaat, stdout, stderr, uit, overschrijf)
    for fout in padfouten:
        verwerking.handle(
            Analyse(casus=CasusInfo(id=fout.bestand, bestand=fout.bestand), fouten=[str(fout)])
        )
    aantal_processen = processes_for(len(bestanden), processen)
    with _progress(len(bestanden), formaat) as voortgang:
        for analyse in analyse_files(
            bestanden, Analysator(kb), kennisbank, aantal_processen, anoniem, voortgang
        ):
            verwerking.handle(analyse)
    verwerking.finish()
    if (formaat is Formaat.terminal or uit is not None) and len(verwerking.regels) > 1:
        _print_summary(verwerking)
    if verwerking.mislukt:
        raise typer.Exit(1)


@contextmanager
def _progress(aantal: int, formaat: Formaat):
    """A progress bar on stderr, only on a terminal and not for JSON or a single case."""
    if aantal < 2 or formaat is Formaat.json or not stderr.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("analyseren"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=stderr,
        transient=True,
    ) as progress:
        taak = progress.add_task("analyseren", total=aantal)
        yield lambda _analyse: progress.advance(taak)


def _print_summary(verwerking: Verwerking) -> None:
    from .rapport.overzicht import counts

    tabel = Table(title=f"Samenvatting: {len(verwerking.regels)} casussen", title_justify="left")
    tabel.add_column("conclusie")
    tabel.add_column("casussen", justify="right")
    for label, aantal in counts(verwerking.regels):
        tabel.add_row(label, str(aantal))
    stdout.print(tabel)
    fouten = [r for r in verwerking.regels if r.fouten]
    if fouten:
        fouttabel = Table(title=f"{len(fouten)} bestand(en) met een fout", title_justify="left")
        fouttabel.add_column("bestand")
        fouttabel.add_column("fout", style="red")
        for regel in fouten:
            fouttabel.add_row(regel.bestand or regel.casus, "\n".join(regel.fouten))
        stdout.print(fouttabel)


@app.command("uitleg", options_metavar=OPTIES)
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
    from .rapport.terminal import render_near_miss, render_terminal, render_tree

    kb = load_kennisbank_or_exit(kennisbank)
    if conclusie is not None and conclusie not in kb.conclusies:
        stderr.print(f"[red]Onbekende conclusie '{escape(conclusie)}'.[/]")
        raise typer.Exit(2)
    analysator = Analysator(kb)
    try:
        geladen = load_casus(casus)
    except CasusFout as fout:
        for regel in fout.fouten:
            stderr.file.write(f"Fout: {regel}\n")
        raise typer.Exit(1) from None
    analyse = analysator.analyse(geladen)
    if anoniem:
        analyse = pseudonymise_analysis(analyse, geladen)
    afgeleid = next((c for c in analyse.conclusies if c.id == conclusie), None)
    if conclusie is None:
        render_terminal(analyse, stdout)
    elif afgeleid is not None:
        render_tree(afgeleid, stdout)
    else:
        render_near_miss(
            kb.conclusies[conclusie].label, analysator.why_not(geladen, conclusie), stdout
        )
    if analyse.fouten:
        raise typer.Exit(1)


@schema_app.command("analyse", options_metavar=OPTIES)
def schema_analyse() -> None:
    """Het JSON Schema van de uitvoer van `analyseer --formaat json`."""
    schema = AnalyseDocument.model_json_schema()
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    app()
