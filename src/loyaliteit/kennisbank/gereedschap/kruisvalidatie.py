"""Cross-validated figures per signal, from its own examples (for `kennisbank toets`).

Each example sentence is scored by a detector trained without it (5 folds); a signal is
counted as found when its probability reaches the detector's threshold, whatever the
status. Per signal: precision, recall and the signals its examples were taken for most
often (the ones it is confused with) — so a knowledge engineer sees which signal needs
more or clearer examples, or a sharper label. The result is cached like the detector.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from .. import Kennisbank


@dataclass
class Signaalcijfers:
    signaal: str
    precisie: float
    recall: float
    voorbeelden: int
    verward_met: list[tuple[str, int]] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p, r = self.precisie, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def cross_validate(kb: Kennisbank) -> list[Signaalcijfers]:
    from ...signalering.instellingen import Instellingen
    from ...signalering.opslag import cache_dir, content_key
    from ...signalering.trainen import out_of_fold_scores

    instellingen = Instellingen()
    pad = cache_dir() / f"kruisvalidatie-{content_key(kb, instellingen)}.npz"
    try:
        with np.load(pad, allow_pickle=False) as opgeslagen:
            signalen, y, kansen = (
                opgeslagen["signalen"].tolist(),
                opgeslagen["y"],
                opgeslagen["kansen"],
            )
    except (OSError, KeyError, ValueError):
        zinnen, signalen, scores = out_of_fold_scores(kb, instellingen)
        y = np.array([[s in z.signalen for s in signalen] for z in zinnen], dtype=bool)
        kansen = 1 / (1 + np.exp(-(instellingen.platt_a * scores + instellingen.platt_b)))
        _save(pad, signalen, y, kansen)
    return _figures(signalen, y, kansen >= instellingen.drempel, kansen)


def _save(pad, signalen, y, kansen) -> None:
    import os
    import tempfile

    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        descriptor, tijdelijk = tempfile.mkstemp(dir=pad.parent, suffix=".npz")
        with os.fdopen(descriptor, "wb") as bestand:
            np.savez(bestand, signalen=np.array(signalen), y=y, kansen=kansen)
        os.replace(tijdelijk, pad)
    except OSError:
        pass


def _figures(signalen, y, voorspeld, kansen) -> list[Signaalcijfers]:
    cijfers = []
    for j, signaal in enumerate(signalen):
        tp = int((voorspeld[:, j] & y[:, j]).sum())
        fp = int((voorspeld[:, j] & ~y[:, j]).sum())
        fn = int((~voorspeld[:, j] & y[:, j]).sum())
        genomen = Counter(
            signalen[int(np.argmax(kansen[i]))]
            for i in np.flatnonzero(y[:, j] & ~voorspeld[:, j])
            if signalen[int(np.argmax(kansen[i]))] != signaal
        )
        cijfers.append(
            Signaalcijfers(
                signaal,
                tp / (tp + fp) if tp + fp else 1.0,
                tp / (tp + fn) if tp + fn else 1.0,
                int(y[:, j].sum()),
                genomen.most_common(2),
            )
        )
    return sorted(cijfers, key=lambda c: (c.f1, c.signaal))
