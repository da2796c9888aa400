"""A rich terminal report per case: safety first, then conclusions with their tree.

Everything shown comes from a cleaned copy of the analysis (`schoon.py`): no text from a
case or a knowledge base can steer the terminal. A shared sub-derivation and a sentence
are shown in full once per report and referred to after.

(A little over the ~300 lines a module should stay under: it is the whole terminal face,
one short function per section, and rich's tables and trees take lines.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..uitleg import Analyse
from ..uitleg.uitkomst import Bewijs, BijnaMis, ConclusieUitkomst, Premisse, RegelToepassing
from .document import word_weights
from .schoon import clean, clean_model
from .weergave import (
    Verwijzingen,
    closest_near_misses,
    decimal,
    distinct_sentences,
    excerpt,
    marked_segments,
    near_miss_list,
    percent,
    premise_labels,
)

if TYPE_CHECKING:
    from .batchoverzicht import CasusSamenvatting

_KLEUR = {"sterk": "bold green", "matig": "yellow", "zwak": "dim yellow", "zeer zwak": "dim"}
_SOORT = {
    "veiligheid": "VEILIGHEID",
    "classificatie": "classificatie",
    "beschermend": "beschermend",
    "patroon": "patroon",
}


def _evidence_text(bewijs: Bewijs, verwijzingen: Verwijzingen | None = None) -> Text:
    if bewijs.status == "bevestigd":
        return Text("bevestigd door de professional", style="italic cyan")
    if verwijzingen is not None and not verwijzingen.sentence(bewijs)[1]:
        return Text(f"“{excerpt(bewijs.zin)}” (zie hierboven)", style="dim")
    tekst = Text("“", style="dim")
    for stuk, gemarkeerd in marked_segments(bewijs):
        tekst.append(stuk, style="bold underline" if gemarkeerd else None)
    tekst.append("”", style="dim")
    if bewijs.gewichten:
        tekst.append(f"  herkend aan: {word_weights(bewijs.gewichten)}", style="dim")
    if bewijs.lijkt_op:
        tekst.append(f"; lijkt op: “{bewijs.lijkt_op}”", style="dim italic")
    return tekst


def _add_premise(tree: Tree, premisse: Premisse, verwijzingen: Verwijzingen) -> None:
    kop = Text()
    if premisse.soort in ("signaal", "conclusie", "kenmerk"):
        kop.append(f"{premisse.soort}: ", style="dim")
    kop.append(premisse.label)
    kop.append(f"  ({decimal(premisse.zekerheid)})", style="dim")
    if not verwijzingen.first_derivation(premisse):
        kop.append(f" — {verwijzingen.reference(premisse)[1]}", style="dim italic")
        tree.add(kop)
        return
    tak = tree.add(kop)
    for bewijs in premisse.bewijs:
        tak.add(_evidence_text(bewijs, verwijzingen))
    for onderdeel in premisse.onderdelen:
        _add_premise(tak, onderdeel, verwijzingen)
    for toepassing in premisse.regels:
        _add_rule(tak, toepassing, verwijzingen)


def _add_rule(tree: Tree, toepassing: RegelToepassing, verwijzingen: Verwijzingen) -> None:
    kop = Text()
    kop.append("regel ", style="dim")
    kop.append(toepassing.regel, style="bold magenta")
    kop.append(f" — {toepassing.naam}")
    kop.append(
        f"  (regel {decimal(toepassing.zekerheid_regel, True)}, "
        f"bijdrage {decimal(toepassing.bijdrage, True)})",
        style="dim",
    )
    tak = tree.add(
        Group(
            kop,
            Text(toepassing.uitleg, style="italic"),
            Text(f"bron: {toepassing.bron}", style="dim"),
        )
    )
    for premisse in toepassing.premissen:
        _add_premise(tak, premisse, verwijzingen)


def _certainty(conclusie) -> str:
    return f"{conclusie.zekerheid_woord} ({decimal(conclusie.zekerheid)})"


def _conclusion_tree(conclusie: ConclusieUitkomst, verwijzingen: Verwijzingen) -> Tree:
    kop = Text()
    kop.append(conclusie.label, style="bold")
    kop.append(f"  [{_SOORT[conclusie.soort]}] ", style="dim")
    kleur = "bold red" if conclusie.soort == "veiligheid" else _KLEUR[conclusie.zekerheid_woord]
    kop.append(_certainty(conclusie), style=kleur)
    boom = Tree(kop)
    verwijzingen.register(conclusie.id)
    for toepassing in conclusie.afleiding:
        _add_rule(boom, toepassing, verwijzingen)
    return boom


def _advice(conclusie: ConclusieUitkomst) -> Group:
    regels = [Text(conclusie.omschrijving)]
    if conclusie.advies:
        regels.append(Text("Wat je kunt doen:", style="bold"))
        regels += [Text(f"• {a.tekst}  ({a.bron})") for a in conclusie.advies]
    if conclusie.ondergeschikt_aan_veiligheid:
        regels.append(
            Text(
                f"⚠ Veiligheid gaat voor. {conclusie.ondergeschikt_aan_veiligheid}",
                style="bold red",
            )
        )
    if conclusie.gesprek:
        regels.append(Text("Gespreksvragen:", style="bold"))
        regels += [
            Text(f"• {'(voor ' + v.voor + ') ' if v.voor else ''}{v.vraag}")
            for v in conclusie.gesprek
        ]
    return Group(*regels)


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
                Group(_advice(conclusie), _conclusion_tree(conclusie, verwijzingen)),
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
            Text(_certainty(c), style=_KLEUR[c.zekerheid_woord]),
            "\n".join(c.regels),  # one per line: an id is never cut
        )
    console.print(tabel)
    for conclusie in hoofd:
        console.print(
            Panel(
                Group(_conclusion_tree(conclusie, verwijzingen), Text(""), _advice(conclusie)),
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
            _evidence_text(b, verwijzingen) for b in distinct_sentences(c.bewijs)
        )
        tabel.add_row(
            c.label,
            Text(_certainty(c), style=_KLEUR[c.zekerheid_woord]),
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
        tabel.add_row(s.label, reden, _evidence_text(bewijs) if bewijs else "")
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
            f"opgeheven door tegenbewijs: {_names(b, b.tegenbewijs)}"
            if b.tegenbewijs
            else _names(b, b.ontbrekend)
        )
        tabel.add_row(
            b.label or b.id,
            percent(b.score),
            _names(b, b.aanwezig),
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
                _conclusion_tree(conclusie, Verwijzingen()),
                Text(""),
                _critical(conclusie),
                _advice(conclusie),
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
            f"zwaarder ({_names(bijna, bijna.tegenbewijs)})."
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
        Text("Wel aanwezig: " + (_names(bijna, bijna.aanwezig) or "niets"), style="green"),
        Text("Ontbreekt: " + (_names(bijna, bijna.ontbrekend) or "niets"), style="red"),
    ]
    if bijna.vragen:
        regels.append(Text("Vragen voor het volgende gesprek:", style="bold"))
        regels += [Text(f"• {v}") for v in dict.fromkeys(bijna.vragen)]
    console.print(
        Panel(Group(*regels), title=f"Waarom niet: {escape(label)}", border_style="yellow")
    )


def _critical(conclusie: ConclusieUitkomst) -> Text:
    """What if: the signals the conclusion hangs on, by their labels."""
    if conclusie.hangt_af_van:
        labels = premise_labels([conclusie])
        return Text(
            "Hangt af van: "
            + "; ".join(labels.get(i, i) for i in conclusie.hangt_af_van)
            + " (zonder een van deze volgt de conclusie niet)",
            style="bold",
        )
    return Text("Hangt af van: geen enkel signaal is op zichzelf doorslaggevend.", style="dim")


def _names(bijna: BijnaMis, ids: list[str]) -> str:
    return "; ".join(bijna.labels.get(i, i) for i in ids)


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
