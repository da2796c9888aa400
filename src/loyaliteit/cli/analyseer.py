"""`loyaliteit analyseer PAD...`: analyse case files or folders and report."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..casus import find_case_files
from ..fouten import display_path
from ..rapport import Formaat
from ..uitleg import Analyse
from ..uitleg.uitkomst import CasusInfo
from .basis import KennisbankOptie, load_kennisbank_or_exit, stderr, stdout
from .batch import analyse_files, processes_for
from .verwerken import Verwerking

PadenArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Casusbestanden (.yaml, .md, .txt) of mappen.", show_default=False, metavar="PAD..."
    ),
]
FormaatOptie = Annotated[Formaat, typer.Option("--formaat", "-f", help="Uitvoervorm.")]
UitOptie = Annotated[
    Path | None,
    typer.Option(
        "--uit", "-u", help="Schrijf één rapport per casus in deze map.", show_default=False
    ),
]
OverschrijfOptie = Annotated[
    bool, typer.Option("--overschrijf", help="Vervang bestaande rapporten in --uit.")
]
AnoniemOptie = Annotated[
    bool,
    typer.Option(
        "--anoniem",
        help="Vervang de naam van de leerling en de namen uit betrokkenen door pseudoniemen.",
    ),
]
ProcessenOptie = Annotated[
    int | None,
    typer.Option(
        "--processen",
        "-p",
        min=1,
        help="Verdeel het werk over zoveel processen (standaard: het aantal kernen; "
        "kleine batches blijven in één proces).",
        show_default=False,
    ),
]


def analyseer(
    paden: PadenArgument,
    formaat: FormaatOptie = Formaat.terminal,
    uit: UitOptie = None,
    overschrijf: OverschrijfOptie = False,
    anoniem: AnoniemOptie = False,
    processen: ProcessenOptie = None,
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
        for resultaat in analyse_files(
            bestanden, kb, kennisbank, aantal_processen, anoniem, voortgang
        ):
            verwerking.handle(resultaat)
    verwerking.finish()
    if (formaat is Formaat.terminal or uit is not None) and len(verwerking.samenvattingen) > 1:
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
    from ..rapport.batchoverzicht import counts

    samenvattingen = verwerking.samenvattingen
    tabel = Table(title=f"Samenvatting: {len(samenvattingen)} casussen", title_justify="left")
    tabel.add_column("conclusie")
    tabel.add_column("casussen", justify="right")
    for label, aantal in counts(samenvattingen):
        tabel.add_row(label, str(aantal))
    stdout.print(tabel)
    fouten = [s for s in samenvattingen if s.fouten]
    if fouten:
        fouttabel = Table(title=f"{len(fouten)} bestand(en) met een fout", title_justify="left")
        fouttabel.add_column("bestand")
        fouttabel.add_column("fout", style="red")
        for samenvatting in fouten:
            fouttabel.add_row(
                samenvatting.bestand or samenvatting.casus, "\n".join(samenvatting.fouten)
            )
        stdout.print(fouttabel)
