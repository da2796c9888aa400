"""Train the learned detector from the knowledge base's own example sentences.

Every signal's `wel` examples, and its near misses that mention it but set it aside
(negated, past, hypothetical, someone else), teach *that the signal is spoken of*; its
`anders` near misses and every other signal's sentences teach what it is not. Whether a
mention counts now is the status model's job, trained on the same sentences with their
status. Hyperparameters live in `Instellingen`, one place.

scikit-learn does the fitting (a linear SVM per signal, a multinomial logistic model for
the status, a logistic calibration of the SVM scores on out-of-fold predictions); the
result is stored as plain arrays (`model.py`), so using the detector needs no training
library and is byte-for-byte deterministic.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..kennisbank import Kennisbank
from .kenmerken import Gelezen, Kenmerk, read_sentence, status_features, window_features
from .model import (
    STATUSSEN,
    Herkenner,
    Statusherkenner,
    Vectorruimte,
    Voorbeeldmatrix,
    pattern_key,
)
from .patronen import Patroonzoeker
from .tekst import split_sentences
from .termen import Termindex


@dataclass(frozen=True)
class Instellingen:
    """The detector's settings, in one place. The model's parameters were chosen by
    cross-validation on the examples; the calibration curve and the thresholds on a
    held-apart calibration set (`benchmarks/herkenning_kalibreren.py`); never on a blind set.
    """

    c: float = 0.5  # the SVM's C: how closely each signal's model follows its examples
    min_voorbeelden: int = 5  # a signal is learned from this many sentences; else patterns only
    min_df: int = 2  # a feature must occur in this many example sentences
    c_status: float = 4.0  # C of the status model
    willekeur: int = 0  # random_state everywhere
    # score -> probability: 1 / (1 + exp(-(a * score + b)))
    platt_a: float = 9.013
    platt_b: float = 3.553
    drempel: float = 0.3  # a learned finding needs at least this probability
    drempel_paar: float = 0.8  # ... and a finding over two sentences this
    drempel_patroon: float = 0.05  # a pattern hit counts unless the probability is below this
    # the status model overrules the trigger words: it sets a finding aside from this
    # probability, and it brings one the trigger words set aside back from this one
    drempel_status: float = 0.7
    drempel_status_aanwezig: float = 0.6
    # a pattern whose matches on the examples are right less often than this counts only
    # when the model agrees (drempel), like a learned finding
    patroon_precisie: float = 0.5


@dataclass
class Trainingszin:
    tekst: str
    signalen: set[str]  # the signals it speaks of (any status)
    status: dict[str, str]  # signal -> status, for the status model


def training_sentences(kb: Kennisbank) -> list[Trainingszin]:
    """Every example sentence once, with every signal it speaks of.

    A near miss marked `ontkend` speaks of the signal only when it says so with a negation
    ("van huilen is geen sprake"); one that states the opposite without negating
    ("hij ziet er altijd verzorgd uit") does not mention the signal at all and is taught
    as a counter-example, so that its words do not come to mean the signal."""
    zinnen: dict[str, Trainingszin] = {}
    ontkenning = _negation_finder(kb)

    def zin(tekst: str) -> Trainingszin:
        return zinnen.setdefault(tekst, Trainingszin(tekst, set(), {}))

    for signaal in kb.signalen.values():
        for voorbeeld in signaal.voorbeelden.wel:
            z = zin(voorbeeld.tekst)
            z.signalen |= {signaal.id, *(s for s in voorbeeld.ook if s in kb.signalen)}
            z.status[signaal.id] = "aanwezig"
        for bijna in signaal.voorbeelden.niet:
            z = zin(bijna.tekst)
            status = bijna.status.value
            if status == "ontkend" and not ontkenning(bijna.tekst):
                status = "anders"
            if status != "anders":
                z.signalen.add(signaal.id)
                z.status[signaal.id] = status
    return [zinnen[t] for t in sorted(zinnen)]


def _negation_finder(kb: Kennisbank):
    """Does a sentence hold a negation word of the knowledge base's context words?"""
    from .context import ContextRegels, Status
    from .matcher import ZinIndex

    regels = ContextRegels(kb.context).richtingen[Status.ontkend]

    def ontkent(tekst: str) -> bool:
        for zin in split_sentences(tekst):
            index = ZinIndex(zin.tokens)
            if index.find_listed(regels.voor) or index.find_listed(regels.na):
                return True
        return False

    return ontkent


def read_all(kb: Kennisbank, teksten: list[str]) -> list[list[Gelezen]]:
    """Every text read as the detector reads it (in one process: handing the read
    sentences back from other processes cost more than it saved)."""
    lezer = Lezer(kb)
    return [lezer.read(t) for t in teksten]


class Lezer:
    """Text -> its sentences as the detector reads them (terms, pattern hits)."""

    def __init__(self, kb: Kennisbank):
        self.termen = Termindex(kb)
        self.patronen = Patroonzoeker(kb, self.termen)

    def read(self, tekst: str) -> list[Gelezen]:
        return [read_sentence(zin, self.termen, self.patronen) for zin in split_sentences(tekst)]


def _space(documenten: list[list[Kenmerk]], min_df: int) -> Vectorruimte:
    df: dict[str, int] = defaultdict(int)
    for kenmerken in documenten:
        for k in {k for k, _ in kenmerken}:
            df[k] += 1
    woorden = sorted(k for k, n in df.items() if n >= min_df)
    n = len(documenten)
    idf = np.array([math.log((1 + n) / (1 + df[k])) + 1.0 for k in woorden])
    return Vectorruimte({k: i for i, k in enumerate(woorden)}, idf)


def _matrix(ruimte: Vectorruimte, documenten: list[list[Kenmerk]]):
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


def _fit_signals(
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


def loose_patterns(
    zinnen: list[Trainingszin], delen: list[list[Gelezen]], precisie: float
) -> frozenset[str]:
    """Patterns that, on the knowledge base's own example sentences, match sentences that
    do not speak of their signal too often (precision below `precisie`, from two
    matches): a near miss that shares the words, or an example of another signal."""
    treffers: dict[str, int] = defaultdict(int)
    goed: dict[str, int] = defaultdict(int)
    for zin, gelezen in zip(zinnen, delen, strict=True):
        gezien = set()
        for deel in gelezen:
            for treffer in deel.patroontreffers:
                sleutel = pattern_key(treffer.signaal.id, treffer.patroon.tekst)
                if sleutel not in gezien:
                    gezien.add(sleutel)
                    treffers[sleutel] += 1
                    goed[sleutel] += treffer.signaal.id in zin.signalen
    return frozenset(k for k, n in treffers.items() if n >= 2 and goed[k] / n < precisie)


def _doubtful(delen: list[list[Gelezen]], signalen: list[str], y: np.ndarray) -> np.ndarray:
    """Sentences not annotated with a signal whose own pattern matches them."""
    kolom = {s: j for j, s in enumerate(signalen)}
    twijfel = np.zeros(y.shape, dtype=bool)
    for i, zin in enumerate(delen):
        for deel in zin:
            for treffer in deel.patroontreffers:
                twijfel[i, kolom[treffer.signaal.id]] = True
    return twijfel & ~y


def out_of_fold_scores(kb: Kennisbank, instellingen: Instellingen, vouwen: int = 5):
    """Each example's SVM scores from a model that did not see it (for calibration and
    for the knowledge engineer's cross-validated figures): (sentences, signals, scores)."""
    from sklearn.model_selection import KFold

    lezer = Lezer(kb)
    zinnen = training_sentences(kb)
    delen = [lezer.read(z.tekst) for z in zinnen]
    documenten = [window_features(d) for d in delen]
    signalen = list(kb.signalen)
    y = np.array([[s in z.signalen for s in signalen] for z in zinnen], dtype=bool)
    twijfel = _doubtful(delen, signalen, y)
    scores = np.zeros(y.shape)
    splitsing = KFold(vouwen, shuffle=True, random_state=instellingen.willekeur)
    for deel_train, deel_test in splitsing.split(np.arange(len(zinnen))):
        ruimte = _space([documenten[i] for i in deel_train], instellingen.min_df)
        x_train = _matrix(ruimte, [documenten[i] for i in deel_train])
        gewichten, bias = _fit_signals(x_train, y[deel_train], instellingen, twijfel[deel_train])
        scores[deel_test] = _matrix(ruimte, [documenten[i] for i in deel_test]) @ gewichten + bias
    return zinnen, signalen, scores


def train(kb: Kennisbank, instellingen: Instellingen | None = None):
    """The detector and the status model of a knowledge base, trained from its examples."""
    instellingen = instellingen or Instellingen()
    zinnen = training_sentences(kb)
    delen = read_all(kb, [z.tekst for z in zinnen])
    documenten = [window_features(d) for d in delen]
    signalen = list(kb.signalen)
    y = np.array([[s in z.signalen for s in signalen] for z in zinnen], dtype=bool)
    ruimte = _space(documenten, instellingen.min_df)
    x = _matrix(ruimte, documenten)
    gewichten, bias = _fit_signals(x, y, instellingen, _doubtful(delen, signalen, y))
    platt = (instellingen.platt_a, instellingen.platt_b)
    geleerd = bias > -10.0
    herkenner = Herkenner(
        signalen,
        ruimte,
        gewichten,
        bias,
        platt,
        _examples(zinnen, signalen, x, kb),
        geleerd,
        loose_patterns(zinnen, delen, instellingen.patroon_precisie),
    )
    return herkenner, _train_status(zinnen, delen, instellingen)


def _examples(zinnen: list[Trainingszin], signalen: list[str], x, kb) -> Voorbeeldmatrix:
    """The `wel` examples' vectors, to name the example a finding resembles most."""
    rijen, teksten, signaal = [], [], []
    index = {t.tekst: i for i, t in enumerate(zinnen)}
    for j, signaal_id in enumerate(signalen):
        for voorbeeld in kb.signalen[signaal_id].voorbeelden.wel:
            rijen.append(index[voorbeeld.tekst])
            teksten.append(voorbeeld.tekst)
            signaal.append(j)
    deel = x[rijen]
    return Voorbeeldmatrix(
        teksten, np.array(signaal), deel.indptr.copy(), deel.indices.copy(), deel.data.copy()
    )


def _train_status(
    zinnen: list[Trainingszin], delen: list, instellingen: Instellingen
) -> Statusherkenner:
    """Five statuses from the words of the example sentences (each sentence once per
    status it carries)."""
    from sklearn.linear_model import LogisticRegression

    documenten, labels = [], []
    for zin, deel in zip(zinnen, delen, strict=True):
        kenmerken = status_features(deel)
        for status in sorted(set(zin.status.values())):
            documenten.append(kenmerken)
            labels.append(STATUSSEN.index(status))
    ruimte = _space(documenten, instellingen.min_df)
    per_status = np.bincount(np.array(labels, dtype=np.int64), minlength=len(STATUSSEN))
    if (per_status >= instellingen.min_voorbeelden).sum() < len(STATUSSEN) or not ruimte.kolom:
        # too few sentences of each status to learn from: the trigger words decide alone
        leeg = np.zeros((len(ruimte.kolom), len(STATUSSEN)))
        return Statusherkenner(ruimte, leeg, np.zeros(len(STATUSSEN)), geleerd=False)
    x = _matrix(ruimte, documenten)
    model = LogisticRegression(C=instellingen.c_status, max_iter=2000, class_weight="balanced")
    model.fit(x, labels)
    gewichten = np.zeros((x.shape[1], len(STATUSSEN)))
    bias = np.full(len(STATUSSEN), -10.0)
    for rij, klasse in enumerate(model.classes_):
        gewichten[:, klasse] = model.coef_[rij]
        bias[klasse] = model.intercept_[rij]
    return Statusherkenner(ruimte, gewichten, bias)
