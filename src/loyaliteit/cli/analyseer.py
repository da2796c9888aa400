"""`loyaliteit analyseer PAD...`: analyse case files or folders and report."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..rapport.formaat import Formaat
from .basis import KennisbankOptie, load_kennisbank_or_exit, stderr, stdout

PadenArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Casusbestanden (.yaml, .md, .txt) of mappen.", show_default=False, metavar="PAD"
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
VolledigOptie = Annotated[
    bool,
    typer.Option(
        "--volledig",
        help="Toon bij meer dan één casus op de terminal elk volledig rapport "
        "(standaard: één regel per casus en een samenvatting).",
    ),
]
SleutelOptie = Annotated[
    bool,
    typer.Option(
        "--sleutel",
        help="Schrijf bij --anoniem en --uit een vertrouwelijke sleutel van pseudoniem "
        "naar casusbestand in de map.",
    ),
]
ProcessenOptie = Annotated[
    int | None,
    typer.Option(
        "--processen",
        "-p",
        min=1,
        help="Verdeel het werk over zoveel processen (standaard: één proces per 50 "
        "bestanden, hoogstens het aantal kernen).",
        show_default=False,
    ),
]


def analyseer(
    paden: PadenArgument,
    formaat: FormaatOptie = Formaat.terminal,
    uit: UitOptie = None,
    overschrijf: OverschrijfOptie = False,
    anoniem: AnoniemOptie = False,
    sleutel: SleutelOptie = False,
    processen: ProcessenOptie = None,
    volledig: VolledigOptie = False,
    kennisbank: KennisbankOptie = None,
) -> None:
    """Analyseer casussen: signalen, conclusies, uitleg en wat nog ontbreekt."""
    from ..uitleg import Analyse
    from ..uitleg.uitkomst import CasusInfo
    from .verwerken import Verwerking

    formaat = _output_format(formaat, uit)
    kb = load_kennisbank_or_exit(kennisbank, voorbeelden=False)
    bestanden, padfouten = _case_files_or_exit(paden, formaat, uit)
    meer_dan_een = len(bestanden) + len(padfouten) > 1
    verwerking = Verwerking(
        formaat,
        stdout,
        stderr,
        uit,
        overschrijf,
        anoniem=anoniem,
        sleutel=sleutel,
        kort=formaat is Formaat.terminal and meer_dan_een and not volledig,
    )
    for fout in padfouten:
        verwerking.handle(
            Analyse(casus=CasusInfo(id=fout.bestand, bestand=fout.bestand), fouten=[str(fout)])
        )
    _analyse_all(bestanden, kb, kennisbank, processen, anoniem, verwerking)
    verwerking.finish()
    if (formaat is Formaat.terminal or uit is not None) and len(verwerking.samenvattingen) > 1:
        _print_summary(verwerking, uit)
    if verwerking.mislukt:
        raise typer.Exit(1)


def _output_format(formaat: Formaat, uit: Path | None) -> Formaat:
    """With `--uit` the reports are Markdown unless asked otherwise; `--uit` must be a folder."""
    from ..fouten import display_path

    if uit is not None and formaat is Formaat.terminal:
        formaat = Formaat.markdown
    if uit is not None and uit.exists() and not uit.is_dir():
        stderr.file.write(f"Fout: --uit {display_path(uit)} is een bestand, geen map\n")
        raise typer.Exit(2)
    return formaat


def _case_files_or_exit(paden: list[Path], formaat: Formaat, uit: Path | None) -> tuple[list, list]:
    """The case files in `paden` and the paths that gave an error; stop when there is
    nothing to analyse, or more than one HTML page and no folder to put them in."""
    from ..casus import find_case_files

    bestanden, padfouten = find_case_files(paden)
    if not bestanden and not padfouten:
        stderr.print("Geen casusbestanden gevonden.")
        raise typer.Exit(1)
    if formaat is Formaat.html and uit is None and len(bestanden) + len(padfouten) > 1:
        stderr.print("[red]Meer dan één casus als html: gebruik --uit MAP.[/]")
        raise typer.Exit(2)
    return bestanden, padfouten


def _analyse_all(bestanden: list[Path], kb, kennisbank, processen, anoniem, verwerking) -> None:
    """Every case file, over one or more processes, each result handled as it comes."""
    from .batch import analyse_files, processes_for

    aantal_processen = processes_for(len(bestanden), processen)
    if aantal_processen > 1:
        from ..analyse import compiled

        compiled(kb)  # train (or load) the detector once here, so the workers find it cached
    with _progress(len(bestanden), verwerking.formaat) as voortgang:
        for resultaat in analyse_files(
            bestanden, kb, kennisbank, aantal_processen, anoniem, voortgang
        ):
            verwerking.handle(resultaat)


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


def _print_summary(verwerking, uit: Path | None) -> None:
    """Per conclusion in how many cases, then what happened to the files. Errors were
    printed once, on stderr, as they came; here they are only counted."""
    from ..fouten import display_path
    from ..rapport.batchoverzicht import counts

    samenvattingen = verwerking.samenvattingen
    tabel = Table(title=f"Samenvatting: {len(samenvattingen)} casussen", title_justify="left")
    tabel.add_column("conclusie", overflow="fold")
    tabel.add_column("casussen", justify="right")
    for label, aantal in counts(samenvattingen):
        tabel.add_row(label, str(aantal))
    stdout.print(tabel)
    met_fout = sum(1 for s in samenvattingen if s.fouten)
    geanalyseerd = len(samenvattingen) - sum(
        1 for s in samenvattingen if s.fouten and not s.conclusies
    )
    regels = [f"{geanalyseerd} casus(sen) geanalyseerd"]
    if met_fout:
        regels.append(f"{met_fout} bestand(en) met een fout (de meldingen staan hierboven)")
    if uit is not None:
        regels.append(
            f"{verwerking.rapporten_geschreven} rapport(en) geschreven in {display_path(uit)}"
        )
        if verwerking.rapporten_bestonden:
            regels.append(
                f"{verwerking.rapporten_bestonden} rapport(en) niet geschreven: ze bestonden al "
                "(gebruik --overschrijf om ze te vervangen)"
            )
    elif verwerking.kort:
        regels.append("Volledige rapporten: --volledig, of --uit MAP voor één rapport per casus.")
    for regel in regels:
        stdout.print(regel, highlight=False, markup=False)
