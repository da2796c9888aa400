"""`kennisbank controleer`: a lint for the knowledge base, in Dutch with file, line and key.

Errors make the knowledge base wrong or untestable; warnings point at what is probably
unintended. Errors found while loading (unknown or duplicate ids, invalid values, a
cycle through `niet`) are reported first; the rest needs a loaded knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...analyse import compiled
from ...fouten import Invoerfout
from ...signalering import Status
from ...yamlbestand.document import format_pad
from .. import Kennisbank
from ..conditie import Conditie, premises, references
from ..graaf import cycle_errors, reachable_conclusions
from ..models import Regel, Soort
from .toets import missing_example_kinds


@dataclass
class Melding:
    ernst: str  # fout | waarschuwing
    fout: Invoerfout

    def __str__(self) -> str:
        return f"{self.ernst}: {self.fout}"


class Controle:
    def __init__(self, kb: Kennisbank):
        self.kb = kb
        self.meldingen: list[Melding] = []

    def _add(self, ernst: str, soort: str, item_id: str, pad: tuple, bericht: str) -> None:
        herkomst = self.kb.herkomst[(soort, item_id)]
        self.meldingen.append(
            Melding(
                ernst,
                Invoerfout(
                    herkomst.bestand,
                    bericht,
                    herkomst.line_of(*pad),
                    format_pad((*herkomst.pad, *pad)),
                ),
            )
        )

    def run(self) -> list[Melding]:
        self.examples()
        self.cycles()
        self.unused_signals()
        self.unreached_conclusions()
        self.subsumed_rules()
        self.patterns_in_own_examples()
        self.enough_examples()
        self.questions_say_for_whom()
        return sorted(
            self.meldingen,
            key=lambda m: (m.ernst != "fout", m.fout.bestand, m.fout.regelnummer or 0),
        )

    def examples(self) -> None:
        for regel in self.kb.regels.values():
            ontbreekt = missing_example_kinds(regel)
            if ontbreekt:
                self._add("fout", "regels", regel.id, ("voorbeelden",), ontbreekt)

    def cycles(self) -> None:
        self.meldingen += [Melding("fout", fout) for fout in cycle_errors(self.kb)]

    def unused_signals(self) -> None:
        gebruikt = {
            ref
            for r in self.kb.regels.values()
            for s, ref, _ in references(r.als)
            if s == "signaal"
        }
        for signaal_id in self.kb.signalen:
            if signaal_id not in gebruikt:
                self._add(
                    "waarschuwing",
                    "signalen",
                    signaal_id,
                    ("id",),
                    f"signaal '{signaal_id}' wordt door geen regel gebruikt",
                )

    def unreached_conclusions(self) -> None:
        afgeleid = {r.dan for r in self.kb.regels.values() if r.zekerheid > 0}
        bereikbaar = reachable_conclusions(self.kb)
        for conclusie in self.kb.conclusies.values():
            gebruikt = any(
                s == "conclusie" and ref == conclusie.id
                for r in self.kb.regels.values()
                for s, ref, _ in references(r.als)
            )
            if conclusie.soort == Soort.patroon and not gebruikt:
                self._add(
                    "waarschuwing",
                    "conclusies",
                    conclusie.id,
                    ("id",),
                    f"patroon '{conclusie.id}' wordt door geen regel gebruikt (het leidt nergens toe)",
                )
            if conclusie.id not in afgeleid:
                self._add(
                    "waarschuwing",
                    "conclusies",
                    conclusie.id,
                    ("id",),
                    f"geen regel leidt '{conclusie.id}' af",
                )
            elif conclusie.id not in bereikbaar:
                self._add(
                    "fout"
                    if conclusie.soort in (Soort.classificatie, Soort.veiligheid)
                    else "waarschuwing",
                    "conclusies",
                    conclusie.id,
                    ("id",),
                    f"'{conclusie.id}' is vanuit geen enkele combinatie van signalen te bereiken",
                )

    def subsumed_rules(self) -> None:
        regels = list(self.kb.regels.values())
        for a in regels:
            for b in regels:
                if a.id == b.id or a.dan != b.dan or (a.zekerheid > 0) != (b.zekerheid > 0):
                    continue
                pa, pb = _premises(a.als), _premises(b.als)
                if pa < pb:
                    self._add(
                        "waarschuwing",
                        "regels",
                        b.id,
                        ("als",),
                        f"regel '{b.id}' wordt gedekt door '{a.id}' (zelfde conclusie, een deel van de premissen)",
                    )

    def enough_examples(self) -> None:
        for signaal in self.kb.signalen.values():
            wel, niet = len(signaal.voorbeelden.wel), len(signaal.voorbeelden.niet)
            if wel < MIN_WEL or niet < MIN_NIET:
                self._add(
                    "waarschuwing",
                    "signalen",
                    signaal.id,
                    ("id",),
                    f"signaal '{signaal.id}' heeft {_count(wel, 'voorbeeld', 'voorbeelden')} (wel) "
                    f"en {_count(niet, 'bijna-treffer', 'bijna-treffers')} (niet); de herkenning leert pas goed van minstens {MIN_WEL} en {MIN_NIET}, "
                    "verspreid over de registers (verhalend, logboek, citaat, indirect, ik)",
                )

    def questions_say_for_whom(self) -> None:
        for conclusie in self.kb.conclusies.values():
            for index, vraag in enumerate(conclusie.gespreksvragen):
                if vraag.voor is None:
                    self._add(
                        "waarschuwing",
                        "conclusies",
                        conclusie.id,
                        ("gespreksvragen", index),
                        "zeg voor wie deze gespreksvraag is: voor: ouders, kind of team",
                    )

    def patterns_in_own_examples(self) -> None:
        """A signal whose patterns no example exercises: neither its own sentences nor the
        positive examples of the rules that use it."""
        detector = compiled(self.kb).detector
        gebruikers: dict[str, list[Regel]] = {}
        for regel in self.kb.regels.values():
            for soort, ref, _ in references(regel.als):
                if soort == "signaal":
                    gebruikers.setdefault(ref, []).append(regel)
        for signaal in self.kb.signalen.values():
            teksten = [v.tekst for v in signaal.voorbeelden.wel]
            teksten += [
                v.beschrijving
                for regel in gebruikers.get(signaal.id, [])
                for v in regel.voorbeelden.wel
                if signaal.id not in v.signalen.bevestigd
            ]
            if not teksten or not any(
                f.signaal == signaal.id and f.status is Status.aanwezig
                for t in teksten
                for f in detector.detect_text(t)
            ):
                self._add(
                    "waarschuwing",
                    "signalen",
                    signaal.id,
                    ("patronen",),
                    f"de patronen van '{signaal.id}' treffen in geen enkel eigen voorbeeld of "
                    "positief regelvoorbeeld (ongetest)",
                )


MIN_WEL = 25  # sentences that show a signal, to teach it in every register
MIN_NIET = 10  # near misses: negated, past, supposed, someone else, another sense


def _premises(conditie: Conditie) -> frozenset[str]:
    """The premises of a rule as comparable strings (other nodes count as one premise)."""
    return frozenset(d.model_dump_json() for d in premises(conditie))


def lint(kb: Kennisbank) -> list[Melding]:
    return Controle(kb).run()


__all__ = ["Melding", "lint"]


def _count(aantal: int, enkelvoud: str, meervoud: str) -> str:
    return f"{aantal} {enkelvoud if aantal == 1 else meervoud}"
