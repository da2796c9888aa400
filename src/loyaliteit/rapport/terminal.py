"""A rich terminal report per case: safety first, then conclusions with their tree."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..uitleg import Analyse
from ..uitleg.uitkomst import Bewijs, BijnaMis, ConclusieUitkomst, Premisse, RegelToepassing
from .document import marked_segments

_KLEUR = {"sterk": "bold green", "matig": "yellow", "zwak": "dim yellow", "zeer zwak": "dim"}
_SOORT = {
    "veiligheid": "VEILIGHEID",
    "classificatie": "classificatie",
    "beschermend": "beschermend",
    "patroon": "patroon",
}


def _evidence_text(bewijs: Bewijs) -> Text:
    if bewijs.status == "bevestigd":
        return Text("bevestigd door de professional", style="italic cyan")
    tekst = Text("“", style="dim")
    for stuk, gemarkeerd in marked_segments(bewijs):
        tekst.append(stuk, style="bold underline" if gemarkeerd else None)
    tekst.append("”", style="dim")
    return tekst


def _add_premise(tree: Tree, premisse: Premisse) -> None:
    kop = Text()
    if premisse.soort in ("signaal", "conclusie", "kenmerk"):
        kop.append(f"{premisse.soort}: ", style="dim")
    kop.append(premisse.label)
    kop.append(f"  ({premisse.zekerheid:.2f})", style="dim")
    tak = tree.add(kop)
    for bewijs in premisse.bewijs:
        tak.add(_evidence_text(bewijs))
    for onderdeel in premisse.onderdelen:
        _add_premise(tak, onderdeel)
    for toepassing in premisse.regels:
        _add_rule(tak, toepassing)


def _add_rule(tree: Tree, toepassing: RegelToepassing) -> None:
    kop = Text()
    kop.append("regel ", style="dim")
    kop.append(toepassing.regel, style="bold magenta")
    kop.append(f" — {toepassing.naam}")
    kop.append(
        f"  (regel {toepassing.zekerheid_regel:+.2f}, bijdrage {toepassing.bijdrage:+.2f})",
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
        _add_premise(tak, premisse)


def _conclusion_tree(conclusie: ConclusieUitkomst) -> Tree:
    kop = Text()
    kop.append(conclusie.label, style="bold")
    kop.append(f"  [{_SOORT[conclusie.soort]}] ", style="dim")
    kop.append(
        f"{conclusie.zekerheid_woord} ({conclusie.zekerheid:.2f})",
        style=_KLEUR[conclusie.zekerheid_woord],
    )
    boom = Tree(kop)
    for toepassing in conclusie.afleiding:
        _add_rule(boom, toepassing)
    return boom


def _advice(conclusie: ConclusieUitkomst) -> Group:
    regels = [Text(conclusie.omschrijving)]
    if conclusie.advies:
        regels.append(Text("Wat je kunt doen:", style="bold"))
        regels += [Text(f"• {a.tekst}  ({a.bron})") for a in conclusie.advies]
    if conclusie.gespreksvragen:
        regels.append(Text("Gespreksvragen:", style="bold"))
        regels += [Text(f"• {v}") for v in conclusie.gespreksvragen]
    return Group(*regels)


def render_terminal(analyse: Analyse, console: Console) -> None:
    titel = analyse.casus.titel or analyse.casus.id
    console.rule(f"[bold]Casus: {escape(titel)}[/]  [dim]{escape(analyse.casus.bestand or '')}[/]")
    for fout in analyse.fouten:
        console.print(Text(f"Fout: {fout}", style="bold red"))
    for melding in analyse.meldingen:
        console.print(Text(f"Let op: {melding}", style="yellow"))
    if analyse.fouten and not analyse.conclusies and analyse.casus.beschrijving is None:
        return
    veiligheid = _render_safety(analyse, console)
    if not _render_conclusions(analyse, console) and not veiligheid:
        console.print(Text("Geen classificatie afgeleid.", style="italic"))
    _render_patterns(analyse, console)
    _render_set_aside(analyse, console)
    _render_near_misses(analyse, console)


def _render_safety(analyse: Analyse, console: Console) -> bool:
    """The safety conclusion first, in red, with the steps of the reporting code."""
    veiligheid = [c for c in analyse.conclusies if c.soort == "veiligheid"]
    for conclusie in veiligheid:
        console.print(
            Panel(
                Group(_advice(conclusie), _conclusion_tree(conclusie)),
                title=f"⚠ {escape(conclusie.label)}",
                border_style="bold red",
            )
        )
    return bool(veiligheid)


def _render_conclusions(analyse: Analyse, console: Console) -> bool:
    """The classifications and protective factors: a table, then each with its tree."""
    hoofd = [c for c in analyse.conclusies if c.soort in ("classificatie", "beschermend")]
    if not hoofd:
        return False
    tabel = Table(title="Conclusies", show_lines=False, expand=False)
    tabel.add_column("conclusie")
    tabel.add_column("soort", style="dim")
    tabel.add_column("zekerheid")
    tabel.add_column("regels", style="magenta")
    for c in hoofd:
        tabel.add_row(
            c.label,
            c.soort,
            Text(f"{c.zekerheid_woord} ({c.zekerheid:.2f})", style=_KLEUR[c.zekerheid_woord]),
            ", ".join(c.regels),
        )
    console.print(tabel)
    for conclusie in hoofd:
        console.print(
            Panel(
                Group(_conclusion_tree(conclusie), Text(""), _advice(conclusie)),
                title=escape(conclusie.label),
                border_style="blue",
            )
        )
    return True


def _render_patterns(analyse: Analyse, console: Console) -> None:
    patronen = [c for c in analyse.conclusies if c.soort == "patroon"]
    if not patronen:
        return
    tabel = Table(title="Patronen (tussenconclusies)", title_justify="left")
    tabel.add_column("patroon")
    tabel.add_column("zekerheid")
    tabel.add_column("zinnen")
    for c in patronen:
        zinnen = Text("\n").join(_evidence_text(b) for b in c.bewijs)
        tabel.add_row(
            c.label,
            Text(f"{c.zekerheid_woord} ({c.zekerheid:.2f})", style=_KLEUR[c.zekerheid_woord]),
            zinnen,
        )
    console.print(tabel)


def _render_set_aside(analyse: Analyse, console: Console) -> None:
    opzij = [s for s in analyse.signalen if not s.gebruikt]
    if not opzij:
        return
    tabel = Table(title="Overwogen en terzijde gelegd", title_justify="left")
    tabel.add_column("signaal")
    tabel.add_column("status")
    tabel.add_column("zin")
    for s in opzij:
        bewijs = s.bewijs[0] if s.bewijs else None
        reden = f"{s.status} ({bewijs.reden})" if bewijs and bewijs.reden else s.status
        tabel.add_row(s.label, reden, _evidence_text(bewijs) if bewijs else "")
    console.print(tabel)


def _render_near_misses(analyse: Analyse, console: Console) -> None:
    if not analyse.bijna:
        return
    tabel = Table(
        title="Bijna (waarom niet) — agenda voor het volgende gesprek", title_justify="left"
    )
    tabel.add_column("conclusie")
    tabel.add_column("aanwezig", style="green")
    tabel.add_column("ontbreekt", style="red")
    tabel.add_column("vraag")
    for b in analyse.bijna:
        tabel.add_row(
            b.label or b.id, _names(b, b.aanwezig), _names(b, b.ontbrekend), "\n".join(b.vragen)
        )
    console.print(tabel)


def render_tree(conclusie: ConclusieUitkomst, console: Console) -> None:
    """How: one derived conclusion with its derivation tree, advice and critical signals."""
    console.print(
        Panel(
            Group(_conclusion_tree(conclusie), Text(""), _critical(conclusie), _advice(conclusie)),
            title=escape(conclusie.label),
            border_style="blue",
        )
    )


def render_near_miss(label: str, bijna: BijnaMis | None, console: Console) -> None:
    """Why not: the closest rule, what held, what was missing and what to ask."""
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
        Text(f"Het dichtst bij kwam regel {bijna.regel} ({bijna.score:.0%} van wat nodig is)."),
        Text("Wel aanwezig: " + (_names(bijna, bijna.aanwezig) or "niets"), style="green"),
        Text("Ontbreekt: " + (_names(bijna, bijna.ontbrekend) or "niets"), style="red"),
    ]
    if bijna.vragen:
        regels.append(Text("Vragen voor het volgende gesprek:", style="bold"))
        regels += [Text(f"• {v}") for v in bijna.vragen]
    console.print(
        Panel(Group(*regels), title=f"Waarom niet: {escape(label)}", border_style="yellow")
    )


def _critical(conclusie: ConclusieUitkomst) -> Text:
    if conclusie.hangt_af_van:
        return Text(
            "Hangt af van: "
            + ", ".join(conclusie.hangt_af_van)
            + " (zonder een van deze volgt de conclusie niet)",
            style="bold",
        )
    return Text("Hangt af van: geen enkel signaal is op zichzelf doorslaggevend.", style="dim")


def _names(bijna: BijnaMis, ids: list[str]) -> str:
    return "; ".join(bijna.labels.get(i, i) for i in ids)


def _signal_labels(toepassingen: list[RegelToepassing]) -> dict[str, str]:
    """Signal id -> label, from the derivation tree itself."""
    labels: dict[str, str] = {}

    def walk(premissen: list[Premisse]) -> None:
        for premisse in premissen:
            if premisse.soort == "signaal":
                labels[premisse.id] = premisse.label
            walk(premisse.onderdelen)
            for toepassing in premisse.regels:
                walk(toepassing.premissen)

    for toepassing in toepassingen:
        walk(toepassing.premissen)
    return labels
