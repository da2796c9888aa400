"""A rich terminal report per case: safety first, then conclusions with their tree.

Everything shown comes from a cleaned copy of the analysis (`schoon.py`): no text from a
case or a knowledge base can steer the terminal. A shared sub-derivation and a sentence
are shown in full once per report and referred to after. The tree, the evidence and the
advice are built in `terminalblokken.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..uitleg import Analyse
from ..uitleg.uitkomst import BijnaMis, ConclusieUitkomst
from .schoon import clean, clean_model
from .terminalblokken import (
    KLEUR,
    advice,
    certainty,
    conclusion_tree,
    critical,
    evidence_text,
    labels_of,
)
from .weergave import (
    Verwijzingen,
    closest_near_misses,
    decimal,
    distinct_sentences,
    near_miss_list,
    percent,
)

if TYPE_CHECKING:
    from .batchoverzicht import CasusSamenvatting


def render_terminal(analyse: Analyse, console: Console, met_fouten: bool = True) -> None:
    """The full report of one case. `met_fouten=False` when its errors were already
    printed on stderr (a batch): an error is then shown once."""
    analyse = clean_model(analyse)
    verwijzingen = Verwijzingen()
    titel = analyse.casus.titel or analyse.casus.id
    console.rule(f"[bold]Casus: {escape(titel)}[/]  [dim]{escape(analyse.casus.bestand or '')}[/]")
    for fout in analyse.fouten if met_fouten else ():
        console.print(Text(f"Fout: {fout}", style="bold red"))
    for melding in analyse.meldingen:
        console.print(Text(f"Let op: {melding}", style="yellow"))
    if analyse.fouten and not analyse.conclusies and analyse.casus.beschrijving is None:
        return
    veiligheid = _render_safety(analyse, console, verwijzingen)
    if not _render_conclusions(analyse, console, verwijzingen) and not veiligheid:
        console.print(Text("Geen classificatie afgeleid.", style="italic"))
    _render_patterns(analyse, console, verwijzingen)
    _render_set_aside(analyse, console)
    _render_near_misses(analyse, console)


def _render_safety(analyse: Analyse, console: Console, verwijzingen: Verwijzingen) -> bool:
    """The safety conclusion first, in red, with the steps of the reporting code."""
    veiligheid = [c for c in analyse.conclusies if c.soort == "veiligheid"]
    for conclusie in veiligheid:
        console.print(
            Panel(
                Group(advice(conclusie), conclusion_tree(conclusie, verwijzingen)),
                title=f"⚠ {escape(conclusie.label)}",
                border_style="bold red",
            )
        )
    return bool(veiligheid)


def _render_conclusions(analyse: Analyse, console: Console, verwijzingen: Verwijzingen) -> bool:
    """The classifications and protective factors: a table, then each with its tree."""
    hoofd = [c for c in analyse.conclusies if c.soort in ("classificatie", "beschermend")]
    if not hoofd:
        return False
    tabel = Table(title="Conclusies", show_lines=False, expand=False)
    tabel.add_column("conclusie", ratio=1, overflow="fold")
    tabel.add_column("zekerheid", no_wrap=True)
    tabel.add_column("regels", style="magenta", overflow="fold", no_wrap=True)
    for c in hoofd:
        tabel.add_row(
            c.label if c.soort == "classificatie" else f"{c.label} (beschermend)",
            Text(certainty(c), style=KLEUR[c.zekerheid_woord]),
            "\n".join(c.regels),  # one per line: an id is never cut
        )
    console.print(tabel)
    for conclusie in hoofd:
        console.print(
            Panel(
                Group(conclusion_tree(conclusie, verwijzingen), Text(""), advice(conclusie)),
                title=escape(conclusie.label),
                border_style="blue",
            )
        )
    return True


def _render_patterns(analyse: Analyse, console: Console, verwijzingen: Verwijzingen) -> None:
    patronen = [c for c in analyse.conclusies if c.soort == "patroon"]
    if not patronen:
        return
    tabel = Table(title="Patronen (tussenconclusies)", title_justify="left")
    tabel.add_column("patroon")
    tabel.add_column("zekerheid")
    tabel.add_column("zinnen")
    for c in patronen:
        zinnen = Text("\n").join(
            evidence_text(b, verwijzingen) for b in distinct_sentences(c.bewijs)
        )
        tabel.add_row(
            c.label,
            Text(certainty(c), style=KLEUR[c.zekerheid_woord]),
            zinnen,
        )
    console.print(tabel)


def _render_set_aside(analyse: Analyse, console: Console) -> None:
    opzij = [s for s in analyse.signalen if not s.gebruikt]
    if not opzij:
        return
    tabel = Table(title="Overwogen en terzijde gelegd", title_justify="left")
    tabel.add_column("signaal", overflow="fold")
    tabel.add_column("status")
    tabel.add_column("zin")
    for s in opzij:
        bewijs = s.bewijs[0] if s.bewijs else None
        reden = f"{s.status} ({bewijs.reden})" if bewijs and bewijs.reden else s.status
        tabel.add_row(s.label, reden, evidence_text(bewijs) if bewijs else "")
    console.print(tabel)


def _render_near_misses(analyse: Analyse, console: Console) -> None:
    """The closest near misses with their questions (each once), the rest in one line."""
    getoond, rest = closest_near_misses(analyse.bijna)
    if not getoond:
        return
    tabel = Table(
        title="Bijna (waarom niet) — agenda voor het volgende gesprek", title_justify="left"
    )
    tabel.add_column("conclusie", overflow="fold")
    tabel.add_column("dichtbij", justify="right")
    tabel.add_column("aanwezig", style="green")
    tabel.add_column("ontbreekt", style="red")
    tabel.add_column("vraag")
    for weergave in getoond:
        b = weergave.bijna
        ontbreekt = (
            f"opgeheven door tegenbewijs: {labels_of(b, b.tegenbewijs)}"
            if b.tegenbewijs
            else labels_of(b, b.ontbrekend)
        )
        tabel.add_row(
            b.label or b.id,
            percent(b.score),
            labels_of(b, b.aanwezig),
            ontbreekt,
            "\n".join(weergave.vragen) or Text("(hierboven al gevraagd)", style="dim"),
        )
    console.print(tabel)
    if rest:
        aantal = "conclusie kwam" if len(rest) == 1 else "conclusies kwamen"
        console.print(
            Text(f"Nog {len(rest)} {aantal} minder dichtbij: {near_miss_list(rest)}.", style="dim")
        )


def render_tree(conclusie: ConclusieUitkomst, console: Console) -> None:
    """How: one derived conclusion with its derivation tree, advice and critical signals."""
    conclusie = clean_model(conclusie)
    console.print(
        Panel(
            Group(
                conclusion_tree(conclusie, Verwijzingen()),
                Text(""),
                critical(conclusie),
                advice(conclusie),
            ),
            title=escape(conclusie.label),
            border_style="blue",
        )
    )


def render_near_miss(label: str, bijna: BijnaMis | None, console: Console) -> None:
    """Why not: the closest rule, what held, what was missing and what to ask."""
    label = clean(label)
    bijna = clean_model(bijna) if bijna is not None else None
    if bijna is None:
        console.print(Text(f"{label}: geen enkele regel leidt deze conclusie af.", style="italic"))
        return
    if bijna.tegenbewijs:
        tekst = (
            f"{label} volgt niet: regel {bijna.regel} vuurde wel, maar het tegenbewijs woog "
            f"zwaarder ({labels_of(bijna, bijna.tegenbewijs)})."
        )
        console.print(
            Panel(Text(tekst), title=f"Waarom niet: {escape(label)}", border_style="yellow")
        )
        return
    regels = [
        Text(f"{label} volgt niet uit deze casus.", style="bold"),
        Text(
            f"Het dichtst bij kwam regel {bijna.regel} ({percent(bijna.score)} van wat nodig is)."
        ),
        Text("Wel aanwezig: " + (labels_of(bijna, bijna.aanwezig) or "niets"), style="green"),
        Text("Ontbreekt: " + (labels_of(bijna, bijna.ontbrekend) or "niets"), style="red"),
    ]
    if bijna.vragen:
        regels.append(Text("Vragen voor het volgende gesprek:", style="bold"))
        regels += [Text(f"• {v}") for v in dict.fromkeys(bijna.vragen)]
    console.print(
        Panel(Group(*regels), title=f"Waarom niet: {escape(label)}", border_style="yellow")
    )


def render_case_line(samenvatting: CasusSamenvatting, console: Console) -> None:
    """One line per case for a folder on the terminal: the case, then what may be wrong
    (safety first, in red), the protective factors, or that it could not be read."""
    regel = Text()
    regel.append("⚠ " if samenvatting.onveilig else "  ", style="bold red")
    regel.append(samenvatting.casus, style="bold")
    regel.append(": ")
    if samenvatting.fouten:
        regel.append("niet geanalyseerd (fout, zie melding)", style="red")
    elif not samenvatting.conclusies:
        regel.append("geen conclusie afgeleid", style="italic")
    for index, conclusie in enumerate(samenvatting.zorgen + samenvatting.beschermend):
        if index:
            regel.append("; ")
        stijl = {"veiligheid": "bold red", "beschermend": "green"}.get(conclusie.soort, "")
        voorvoegsel = "beschermend: " if conclusie.soort == "beschermend" else ""
        regel.append(
            f"{voorvoegsel}{conclusie.label} ({decimal(conclusie.zekerheid)})", style=stijl
        )
    console.print(regel, overflow="fold")
