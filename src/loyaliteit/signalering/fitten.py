"""Fitting with scikit-learn: the TF-IDF space, its sparse rows, and one linear SVM per
signal (over several processes for a large knowledge base).

The space is built exactly as `model.Vectorruimte` reads it, so a trained detector
scores a sentence as it was scored here.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from .instellingen import Instellingen
from .kenmerken import Kenmerk
from .model import Vectorruimte


def tfidf_space(documenten: list[list[Kenmerk]], min_df: int) -> Vectorruimte:
    df: dict[str, int] = defaultdict(int)
    for kenmerken in documenten:
        for k in {k for k, _ in kenmerken}:
            df[k] += 1
    woorden = sorted(k for k, n in df.items() if n >= min_df)
    n = len(documenten)
    idf = np.array([math.log((1 + n) / (1 + df[k])) + 1.0 for k in woorden])
    return Vectorruimte({k: i for i, k in enumerate(woorden)}, idf)


def tfidf_matrix(ruimte: Vectorruimte, documenten: list[list[Kenmerk]]):
    """The TF-IDF rows of the documents (sublinear tf, l2), exactly as `Vectorruimte`."""
    from scipy.sparse import csr_matrix

    kolom = ruimte.kolom
    rijen, kolommen = [], []
    for i, kenmerken in enumerate(documenten):
        for kenmerk, _ in kenmerken:
            k = kolom.get(kenmerk)
            if k is not None:
                rijen.append(i)
                kolommen.append(k)
    tellingen = csr_matrix(
        (np.ones(len(rijen)), (rijen, kolommen)), shape=(len(documenten), len(kolom))
    )
    tellingen.sum_duplicates()
    tellingen.sort_indices()
    tellingen.data = (1.0 + np.log(tellingen.data)) * ruimte.idf[tellingen.indices]
    normen = np.sqrt(np.asarray(tellingen.multiply(tellingen).sum(axis=1)).ravel())
    normen[normen == 0] = 1.0
    return csr_matrix(tellingen.multiply(1.0 / normen[:, None]))


def fit_signals(
    x, y: np.ndarray, instellingen: Instellingen, twijfel: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """One linear SVM per signal (column of `y`); a signal without examples never fires.

    `twijfel[i, j]`: sentence i is not annotated with signal j, but j's own pattern
    matches it. Annotations are incomplete (an example of one signal often mentions a
    divorce or an illness in passing), so such a sentence is left out of j's negatives
    rather than taught as a counter-example.

    The signals are independent, so a large knowledge base is fit on every core (each
    fit is deterministic, and the results are put back in signal order)."""
    twijfel = twijfel if twijfel is not None else np.zeros(y.shape, dtype=bool)
    kolommen = list(range(y.shape[1]))
    processen = _cores() if y.shape[0] * y.shape[1] > PARALLEL_VANAF else 1
    if processen > 1:
        from concurrent.futures import ProcessPoolExecutor

        delen = [kolommen[i::processen] for i in range(processen)]
        with ProcessPoolExecutor(
            processen, initializer=_set_training_data, initargs=(x, y, twijfel, instellingen)
        ) as pool:
            uitkomsten = list(pool.map(_fit_columns, delen))
    else:
        _set_training_data(x, y, twijfel, instellingen)
        uitkomsten = [_fit_columns(kolommen)]
    gewichten = np.zeros((x.shape[1], y.shape[1]), dtype=np.float32)
    bias = np.full(y.shape[1], -10.0)
    for uitkomst in uitkomsten:
        for j, coef, intercept in uitkomst:
            gewichten[:, j] = coef
            bias[j] = intercept
    return gewichten, bias


PARALLEL_VANAF = 200_000  # sentences x signals: below this, starting processes costs more
_TRAINING: tuple | None = None


def _cores() -> int:
    import os

    beschikbaar = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(4, beschikbaar))


def _set_training_data(x, y, twijfel, instellingen) -> None:
    global _TRAINING
    _TRAINING = (x, y, twijfel, instellingen)


def _fit_columns(kolommen: list[int]) -> list[tuple[int, np.ndarray, float]]:
    from sklearn.svm import LinearSVC

    x, y, twijfel, instellingen = _TRAINING
    uitkomsten = []
    for j in kolommen:
        rijen = np.flatnonzero(~twijfel[:, j])
        positief = int(y[rijen, j].sum())
        if positief < instellingen.min_voorbeelden or positief == len(rijen):
            continue  # too few examples (or nothing to contrast them with): patterns only
        model = LinearSVC(C=instellingen.c, random_state=instellingen.willekeur)
        model.fit(x[rijen], y[rijen, j])
        uitkomsten.append((j, model.coef_[0].astype(np.float32), float(model.intercept_[0])))
    return uitkomsten
