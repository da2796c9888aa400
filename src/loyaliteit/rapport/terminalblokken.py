"""The building blocks of the terminal report, as rich renderables: a conclusion with its
derivation tree down to the sentence, its advice and questions, and what it hangs on.

Callers pass a cleaned analysis (`schoon.py`); nothing here cleans again.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from rich.tree import Tree

from ..uitleg.uitkomst import Bewijs, BijnaMis, ConclusieUitkomst, Premisse, RegelToepassing
from .document import word_weights
from .weergave import Verwijzingen, decimal, excerpt, marked_segments, premise_labels

KLEUR = {"sterk": "bold green", "matig": "yellow", "zwak": "dim yellow", "zeer zwak": "dim"}
_SOORT = {
    "veiligheid": "VEILIGHEID",
    "classificatie": "classificatie",
    "beschermend": "beschermend",
    "patroon": "patroon",
}


def evidence_text(bewijs: Bewijs, verwijzingen: Verwijzingen | None = None) -> Text:
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
        tak.add(evidence_text(bewijs, verwijzingen))
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


def certainty(conclusie) -> str:
    return f"{conclusie.zekerheid_woord} ({decimal(conclusie.zekerheid)})"


def conclusion_tree(conclusie: ConclusieUitkomst, verwijzingen: Verwijzingen) -> Tree:
    kop = Text()
    kop.append(conclusie.label, style="bold")
    kop.append(f"  [{_SOORT[conclusie.soort]}] ", style="dim")
    kleur = "bold red" if conclusie.soort == "veiligheid" else KLEUR[conclusie.zekerheid_woord]
    kop.append(certainty(conclusie), style=kleur)
    boom = Tree(kop)
    verwijzingen.register(conclusie.id)
    for toepassing in conclusie.afleiding:
        _add_rule(boom, toepassing, verwijzingen)
    return boom


def advice(conclusie: ConclusieUitkomst) -> Group:
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


def critical(conclusie: ConclusieUitkomst) -> Text:
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


def labels_of(bijna: BijnaMis, ids: list[str]) -> str:
    """The labels of signals and conclusions in a near miss, by id."""
    return "; ".join(bijna.labels.get(i, i) for i in ids)
