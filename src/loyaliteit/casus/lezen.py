"""The text of a case file or of standard input: bytes, a byte-order mark, UTF-8.

`-` as a path is standard input, read once. Only regular files are read; every problem
becomes a `CasusFout`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..bestandlezen import LeesProbleem, read_regular_file
from ..fouten import Invoerfout, os_error_text
from .model import CasusFout

MAX_BYTES = 1_000_000
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def is_standard_input(pad: Path) -> bool:
    return str(pad) == "-"


_STANDAARDINVOER: tuple[object, bytes] | None = None


def read_standard_input() -> bytes:
    """The bytes on standard input, read once (a second `-` gets the same case)."""
    global _STANDAARDINVOER
    bron = sys.stdin
    if _STANDAARDINVOER is None or _STANDAARDINVOER[0] is not bron:
        buffer = getattr(bron, "buffer", None)
        data = buffer.read(MAX_BYTES + 1) if buffer is not None else bron.read().encode()
        _STANDAARDINVOER = (bron, data)
    return _STANDAARDINVOER[1]


_YAML_BEGIN = re.compile(r"[a-z_]+[ \t]*:(?:[ \t]|$)|\{")


def format_of_standard_input(tekst: str) -> str:
    """Standard input has no extension: `---` starts Markdown with a YAML header, a first
    line `sleutel: ...` YAML, anything else is the description as plain text."""
    for regel in tekst.splitlines():
        schoon = regel.strip().lstrip("\ufeff")
        if not schoon or schoon.startswith("#"):
            continue
        if schoon == "---":
            return ".md"
        return ".yaml" if _YAML_BEGIN.match(schoon) else ".txt"
    return ".txt"


def read_text(pad: Path, bestand: str) -> str:
    try:
        ruw = read_standard_input() if is_standard_input(pad) else read_regular_file(pad, MAX_BYTES)
    except LeesProbleem as fout:
        raise CasusFout(bestand, [Invoerfout(bestand, fout.bericht)]) from None
    except OSError as fout:
        bericht = f"kan standaardinvoer niet lezen: {os_error_text(fout)}"
        raise CasusFout(bestand, [Invoerfout(bestand, bericht)]) from None
    if len(ruw) > MAX_BYTES:
        bericht = f"bestand te groot (meer dan {MAX_BYTES} bytes)"
        raise CasusFout(bestand, [Invoerfout(bestand, bericht)])
    return normalise_line_ends(decode(ruw, bestand))


def normalise_line_ends(tekst: str) -> str:
    """Windows and old Mac line ends become newlines (a carriage return is a control
    character that would otherwise be replaced in the text)."""
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


def decode(ruw: bytes, bestand: str) -> str:
    for bom, codering in _BOMS:
        if ruw.startswith(bom):
            try:
                return ruw.decode(codering)
            except UnicodeDecodeError:
                break
    if b"\x00" in ruw:
        raise CasusFout(bestand, [Invoerfout(bestand, "dit is geen tekstbestand (binaire inhoud)")])
    try:
        return ruw.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        regel = ruw[: fout.start].count(b"\n") + 1
        bericht = "de tekst is niet in UTF-8 opgeslagen; sla het bestand op als UTF-8"
        raise CasusFout(bestand, [Invoerfout(bestand, bericht, regel)]) from None
