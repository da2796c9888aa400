"""Load a knowledge base folder into a validated `Kennisbank`, with Dutch errors.

bestanden.py      which files a folder has, each read and parsed safely
vullen.py         each file's content validated and added to the `Kennisbank`
verwijzingen.py   afterwards: every id that is named exists, every signal can be found
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..fouten import Invoerfout, display_path
from .bestanden import (
    TRAININGSBESTANDEN,
    UITBREIDING,
    VOORBEELDEN,
    KennisbankFout,
    find_files,
)
from .cache import content_hash, read_cached, write_cached
from .graaf import cycle_errors
from .kennisbank import Kennisbank
from .verwijzingen import check_references, signals_without_examples
from .vullen import apply_extension, load_examples, load_file


def default_kennisbank_dir() -> Path:
    """The knowledge base that ships with the package (or the repository's, in a checkout)."""
    bundled = resources.files("loyaliteit") / "kennisbank_data"
    if bundled.is_dir():
        return Path(str(bundled))
    return Path(__file__).resolve().parents[3] / "kennisbank"


def load_kennisbank(map_: Path | None = None, voorbeelden: bool = True) -> Kennisbank:
    """Read, validate and cross-check a knowledge base folder; raise `KennisbankFout`.

    With `voorbeelden=False` (enough to analyse cases once the detector is trained) a
    knowledge base read before is taken from the cache, without its example sentences;
    the cache key is a hash of every file's bytes, so any change reads it anew."""
    map_ = Path(map_) if map_ is not None else default_kennisbank_dir()
    if not map_.is_dir():
        raise KennisbankFout([Invoerfout(display_path(map_), "kennisbank-map bestaat niet")])
    uitbreiding = map_ / UITBREIDING
    mappen = [default_kennisbank_dir(), map_] if uitbreiding.is_file() else [map_]
    bestanden = [bestand for map_deel in mappen for bestand in find_files(map_deel)]
    extra = [uitbreiding] if uitbreiding.is_file() else []
    sleutel = content_hash([pad for pad, _ in bestanden] + extra)
    if not voorbeelden and sleutel is not None:
        uit_cache = read_cached(map_, sleutel)
        if uit_cache is not None:
            return uit_cache
    kb = _read(map_, bestanden, uitbreiding)
    kb.inhoud_sleutel = sleutel
    kb.herkenning_sleutel = content_hash(
        [pad for pad, soort in bestanden if soort in TRAININGSBESTANDEN] + extra
    )
    if sleutel is not None:
        write_cached(kb, sleutel)
    return kb


def _read(map_: Path, bestanden: list[tuple[Path, str]], uitbreiding: Path) -> Kennisbank:
    fouten: list[Invoerfout] = []
    kb = Kennisbank(map=map_)
    # examples last: a folder's examples may teach any signal, also a built-in one
    for pad, soort in sorted(bestanden, key=lambda b: b[1] == VOORBEELDEN):
        if soort == VOORBEELDEN:
            load_examples(pad, kb, fouten)
        else:
            load_file(pad, soort, kb, fouten)
    fouten.extend(signals_without_examples(kb))
    if uitbreiding.is_file():
        apply_extension(uitbreiding, kb, fouten)
    fouten.extend(check_references(kb))
    if not fouten:
        fouten.extend(cycle_errors(kb))
    if fouten:
        raise KennisbankFout(fouten)
    return kb


__all__ = ["default_kennisbank_dir", "load_kennisbank"]
