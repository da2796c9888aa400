"""The state of one intervisie session: the case, the team's decisions, the analyses.

The session holds no analysis logic of its own. The judgement in force is the case
file's `signalen:` with the session's decisions applied in order; every change runs
`loyaliteit.analyse.analyse` again with it, the same function the command line uses.
Undoing a decision marks it undone (it stays in the record, and can be redone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..analyse import analyse
from ..anoniem import Pseudoniemen, pseudonymise_analysis
from ..basis import SignaalOordeel
from ..casus import Casus
from ..kennisbank import Kennisbank
from ..uitleg import Analyse
from .opslaan import Casusbestand, open_case, save_judgement

BEVESTIGD, VERWORPEN, TOEGEVOEGD, INGETROKKEN = (
    "bevestigd",
    "verworpen",
    "toegevoegd",
    "ingetrokken",
)
SOORTEN = (BEVESTIGD, VERWORPEN, TOEGEVOEGD, INGETROKKEN)
WERKWOORD = {
    BEVESTIGD: "bevestigd",
    VERWORPEN: "verworpen",
    TOEGEVOEGD: "toegevoegd bij een zin",
    INGETROKKEN: "oordeel ingetrokken",
}
MAX_NAAM = 60


class Ongeldig(ValueError):
    """A request the session cannot carry out (a Dutch message)."""


@dataclass
class Besluit:
    """One decision of the team about one signal."""

    nummer: int
    soort: str  # bevestigd | verworpen | toegevoegd | ingetrokken
    signaal: str
    label: str
    tijd: str
    wie: str | None = None
    zin: str | None = None  # for `toegevoegd`: the sentence the team selected
    begin: int | None = None
    eind: int | None = None
    ongedaan: bool = False

    @property
    def omschrijving(self) -> str:
        return WERKWOORD[self.soort]


@dataclass
class Sessie:
    """One case under discussion; `begin` is its analysis when the session opened it."""

    pad: Path
    kb: Kennisbank
    anoniem: bool = False
    casus: Casus = field(init=False)
    bestand: Casusbestand = field(init=False)
    besluiten: list[Besluit] = field(default_factory=list)
    begin: Analyse = field(init=False)
    huidig: Analyse = field(init=False)
    opgeslagen_oordeel: SignaalOordeel = field(init=False)
    opgeslagen_om: str | None = None
    conflict: str | None = None

    def __post_init__(self) -> None:
        self._open()

    def _open(self) -> None:
        self.casus, self.bestand = open_case(self.pad)
        self.opgeslagen_oordeel = self.casus.signalen
        self.begin = self._analyse(self.casus.signalen)
        self.conflict = None
        self.recompute()

    def _analyse(self, oordeel: SignaalOordeel, waarom_niet: tuple[str, ...] = ()) -> Analyse:
        resultaat = analyse(self.casus, self.kb, oordeel, waarom_niet)
        return pseudonymise_analysis(resultaat, self.casus) if self.anoniem else resultaat

    @property
    def tekst(self) -> str:
        """The description as the page shows it (with pseudonyms under `--anoniem`)."""
        return self.huidig.casus.beschrijving or ""

    def pseudonyms(self) -> Pseudoniemen | None:
        return Pseudoniemen(self.casus) if self.anoniem else None

    def shown_name(self, besluit: Besluit) -> str | None:
        """Who took a decision, as the page and the report show it (a name from the case
        becomes its pseudonym under `--anoniem`)."""
        namen = self.pseudonyms()
        return namen.text(besluit.wie) if namen and besluit.wie else besluit.wie

    # --- the judgement in force ---------------------------------------------------

    def actief(self) -> list[Besluit]:
        return [b for b in self.besluiten if not b.ongedaan]

    def oordeel(self) -> SignaalOordeel:
        """The file's judgement with the session's decisions applied in order."""
        bevestigd = list(self.casus.signalen.bevestigd)
        verworpen = list(self.casus.signalen.verworpen)
        for besluit in self.actief():
            s = besluit.signaal
            if s in bevestigd and besluit.soort in (VERWORPEN, INGETROKKEN):
                bevestigd.remove(s)
            if s in verworpen and besluit.soort in (BEVESTIGD, TOEGEVOEGD, INGETROKKEN):
                verworpen.remove(s)
            if besluit.soort in (BEVESTIGD, TOEGEVOEGD) and s not in bevestigd:
                bevestigd.append(s)
            if besluit.soort == VERWORPEN and s not in verworpen:
                verworpen.append(s)
        return SignaalOordeel(bevestigd=bevestigd, verworpen=verworpen)

    def recompute(self) -> None:
        """Analyse again; a conclusion of the start that no longer follows gets its why-not."""
        eerst = tuple(c.id for c in self.begin.conclusies)
        self.huidig = self._analyse(self.oordeel(), eerst)

    def unsaved(self) -> bool:
        return self.oordeel() != self.opgeslagen_oordeel

    # --- changes --------------------------------------------------------------------

    def decide(
        self, soort: str, signaal: str, wie: str | None = None, begin=None, eind=None
    ) -> Besluit:
        if soort not in SOORTEN:
            raise Ongeldig(f"onbekende soort besluit '{soort}'")
        if signaal not in self.kb.signalen:
            raise Ongeldig(f"onbekend signaal '{signaal}'")
        besluit = Besluit(
            nummer=len(self.besluiten) + 1,
            soort=soort,
            signaal=signaal,
            label=self.kb.signalen[signaal].label,
            tijd=datetime.now().strftime("%H:%M"),
            wie=_name(wie),
        )
        if soort == TOEGEVOEGD:
            besluit.begin, besluit.eind, besluit.zin = self._sentence(begin, eind)
        self.besluiten.append(besluit)
        self.recompute()
        return besluit

    def _sentence(self, begin, eind) -> tuple[int, int, str]:
        tekst = self.tekst
        if not (
            isinstance(begin, int) and isinstance(eind, int) and 0 <= begin < eind <= len(tekst)
        ):
            raise Ongeldig("kies eerst een zin in de beschrijving")
        return begin, eind, " ".join(tekst[begin:eind].split())

    def toggle(self, nummer: int) -> Besluit:
        """Undo a decision, or redo an undone one."""
        besluit = next((b for b in self.besluiten if b.nummer == nummer), None)
        if besluit is None:
            raise Ongeldig(f"geen besluit met nummer {nummer}")
        besluit.ongedaan = not besluit.ongedaan
        self.recompute()
        return besluit

    def undo_last(self) -> Besluit:
        actief = self.actief()
        if not actief:
            raise Ongeldig("er is nog geen besluit om ongedaan te maken")
        return self.toggle(actief[-1].nummer)

    def save(self) -> None:
        """Write the judgement in force into the case's file (raises `Conflict`, `OpslagFout`)."""
        oordeel = self.oordeel()
        self.bestand = save_judgement(self.bestand, oordeel, self._notes(oordeel))
        self.opgeslagen_oordeel = oordeel
        self.opgeslagen_om = datetime.now().strftime("%H:%M")

    def _notes(self, oordeel: SignaalOordeel) -> dict[str, str]:
        """An end-of-line comment for each signal this session changed: date and who."""
        datum = datetime.now().strftime("%Y-%m-%d")
        notities = {}
        for besluit in self.actief():
            if besluit.signaal in oordeel.bevestigd or besluit.signaal in oordeel.verworpen:
                wie = f", {besluit.wie}" if besluit.wie else ""
                notities[besluit.signaal] = f"intervisie {datum}{wie}"
        return notities

    def reload(self) -> None:
        """Read the case from disk again; the session's decisions stay and apply on top."""
        self._open()

    def names(self) -> list[str]:
        """Everyone who entered a name for a decision, in order of appearance (as shown)."""
        return list(dict.fromkeys(self.shown_name(b) for b in self.besluiten if b.wie))


def _name(wie: str | None) -> str | None:
    if not isinstance(wie, str):
        return None
    naam = " ".join(wie.split())[:MAX_NAAM]
    return naam or None
