"""Load a knowledge base folder into a validated `Kennisbank`, with Dutch errors."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..fouten import Invoerfout, display_path, os_error_text, translate_validation_error
from ..yamlbestand import YamlDocument, YamlProbleem, format_pad, parse_yaml
from .conditie import references
from .graaf import cycle_errors
from .kennisbank import Herkomst, Kennisbank
from .models import Bron, Conclusie, Context, Regel, Signaal, UitbreidingBestand

MAX_BYTES = 2_000_000


class KennisbankFout(Exception):
    """The knowledge base could not be loaded; `fouten` lists every problem found."""

    def __init__(self, fouten: list[Invoerfout]):
        super().__init__("\n".join(str(f) for f in fouten))
        self.fouten = fouten


def default_kennisbank_dir() -> Path:
    """The knowledge base that ships with the package (or the repository's, in a checkout)."""
    bundled = resources.files("loyaliteit") / "kennisbank_data"
    if bundled.is_dir():
        return Path(str(bundled))
    return Path(__file__).resolve().parents[3] / "kennisbank"


def load_kennisbank(map_: Path | None = None) -> Kennisbank:
    """Read, validate and cross-check a knowledge base folder; raise `KennisbankFout`."""
    map_ = Path(map_) if map_ is not None else default_kennisbank_dir()
    if not map_.is_dir():
        raise KennisbankFout([Invoerfout(display_path(map_), "kennisbank-map bestaat niet")])
    fouten: list[Invoerfout] = []
    kb = Kennisbank(map=map_)
    uitbreiding = map_ / UITBREIDING
    mappen = [default_kennisbank_dir(), map_] if uitbreiding.is_file() else [map_]
    for map_deel in mappen:
        for pad, soort in _files(map_deel):
            _load_file(pad, soort, kb, fouten)
    if uitbreiding.is_file():
        _apply_extension(uitbreiding, kb, fouten)
    fouten.extend(_check_references(kb))
    if not fouten:
        fouten.extend(cycle_errors(kb))
    if fouten:
        raise KennisbankFout(fouten)
    return kb


UITBREIDING = "uitbreiding.yaml"


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


def _apply_extension(pad: Path, kb: Kennisbank, fouten: list[Invoerfout]) -> None:
    """A team's folder with `uitbreiding.yaml` adds to the built-in knowledge base and may
    switch built-in rules off by id."""
    bestand = display_path(pad)
    document = _read_document(pad, bestand, fouten)
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


def _files(map_: Path) -> Iterator[tuple[Path, str]]:
    for naam in ("bronnen", "context", "conclusies"):
        for ext in (".yaml", ".yml"):
            if (map_ / f"{naam}{ext}").is_file():
                yield map_ / f"{naam}{ext}", naam
    for soort in ("signalen", "regels", "conclusies"):
        sub = map_ / soort
        if sub.is_dir():
            for pad in sorted(sub.glob("*.y*ml")):
                yield pad, soort


_ITEM_MODELS: dict[str, type[BaseModel]] = {
    "bronnen": Bron,
    "signalen": Signaal,
    "regels": Regel,
    "conclusies": Conclusie,
}


def _read_document(pad: Path, bestand: str, fouten: list[Invoerfout]) -> YamlDocument | None:
    """Read and parse one YAML file; on any problem add a Dutch error and return None."""
    try:
        if pad.stat().st_size > MAX_BYTES:
            fouten.append(Invoerfout(bestand, f"bestand te groot (maximaal {MAX_BYTES} bytes)"))
            return None
        return parse_yaml(pad.read_text(encoding="utf-8-sig"))
    except YamlProbleem as fout:
        fouten.append(Invoerfout(bestand, fout.bericht, fout.regelnummer))
    except UnicodeDecodeError:
        fouten.append(Invoerfout(bestand, "de tekst is niet in UTF-8 opgeslagen"))
    except OSError as fout:
        fouten.append(Invoerfout(bestand, f"kan bestand niet lezen: {os_error_text(fout)}"))
    return None


def _load_file(pad: Path, soort: str, kb: Kennisbank, fouten: list[Invoerfout]) -> None:
    bestand = display_path(pad)
    document = _read_document(pad, bestand, fouten)
    if document is None:
        return
    if document.data is None:
        return  # an empty file adds nothing
    if soort == "context":
        try:
            context = Context.model_validate(document.data)
        except ValidationError as fout:
            fouten.extend(translate_validation_error(fout, document, bestand))
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
            fouten.extend(translate_validation_error(fout, document, bestand, prefix=pad))
            if isinstance(ruw, dict) and isinstance(ruw.get("id"), str):
                kb.ongeldig.add(ruw["id"])  # known, but broken: no follow-up errors
            continue
        herkomst = Herkomst(bestand, document.regelnummer_van(pad), document, pad)
        _register(kb, soort, item, herkomst, fouten)


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


_NAMEN = {"signaal": "onbekend signaal", "conclusie": "onbekende conclusie"}


def _check_references(kb: Kennisbank) -> list[Invoerfout]:
    fouten = []

    def fout(soort: str, item_id: str, pad: tuple, bericht: str) -> None:
        h = kb.herkomst[(soort, item_id)]
        fouten.append(Invoerfout(h.bestand, bericht, h.line_of(*pad), format_pad((*h.pad, *pad))))

    for soort in ("signalen", "regels", "conclusies"):
        for item_id, item in getattr(kb, soort).items():
            if item.bron.id not in kb.bronnen:
                fout(soort, item_id, ("bron", "id"), f"onbekende bron '{item.bron.id}'")
            for index, advies in enumerate(getattr(item, "advies", [])):
                if advies.bron.id not in kb.bronnen:
                    pad = ("advies", index, "bron", "id")
                    fout(soort, item_id, pad, f"onbekende bron '{advies.bron.id}'")
    for regel in kb.regels.values():
        if regel.dan not in kb.conclusies and regel.dan not in kb.ongeldig:
            fout("regels", regel.id, ("dan",), f"onbekende conclusie '{regel.dan}'")
        for sleutel, ref, pad in references(regel.als, ("als",)):
            tabel = kb.signalen if sleutel == "signaal" else kb.conclusies
            if ref not in tabel and ref not in kb.ongeldig:
                fout("regels", regel.id, pad, f"{_NAMEN[sleutel]} '{ref}'")
        for soort_vb in ("wel", "niet"):
            for index, vb in enumerate(getattr(regel.voorbeelden, soort_vb)):
                for sid in (*vb.signalen.bevestigd, *vb.signalen.verworpen):
                    if sid not in kb.signalen:
                        pad = ("voorbeelden", soort_vb, index, "signalen")
                        fout("regels", regel.id, pad, f"onbekend signaal '{sid}'")
    return fouten


__all__ = ["KennisbankFout", "default_kennisbank_dir", "load_kennisbank"]
