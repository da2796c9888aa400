"""Writing reports to disk: atomically, never over an existing file unless asked, and
never outside the output folder the user named."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from ..fouten import os_error_text


class BestaatAl(Exception):
    """The report file exists and `--overschrijf` was not given."""


class UitvoerFout(Exception):
    """The report could not be written (a Dutch message)."""


_ONVEILIG = re.compile(r"[^\w.-]+", re.UNICODE)
# A report being written: `.NAME.PID.RANDOM.tmp` beside it (see `write_atomic`).
_TIJDELIJK = re.compile(r"^\..+\.(?P<pid>\d+)\.[^.]+\.tmp$")


def safe_name(casus_id: str) -> str:
    """A file name from a case id: no path separators, no leading dots."""
    naam = _ONVEILIG.sub("_", casus_id).strip("._")
    return naam[:100] or "casus"


class Uitvoermap:
    """The `--uit` folder of one run: unique names per run, atomic writes."""

    def __init__(self, map_: Path, overschrijf: bool = False):
        self.map = map_
        self.overschrijf = overschrijf
        self._gebruikt: set[str] = set()
        self._opgeruimd = False

    def path_for(self, casus_id: str, extensie: str) -> Path:
        basis = safe_name(casus_id)
        naam, teller = f"{basis}.{extensie}", 2
        while naam in self._gebruikt:  # two cases with one id in the same run
            naam, teller = f"{basis}-{teller}.{extensie}", teller + 1
        self._gebruikt.add(naam)
        pad = self.map / naam
        if pad.is_symlink() or pad.resolve().parent != self.map.resolve():
            raise UitvoerFout(f"{pad} is een link of ligt buiten {self.map}; niet geschreven")
        return pad

    def write(self, pad: Path, inhoud: str) -> None:
        try:
            self.map.mkdir(parents=True, exist_ok=True)
        except OSError as fout:
            raise UitvoerFout(
                f"{self.map}: kan de uitvoermap niet maken ({os_error_text(fout)})"
            ) from None
        if not self._opgeruimd:
            remove_stale_temporaries(self.map)
            self._opgeruimd = True
        try:
            write_atomic(pad, inhoud, self.overschrijf)
        except FileExistsError:
            raise BestaatAl(
                f"{pad} bestaat al; gebruik --overschrijf om het te vervangen"
            ) from None
        except OSError as fout:
            raise UitvoerFout(f"{pad}: kan niet schrijven ({os_error_text(fout)})") from None


def write_atomic(pad: Path, inhoud: str, overschrijf: bool = True) -> None:
    """Write to a temporary file beside the target, then put it in place in one step.

    Without `overschrijf` the file is linked into place, which fails (FileExistsError)
    if a file of that name appeared in the meantime: no check-then-write race.
    """
    descriptor, tijdelijk = tempfile.mkstemp(
        dir=pad.parent, prefix=f".{pad.name}.{os.getpid()}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as bestand:
            bestand.write(inhoud)
            bestand.flush()
            os.fsync(bestand.fileno())
        if overschrijf:
            os.replace(tijdelijk, pad)
        else:
            os.link(tijdelijk, pad)
    finally:
        Path(tijdelijk).unlink(missing_ok=True)


def remove_stale_temporaries(map_: Path) -> list[Path]:
    """Remove the half-written reports a killed run left behind (`.NAME.PID.….tmp` of a
    process that no longer exists); another run still writing keeps its own."""
    weg = []
    try:
        namen = os.listdir(map_)
    except OSError:
        return weg
    for naam in namen:
        treffer = _TIJDELIJK.match(naam)
        pad = map_ / naam
        if treffer is None or _is_running(int(treffer["pid"])) or not _regular(pad):
            continue
        try:
            pad.unlink()
        except OSError:
            continue
        weg.append(pad)
    return weg


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or not a pid we can ask about: keep it
    return True


def _regular(pad: Path) -> bool:
    try:
        return stat.S_ISREG(pad.lstat().st_mode)
    except OSError:
        return False
