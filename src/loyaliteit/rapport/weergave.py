"""What the terminal, Markdown and HTML reports share in how they show an analysis.

- numbers with a decimal comma (the JSON keeps its points);
- which words of a sentence are highlighted (content words, not "in de");
- the references in a derivation: a shared sub-derivation and a sentence are shown in
  full once, and referred to after;
- the near misses: the few closest with their questions (each question once), the rest
  counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Near misses shown with their questions; the rest is counted (and behind a toggle in HTML).
BIJNA_GETOOND = 3

# Words that carry no meaning of their own: a finding may count them (its window holds
# them), but highlighting them says nothing ("tranen in de ogen").
FUNCTIEWOORDEN = frozenset(
    """
    de het een 't 'n der des
    aan achter bij binnen boven buiten door in langs met na naar naast om onder op over per
    rond sinds te tegen tot tussen uit van vanaf via voor zonder
    en of maar dat als omdat want dus noch doch terwijl toen wanneer zodat zodra hoewel
    nadat totdat
    ik je jij u hij zij ze we wij jullie hem haar hun hen me mij mijn jouw uw zijn ons onze
    die dit deze wie wat welke er zich zichzelf men elkaar daar hier
    is ben bent was waren wordt worden werd werden heeft hebben had hadden zal zullen zou
    zouden
    """.split()  # noqa: SIM905 (articles, prepositions, conjunctions, pronouns, auxiliaries)
)


def decimal(getal: float, teken: bool = False, cijfers: int = 2) -> str:
    """A number as Dutch writes it: 0,73 (with `teken`: +0,73)."""
    return format(getal, f"{'+' if teken else ''}.{cijfers}f").replace(".", ",")


def is_content_word(woord: str) -> bool:
    return woord.strip().lower().strip("'’") not in FUNCTIEWOORDEN


def marked_segments(bewijs) -> list[tuple[str, bool]]:
    """The sentence as (text, marked) pieces, from the finding's own word offsets: only
    content words are marked, neighbouring marked words form one piece, and runs of
    white space are folded to one space."""
    stukken: list[tuple[str, bool]] = []
    positie = 0
    for begin, eind in sorted(bewijs.woord_posities):
        begin, eind = begin - bewijs.begin, eind - bewijs.begin
        if begin < positie or eind > len(bewijs.zin) or begin < 0:
            continue
        woord = bewijs.zin[begin:eind]
        stukken += [(bewijs.zin[positie:begin], False), (woord, is_content_word(woord))]
        positie = eind
    stukken.append((bewijs.zin[positie:], False))
    samen: list[tuple[str, bool]] = []
    for tekst, gemarkeerd in stukken:
        tekst = re.sub(r"\s+", " ", tekst)
        if not tekst:
            continue
        if samen and samen[-1][1] == gemarkeerd:
            samen[-1] = (samen[-1][0] + tekst, gemarkeerd)
        elif (
            gemarkeerd
            and len(samen) >= 2
            and samen[-2][1]
            and not samen[-1][1]
            and samen[-1][0] == " "
        ):
            samen[-2:] = [(samen[-2][0] + " " + tekst, True)]
        else:
            samen.append((tekst, gemarkeerd))
    if samen:
        samen[0] = (samen[0][0].lstrip(), samen[0][1])
        samen[-1] = (samen[-1][0].rstrip(), samen[-1][1])
    return [(tekst, gemarkeerd) for tekst, gemarkeerd in samen if tekst]


def distinct_sentences(bewijs: list) -> list:
    """Evidence with each sentence once (a sentence can carry several signals)."""
    gezien: set[tuple[int, int]] = set()
    uit = []
    for b in bewijs:
        sleutel = (b.begin, b.eind) if b.status != "bevestigd" else (-1, id(b))
        if sleutel not in gezien:
            gezien.add(sleutel)
            uit.append(b)
    return uit


def excerpt(zin: str, woorden: int = 8) -> str:
    """The first few words of a sentence, to point back at it."""
    delen = zin.split()
    return " ".join(delen[:woorden]) + (" …" if len(delen) > woorden else "")


@dataclass
class Verwijzingen:
    """What one report has already shown in full: derived conclusions (their
    sub-derivation, by anchor) and sentences (by number). Asking marks it shown."""

    afleidingen: dict[str, str] = field(default_factory=dict)
    zinnen: dict[tuple[int, int], int] = field(default_factory=dict)

    def first_derivation(self, premisse) -> bool:
        """True the first time a derived conclusion's sub-derivation, or a signal with its
        sentences, comes up."""
        if premisse.soort == "conclusie" and premisse.regels:
            sleutel, anker = premisse.id, f"afleiding-{premisse.id}"
        elif premisse.soort == "signaal" and premisse.bewijs:
            sleutel, anker = f"signaal:{premisse.id}", f"signaal-{premisse.id}"
        else:
            return True
        if sleutel in self.afleidingen:
            return False
        self.afleidingen[sleutel] = anker
        return True

    def reference(self, premisse) -> tuple[str, str]:
        """Where a premise was shown in full (an anchor), and how to say so."""
        if premisse.soort == "signaal":
            return self.afleidingen[f"signaal:{premisse.id}"], "zinnen hierboven"
        return self.afleidingen.get(premisse.id, premisse.id), "afgeleid hierboven"

    def register(self, conclusie_id: str) -> str:
        """A conclusion shown in its own section: later trees refer to it."""
        self.afleidingen.setdefault(conclusie_id, conclusie_id)
        return ""

    def anchor(self, premisse) -> str:
        """The anchor of a premise shown in full (after `first_derivation`)."""
        sleutel = f"signaal:{premisse.id}" if premisse.soort == "signaal" else premisse.id
        return self.afleidingen.get(sleutel, "")

    def sentence(self, bewijs) -> tuple[int, bool]:
        """The sentence's number in this report, and whether this is its first showing."""
        sleutel = (bewijs.begin, bewijs.eind)
        if sleutel in self.zinnen:
            return self.zinnen[sleutel], False
        self.zinnen[sleutel] = len(self.zinnen) + 1
        return self.zinnen[sleutel], True


@dataclass
class BijnaWeergave:
    """One near miss as a report shows it: its questions not asked above it."""

    bijna: object
    vragen: list[str]


def closest_near_misses(bijna: list, aantal: int = BIJNA_GETOOND):
    """The near misses ranked by how close they came: the closest `aantal` with their
    questions (each question once across them), and the rest."""
    gerangschikt = sorted(bijna, key=lambda b: -b.score)
    gesteld: set[str] = set()
    getoond = []
    for b in gerangschikt[:aantal]:
        vragen = [v for v in dict.fromkeys(b.vragen) if v not in gesteld]
        gesteld.update(vragen)
        getoond.append(BijnaWeergave(b, vragen))
    return getoond, gerangschikt[aantal:]


def premise_labels(conclusies) -> dict[str, str]:
    """Id -> label of everything in the derivation trees (signals, conclusions, features)."""
    labels: dict[str, str] = {}

    def walk(premissen) -> None:
        for premisse in premissen:
            labels.setdefault(premisse.id, premisse.label)
            walk(premisse.onderdelen)
            for toepassing in premisse.regels:
                walk(toepassing.premissen)

    for conclusie in conclusies:
        for toepassing in conclusie.afleiding:
            walk(toepassing.premissen)
    return labels


def percent(score: float) -> str:
    return f"{round(score * 100)}%"


def near_miss_list(rest: list) -> str:
    """The near misses not shown in full: 'Actieve parentificatie (33%), ...'."""
    return ", ".join(f"{b.label or b.id} ({percent(b.score)})" for b in rest)
