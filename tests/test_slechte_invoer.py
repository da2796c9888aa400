"""Nothing breaks it: the bad-input corpus (data under `tests/slechte_invoer/`).

Every bad case file must give a Dutch error that names the file (and, where the corpus
says so, the line and the key), the good case in the same batch must still be analysed,
the exit code must be 1, and there must never be a traceback. A broken knowledge base
gets the same treatment. Adding a case is adding data: see tests/slechte_invoer/README.md.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from loyaliteit.casus import CasusFout, load_casus
from loyaliteit.cli import app
from loyaliteit.fouten import Invoerfout, display_path

from .conftest import MINI
from .invoerhulp import (
    FOUT_INHOUD,
    check_good_analysis,
    check_message,
    good_file,
    no_traceback,
    split_message,
)

CORPUS_MAP = Path(__file__).parent / "slechte_invoer"
runner = CliRunner()
pytestmark = pytest.mark.usefixtures("memory_cap")


@dataclass(frozen=True)
class Slecht:
    """One bad input from `casussen.yaml`."""

    id: str
    bestand: str | None = None
    maak: object = None
    naam: str | None = None
    naam_bytes: str | None = None
    regelnummer: int | str | None = None
    sleutel: str | None = None
    bevat: str | None = None
    genoemd: str | None = None

    def name(self) -> str:
        return self.naam or self.bestand

    def build(self, map_: Path) -> Path:
        """Put the bad input in `map_` and return the path to pass on the command line."""
        if self.naam_bytes is not None:
            pad = Path(os.fsdecode(os.fsencode(map_) + b"/" + bytes.fromhex(self.naam_bytes)))
        else:
            pad = map_ / self.name()
        if self.bestand is not None:
            pad.write_bytes((CORPUS_MAP / "casussen" / self.bestand).read_bytes())
            return pad
        return RECEPTEN[self.maak if isinstance(self.maak, str) else next(iter(self.maak))](
            pad, self.maak
        )


def _repeated(pad: Path, maak: dict) -> Path:
    pad.write_text(maak.get("voor", "") + maak["herhaal"] * maak["keer"] + maak.get("na", ""))
    return pad


def _deep_blocks(pad: Path, maak: dict) -> Path:
    diep = maak["diepe_blokken"]
    tekst = "beschrijving: t\n" + "".join(" " * i + f"k{i}:\n" for i in range(diep))
    pad.write_text(tekst + " " * diep + "v\n")
    return pad


def _under_a_file(pad: Path, _maak) -> Path:
    pad.parent.write_text("id: y\nbeschrijving: t\n")
    return pad


def _fifo(pad: Path, _maak) -> Path:
    os.mkfifo(pad)
    return pad


def _folder_with_bad_file(pad: Path, _maak) -> Path:
    pad.mkdir()
    (pad / "binnen.yaml").write_text(FOUT_INHOUD)
    return pad


def _folder_with_subfolder(pad: Path, _maak) -> Path:
    (pad / "sub.txt").mkdir(parents=True)
    (pad / "sub.txt" / "diep.yaml").write_text("id: x\nbeschrijving: [\n")
    (pad / "notities.docx").write_bytes(b"PK\x03\x04")
    return pad


def _link_to_bad_file(pad: Path, _maak) -> Path:
    (pad.parent / "echt.yaml").write_text(FOUT_INHOUD)
    pad.symlink_to("echt.yaml")
    return pad


RECEPTEN = {
    "herhaal": _repeated,
    "diepe_blokken": _deep_blocks,
    "ontbreekt": lambda pad, _: pad,
    "onder_een_bestand": _under_a_file,
    "fifo": _fifo,
    "map_met_slecht_bestand": _folder_with_bad_file,
    "map_met_submap": _folder_with_subfolder,
    "lege_map": lambda pad, _: (pad.mkdir(), pad)[1],
    "kapotte_link": lambda pad, _: (pad.symlink_to("weg.yaml"), pad)[1],
    "link_naar_slecht_bestand": _link_to_bad_file,
    "link_lus": lambda pad, _: (pad.symlink_to(pad.name), pad)[1],
}

CORPUS = [
    Slecht(**item)
    for item in yaml.safe_load((CORPUS_MAP / "casussen.yaml").read_text(encoding="utf-8"))[
        "slechte_casussen"
    ]
]
KAPOTTE_KENNISBANKEN = yaml.safe_load(
    (CORPUS_MAP / "kennisbanken.yaml").read_text(encoding="utf-8")
)["slechte_kennisbanken"]


def test_corpus_is_large_ids_unique_and_every_file_used():
    assert len(CORPUS) >= 300
    assert len({s.id for s in CORPUS}) == len(CORPUS)
    gebruikt = {s.bestand for s in CORPUS if s.bestand}
    assert gebruikt == {p.name for p in (CORPUS_MAP / "casussen").iterdir()}
    assert all(s.bestand or s.maak for s in CORPUS)


def matches_expectation(fout: str, naam: str, slecht: Slecht) -> bool:
    melding = split_message(fout, naam)
    if slecht.regelnummer == "iets" and melding.regelnummer is None:
        return False
    if isinstance(slecht.regelnummer, int) and melding.regelnummer != slecht.regelnummer:
        return False
    if slecht.sleutel is not None and melding.sleutel != slecht.sleutel:
        return False
    return slecht.bevat is None or re.search(slecht.bevat, melding.bericht) is not None


def _shown_name(slecht: Slecht, pad: Path) -> str:
    return slecht.genoemd or display_path(pad.name)


@pytest.mark.parametrize("slecht", CORPUS, ids=lambda s: s.id)
def test_bad_input_in_a_batch(slecht: Slecht, tmp_path, monkeypatch):
    # from the folder that holds the cases, with relative paths, as a user would
    monkeypatch.chdir(tmp_path)
    goed = good_file(Path("."))
    map_ = Path("slecht")
    map_.mkdir()
    pad = slecht.build(map_)
    resultaat = runner.invoke(
        app, ["analyseer", str(goed), str(pad), "--formaat", "json", "-k", str(MINI)]
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1, resultaat.stderr
    doc = json.loads(resultaat.stdout)
    goede = check_good_analysis(doc, goed)
    andere = [a for a in doc["analyses"] if a is not goede]
    assert len(andere) == 1, f"verwacht één analyse voor het slechte bestand, niet {andere}"
    fouten = andere[0]["fouten"]
    assert fouten, "het slechte bestand heeft geen fout"
    naam = _shown_name(slecht, pad)
    for fout in fouten:
        check_message(fout, naam)
    assert any(matches_expectation(f, naam, slecht) for f in fouten), (
        f"verwacht regelnummer={slecht.regelnummer!r} sleutel={slecht.sleutel!r} "
        f"bevat={slecht.bevat!r}; kreeg {fouten}"
    )
    assert naam in resultaat.stderr


def test_several_bad_files_in_one_batch_each_get_their_own_error(tmp_path):
    """Sixteen different bad files and two good ones in one call: every bad one has its own."""
    goed = good_file(tmp_path)
    tweede = tmp_path / "goed" / "tweede.txt"
    tweede.write_text("Hij huilt bij het afscheid en blijft in de pauze bij de juf.")
    map_ = tmp_path / "slecht"
    map_.mkdir()
    gekozen = [s for s in CORPUS if s.bestand and s.genoemd is None and not s.naam_bytes][::20]
    paden = [s.build(map_) for s in gekozen]
    resultaat = runner.invoke(
        app,
        [
            "analyseer",
            str(goed),
            *map(str, paden),
            str(tweede),
            "--formaat",
            "json",
            "-k",
            str(MINI),
        ],
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    doc = json.loads(resultaat.stdout)
    check_good_analysis(doc, goed)
    per_bestand = {a["casus"]["bestand"]: a for a in doc["analyses"]}
    assert per_bestand[display_path(tweede)]["fouten"] == []
    for slecht, pad in zip(gekozen, paden, strict=True):
        fouten = per_bestand[display_path(pad)]["fouten"]
        naam = display_path(pad.name)
        assert fouten and all(naam in f for f in fouten)
        assert any(matches_expectation(f, naam, slecht) for f in fouten), (slecht.id, fouten)
        assert naam in resultaat.stderr


def test_a_whole_folder_of_bad_files(tmp_path):
    """The corpus as one folder: one error per bad file, the good one analysed, exit 1."""
    map_ = tmp_path / "casussen"
    map_.mkdir()
    goed = map_ / "aaa_goed.yaml"
    goed.write_text(good_file(tmp_path).read_text())
    gekozen = [
        s
        for s in CORPUS
        if s.bestand
        and not s.naam_bytes
        and not s.id.startswith(("groot", "naam-"))
        and Path(s.name()).suffix.lower() in (".yaml", ".yml", ".md", ".txt")
        and not Path(s.name()).name.startswith(".")
    ]
    for index, slecht in enumerate(gekozen):
        sub = map_ / f"s{index:03d}"
        sub.mkdir()
        slecht.build(sub)
    resultaat = runner.invoke(app, ["analyseer", str(map_), "--formaat", "json", "-k", str(MINI)])
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    doc = json.loads(resultaat.stdout)
    check_good_analysis(doc, goed)
    assert len(doc["analyses"]) == len(gekozen) + 1
    assert all(a["fouten"] for a in doc["analyses"] if a["casus"]["bestand"] != display_path(goed))


# --- a broken knowledge base ------------------------------------------------------------


def _break(kb: Path, geval: dict) -> str:
    """Apply one change from `kennisbanken.yaml` to a copy of the mini knowledge base;
    return the name the error must mention."""
    if geval["actie"] == "weg":
        shutil.rmtree(kb)
        return kb.name
    doel = kb / geval["doel"]
    if geval["actie"] == "map":
        doel.mkdir()
        return doel.name
    inhoud = (CORPUS_MAP / "kennisbanken" / geval["bestand"]).read_bytes()
    if geval["actie"] == "toevoegen":
        inhoud = doel.read_bytes() + inhoud
    doel.write_bytes(inhoud)
    return doel.name


@pytest.mark.parametrize("geval", KAPOTTE_KENNISBANKEN, ids=lambda g: g["id"])
def test_broken_knowledge_base(geval, mini_copy, tmp_path):
    goed = good_file(tmp_path)
    naam = _break(mini_copy, geval)
    resultaat = runner.invoke(
        app, ["analyseer", str(goed), "--formaat", "json", "-k", str(mini_copy)]
    )
    no_traceback(resultaat)
    assert resultaat.exit_code == 1
    regels = [r.strip() for r in resultaat.stderr.splitlines() if naam in r]
    assert regels, f"stderr noemt {naam} niet: {resultaat.stderr}"
    meldingen = [split_message(r, naam) for r in regels]
    for melding in meldingen:
        check_message(f"{naam}: {melding.bericht}", naam)
    assert any(re.search(geval["bevat"], r) for r in regels), regels
    verwacht = geval.get("regelnummer")
    if verwacht == "iets":
        assert any(m.regelnummer is not None for m in meldingen), regels
    elif verwacht is not None:
        assert any(m.regelnummer == verwacht for m in meldingen), regels


def test_knowledge_base_cycle_names_the_rule(mini_copy, tmp_path):
    (geval,) = [g for g in KAPOTTE_KENNISBANKEN if g["id"] == "kringloop-via-niet"]
    _break(mini_copy, geval)
    resultaat = runner.invoke(app, ["analyseer", str(good_file(tmp_path)), "-k", str(mini_copy)])
    assert resultaat.exit_code == 1
    assert re.search(
        r"r\.yaml:\d+ \(sleutel 'regels\[\d\]\.als'\): kringloop via 'niet'", resultaat.stderr
    )


# --- load_casus directly ----------------------------------------------------------------

DIRECT = [
    "yaml-haak-open",
    "naam-spaties",
    "yaml-tab-inspringing",
    "bytes-latin1.txt",
    "bytes-nul.yaml",
    "leeg-lijst.yaml",
    "alias-bom",
    "md-niet-afgesloten",
]


@pytest.mark.parametrize("id_", DIRECT)
def test_load_casus_raises_casusfout_with_file_line_and_key(tmp_path, id_):
    (slecht,) = [s for s in CORPUS if s.id == id_]
    pad = slecht.build(tmp_path)
    with pytest.raises(CasusFout) as info:
        load_casus(pad)
    fout = info.value
    assert fout.bestand == display_path(pad)
    assert fout.fouten and all(isinstance(f, Invoerfout) for f in fout.fouten)
    eerste = fout.fouten[0]
    assert eerste.bestand == display_path(pad)
    naam = display_path(pad.name)
    assert matches_expectation(str(eerste), naam, slecht), str(eerste)
    assert naam in str(fout)


def test_the_template_the_type_errors_were_made_from_is_a_good_case():
    """Each wrong-type case is this template with one line changed: the template itself
    must be accepted, so every error comes from the one change."""
    pad = CORPUS_MAP / "sjabloon.yaml"
    resultaat = runner.invoke(app, ["analyseer", str(pad), "--formaat", "json", "-k", str(MINI)])
    assert resultaat.exit_code == 0, resultaat.stderr
    (analyse,) = json.loads(resultaat.stdout)["analyses"]
    assert analyse["fouten"] == []
