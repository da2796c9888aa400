"""Opening a case for a session and saving the team's judgement back into its file.

Where the judgement goes depends on the format (README, "Een casus analyseren"):

- `.yaml`/`.yml`: the `signalen:` entry of the file itself;
- `.md`: the `signalen:` entry of the YAML front matter (a front matter is added when
  the file has none); the text under it is never touched;
- `.txt`: the description alone, which is never rewritten; the judgement goes into a
  file beside it, `NAAM.txt.oordeel`, which holds the same `signalen:` entry (its name
  ends in `.oordeel`, so a folder run does not take it for a case).

Saving is atomic (a temporary file beside the target, then `os.replace`), keeps the
file's encoding and line endings, and is refused when the case file or the file to
write changed on disk since the session read it (a SHA-256 of its bytes).
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..basis import SignaalOordeel
from ..casus import Casus, CasusFout, load_casus
from ..casus.laden import judgement_path, parse_judgement
from ..fouten import Invoerfout, display_path, os_error_text
from .yamlblok import SOORTEN, BlokFout, with_judgement

ZIJBESTAND = ".oordeel"
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_ZIJKOP = (
    "# Het oordeel van het team over de signalen in {naam} (loyaliteit intervisie).\n"
    "# Dezelfde vorm als 'signalen:' in een .yaml-casus; `loyaliteit intervisie` leest het\n"
    "# bij het openen van {naam}. Het tekstbestand zelf wordt nooit herschreven.\n"
)


class Conflict(Exception):
    """A file changed on disk since the session read it: nothing was written."""


class OpslagFout(Exception):
    """The judgement could not be written (a Dutch message); nothing was written."""


@dataclass(frozen=True)
class Schijfbestand:
    """A file as the session read it: its text, how it was encoded, and a fingerprint."""

    pad: Path
    tekst: str | None  # None: the file did not exist
    vingerafdruk: str | None
    bom: bytes = b""
    codering: str = "utf-8"

    def encode(self, tekst: str) -> bytes:
        return self.bom + tekst.encode(self.codering)

    def changed_on_disk(self) -> bool:
        return fingerprint(self.pad) != self.vingerafdruk


@dataclass(frozen=True)
class Casusbestand:
    """A case file opened for a session, and the file its judgement is written to."""

    casus: Schijfbestand
    oordeel: Schijfbestand  # the case file itself, or the `.oordeel` file of a `.txt`
    formaat: str  # yaml | md | txt


def fingerprint(pad: Path) -> str | None:
    try:
        return hashlib.sha256(pad.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def sidecar_path(pad: Path) -> Path:
    """Where the judgement of a `.txt` case is kept: `NAAM.txt.oordeel` beside it."""
    return judgement_path(pad)


def read_file(pad: Path) -> Schijfbestand:
    """A file's text, encoding and fingerprint (`tekst` None when it does not exist)."""
    try:
        ruw = pad.read_bytes()
    except FileNotFoundError:
        return Schijfbestand(pad, None, None)
    for bom, codering in _BOMS:
        if ruw.startswith(bom):
            return Schijfbestand(
                pad, ruw[len(bom) :].decode(codering), _sha(ruw), bom=bom, codering=codering
            )
    return Schijfbestand(pad, ruw.decode("utf-8"), _sha(ruw))


def _sha(ruw: bytes) -> str:
    return hashlib.sha256(ruw).hexdigest()


def open_case(pad: Path) -> tuple[Casus, Casusbestand]:
    """Load a case for a session (a `CasusFout` with Dutch messages when it cannot be read),
    with the judgement of its `.oordeel` file for a `.txt` case."""
    echt = pad.resolve()
    try:
        bestand = read_file(echt)
    except (OSError, UnicodeDecodeError):
        bestand = None  # load_casus names the problem
    casus = load_casus(pad)
    if bestand is None or bestand.tekst is None or bestand.changed_on_disk():
        naam = display_path(pad)
        raise CasusFout(naam, [Invoerfout(naam, "veranderde tijdens het openen; probeer opnieuw")])
    formaat = {".md": "md", ".txt": "txt"}.get(pad.suffix.lower(), "yaml")
    if formaat != "txt":
        return casus, Casusbestand(bestand, bestand, formaat)
    try:
        zij = read_file(sidecar_path(echt))
    except (OSError, UnicodeDecodeError) as fout:
        naam = display_path(sidecar_path(pad))
        reden = os_error_text(fout) if isinstance(fout, OSError) else "is geen UTF-8-tekst"
        raise CasusFout(naam, [Invoerfout(naam, reden)]) from None
    if zij.tekst is not None:
        casus = casus.model_copy(update={"signalen": _sidecar_judgement(zij)})
    return casus, Casusbestand(bestand, zij, formaat)


def _sidecar_judgement(zij: Schijfbestand) -> SignaalOordeel:
    return parse_judgement(zij.tekst or "", display_path(zij.pad))


def save_judgement(
    bestand: Casusbestand, oordeel: SignaalOordeel, notities: dict[str, str]
) -> Casusbestand:
    """Write `oordeel` into the case's judgement file; return the files as now on disk.
    Raises `Conflict` when a file changed since it was read, `OpslagFout` otherwise."""
    for schijf in {bestand.casus.pad: bestand.casus, bestand.oordeel.pad: bestand.oordeel}.values():
        if schijf.changed_on_disk():
            raise Conflict(_conflict_text(schijf))
    lijsten = {soort: list(getattr(oordeel, soort)) for soort in SOORTEN}
    doel = bestand.oordeel
    try:
        nieuw = _new_text(bestand, lijsten, notities)
    except BlokFout as fout:
        raise OpslagFout(f"{display_path(doel.pad)}: niet opgeslagen: {fout}") from None
    ruw = doel.encode(nieuw)
    _write_atomic(doel, ruw, lambda pad: _check_written(pad, bestand, oordeel))
    geschreven = replace(doel, tekst=nieuw, vingerafdruk=_sha(ruw))
    casus = geschreven if bestand.formaat != "txt" else bestand.casus
    return Casusbestand(casus, geschreven, bestand.formaat)


def _conflict_text(schijf: Schijfbestand) -> str:
    naam = display_path(schijf.pad)
    wat = "is verwijderd" if not schijf.pad.exists() else "is veranderd"
    if schijf.vingerafdruk is None:
        wat = "is aangemaakt"
    return (
        f"{naam} {wat} sinds de sessie het las (door iemand anders of in een editor). "
        "Er is niets overschreven. Lees het bestand opnieuw in: de besluiten van deze sessie "
        "blijven staan en worden op de nieuwe inhoud toegepast; sla daarna opnieuw op."
    )


def _new_text(bestand: Casusbestand, lijsten, notities) -> str:
    doel = bestand.oordeel
    if bestand.formaat == "yaml":
        return with_judgement(doel.tekst or "", lijsten, notities)
    if bestand.formaat == "txt":
        if doel.tekst is None:
            kop = _ZIJKOP.format(naam=bestand.casus.pad.name)
            return kop + with_judgement("", lijsten, notities)
        return with_judgement(doel.tekst, lijsten, notities)
    return _front_matter_with(doel.tekst or "", lijsten, notities)


def _front_matter_with(tekst: str, lijsten, notities) -> str:
    """A Markdown case with the judgement in its YAML front matter; the body untouched."""
    nl = "\r\n" if "\r\n" in tekst else "\n"
    regels = tekst.splitlines(keepends=True)
    if not regels or regels[0].strip() != "---":
        return (
            "---"
            + nl
            + with_judgement("", lijsten, notities).replace("\n", nl)
            + "---"
            + nl
            + tekst
        )
    for index in range(1, len(regels)):
        if regels[index].strip() in ("---", "..."):
            kop = "".join(regels[1:index])
            return regels[0] + with_judgement(kop, lijsten, notities) + "".join(regels[index:])
    raise BlokFout("de YAML-kop wordt niet afgesloten met '---'")


def _check_written(tijdelijk: Path, bestand: Casusbestand, oordeel: SignaalOordeel) -> None:
    """Read the written file back as the analyser will: the same case, with `oordeel`."""
    try:
        if bestand.formaat == "txt":
            gelezen = _sidecar_judgement(read_file(tijdelijk))
            zelfde = True
        else:
            voor, na = load_casus(bestand.casus.pad), load_casus(tijdelijk)
            gelezen = na.signalen
            zelfde = _without_judgement(voor) == _without_judgement(na)
    except (CasusFout, OSError, UnicodeDecodeError) as fout:
        raise BlokFout(f"het geschreven bestand is niet leesbaar ({fout})") from None
    if not zelfde:
        raise BlokFout("het schrijven zou ook andere inhoud van de casus veranderen")
    if gelezen.model_dump() != oordeel.model_dump():
        raise BlokFout("het oordeel zou niet goed worden geschreven")


def _without_judgement(casus: Casus) -> dict:
    return casus.model_dump(exclude={"signalen", "bestand", "id"})


def _write_atomic(doel: Schijfbestand, ruw: bytes, controle) -> None:
    """A temporary file beside the target, synced, read back by `controle`, then put in
    place in one step; the target's permissions are kept. Checked once more right before
    the swap."""
    pad = doel.pad
    try:
        descriptor, tijdelijk = tempfile.mkstemp(
            dir=pad.parent, prefix=f".{pad.name}.", suffix=pad.suffix
        )
    except OSError as fout:
        raise OpslagFout(f"{display_path(pad)}: niet opgeslagen ({_write_reason(fout)})") from None
    try:
        with os.fdopen(descriptor, "wb") as uit:
            uit.write(ruw)
            uit.flush()
            os.fsync(uit.fileno())
        if doel.vingerafdruk is not None:
            os.chmod(tijdelijk, stat.S_IMODE(pad.stat().st_mode))
        controle(Path(tijdelijk))
        if doel.changed_on_disk():
            raise Conflict(_conflict_text(doel))
        os.replace(tijdelijk, pad)
    except BlokFout as fout:
        raise OpslagFout(f"{display_path(pad)}: niet opgeslagen: {fout}") from None
    except OSError as fout:
        raise OpslagFout(f"{display_path(pad)}: niet opgeslagen ({_write_reason(fout)})") from None
    finally:
        Path(tijdelijk).unlink(missing_ok=True)


def _write_reason(fout: OSError) -> str:
    reden = os_error_text(fout)
    return "geen toestemming om te schrijven" if "toestemming" in reden else reden
