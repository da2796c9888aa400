"""What the bad-input tests share: a good case, a Dutch-message check, message parts.

Imported by `test_slechte_invoer.py` (the corpus under `tests/slechte_invoer/`) and by
`test_robuustheid.py` (paths, safe YAML, safe writing, no network).
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from loyaliteit.fouten import display_path

GOED = """id: goed
leerling: {naam: Lars, leeftijd: 7}
beschrijving: |
  Lars huilt elke ochtend bij het afscheid van zijn moeder. In de pauze blijft hij
  bij de juf. Moeder wil hem eigenlijk klein houden.
"""

# ---------------------------------------------------------------------------------------
# Is a message Dutch?
# ---------------------------------------------------------------------------------------

_NEDERLANDS = re.compile(
    r"\b(de|het|een|niet|moet|mag|is|zijn|bestand|sleutel|ongeldige|ontbreekt|te|geen|"
    r"onbekend|onbekende|kan|bestaat|map|tekst|leeg|dubbel|dubbele|verwijzingen|genest|"
    r"lijst|waarde|kringloop|wordt|staat|teken)\b",
    re.IGNORECASE,
)
_ENGELS = re.compile(
    r"\b(the|should|must|not allowed|cannot|could|found|expected|while|error|invalid|"
    r"unacceptable|characters?|input|field|required|directory|such|file|too long|"
    r"permission|denied|keys|strings|finite|number|exists|option|position|unicode|"
    r"traceback|literal|convert|range|month|day)\b",
    re.IGNORECASE,
)


def is_dutch(bericht: str) -> bool:
    # the echoed input (", niet <waarde>") is the user's own text, not the message
    eigen = bericht.split(", niet ", 1)[0]
    return bool(eigen.strip()) and bool(_NEDERLANDS.search(eigen)) and not _ENGELS.search(eigen)


_PLAATS = re.compile(
    r"(?::(?P<regel>\d+))?(?: \(sleutel '(?P<sleutel>[^']*)'\))?: (?P<bericht>.*)\Z", re.S
)


@dataclass
class Melding:
    regelnummer: int | None
    sleutel: str | None
    bericht: str


def split_message(fout: str, naam: str) -> Melding:
    """'<...naam>:N (sleutel 'k'): bericht' -> its parts (the file named by `naam`)."""
    begin = fout.find(naam)
    assert begin >= 0, f"de foutmelding noemt het bestand {naam!r} niet: {fout!r}"
    m = _PLAATS.match(fout, begin + len(naam))
    assert m, f"de foutmelding heeft niet de vorm 'bestand:regel (sleutel ...): ...': {fout!r}"
    regel = m["regel"]
    return Melding(int(regel) if regel else None, m["sleutel"], m["bericht"])


def no_traceback(resultaat) -> None:
    fout = resultaat.exception
    if fout is not None and not isinstance(fout, SystemExit):
        tekst = "".join(traceback.format_exception(fout))
        pytest.fail(f"traceback in plaats van een foutmelding:\n{tekst}")


FOUT_INHOUD = "id: x\nleerling:\n  leeftijd: zeven\nbeschrijving: Hij huilt.\n"
TAG = r"(?i)tag|label"


def file(naam: str, inhoud: str | bytes | Callable[[], str | bytes]) -> Callable[[Path], Path]:
    """A maker: writes `inhoud` as `naam` into a folder and returns its path."""

    def maak(map_: Path) -> Path:
        pad = map_ / naam
        waarde = inhoud() if callable(inhoud) else inhoud
        if isinstance(waarde, bytes):
            pad.write_bytes(waarde)
        else:
            pad.write_text(waarde, encoding="utf-8")
        return pad

    return maak


def good_file(tmp_path: Path) -> Path:
    map_ = tmp_path / "goed"
    map_.mkdir()
    pad = map_ / "goed.yaml"
    pad.write_text(GOED)
    return pad


def check_good_analysis(doc: dict, goed: Path) -> dict:
    goede = [a for a in doc["analyses"] if a["casus"]["bestand"] == display_path(goed)]
    assert len(goede) == 1, "de goede casus ontbreekt in de uitvoer"
    (analyse,) = goede
    assert analyse["fouten"] == []
    assert analyse["casus"]["id"] == "goed"
    assert "passieve_parentificatie" in {c["id"] for c in analyse["conclusies"]}
    return analyse


def check_message(fout: str, naam: str) -> None:
    melding = split_message(fout, naam)
    assert is_dutch(melding.bericht), f"geen Nederlandse foutmelding: {fout!r}"
