"""The files of a knowledge base folder: which there are, and one read and parsed.

Only regular files are read (a FIFO would hang the run); a control character or
bidirectional override in any text of the knowledge base is refused.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..bestandlezen import (
    LeesProbleem,
    not_regular_reason,
    path_problem,
    read_regular_file,
    sorted_names,
)
from ..fouten import Invoerfout, display_path
from ..yamlbestand.document import YamlDocument, YamlProbleem
from ..yamlbestand.ontleden import parse_yaml

MAX_BYTES = 2_000_000


class KennisbankFout(Exception):
    """The knowledge base could not be loaded; `fouten` lists every problem found."""

    def __init__(self, fouten: list[Invoerfout]):
        super().__init__("\n".join(str(f) for f in fouten))
        self.fouten = fouten


UITBREIDING = "uitbreiding.yaml"
VOORBEELDEN = "voorbeelden"
TRAININGSBESTANDEN = frozenset({"signalen", VOORBEELDEN, "context"})
VOORBEELDEN_ACHTERVOEGSEL = ".voorbeelden"


def find_files(map_: Path) -> Iterator[tuple[Path, str]]:
    """The knowledge base's YAML files in `map_`, each a regular file.

    Anything else with a knowledge-base name (a FIFO would hang the run, a folder, a
    broken link, an unreadable subfolder) is an error, raised before any file is read."""
    bestanden: list[tuple[Path, str]] = []
    fouten: list[Invoerfout] = []
    for naam in ("bronnen", "context", "conclusies", UITBREIDING.removesuffix(".yaml")):
        for ext in (".yaml", ".yml"):
            pad = map_ / f"{naam}{ext}"
            if os.path.lexists(pad) and _regular(pad, fouten) and naam in _TOP:
                bestanden.append((pad, naam))
    for soort in ("signalen", "regels", "conclusies"):
        sub = map_ / soort
        if not sub.is_dir():
            continue
        namen = sorted_names(sub, fouten, "kan niet gelezen worden")
        for naam in namen or ():
            pad = sub / naam
            if pad.suffix not in (".yaml", ".yml") or naam.startswith("."):
                continue
            if _regular(pad, fouten):
                voorbeelden = soort == "signalen" and pad.stem.endswith(VOORBEELDEN_ACHTERVOEGSEL)
                bestanden.append((pad, VOORBEELDEN if voorbeelden else soort))
    if fouten:
        raise KennisbankFout(fouten)
    yield from bestanden


_TOP = ("bronnen", "context", "conclusies")


def _regular(pad: Path, fouten: list[Invoerfout]) -> bool:
    """Is `pad` a regular file (following links)? If not, say why in `fouten`."""
    try:
        reden = not_regular_reason(os.stat(pad).st_mode)
    except OSError as fout:
        reden = path_problem(pad, fout).removeprefix("kan bestand niet lezen: ")
    if reden is not None:
        fouten.append(Invoerfout(display_path(pad), f"kan bestand niet lezen: {reden}"))
    return reden is None


def read_document(pad: Path, bestand: str, fouten: list[Invoerfout]) -> YamlDocument | None:
    """Read and parse one YAML file; on any problem add a Dutch error and return None.

    Only a regular file is read, and a control character or bidirectional override in
    any text of the knowledge base (also written as an escape) is refused."""
    try:
        ruw = read_regular_file(pad, MAX_BYTES)
        tekst = ruw.decode("utf-8-sig").replace("\r\n", "\n")
        return parse_yaml(tekst, weiger_stuurtekens=True)
    except LeesProbleem as fout:
        fouten.append(Invoerfout(bestand, _reading(fout.bericht)))
    except YamlProbleem as fout:
        fouten.append(Invoerfout(bestand, fout.bericht, fout.regelnummer, fout.sleutel))
    except UnicodeDecodeError as fout:
        regel = ruw[: fout.start].count(b"\n") + 1
        fouten.append(Invoerfout(bestand, "de tekst is niet in UTF-8 opgeslagen", regel))
    return None


def _reading(reden: str) -> str:
    if reden.startswith(("kan bestand niet lezen", "bestand te groot")):
        return reden
    return f"kan bestand niet lezen: {reden}"
