"""`--anoniem` leaves no name from the case in any report, and the team can find its way
back with a key it asks for (issue 17, item 3)."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console
from typer.testing import CliRunner

from loyaliteit.anoniem import (
    SLEUTEL_NAAM,
    Pseudoniemen,
    pseudonymise_analysis,
    pseudonymise_failure,
)
from loyaliteit.casus import Casus
from loyaliteit.cli import app
from loyaliteit.cli.batch import analyse_files
from loyaliteit.cli.verwerken import Verwerking
from loyaliteit.fouten import Invoerfout
from loyaliteit.rapport import Formaat
from loyaliteit.uitleg import Analyse
from loyaliteit.uitleg.uitkomst import CasusInfo

from .conftest import MINI

runner = CliRunner()

NOOR = """leerling: {naam: noor, leeftijd: 8}
titel: noor en juf Łukasz
betrokkenen: [juf Łukasz, Anneke, moeder Fatima]
beschrijving: |
  NOOR huilt elke ochtend bij het afscheid van Fatima. In de pauze blijft noortje bij
  de juf Łukasz. Moeder wil haar eigenlijk klein houden. Anneke's collega zegt dat
  Fatima-Zahra al jaren zo over haar kind praat. Fatimaatje huilt ook. Vroeger zorgde
  Noor voor haar moeder.
"""
NAMEN = ("noor", "łukasz", "anneke", "fatima", "zahra")


@pytest.fixture
def casussen(tmp_path):
    map_ = tmp_path / "casussen"
    map_.mkdir()
    (map_ / "noor.yaml").write_text(NOOR, encoding="utf-8")
    (map_ / "tweede.txt").write_text("Een gewone dag.")
    return map_


def _no_name(tekst: str, waar: str) -> None:
    for naam in NAMEN:
        assert naam not in tekst.casefold(), (waar, naam)


def test_no_name_in_any_report_or_overview(casussen, tmp_path):
    uit = tmp_path / "uit"
    for formaat in ("markdown", "html", "json"):
        resultaat = runner.invoke(
            app,
            [
                "analyseer",
                str(casussen),
                "-f",
                formaat,
                "--uit",
                str(uit),
                "--anoniem",
                "-k",
                str(MINI),
            ],
        )
        assert resultaat.exit_code == 0, resultaat.output
        _no_name(resultaat.stdout + resultaat.stderr, f"uitvoer {formaat}")
    assert sorted(p.name for p in uit.iterdir()) == sorted(
        f"{naam}.{ext}"
        for naam in ("casus-001", "casus-002", "overzicht")
        for ext in ("md", "html", "json")
    )
    for pad in uit.iterdir():
        _no_name(pad.read_text(encoding="utf-8"), pad.name)
    markdown = (uit / "casus-001.md").read_text()
    assert "Leerling huilt elke ochtend bij het afscheid van Persoon-C." in markdown
    html = (uit / "casus-001.html").read_text()
    assert "<title>Analyse: Leerling en juf Persoon-A</title>" in html


def test_the_json_keeps_its_offsets_under_pseudonyms(casussen):
    resultaat = runner.invoke(
        app, ["analyseer", str(casussen / "noor.yaml"), "-f", "json", "--anoniem", "-k", str(MINI)]
    )
    (analyse,) = json.loads(resultaat.stdout)["analyses"]
    _no_name(resultaat.stdout, "json")
    beschrijving = analyse["casus"]["beschrijving"]
    assert "Persoon-B's collega" in beschrijving  # the possessive stays
    assert "Persoon-C al jaren" in beschrijving  # the whole hyphenated name goes
    bewijs = [b for c in analyse["conclusies"] for b in c["bewijs"]]
    bewijs += [b for s in analyse["signalen"] for b in s["bewijs"]]
    assert bewijs
    for b in bewijs:
        assert beschrijving[b["begin"] : b["eind"]] == b["zin"]
        assert [beschrijving[p:q] for p, q in b["woord_posities"]] == b["woorden"]


def test_uitleg_with_a_lowercase_name(casussen):
    for args in ([], ["passieve_parentificatie"], ["actieve_parentificatie"]):
        resultaat = runner.invoke(
            app, ["uitleg", str(casussen / "noor.yaml"), *args, "--anoniem", "-k", str(MINI)]
        )
        assert resultaat.exit_code == 0, resultaat.output
        _no_name(resultaat.stdout, f"uitleg {args}")


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("noor, Noor, NOOR en nOoR", "Leerling, Leerling, Leerling en Leerling"),
        ("Noortje en Noors fiets", "Leerling en Leerling's fiets"),
        (
            "Anneke's collega, Anneke’s boek, Annekes jas",
            "Persoon-B's collega, Persoon-B's boek, Persoon-B's jas",
        ),
        ("Łukasz en ŁUKASZ", "Persoon-A en Persoon-A"),
        (
            "Fatima-Zahra, Fatimaatje, mama-Fatima, Zahra",
            "Persoon-C, Persoon-C, mama-Persoon-C, Zahra",
        ),
        ("Fa\u200btima en \u200bNoor\u200b", "Persoon-C en \u200bLeerling\u200b"),
        ("het noorden, de Noordzee en januari", "het noorden, de Noordzee en januari"),
    ],
)
def test_names_in_every_form(tekst, verwacht):
    casus = Casus(
        id="x",
        leerling={"naam": "noor"},
        betrokkenen=["juf Łukasz", "Anneke", "moeder Fatima"],
        beschrijving="x",
    )
    assert Pseudoniemen(casus).text(tekst) == verwacht


def test_a_hyphenated_name_is_one_person_and_a_tussenvoegsel_no_name():
    casus = Casus(
        id="x",
        leerling={"naam": "Lars van Dijk"},
        betrokkenen=["moeder Fatima-Zahra", "Nieuwe partner van moeder"],
        beschrijving="x",
    )
    namen = Pseudoniemen(casus)
    assert namen.text("Fatima-Zahra, Fatima en Zahra") == "Persoon-A, Persoon-A en Persoon-A"
    assert (
        namen.text("Lars van Dijk, de nieuwe partner") == "Leerling van Leerling, de nieuwe partner"
    )


def test_every_text_of_the_evidence_is_pseudonymised(mini_kb):
    from loyaliteit.analyse import analyse

    casus = Casus(id="x", leerling={"naam": "Noor"}, beschrijving="Noor huilt bij het afscheid.")
    resultaat = analyse(casus, mini_kb)
    data = resultaat.model_dump()
    for signaal in data["signalen"]:
        for bewijs in signaal["bewijs"]:
            bewijs["gewichten"] = [("Noor", 0.4), ("huilt", 0.2)]
            bewijs["lijkt_op"] = "Noor huilt elke ochtend."
    anoniem = pseudonymise_analysis(Analyse.model_validate(data), casus)
    _no_name(anoniem.model_dump_json(), "bewijs")


# --- the key from pseudonym to file --------------------------------------------------------


def _run(bestanden, kb, uit, **opties) -> tuple[Verwerking, str]:
    stderr = Console(file=io.StringIO(), width=200)
    verwerking = Verwerking(Formaat.markdown, Console(file=io.StringIO()), stderr, uit, **opties)
    for resultaat in analyse_files(bestanden, kb, MINI, anoniem=True):
        verwerking.handle(resultaat)
    verwerking.finish()
    return verwerking, stderr.file.getvalue()


def test_the_key_is_written_only_when_asked(casussen, mini_kb, tmp_path):
    bestanden = sorted(casussen.iterdir())
    _run(bestanden, mini_kb, tmp_path / "zonder", anoniem=True)
    assert not list((tmp_path / "zonder").glob("*sleutel*"))
    verwerking, stderr = _run(bestanden, mini_kb, tmp_path / "met", anoniem=True, sleutel=True)
    assert not verwerking.mislukt
    sleutel = tmp_path / "met" / f"{SLEUTEL_NAAM}.csv"
    assert "VERTROUWELIJK" in sleutel.name and "sleutel" in stderr and "vertrouwelijk" in stderr
    regels = sleutel.read_text().splitlines()
    assert regels[0].startswith("# VERTROUWELIJK")
    assert regels[1:] == [
        "pseudoniem,casus,bestand",
        f"casus-001,noor,{_shown(bestanden[0])}",
        f"casus-002,tweede,{_shown(bestanden[1])}",
    ]
    for pad in (tmp_path / "met").glob("*.md"):
        assert "noor.yaml" not in pad.read_text()  # the reports do not carry the key


def _shown(pad) -> str:
    from loyaliteit.fouten import display_path

    return display_path(pad)


def test_a_key_cell_is_no_spreadsheet_formula(tmp_path):
    from loyaliteit.anoniem import Sleutel

    sleutel = Sleutel()
    sleutel.add(pseudonymise_failure([], '=HYPERLINK("x").yaml', "casus-001"))
    assert "'=HYPERLINK" in sleutel.render()


def test_a_missing_path_under_anoniem_is_named_by_a_code(tmp_path):
    stderr = Console(file=io.StringIO(), width=200)
    verwerking = Verwerking(
        Formaat.markdown, Console(file=io.StringIO()), stderr, tmp_path / "uit", anoniem=True
    )
    fout = Invoerfout("fatima.yaml", "bestand of map bestaat niet")
    verwerking.handle(
        Analyse(casus=CasusInfo(id="fatima.yaml", bestand="fatima.yaml"), fouten=[str(fout)])
    )
    verwerking.finish()
    _no_name(stderr.file.getvalue(), "stderr")
    (rapport,) = (tmp_path / "uit").iterdir()
    assert rapport.name == "onleesbaar-001.md"
    _no_name(rapport.read_text(), rapport.name)
    assert verwerking.samenvattingen[0].casus == "onleesbaar-001"


def test_an_unreadable_file_names_its_code_not_its_file():
    fouten = [Invoerfout("klas/fatima.yaml", "ongeldige YAML", 3, "leerling")]
    analyse = pseudonymise_failure(fouten, "klas/fatima.yaml", "casus-004")
    assert analyse.casus.id == "casus-004" and analyse.casus.bestand is None
    assert analyse.fouten == ["casus-004:3 (sleutel 'leerling'): ongeldige YAML"]
    assert "fatima" not in analyse.model_dump_json()
