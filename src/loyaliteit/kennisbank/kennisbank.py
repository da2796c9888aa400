"""The loaded knowledge base: every item by id, and where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..yamlbestand.document import YamlDocument
from .contextwoorden import Context
from .models import Bron, Conclusie, Regel, Signaal


@dataclass(frozen=True)
class Herkomst:
    """Where an item was defined: its file, line, and the line map to find its keys."""

    bestand: str
    regelnummer: int | None
    document: YamlDocument | None = field(default=None, compare=False, repr=False)
    pad: tuple = ()

    def line_of(self, *sleutels) -> int | None:
        if self.document is None:
            return self.regelnummer
        return self.document.regelnummer_van((*self.pad, *sleutels))

    def __str__(self) -> str:
        return self.bestand if self.regelnummer is None else f"{self.bestand}:{self.regelnummer}"


@dataclass
class Kennisbank:
    map: Path
    bronnen: dict[str, Bron] = field(default_factory=dict)
    signalen: dict[str, Signaal] = field(default_factory=dict)
    regels: dict[str, Regel] = field(default_factory=dict)
    conclusies: dict[str, Conclusie] = field(default_factory=dict)
    context: Context = field(default_factory=Context)
    herkomst: dict[tuple[str, str], Herkomst] = field(default_factory=dict)
    ongeldig: set[str] = field(default_factory=set)  # ids of items that failed validation
    uitgeschakeld: list[str] = field(default_factory=list)  # built-in rules switched off
    # what the pipeline compiled from this knowledge base (detector, engine), built once
    gecompileerd: Any = field(default=None, repr=False, compare=False)
    # a hash of the bytes of every file it was read from (None: built in memory)
    inhoud_sleutel: str | None = None
    # the same for only the files detection is trained from (signals, examples, context,
    # extension): editing a rule does not retrain the detector
    herkenning_sleutel: str | None = None
    # False when read from the cache without the example sentences (enough to analyse
    # with a trained detector); `with_examples()` reads them when training needs them
    voorbeelden_geladen: bool = True

    def with_examples(self) -> Kennisbank:
        """This knowledge base with its example sentences (read again from its files if
        it came from the cache without them)."""
        if self.voorbeelden_geladen:
            return self
        from .loader import load_kennisbank

        return load_kennisbank(self.map, voorbeelden=True)

    def rules_for(self, conclusie_id: str) -> list[Regel]:
        return [r for r in self.regels.values() if r.dan == conclusie_id]
