"""`loyaliteit kennisbank ...`: test, lint, overview, schemas and a school's own folder."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from .basis import OPTIES, KennisbankOptie, load_kennisbank_or_exit, stderr, stdout

kennisbank_app = typer.Typer(
    help="Werken met de kennisbank: toetsen, controleren, overzicht en schema's.",
    no_args_is_help=True,
    options_metavar=OPTIES,
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)


def _print_uitslag(uitslag) -> None:
    totaal = uitslag.geslaagd + len(uitslag.fouten)
    if uitslag.ok:
        cijfers = uitslag.toelichting or f"{uitslag.geslaagd} {uitslag.eenheid}"
        stdout.print(f"[green]✓[/] {uitslag.soort} {uitslag.id} ({cijfers})", highlight=False)
        for opmerking in uitslag.opmerkingen:
            stdout.print(f"    [dim]{escape(opmerking)}[/]", highlight=False)
        return
    stdout.print(
        f"[bold red]✗[/] {uitslag.soort} [bold]{uitslag.id}[/] "
        f"({uitslag.geslaagd} van {totaal} {uitslag.eenheid} goed)"
    )
    for fout in uitslag.fouten:
        stdout.print(f"    {fout}", markup=False)


@kennisbank_app.command("toets", options_metavar=OPTIES)
def toets(  # long only for its option declarations; the work is in the helpers below
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
    kruisvalidatie: Annotated[
        bool,
        typer.Option(
            "--kruisvalidatie/--zonder-kruisvalidatie",
            help="Per signaal precisie en recall uit kruisvalidatie op de eigen voorbeelden, "
            "en met welke signalen het verward wordt.",
        ),
    ] = True,
    kennisbank: KennisbankOptie = None,
) -> None:
    """Voer de voorbeelden van elke regel en elk signaal uit, en eventueel de casussen."""
    from ..kennisbank.gereedschap.toets import Toetser

    kb = load_kennisbank_or_exit(kennisbank)
    _check_filter(kb, regel, signaal)
    uitslagen = _run_tests(Toetser(kb), regel, signaal, casussen)
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
    if kruisvalidatie and regel is None and (signaal is None or signaal in kb.signalen):
        _print_cross_validation(kb, signaal)
    if mislukt:
        raise typer.Exit(1)


def _check_filter(kb, regel: str | None, signaal: str | None) -> None:
    """`--regel` and `--signaal` must name a rule and a signal of the knowledge base."""
    if regel is not None and regel not in kb.regels:
        reden = " (uitgeschakeld in uitbreiding.yaml)" if regel in kb.uitgeschakeld else ""
        stderr.print(f"[red]Onbekende regel '{escape(regel)}'{reden}.[/]")
        raise typer.Exit(2)
    if signaal is not None and signaal not in kb.signalen:
        stderr.print(f"[red]Onbekend signaal '{escape(signaal)}'.[/]")
        raise typer.Exit(2)


def _run_tests(toetser, regel: str | None, signaal: str | None, casussen: Path | None) -> list:
    """The rules' and signals' examples (only the one asked for, if any), then the cases."""
    alleen = regel is not None or signaal is not None
    uitslagen = []
    if regel is not None or not alleen:
        uitslagen += list(toetser.rules(regel))
    if signaal is not None or not alleen:
        uitslagen += list(toetser.signals(signaal))
    if casussen is not None:
        uitslagen += list(toetser.cases(casussen))
    return uitslagen


def _print_cross_validation(kb, alleen: str | None) -> None:
    from rich.table import Table

    from ..kennisbank.gereedschap.kruisvalidatie import cross_validate

    tabel = Table(
        title="Kruisvalidatie op de eigen voorbeelden (signaal gevonden), zwakste eerst",
        title_justify="left",
    )
    for kop in ("signaal", "precisie", "recall", "zinnen", "verward met"):
        tabel.add_column(kop, justify="left" if kop in ("signaal", "verward met") else "right")
    for c in cross_validate(kb):
        if alleen is None or c.signaal == alleen:
            verward = ", ".join(f"{s} ({n})" for s, n in c.verward_met)
            tabel.add_row(
                c.signaal, f"{c.precisie:.2f}", f"{c.recall:.2f}", str(c.voorbeelden), verward
            )
    stdout.print(tabel)


@kennisbank_app.command("controleer", options_metavar=OPTIES)
def controleer(kennisbank: KennisbankOptie = None) -> None:
    """Controleer de kennisbank: onbekende of dubbele ids, ongebruikte signalen,
    onbereikbare conclusies, kringlopen, regels zonder bron of voorbeelden, gedekte regels."""
    from ..kennisbank import KennisbankFout, load_kennisbank
    from ..kennisbank.gereedschap.controleer import lint

    try:
        kb = load_kennisbank(kennisbank)
    except KennisbankFout as fout:
        for melding in fout.fouten:
            stdout.print(f"[bold red]fout[/]: {melding}", highlight=False, soft_wrap=True)
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
    voorbeelden = "voorbeelden"


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
    from ..kennisbank.gereedschap.schema import schema_text, write_schemas

    if uit is not None:
        for pad in write_schemas(uit):
            stdout.print(f"geschreven: {pad}", highlight=False)
        return
    sys.stdout.write(schema_text(soort.value))


@kennisbank_app.command("overzicht", options_metavar=OPTIES)
def kennisbank_overzicht(kennisbank: KennisbankOptie = None) -> None:
    """Overzicht in Markdown: elke conclusie met de regels die haar afleiden en hun bronnen."""
    from ..kennisbank.gereedschap.overzicht import overview_markdown

    sys.stdout.write(overview_markdown(load_kennisbank_or_exit(kennisbank)))


@kennisbank_app.command("nieuw", options_metavar=OPTIES)
def kennisbank_nieuw(
    map_: Annotated[Path, typer.Argument(help="De nieuwe map.", metavar="MAP", show_default=False)],
) -> None:
    """Begin een eigen map die de ingebouwde kennisbank uitbreidt, met een voorbeeld."""
    from ..kennisbank.gereedschap.nieuw import MapBestaatAl, new_extension

    try:
        paden = new_extension(map_)
    except MapBestaatAl as fout:
        stderr.print(f"[red]{fout}[/]")
        raise typer.Exit(1) from None
    for pad in paden:
        stdout.print(f"aangemaakt: {pad}", highlight=False)
    stdout.print(f"\nProbeer: loyaliteit kennisbank toets --kennisbank {map_}", highlight=False)
