"""Load a knowledge base folder into a validated `Kennisbank`, with Dutch errors."""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..fouten import (
    Invoerfout,
    did_you_mean,
    display_path,
    os_error_text,
    translate_validation_error,
)
from ..yamlbestand import (
    LeesProbleem,
    YamlDocument,
    YamlProbleem,
    format_pad,
    not_regular_reason,
    parse_yaml,
    path_problem,
    read_regular_file,
)
from .cache import content_hash, read_cached, write_cached
from .conditie import references
from .graaf import cycle_errors
from .kennisbank import Herkomst, Kennisbank
from .models import (
    Bron,
    Conclusie,
    Context,
    Regel,
    Signaal,
    UitbreidingBestand,
    VoorbeeldenBestand,
)

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


def load_kennisbank(map_: Path | None = None, voorbeelden: bool = True) -> Kennisbank:
    """Read, validate and cross-check a knowledge base folder; raise `KennisbankFout`.

    With `voorbeelden=False` (enough to analyse cases once the detector is trained) a
    knowledge base read before is taken from the cache, without its example sentences;
    the cache key is a hash of every file's bytes, so any change reads it anew."""
    map_ = Path(map_) if map_ is not None else default_kennisbank_dir()
    if not map_.is_dir():
        raise KennisbankFout([Invoerfout(display_path(map_), "kennisbank-map bestaat niet")])
    uitbreiding = map_ / UITBREIDING
    mappen = [default_kennisbank_dir(), map_] if uitbreiding.is_file() else [map_]
    bestanden = [bestand for map_deel in mappen for bestand in _files(map_deel)]
    extra = [uitbreiding] if uitbreiding.is_file() else []
    sleutel = content_hash([pad for pad, _ in bestanden] + extra)
    if not voorbeelden and sleutel is not None:
        uit_cache = read_cached(map_, sleutel)
        if uit_cache is not None:
            return uit_cache
    kb = _read(map_, bestanden, uitbreiding)
    kb.inhoud_sleutel = sleutel
    kb.herkenning_sleutel = content_hash(
        [pad for pad, soort in bestanden if soort in TRAININGSBESTANDEN] + extra
    )
    if sleutel is not None:
        write_cached(kb, sleutel)
    return kb


def _read(map_: Path, bestanden: list[tuple[Path, str]], uitbreiding: Path) -> Kennisbank:
    fouten: list[Invoerfout] = []
    kb = Kennisbank(map=map_)
    # examples last: a folder's examples may teach any signal, also a built-in one
    for pad, soort in sorted(bestanden, key=lambda b: b[1] == VOORBEELDEN):
        if soort == VOORBEELDEN:
            _load_examples(pad, kb, fouten)
        else:
            _load_file(pad, soort, kb, fouten)
    fouten.extend(_signals_without_examples(kb))
    if uitbreiding.is_file():
        _apply_extension(uitbreiding, kb, fouten)
    fouten.extend(_check_references(kb))
    if not fouten:
        fouten.extend(cycle_errors(kb))
    if fouten:
        raise KennisbankFout(fouten)
    return kb


UITBREIDING = "uitbreiding.yaml"
VOORBEELDEN = "voorbeelden"
TRAININGSBESTANDEN = frozenset({"signalen", VOORBEELDEN, "context"})
VOORBEELDEN_ACHTERVOEGSEL = ".voorbeelden"


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
    """The knowledge base's YAML files in `map_`, each a regular file.

    Anything else with a knowledge-base name (a FIFO would hang the run, a folder, a
    broken link, an unreadable subfolder) is an error, raised before any file is read."""
    bestanden: list[tuple[Path, str]] = []
    fouten: list[Invoerfout] = []
    for naam in ("bronnen", "context", "conclusies", UITBREIDING.removesuffix(".yaml")):
        for ext in (".yaml", ".yml"):
            pad = map_ / f"{naam}{ext}"
            if os.path.lexists(pad) and _regular(pad, fouten) and naam in _TOP:
                bestanden.append((pad, naam))
    for soort in ("signalen", "regels", "conclusies"):
        sub = map_ / soort
        if not sub.is_dir():
            continue
        try:
            with os.scandir(sub) as inhoud:
                namen = sorted(item.name for item in inhoud)
        except OSError as fout:
            bericht = f"map kan niet gelezen worden: {os_error_text(fout)}"
            fouten.append(Invoerfout(display_path(sub), bericht))
            continue
        for naam in namen:
            pad = sub / naam
            if pad.suffix not in (".yaml", ".yml") or naam.startswith("."):
                continue
            if _regular(pad, fouten):
                voorbeelden = soort == "signalen" and pad.stem.endswith(VOORBEELDEN_ACHTERVOEGSEL)
                bestanden.append((pad, VOORBEELDEN if voorbeelden else soort))
    if fouten:
        raise KennisbankFout(fouten)
    yield from bestanden


_TOP = ("bronnen", "context", "conclusies")


def _regular(pad: Path, fouten: list[Invoerfout]) -> bool:
    """Is `pad` a regular file (following links)? If not, say why in `fouten`."""
    try:
        reden = not_regular_reason(os.stat(pad).st_mode)
    except OSError as fout:
        reden = path_problem(pad, fout).removeprefix("kan bestand niet lezen: ")
    if reden is not None:
        fouten.append(Invoerfout(display_path(pad), f"kan bestand niet lezen: {reden}"))
    return reden is None


_ITEM_MODELS: dict[str, type[BaseModel]] = {
    "bronnen": Bron,
    "signalen": Signaal,
    "regels": Regel,
    "conclusies": Conclusie,
}


def _read_document(pad: Path, bestand: str, fouten: list[Invoerfout]) -> YamlDocument | None:
    """Read and parse one YAML file; on any problem add a Dutch error and return None.

    Only a regular file is read, and a control character or bidirectional override in
    any text of the knowledge base (also written as an escape) is refused."""
    try:
        ruw = read_regular_file(pad, MAX_BYTES)
        tekst = ruw.decode("utf-8-sig").replace("\r\n", "\n")
        return parse_yaml(tekst, weiger_stuurtekens=True)
    except LeesProbleem as fout:
        fouten.append(Invoerfout(bestand, _reading(fout.bericht)))
    except YamlProbleem as fout:
        fouten.append(Invoerfout(bestand, fout.bericht, fout.regelnummer, fout.sleutel))
    except UnicodeDecodeError as fout:
        regel = ruw[: fout.start].count(b"\n") + 1
        fouten.append(Invoerfout(bestand, "de tekst is niet in UTF-8 opgeslagen", regel))
    return None


def _reading(reden: str) -> str:
    if reden.startswith(("kan bestand niet lezen", "bestand te groot")):
        return reden
    return f"kan bestand niet lezen: {reden}"


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


def _load_examples(pad: Path, kb: Kennisbank, fouten: list[Invoerfout]) -> None:
    """`<thema>.voorbeelden.yaml`: examples by signal id, added to the signal's own."""
    bestand = display_path(pad)
    document = _read_document(pad, bestand, fouten)
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


def _signals_without_examples(kb: Kennisbank) -> list[Invoerfout]:
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


__all__ = ["KennisbankFout", "default_kennisbank_dir", "load_kennisbank"]
