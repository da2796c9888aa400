"""The cache folder, and a read knowledge base kept there (without its example sentences).

Reading a knowledge base means parsing and validating a few thousand lines of YAML,
most of them example sentences that only training needs. To analyse a case, the
definitions suffice once the detector is trained, so after a full read the knowledge base
is kept as JSON under a hash of the bytes of every file it was read from (and of this
program's version): a changed file gives a new key, a damaged or half-written cache file
is ignored, and nothing in it is run as code (it is validated like the YAML).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from pydantic import ValidationError

from ..bestandlezen import LeesProbleem, read_regular_file
from .contextwoorden import Context
from .kennisbank import Herkomst, Kennisbank
from .models import Bron, Conclusie, Regel, Signaal

VERSIE = "2"


def cache_dir() -> Path:
    """`$LOYALITEIT_CACHE`, else `$XDG_CACHE_HOME/loyaliteit`, else `~/.cache/loyaliteit`."""
    if os.environ.get("LOYALITEIT_CACHE"):
        return Path(os.environ["LOYALITEIT_CACHE"])
    basis = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(basis) / "loyaliteit"


BEHOUDEN = 3  # cache files kept per kind: the knowledge bases in use, not every past edit
MAX_CACHE_BYTES = 200_000_000  # a compiled knowledge base is a few MB
VERWEESD_NA = 3600  # seconds after which a temporary file of a killed run is removed


def prune(soort: str, behouden: int = BEHOUDEN) -> None:
    """Keep the `behouden` most recently used cache files of one kind (`herkenning`,
    `kennisbank`); remove the older ones and temporary files a killed run left behind."""
    map_ = cache_dir()
    try:
        bestanden = sorted(map_.glob(f"{soort}-*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for oud in bestanden[behouden:]:
            oud.unlink(missing_ok=True)
        grens = time.time() - VERWEESD_NA
        for tijdelijk in map_.glob(f".{soort}-*"):
            if tijdelijk.stat().st_mtime < grens:
                tijdelijk.unlink(missing_ok=True)
    except OSError:
        pass  # another run pruned at the same time, or the folder is read-only


def mark_used(pad: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(pad)


def content_hash(paden: list[Path]) -> str | None:
    """A hash of the files' names and bytes (None when one cannot be read)."""
    from .. import __version__

    inhoud = hashlib.sha256(f"{VERSIE}:{__version__}".encode())
    for pad in sorted(paden):
        try:
            data = pad.read_bytes()
        except OSError:
            return None
        inhoud.update(f"\0{pad.name}\0{len(data)}\0".encode())
        inhoud.update(data)
    return inhoud.hexdigest()[:32]


_SOORTEN = {"bronnen": Bron, "signalen": Signaal, "regels": Regel, "conclusies": Conclusie}


def write_cached(kb: Kennisbank, sleutel: str) -> None:
    data = {
        soort: [
            item.model_dump(mode="json", exclude={"voorbeelden"})
            for item in getattr(kb, soort).values()
        ]
        for soort in _SOORTEN
    }
    data["context"] = kb.context.model_dump(mode="json")
    data["uitgeschakeld"] = kb.uitgeschakeld
    data["herkenning_sleutel"] = kb.herkenning_sleutel
    data["herkomst"] = [
        [soort, item_id, h.bestand, h.regelnummer, list(h.pad)]
        for (soort, item_id), h in kb.herkomst.items()
    ]
    pad = cache_dir() / f"kennisbank-{sleutel}.json"
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        descriptor, tijdelijk = tempfile.mkstemp(
            dir=pad.parent, prefix=".kennisbank-", suffix=".json"
        )
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as bestand:
                json.dump(data, bestand, ensure_ascii=False)
            os.replace(tijdelijk, pad)
        finally:
            Path(tijdelijk).unlink(missing_ok=True)
    except OSError:
        return  # no cache then: the next run reads the YAML again
    prune("kennisbank")


def read_cached(map_: Path, sleutel: str) -> Kennisbank | None:
    pad = cache_dir() / f"kennisbank-{sleutel}.json"
    try:
        # a regular file only: a FIFO planted in the cache must not hang the run
        data = json.loads(read_regular_file(pad, MAX_CACHE_BYTES).decode("utf-8"))
        kb = Kennisbank(map=map_, inhoud_sleutel=sleutel, voorbeelden_geladen=False)
        for soort, model in _SOORTEN.items():
            tabel = getattr(kb, soort)
            for ruw in data[soort]:
                item = model.model_validate(ruw)
                tabel[item.id] = item
        kb.context = Context.model_validate(data["context"])
        kb.uitgeschakeld = list(data["uitgeschakeld"])
        kb.herkenning_sleutel = data["herkenning_sleutel"]
        for soort, item_id, bestand, regelnummer, item_pad in data["herkomst"]:
            kb.herkomst[(soort, item_id)] = Herkomst(bestand, regelnummer, None, tuple(item_pad))
    except (OSError, LeesProbleem, ValueError, KeyError, TypeError, ValidationError):
        return None
    mark_used(pad)
    return kb
