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
from .anoniem import pseudonymise_analysis
from .casus import CasusFout, find_case_files, load_casus
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
OPTIES = "[OPTIES]"
kennisbank_app = typer.Typer(
    help="Werken met de kennisbank: toetsen, controleren, overzicht en schema's.",
    no_args_is_help=True,
    options_metavar=OPTIES,
)
schema_app = typer.Typer(
    help="JSON Schema's van de uitvoer.", no_args_is_help=True, options_metavar=OPTIES
)
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
    markdown = "markdown"
    html = "html"
    json = "json"


_EXTENSIES = {Formaat.markdown: "md", Formaat.html: "html", Formaat.json: "json"}


def _load_kennisbank(map_: Path | None) -> Kennisbank:
    try:
        return load_kennisbank(map_)
    except KennisbankFout as fout:
        stderr.print(f"[bold red]De kennisbank bevat {len(fout.fouten)} fout(en):[/]")
        for regel in fout.fouten:
            stderr.print(f"  {regel}", markup=False)
        raise typer.Exit(1) from None


def _render(analyse: Analyse, formaat: Formaat) -> str:
    from .rapport.document import render_html, render_markdown

    if formaat is Formaat.markdown:
        return render_markdown(analyse)
    if formaat is Formaat.html:
        return render_html(analyse)
    return AnalyseDocument(analyses=[analyse]).model_dump_json(indent=2) + "\n"


def _analyse_all(analysator: Analysator, paden: list[Path], anoniem: bool) -> list[Analyse]:
    bestanden, padfouten = find_case_files(paden)
    analyses = [
        Analyse(casus=CasusInfo(id=fout.bestand, bestand=fout.bestand), fouten=[str(fout)])
        for fout in padfouten
    ]
    for pad in bestanden:
        analyses.append(analysator.analyse_file(pad, anoniem=anoniem))
    return analyses


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
    kennisbank: KennisbankOptie = None,
) -> None:
    """Analyseer casussen: signalen, conclusies, uitleg en wat nog ontbreekt."""
    if uit is not None and formaat is Formaat.terminal:
        formaat = Formaat.markdown
    kb = _load_kennisbank(kennisbank)
    analyses = _analyse_all(Analysator(kb), paden, anoniem)
    if not analyses:
        stderr.print("Geen casusbestanden gevonden.")
        raise typer.Exit(1)
    for analyse in analyses:
        for fout in analyse.fouten:
            stderr.print(f"[red]Fout:[/] {escape(fout)}")
    mislukt = any(a.fouten for a in analyses)
    if uit is not None:
        mislukt |= _write_reports(analyses, formaat, uit, overschrijf)
    elif formaat is Formaat.json:
        sys.stdout.write(AnalyseDocument(analyses=analyses).model_dump_json(indent=2) + "\n")
    elif formaat is Formaat.terminal:
        from .rapport.terminal import render_terminal

        for analyse in analyses:
            render_terminal(analyse, stdout)
    elif formaat is Formaat.html and len(analyses) > 1:
        stderr.print("[red]Meer dan één casus als html: gebruik --uit MAP.[/]")
        raise typer.Exit(2)
    else:
        sys.stdout.write("\n---\n\n".join(_render(a, formaat) for a in analyses))
    if mislukt:
        raise typer.Exit(1)


def _write_reports(analyses: list[Analyse], formaat: Formaat, uit: Path, overschrijf: bool) -> bool:
    from .rapport.uitvoer import BestaatAl, Uitvoermap

    map_ = Uitvoermap(uit, overschrijf)
    mislukt = False
    for analyse in analyses:
        pad = map_.path_for(analyse.casus.id, _EXTENSIES[formaat])
        try:
            map_.write(pad, _render(analyse, formaat))
        except BestaatAl as fout:
            stderr.print(f"[red]Fout:[/] {escape(str(fout))}")
            mislukt = True
            continue
        stdout.print(f"geschreven: {pad}", highlight=False)
    return mislukt


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

    kb = _load_kennisbank(kennisbank)
    if conclusie is not None and conclusie not in kb.conclusies:
        stderr.print(f"[red]Onbekende conclusie '{escape(conclusie)}'.[/]")
        raise typer.Exit(2)
    analysator = Analysator(kb)
    try:
        geladen = load_casus(casus)
    except CasusFout as fout:
        for regel in fout.fouten:
            stderr.print(f"[red]Fout:[/] {escape(str(regel))}")
        raise typer.Exit(1) from None
    analyse = analysator.analyse(geladen)
    if anoniem:
        analyse = pseudonymise_analysis(analyse, geladen)
    if conclusie is None:
        render_terminal(analyse, stdout)
        return
    afgeleid = next((c for c in analyse.conclusies if c.id == conclusie), None)
    if afgeleid is not None:
        render_tree(afgeleid, stdout)
    else:
        render_near_miss(
            kb.conclusies[conclusie].label, analysator.why_not(geladen, conclusie), stdout
        )


def _print_uitslag(uitslag: Uitslag) -> None:
    totaal = uitslag.geslaagd + len(uitslag.fouten)
    if uitslag.ok:
        stdout.print(
            f"[green]✓[/] {uitslag.soort} {uitslag.id} ({uitslag.geslaagd} {uitslag.eenheid})"
        )
        return
    stdout.print(
        f"[bold red]✗[/] {uitslag.soort} [bold]{uitslag.id}[/] "
        f"({uitslag.geslaagd} van {totaal} {uitslag.eenheid} goed)"
    )
    for fout in uitslag.fouten:
        stdout.print(f"    {fout}", markup=False)


@kennisbank_app.command("toets", options_metavar=OPTIES)
def toets(
    regel: Annotated[
        str | None,
        typer.Option("--regel", "-r", help="Toets alleen deze regel.", show_default=False),
    ] = None,
    signaal: Annotated[
        str | None,
        typer.Option("--signaal", "-s", help="Toets alleen dit signaal.", show_default=False),
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
        reden = " (uitgeschakeld in uitbreiding.yaml)" if regel in kb.uitgeschakeld else ""
        stderr.print(f"[red]Onbekende regel '{escape(regel)}'{reden}.[/]")
        raise typer.Exit(2)
    if signaal is not None and signaal not in kb.signalen:
        stderr.print(f"[red]Onbekend signaal '{escape(signaal)}'.[/]")
        raise typer.Exit(2)
    toetser = Toetser(Analysator(kb))
    uitslagen = []
    if signaal is None:
        uitslagen += list(toetser.rules(regel))
    if regel is None:
        uitslagen += list(toetser.signals(signaal))
    if casussen is not None:
        uitslagen += list(toetser.cases(casussen))
    for uitslag in uitslagen:
        _print_uitslag(uitslag)
    mislukt = [u for u in uitslagen if not u.ok]
    voorbeelden = sum(u.geslaagd + len(u.fouten) for u in uitslagen)
    stdout.print(
        f"\n{len(uitslagen) - len(mislukt)} geslaagd, {len(mislukt)} mislukt "
        f"({voorbeelden} voorbeelden en verwachtingen)"
    )
    for regel_id in kb.uitgeschakeld:
        stdout.print(f"uitgeschakeld: regel {regel_id}", highlight=False)
    if mislukt:
        raise typer.Exit(1)


@kennisbank_app.command("controleer", options_metavar=OPTIES)
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


@kennisbank_app.command("schema", options_metavar=OPTIES)
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


@kennisbank_app.command("overzicht", options_metavar=OPTIES)
def kennisbank_overzicht(kennisbank: KennisbankOptie = None) -> None:
    """Overzicht in Markdown: elke conclusie met de regels die haar afleiden en hun bronnen."""
    from .kennisbank.overzicht import overview_markdown

    sys.stdout.write(overview_markdown(_load_kennisbank(kennisbank)))


@kennisbank_app.command("nieuw", options_metavar=OPTIES)
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


@schema_app.command("analyse", options_metavar=OPTIES)
def schema_analyse() -> None:
    """Het JSON Schema van de uitvoer van `analyseer --formaat json`."""
    schema = AnalyseDocument.model_json_schema()
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    app()
