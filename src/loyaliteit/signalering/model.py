"""The learned detector as stored arrays: no training library is needed to use it.

Trained with scikit-learn (`trainen.py`), it is kept as plain numpy arrays: the
vocabulary, the idf of each feature, one weight column per signal, a bias per signal and
one logistic calibration (Platt) for all of them. Scoring a sentence is a TF-IDF vector
times the weights, so it is fast, deterministic and explainable: a feature's share of a
score is its weight times its value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from .kenmerken import Kenmerk

STATUSSEN = ("aanwezig", "ontkend", "verleden", "hypothetisch", "ander_persoon")


@dataclass
class Vectorruimte:
    """Features -> TF-IDF vectors (sublinear term frequency, l2 norm), as in training."""

    kolom: dict[str, int]
    idf: np.ndarray

    def counts(self, kenmerken: list[Kenmerk]) -> Counter[int]:
        """How often each known feature occurs (its column and count)."""
        kolom = self.kolom
        return Counter(kolom[k] for k, _ in kenmerken if k in kolom)

    def vector(self, kenmerken: list[Kenmerk]) -> tuple[np.ndarray, np.ndarray]:
        """The non-zero columns of one window and their values."""
        return self.vector_of_counts(self.counts(kenmerken))

    def vector_of_counts(self, telling: Counter[int]) -> tuple[np.ndarray, np.ndarray]:
        if not telling:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        kolommen = np.fromiter(sorted(telling), dtype=np.int64, count=len(telling))
        aantallen = np.fromiter((telling[k] for k in kolommen.tolist()), dtype=np.float64)
        waarden = (1.0 + np.log(aantallen)) * self.idf[kolommen]
        return kolommen, waarden / np.linalg.norm(waarden)


@dataclass
class Toeschrijving:
    """A window's features mapped onto its tokens: for every (feature occurrence, token)
    pair the feature's column (index into `kolommen`) and the token's share of it."""

    kolommen: np.ndarray  # the window's non-zero columns
    waarden: np.ndarray  # their TF-IDF values
    aantal: np.ndarray  # how often each column occurs in the window
    kolom_van: np.ndarray  # per pair: index into kolommen
    tokens: np.ndarray  # per pair: the token position
    aandeel: np.ndarray  # per pair: 1 / number of tokens of that occurrence
    aanwezig: np.ndarray  # positions that carry some known feature
    lengte: int

    @classmethod
    def of(cls, ruimte: Vectorruimte, kenmerken: list[Kenmerk]) -> Toeschrijving:
        telling = ruimte.counts(kenmerken)
        kolommen, waarden = ruimte.vector_of_counts(telling)
        index = {int(k): i for i, k in enumerate(kolommen.tolist())}
        kolom_van, tokens, aandeel = [], [], []
        for kenmerk, posities in kenmerken:
            kolom = ruimte.kolom.get(kenmerk)
            if kolom is None or not posities:
                continue
            for positie in posities:
                kolom_van.append(index[kolom])
                tokens.append(positie)
                aandeel.append(1.0 / len(posities))
        lengte = max(tokens, default=-1) + 1
        return cls(
            kolommen,
            waarden,
            np.fromiter((telling[int(k)] for k in kolommen.tolist()), dtype=np.float64),
            np.array(kolom_van, dtype=np.int64),
            np.array(tokens, dtype=np.int64),
            np.array(aandeel),
            np.bincount(np.array(tokens, dtype=np.int64), minlength=lengte) > 0,
            lengte,
        )


def pattern_key(signaal_id: str, patroon_tekst: str) -> str:
    """How a pattern is named in `Herkenner.losse_patronen`."""
    return f"{signaal_id}\t{patroon_tekst}"


@dataclass
class Herkenner:
    """One linear model per signal over the same vector space, with a shared calibration."""

    signalen: list[str]
    ruimte: Vectorruimte
    gewichten: np.ndarray  # (features, signals), float32
    bias: np.ndarray  # (signals,)
    platt: tuple[float, float]  # probability = 1 / (1 + exp(-(a * score + b)))
    voorbeelden: Voorbeeldmatrix
    geleerd: np.ndarray  # per signal: a model was trained (else its patterns alone count)
    # patterns ("signal<TAB>pattern") that also match the examples of other signals or the
    # near misses too often: their hits count only when the model agrees
    losse_patronen: frozenset[str] = frozenset()

    def probabilities(self, kolommen: np.ndarray, waarden: np.ndarray) -> np.ndarray:
        scores = waarden @ self.gewichten[kolommen] + self.bias
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * scores + b)))

    def attribution(self, kenmerken: list[Kenmerk]) -> Toeschrijving:
        """What is needed to split any signal's score over the window's tokens."""
        return Toeschrijving.of(self.ruimte, kenmerken)

    def weights_of(self, signaal: int, toeschrijving: Toeschrijving) -> dict[int, float]:
        """Each token's share in the signal's score: feature value × weight, summed over
        the features the token is part of (a shared feature is split between its tokens)."""
        t = toeschrijving
        if not len(t.kolommen):
            return {}
        per_kolom = t.waarden * self.gewichten[t.kolommen, signaal] / t.aantal
        per_token = np.bincount(
            t.tokens, weights=per_kolom[t.kolom_van] * t.aandeel, minlength=t.lengte
        )
        return {int(p): float(per_token[p]) for p in np.flatnonzero(t.aanwezig)}

    def nearest_example(
        self, signaal: int, kolommen: np.ndarray, waarden: np.ndarray
    ) -> tuple[str | None, float]:
        """The `wel` example of the signal that resembles the window most (cosine)."""
        dicht = np.zeros(self.gewichten.shape[0])
        dicht[kolommen] = waarden
        return self.voorbeelden.nearest(signaal, dicht)


@dataclass
class Voorbeeldmatrix:
    """The TF-IDF vectors of the `wel` examples (CSR arrays), to name the closest one."""

    teksten: list[str]
    signaal: np.ndarray  # signal index per row
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray

    def nearest(self, signaal: int, dicht: np.ndarray) -> tuple[str | None, float]:
        beste, beste_score = None, 0.0
        for rij in np.flatnonzero(self.signaal == signaal):
            begin, eind = self.indptr[rij], self.indptr[rij + 1]
            score = float(self.data[begin:eind] @ dicht[self.indices[begin:eind]])
            if score > beste_score:
                beste, beste_score = self.teksten[rij], score
        return beste, beste_score


@dataclass
class Statusherkenner:
    """A multinomial model of the five statuses over the words of a clause."""

    ruimte: Vectorruimte
    gewichten: np.ndarray  # (features, statuses)
    bias: np.ndarray
    geleerd: bool = True  # enough examples of several statuses to learn from

    def probabilities(self, kenmerken: list[Kenmerk]) -> np.ndarray:
        kolommen, waarden = self.ruimte.vector(kenmerken)
        scores = waarden @ self.gewichten[kolommen] + self.bias
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()
