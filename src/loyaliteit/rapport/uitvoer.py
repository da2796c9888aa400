"""Writing reports to disk: atomically, never over an existing file unless asked, and
never outside the output folder the user named."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


class BestaatAl(Exception):
    """The report file exists and `--overschrijf` was not given."""


_ONVEILIG = re.compile(r"[^\w.-]+", re.UNICODE)


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

    def path_for(self, casus_id: str, extensie: str) -> Path:
        basis = safe_name(casus_id)
        naam, teller = f"{basis}.{extensie}", 2
        while naam in self._gebruikt:  # two cases with one id in the same run
            naam, teller = f"{basis}-{teller}.{extensie}", teller + 1
        self._gebruikt.add(naam)
        pad = self.map / naam
        if pad.resolve().parent != self.map.resolve():
            raise ValueError(f"{naam} ligt buiten {self.map}")
        return pad

    def write(self, pad: Path, inhoud: str) -> None:
        if pad.exists() and not self.overschrijf:
            raise BestaatAl(f"{pad} bestaat al; gebruik --overschrijf om het te vervangen")
        self.map.mkdir(parents=True, exist_ok=True)
        write_atomic(pad, inhoud)


def write_atomic(pad: Path, inhoud: str) -> None:
    """Write to a temporary file beside the target, then rename it into place."""
    descriptor, tijdelijk = tempfile.mkstemp(dir=pad.parent, prefix=f".{pad.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as bestand:
            bestand.write(inhoud)
            bestand.flush()
            os.fsync(bestand.fileno())
        os.replace(tijdelijk, pad)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise
