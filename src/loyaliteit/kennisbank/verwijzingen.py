"""Checks on a knowledge base once every file is read: every id a rule, signal or
conclusion names must exist, and every signal must be findable."""

from __future__ import annotations

from pathlib import Path

from ..fouten import Invoerfout, did_you_mean
from ..yamlbestand.document import format_pad
from .bestanden import VOORBEELDEN_ACHTERVOEGSEL
from .conditie import references
from .kennisbank import Kennisbank


def signals_without_examples(kb: Kennisbank) -> list[Invoerfout]:
    """A signal is defined by its examples (or at least by patterns): one with neither
    can never be found."""
    fouten = []
    for signaal in kb.signalen.values():
        if not signaal.patronen and not signaal.voorbeelden.wel:
            h = kb.herkomst[("signalen", signaal.id)]
            bericht = (
                f"signaal '{signaal.id}' heeft geen voorbeelden (wel) en geen patronen: "
                "schrijf zinnen die het laten zien in "
                f"{Path(h.bestand).stem}{VOORBEELDEN_ACHTERVOEGSEL}.yaml"
            )
            fouten.append(Invoerfout(h.bestand, bericht, h.line_of("id"), format_pad(h.pad)))
    return fouten


_NAMEN = {"signaal": "onbekend signaal", "conclusie": "onbekende conclusie"}


def check_references(kb: Kennisbank) -> list[Invoerfout]:
    """Every id a rule, signal or conclusion names must exist; an unknown one gets the
    nearest known id as a hint ("bedoel je ...?")."""
    fouten = []

    def fout(soort: str, item_id: str, pad: tuple, wat: str, ref: str, bekend) -> None:
        h = kb.herkomst[(soort, item_id)]
        bericht = f"{wat} '{ref}'{did_you_mean(ref, bekend)}"
        fouten.append(Invoerfout(h.bestand, bericht, h.line_of(*pad), format_pad((*h.pad, *pad))))

    for soort in ("signalen", "regels", "conclusies"):
        for item_id, item in getattr(kb, soort).items():
            if item.bron.id not in kb.bronnen:
                pad = ("bron", "id")
                fout(soort, item_id, pad, "onbekende bron", item.bron.id, kb.bronnen)
            for index, advies in enumerate(getattr(item, "advies", [])):
                if advies.bron.id not in kb.bronnen:
                    pad = ("advies", index, "bron", "id")
                    fout(soort, item_id, pad, "onbekende bron", advies.bron.id, kb.bronnen)
    for regel in kb.regels.values():
        if regel.dan not in kb.conclusies and regel.dan not in kb.ongeldig:
            fout("regels", regel.id, ("dan",), "onbekende conclusie", regel.dan, kb.conclusies)
        for sleutel, ref, pad in references(regel.als, ("als",)):
            tabel = kb.signalen if sleutel == "signaal" else kb.conclusies
            if ref not in tabel and ref not in kb.ongeldig:
                fout("regels", regel.id, pad, _NAMEN[sleutel], ref, tabel)
        for soort_vb in ("wel", "niet"):
            for index, vb in enumerate(getattr(regel.voorbeelden, soort_vb)):
                for sid in (*vb.signalen.bevestigd, *vb.signalen.verworpen):
                    if sid not in kb.signalen:
                        pad = ("voorbeelden", soort_vb, index, "signalen")
                        fout("regels", regel.id, pad, "onbekend signaal", sid, kb.signalen)
    return fouten
