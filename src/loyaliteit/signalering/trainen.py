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

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..kennisbank import Kennisbank
from .fitten import fit_signals, tfidf_matrix, tfidf_space
from .instellingen import Instellingen
from .kenmerken import Gelezen, read_sentence, status_features, window_features
from .model import STATUSSEN, Herkenner, Statusherkenner, Voorbeeldmatrix, pattern_key
from .patronen import Patroonzoeker
from .tekst import split_sentences
from .termen import Termindex


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
        ruimte = tfidf_space([documenten[i] for i in deel_train], instellingen.min_df)
        x_train = tfidf_matrix(ruimte, [documenten[i] for i in deel_train])
        gewichten, bias = fit_signals(x_train, y[deel_train], instellingen, twijfel[deel_train])
        scores[deel_test] = (
            tfidf_matrix(ruimte, [documenten[i] for i in deel_test]) @ gewichten + bias
        )
    return zinnen, signalen, scores


def train(kb: Kennisbank, instellingen: Instellingen | None = None):
    """The detector and the status model of a knowledge base, trained from its examples."""
    instellingen = instellingen or Instellingen()
    zinnen = training_sentences(kb)
    delen = read_all(kb, [z.tekst for z in zinnen])
    documenten = [window_features(d) for d in delen]
    signalen = list(kb.signalen)
    y = np.array([[s in z.signalen for s in signalen] for z in zinnen], dtype=bool)
    ruimte = tfidf_space(documenten, instellingen.min_df)
    x = tfidf_matrix(ruimte, documenten)
    gewichten, bias = fit_signals(x, y, instellingen, _doubtful(delen, signalen, y))
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
    ruimte = tfidf_space(documenten, instellingen.min_df)
    per_status = np.bincount(np.array(labels, dtype=np.int64), minlength=len(STATUSSEN))
    if (per_status >= instellingen.min_voorbeelden).sum() < len(STATUSSEN) or not ruimte.kolom:
        # too few sentences of each status to learn from: the trigger words decide alone
        leeg = np.zeros((len(ruimte.kolom), len(STATUSSEN)))
        return Statusherkenner(ruimte, leeg, np.zeros(len(STATUSSEN)), geleerd=False)
    x = tfidf_matrix(ruimte, documenten)
    model = LogisticRegression(C=instellingen.c_status, max_iter=2000, class_weight="balanced")
    model.fit(x, labels)
    gewichten = np.zeros((x.shape[1], len(STATUSSEN)))
    bias = np.full(len(STATUSSEN), -10.0)
    for rij, klasse in enumerate(model.classes_):
        gewichten[:, klasse] = model.coef_[rij]
        bias[klasse] = model.intercept_[rij]
    return Statusherkenner(ruimte, gewichten, bias)
