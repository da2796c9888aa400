"""Errors a user can read: Dutch, naming the file, the line and the key.

Whatever a user wrote (a value, a key, a file name) is shown in a message only after
`visible()`/`printable()`: control characters and bidirectional overrides never reach a
terminal or a report through an error text, and no Python repr (`None`,
`datetime.date(...)`) ever stands in for what the user typed.

pydantic's validation errors are turned into these errors in `validatiefouten.py`.
"""

from __future__ import annotations

import datetime
import difflib
import errno
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

STANDAARDINVOER = "standaardinvoer"

# C0 and C1 control characters, DEL, and the bidirectional embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069): never shown as they are.
STUURTEKENS = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_STUURTEKEN = re.compile(f"[{STUURTEKENS}]")


@dataclass
class Invoerfout(Exception):
    """A problem in a file a user wrote (a case file or the knowledge base)."""

    bestand: str
    bericht: str
    regelnummer: int | None = None
    sleutel: str | None = None

    def __str__(self) -> str:
        plaats = self.bestand if self.regelnummer is None else f"{self.bestand}:{self.regelnummer}"
        sleutel = f" (sleutel '{visible(self.sleutel)}')" if self.sleutel else ""
        return f"{plaats}{sleutel}: {self.bericht}"


def display_path(pad: Path | str) -> str:
    """A path as the user gave it (symbolic links not followed), relative to the working
    directory when it lies inside it, and always printable (odd bytes become '?').
    `-` is standard input."""
    if str(pad) == "-":
        return STANDAARDINVOER
    absoluut = os.path.abspath(pad)
    try:
        naam = os.path.relpath(absoluut)
        if naam.startswith(".."):
            naam = str(pad)
    except ValueError:
        naam = str(pad)
    return printable(naam)


def printable(tekst: str) -> str:
    """A name that can always be written as UTF-8 and shown safely: undecodable bytes,
    control characters and bidirectional overrides become '?'."""
    tekst = tekst.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _STUURTEKEN.sub("?", tekst.replace("\ufffd", "?"))


def visible(tekst: str) -> str:
    """User text inside a message: control characters, bidirectional overrides and other
    invisible format characters (zero-width space, direction marks) are written as a
    visible code (`\\u202e`), so a message shows what is there and they do nothing."""
    return "".join(_code(t) if unicodedata.category(t) in _ONZICHTBAAR else t for t in tekst)


_ONZICHTBAAR = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _code(teken: str) -> str:
    code = ord(teken)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def did_you_mean(woord: object, kandidaten: Iterable[str]) -> str:
    """' (bedoel je 'x'?)' for the nearest candidate, or '' when none is close."""
    if not isinstance(woord, str):
        return ""
    naast = difflib.get_close_matches(woord, sorted(set(kandidaten)), n=1, cutoff=0.6)
    if not naast and woord.lower() != woord:
        naast = difflib.get_close_matches(woord.lower(), sorted(set(kandidaten)), n=1, cutoff=0.6)
    return f" (bedoel je '{naast[0]}'?)" if naast else ""


_OS_FOUTEN = {
    errno.ENOENT: "bestaat niet",
    errno.EISDIR: "is een map, geen bestand",
    errno.ENOTDIR: "bestaat niet (een deel van het pad is een bestand, geen map)",
    errno.EACCES: "geen toestemming (rechten)",
    errno.EPERM: "geen toestemming (rechten)",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ELOOP: "een symbolische link verwijst naar zichzelf (een lus)",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (het quotum) is op",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EIO: "de schijf geeft een lees- of schrijffout (beschadigd of losgekoppeld?)",
    errno.EMFILE: "te veel bestanden tegelijk open",
    errno.ENFILE: "te veel bestanden tegelijk open",
    errno.EFBIG: "het bestand wordt te groot",
    errno.EEXIST: "bestaat al",
    errno.ENXIO: "geen gewoon bestand (een apparaat of pijp zonder andere kant)",
    errno.ENODEV: "geen gewoon bestand (een apparaat)",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.EBUSY: "het bestand is in gebruik",
    errno.EAGAIN: "het bestand is tijdelijk niet beschikbaar",
    errno.ESTALE: "de netwerkschijf is niet meer bereikbaar",
    errno.ETIMEDOUT: "de schijf of het netwerk antwoordt niet",
}


def os_error_text(fout: OSError) -> str:
    """A Dutch reason for an error of the operating system (reading or writing)."""
    if fout.errno in _OS_FOUTEN:
        return _OS_FOUTEN[fout.errno]
    code = errno.errorcode.get(fout.errno or 0)
    return f"het besturingssysteem weigert het ({code})" if code else "onbekende systeemfout"


def shown(waarde: object, spelling: str | None = None) -> str:
    """What the user wrote, for 'moet ..., niet <dit>': the spelling in the file when it
    is known, otherwise a Dutch description; never a Python repr."""
    if waarde is None or (isinstance(waarde, str) and spelling == "" and waarde == ""):
        return "leeg"
    if isinstance(waarde, dict):
        return "een sleutel-waardelijst"
    if isinstance(waarde, list | tuple | set | frozenset):
        return "een lijst"
    if isinstance(waarde, bytes | bytearray):
        return "binaire gegevens"
    if spelling is not None and not isinstance(waarde, str):
        return f"'{visible(_cut(spelling))}'"
    if isinstance(waarde, bool):
        return "ja (true)" if waarde else "nee (false)"
    if isinstance(waarde, int | float):
        return str(waarde)
    if isinstance(waarde, datetime.date | datetime.time):
        return f"'{waarde.isoformat()}'"
    if isinstance(waarde, str):
        return f"'{visible(_cut(waarde))}'"
    return "een waarde van een andere soort"


def _cut(tekst: str, lengte: int = 60) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"
