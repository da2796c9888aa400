"""Each file's content, validated against its model, added to a `Kennisbank`.

Every problem becomes a Dutch error with file, line and key; an item that fails
validation is remembered by id (`kb.ongeldig`), so it gives no follow-up errors.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..fouten import Invoerfout, did_you_mean, display_path
from ..validatiefouten import translate_validation_error
from ..yamlbestand.document import format_pad
from .bestanden import VOORBEELDEN, read_document
from .bestandsmodellen import UitbreidingBestand, VoorbeeldenBestand
from .contextwoorden import Context
from .kennisbank import Herkomst, Kennisbank
from .models import Bron, Conclusie, Regel, Signaal


def merge_context(basis: Context, extra: Context) -> Context:
    """An extension's context words add to the built-in ones; its windows replace them."""
    return Context.model_validate(_merge(basis.model_dump(), extra.model_dump(exclude_unset=True)))


def _merge(basis: dict, extra: dict) -> dict:
    samen = dict(basis)
    for sleutel, waarde in extra.items():
        eerder = samen.get(sleutel)
        if isinstance(waarde, list) and isinstance(eerder, list):
            samen[sleutel] = list(dict.fromkeys([*eerder, *waarde]))
        elif isinstance(waarde, dict) and isinstance(eerder, dict):
            samen[sleutel] = _merge(eerder, waarde)
        else:
            samen[sleutel] = waarde
    return samen


def apply_extension(pad: Path, kb: Kennisbank, fouten: list[Invoerfout]) -> None:
    """A team's folder with `uitbreiding.yaml` adds to the built-in knowledge base and may
    switch built-in rules off by id."""
    bestand = display_path(pad)
    document = read_document(pad, bestand, fouten)
    if document is None:
        return
    try:
        uitbreiding = UitbreidingBestand.model_validate(document.data or {})
    except ValidationError as fout:
        fouten.extend(translate_validation_error(fout, document, bestand))
        return
    for index, regel_id in enumerate(uitbreiding.uitschakelen):
        if regel_id in kb.regels:
            del kb.regels[regel_id]
            kb.uitgeschakeld.append(regel_id)
        else:
            regelnummer = document.regelnummer_van(("uitschakelen", index))
            fouten.append(
                Invoerfout(
                    bestand, f"onbekende regel '{regel_id}'", regelnummer, f"uitschakelen[{index}]"
                )
            )


_ITEM_MODELS: dict[str, type[BaseModel]] = {
    "bronnen": Bron,
    "signalen": Signaal,
    "regels": Regel,
    "conclusies": Conclusie,
}


def load_file(pad: Path, soort: str, kb: Kennisbank, fouten: list[Invoerfout]) -> None:
    bestand = display_path(pad)
    document = read_document(pad, bestand, fouten)
    if document is None:
        return
    if document.data is None:
        return  # an empty file adds nothing
    if soort == "context":
        try:
            context = Context.model_validate(document.data)
        except ValidationError as fout:
            fouten.extend(translate_validation_error(fout, document, bestand, model=Context))
            return
        kb.context = merge_context(kb.context, context)
        return
    items = document.data.get(soort) if isinstance(document.data, dict) else None
    if not isinstance(items, list) or len(document.data) != 1:
        regelnummer = document.regelnummer_van((soort,)) or 1
        fouten.append(
            Invoerfout(
                bestand,
                f"het bestand moet één sleutel '{soort}:' met een lijst hebben",
                regelnummer,
            )
        )
        return
    model = _ITEM_MODELS[soort]
    for index, ruw in enumerate(items):
        pad = (soort, index)
        try:
            item = model.model_validate(ruw)
        except ValidationError as fout:
            fouten.extend(
                translate_validation_error(fout, document, bestand, prefix=pad, model=model)
            )
            if isinstance(ruw, dict) and isinstance(ruw.get("id"), str):
                kb.ongeldig.add(ruw["id"])  # known, but broken: no follow-up errors
            continue
        herkomst = Herkomst(bestand, document.regelnummer_van(pad), document, pad)
        _register(kb, soort, item, herkomst, fouten)


def load_examples(pad: Path, kb: Kennisbank, fouten: list[Invoerfout]) -> None:
    """`<thema>.voorbeelden.yaml`: examples by signal id, added to the signal's own."""
    bestand = display_path(pad)
    document = read_document(pad, bestand, fouten)
    if document is None or document.data is None:
        return
    try:
        inhoud = VoorbeeldenBestand.model_validate(document.data)
    except ValidationError as fout:
        fouten.extend(translate_validation_error(fout, document, bestand, model=VoorbeeldenBestand))
        return
    for signaal_id, voorbeelden in inhoud.voorbeelden.items():
        sleutel = (VOORBEELDEN, signaal_id)
        if signaal_id not in kb.signalen:
            if signaal_id not in kb.ongeldig:
                regelnummer = document.regelnummer_van(sleutel)
                fout = f"onbekend signaal '{signaal_id}'{did_you_mean(signaal_id, kb.signalen)}"
                fouten.append(Invoerfout(bestand, fout, regelnummer, format_pad(sleutel)))
            continue
        for index, voorbeeld in enumerate(voorbeelden.wel):
            for positie, ander in enumerate(voorbeeld.ook):
                if ander not in kb.signalen and ander not in kb.ongeldig:
                    pad_ook = (*sleutel, "wel", index, "ook", positie)
                    fouten.append(
                        Invoerfout(
                            bestand,
                            f"onbekend signaal '{ander}'{did_you_mean(ander, kb.signalen)}",
                            document.regelnummer_van(pad_ook),
                            format_pad(pad_ook),
                        )
                    )
        signaal = kb.signalen[signaal_id]
        samen = signaal.voorbeelden.merged(voorbeelden)
        kb.signalen[signaal_id] = signaal.model_copy(update={"voorbeelden": samen})
        kb.herkomst.setdefault(
            sleutel, Herkomst(bestand, document.regelnummer_van(sleutel), document, sleutel)
        )


def _register(kb: Kennisbank, soort: str, item, herkomst: Herkomst, fouten) -> None:
    tabel = getattr(kb, soort)
    if item.id in tabel:
        eerder = kb.herkomst[(soort, item.id)]
        fouten.append(
            Invoerfout(
                herkomst.bestand,
                f"dubbel id '{item.id}' (ook in {eerder})",
                herkomst.line_of("id"),
                format_pad((*herkomst.pad, "id")),
            )
        )
        return
    tabel[item.id] = item
    kb.herkomst[(soort, item.id)] = herkomst
