"""A parsed YAML document, and the problem `parse_yaml` raises: what the rest of the
program needs to name a line and a key in a Dutch error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Pad = tuple[str | int, ...]


class YamlProbleem(Exception):
    def __init__(self, bericht: str, regelnummer: int | None = None, sleutel: str | None = None):
        super().__init__(bericht)
        self.bericht = bericht
        self.regelnummer = regelnummer
        self.sleutel = sleutel


@dataclass
class YamlDocument:
    data: Any
    regelnummers: dict[Pad, int] = field(default_factory=dict)
    spellingen: dict[Pad, str] = field(default_factory=dict)

    def regelnummer_van(self, pad: Pad) -> int | None:
        """The line number of the deepest known prefix of `pad`."""
        for lengte in range(len(pad), -1, -1):
            regelnummer = self.regelnummers.get(tuple(pad[:lengte]))
            if regelnummer is not None:
                return regelnummer
        return None

    def spelling_van(self, pad: Pad) -> str | None:
        """How the value at `pad` was written in the file (for a scalar), if known."""
        return self.spellingen.get(tuple(pad))


def format_pad(pad: Pad) -> str:
    """('regels', 0, 'als') -> 'regels[0].als'."""
    tekst = ""
    for deel in pad:
        if isinstance(deel, int):
            tekst += f"[{deel}]"
        else:
            tekst += f".{deel}" if tekst else str(deel)
    return tekst
