"""Keep what detection learns from a knowledge base, keyed by that knowledge base's content.

Training takes seconds; a case takes milliseconds. So the trained detector is stored
once per knowledge base content in the user's cache folder (`$LOYALITEIT_CACHE`, else
`$XDG_CACHE_HOME/loyaliteit`, else `~/.cache/loyaliteit`) as plain numpy arrays (no
pickle: nothing in the cache is ever run as code). The key is a hash of everything the
training reads: the signals with their examples and patterns, the context words, the
settings and the format version. A changed knowledge base gets a new key; a half-written
or damaged file is ignored and trained anew; writing is atomic (a temporary file, then
one rename). When nothing can be written, the detector is trained in memory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from ..kennisbank import Kennisbank
from ..kennisbank.cache import cache_dir, mark_used, prune
from .detect import Herkenning
from .instellingen import Instellingen
from .model import Herkenner, Statusherkenner, Vectorruimte, Voorbeeldmatrix
from .trainen import train

VERSIE = 2  # 2: patterns that are too loose are stored
log = logging.getLogger("loyaliteit")


def content_key(kb: Kennisbank, instellingen: Instellingen) -> str:
    """A hash of everything training reads, so a changed knowledge base retrains: the
    bytes of its signal, example and context files when it was read from files (a rule
    edit does not retrain), else its contents."""
    if kb.herkenning_sleutel is not None:
        tekst = json.dumps([VERSIE, kb.herkenning_sleutel, instellingen.__dict__], sort_keys=True)
        return hashlib.sha256(tekst.encode("utf-8")).hexdigest()[:24]
    inhoud = {
        "versie": VERSIE,
        "signalen": [s.model_dump(mode="json") for s in kb.signalen.values()],
        "context": kb.context.model_dump(mode="json"),
        "instellingen": instellingen.__dict__,
    }
    tekst = json.dumps(inhoud, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()[:24]


def load_or_train(kb: Kennisbank, instellingen: Instellingen | None = None) -> Herkenning:
    instellingen = instellingen or Instellingen()
    pad = cache_dir() / f"herkenning-{content_key(kb, instellingen)}.npz"
    herkenning = _load(pad, instellingen)
    if herkenning is not None:
        return herkenning
    log.info(
        "De herkenning wordt getraind op de voorbeeldzinnen van de kennisbank "
        "(eenmalig voor deze inhoud van de kennisbank; dat duurt even)."
    )
    herkenner, status = train(kb.with_examples(), instellingen)
    herkenning = Herkenning(herkenner, status, instellingen)
    _save(pad, herkenning)
    return herkenning


def _arrays(herkenning: Herkenning) -> dict[str, np.ndarray]:
    h, s = herkenning.herkenner, herkenning.status
    return {
        "signalen": np.array(h.signalen),
        "kenmerken": np.array(sorted(h.ruimte.kolom, key=h.ruimte.kolom.get)),
        "idf": h.ruimte.idf,
        "gewichten": h.gewichten,
        "bias": h.bias,
        "platt": np.array(h.platt),
        "geleerd": h.geleerd,
        "losse_patronen": np.array(sorted(h.losse_patronen), dtype=str),
        "vb_teksten": np.array(h.voorbeelden.teksten),
        "vb_signaal": h.voorbeelden.signaal,
        "vb_indptr": h.voorbeelden.indptr,
        "vb_indices": h.voorbeelden.indices,
        "vb_data": h.voorbeelden.data,
        "st_kenmerken": np.array(sorted(s.ruimte.kolom, key=s.ruimte.kolom.get)),
        "st_idf": s.ruimte.idf,
        "st_gewichten": s.gewichten,
        "st_bias": s.bias,
        "st_geleerd": np.array(s.geleerd),
    }


def _save(pad: Path, herkenning: Herkenning) -> None:
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        descriptor, tijdelijk = tempfile.mkstemp(
            dir=pad.parent, prefix=".herkenning-", suffix=".npz"
        )
        try:
            with os.fdopen(descriptor, "wb") as bestand:
                np.savez(bestand, **_arrays(herkenning))
            os.replace(tijdelijk, pad)
        finally:
            Path(tijdelijk).unlink(missing_ok=True)
    except OSError as fout:
        log.info(
            "De getrainde herkenning kon niet worden bewaard (%s); ze blijft in het geheugen.",
            fout.strerror,
        )
        return
    prune("herkenning")


def _load(pad: Path, instellingen: Instellingen) -> Herkenning | None:
    try:
        with np.load(pad, allow_pickle=False) as a:
            ruimte = Vectorruimte({k: i for i, k in enumerate(a["kenmerken"].tolist())}, a["idf"])
            voorbeelden = Voorbeeldmatrix(
                a["vb_teksten"].tolist(),
                a["vb_signaal"],
                a["vb_indptr"],
                a["vb_indices"],
                a["vb_data"],
            )
            herkenner = Herkenner(
                a["signalen"].tolist(),
                ruimte,
                a["gewichten"],
                a["bias"],
                tuple(a["platt"].tolist()),
                voorbeelden,
                a["geleerd"],
                frozenset(a["losse_patronen"].tolist()),
            )
            st_ruimte = Vectorruimte(
                {k: i for i, k in enumerate(a["st_kenmerken"].tolist())}, a["st_idf"]
            )
            status = Statusherkenner(
                st_ruimte, a["st_gewichten"], a["st_bias"], bool(a["st_geleerd"])
            )
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError):
        return None
    mark_used(pad)
    return Herkenning(herkenner, status, instellingen)
