"""A generated overview of the knowledge base: every conclusion with the rules that reach it."""

from __future__ import annotations

from .. import Kennisbank
from ..conditie import references
from ..models import Conclusie, Soort

_KOPPEN = {
    Soort.veiligheid: "Veiligheid",
    Soort.classificatie: "Classificaties",
    Soort.beschermend: "Beschermende factoren",
    Soort.patroon: "Patronen (tussenconclusies)",
}


def _cell(tekst: str) -> str:
    return " ".join(tekst.split()).replace("|", "\\|")


def overview_markdown(kb: Kennisbank) -> str:
    regels = [
        "# De kennisbank in één overzicht",
        "",
        "Gegenereerd met `loyaliteit kennisbank overzicht`; niet met de hand bewerken.",
        "",
        f"{len(kb.signalen)} signalen, {len(kb.regels)} regels, {len(kb.conclusies)} conclusies, "
        f"{len(kb.bronnen)} bronnen.",
        "",
    ]
    for soort in sorted(_KOPPEN, key=lambda s: s.volgorde):
        conclusies = sorted(
            (c for c in kb.conclusies.values() if c.soort == soort), key=lambda c: c.id
        )
        if conclusies:
            regels += [f"## {_KOPPEN[soort]}", ""]
            for conclusie in conclusies:
                regels += _conclusion_section(kb, conclusie)
    regels += ["## Bronnen", ""]
    for bron in kb.bronnen.values():
        gebruikt = sum(1 for r in kb.regels.values() if r.bron.id == bron.id)
        regels.append(
            f"- `{bron.id}`: {bron.titel} ({bron.auteur or 'onbekend'}); {gebruikt} regels"
        )
    return "\n".join(regels) + "\n"


def _conclusion_section(kb: Kennisbank, conclusie: Conclusie) -> list[str]:
    """One conclusion: its description, the rules that reach it, its advice."""
    regels = [
        f"### {conclusie.label} (`{conclusie.id}`)",
        "",
        _cell(conclusie.omschrijving),
        "",
        f"Bron: {conclusie.bron}.",
        "",
        "| regel | zekerheid | als | bron |",
        "|---|---|---|---|",
    ]
    for regel in sorted(kb.rules_for(conclusie.id), key=lambda r: (-r.zekerheid, r.id)):
        premissen = sorted({f"{s}: {ref}" for s, ref, _ in references(regel.als)})
        regels.append(
            f"| `{regel.id}` {_cell(regel.naam)} | {regel.zekerheid:+.2f} | "
            f"{_cell(', '.join(premissen))} | {_cell(str(regel.bron))} |"
        )
    if conclusie.advies:
        regels += ["", "Advies:", ""]
        regels += [f"- {_cell(a.tekst)} ({_cell(str(a.bron))})" for a in conclusie.advies]
    regels.append("")
    return regels
