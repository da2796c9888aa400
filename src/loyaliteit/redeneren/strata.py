"""Stratify rules so that a rule testing the absence of X runs after every rule deriving X."""

from __future__ import annotations

from dataclasses import dataclass, field


class CyclusFout(ValueError):
    """A cycle through a negation: the absence cannot be decided."""


@dataclass
class Afhankelijkheden:
    """For one compiled rule part: what it derives and what it depends on."""

    naam: str
    levert: str
    positief: set[str] = field(default_factory=set)
    negatief: set[str] = field(default_factory=set)


def stratify(delen: list[Afhankelijkheden]) -> dict[str, int]:
    """Stratum per rule part (0 = first); raise `CyclusFout` on a cycle through `niet`."""
    atoom_stratum: dict[str, int] = {}
    deel_stratum = {deel.naam: 0 for deel in delen}
    limiet = len(delen) + 1
    veranderd = True
    while veranderd:
        veranderd = False
        for deel in delen:
            nieuw = max(
                [atoom_stratum.get(a, 0) for a in deel.positief]
                + [atoom_stratum.get(a, 0) + 1 for a in deel.negatief]
                + [0]
            )
            if nieuw > limiet:
                raise CyclusFout(
                    f"kringloop via 'niet' rond '{deel.levert}' (regel {deel.naam.split('/')[0]})"
                )
            if nieuw != deel_stratum[deel.naam]:
                deel_stratum[deel.naam] = nieuw
                veranderd = True
            if nieuw > atoom_stratum.get(deel.levert, -1):
                atoom_stratum[deel.levert] = nieuw
                veranderd = True
    return deel_stratum
