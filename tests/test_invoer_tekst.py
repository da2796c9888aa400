"""What a case file or knowledge base may carry into the program's texts (issue 17,
items 1 (input half), 10, 11 and 13).

Control characters and bidirectional overrides in free text become U+FFFD one for one;
in an id they are refused; a description of invisible characters is empty. Messages show
what the user typed, never a Python repr, and the command line's own texts are Dutch.
The inputs are data in `tests/slechte_invoer/recepten.yaml` (lists `opgeschoonde_casussen`
and `tegen_de_kennisbank`) and in the corpus of `casussen.yaml`.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from loyaliteit.basis import clean_text, is_blank
from loyaliteit.casus import CasusFout, build_casus, load_casus
from loyaliteit.casus.model import unknown_references
from loyaliteit.cli import app
from loyaliteit.cli.taal import translate_error
from loyaliteit.fouten import display_path, printable, shown, visible
from loyaliteit.kennisbank import KennisbankFout, load_kennisbank
from loyaliteit.yamlbestand.document import YamlProbleem
from loyaliteit.yamlbestand.ontleden import parse_yaml

from .conftest import MINI
from .invoerhulp import is_dutch, no_traceback

CORPUS_MAP = Path(__file__).parent / "slechte_invoer"
RECEPTEN = yaml.safe_load((CORPUS_MAP / "recepten.yaml").read_text(encoding="utf-8"))
runner = CliRunner()
pytestmark = pytest.mark.usefixtures("memory_cap")

# what must never reach an output: C0 (but newline and tab), DEL, C1, bidi overrides/isolates
VERBODEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# ---------------------------------------------------------------------------------------
# Free text: every control character becomes U+FFFD, one for one (item 1, input half)
# ---------------------------------------------------------------------------------------


def _expected_description(naam: str, inhoud: str) -> str:
    """The description as the user wrote it, with every forbidden character replaced."""
    inhoud = inhoud.replace("\r\n", "\n").replace("\r", "\n")
    if naam.endswith(".yaml"):
        ruw = yaml.safe_load(inhoud)["beschrijving"]
    elif naam.endswith(".md"):
        ruw = inhoud.split("\n---\n", 1)[1].strip()
    else:
        ruw = inhoud.strip()
    return VERBODEN.sub("\ufffd", ruw)


OPGESCHOOND = RECEPTEN["opgeschoonde_casussen"]


@pytest.mark.parametrize("geval", OPGESCHOOND, ids=lambda g: g["id"])
def test_control_characters_in_free_text_become_replacement_characters(geval, tmp_path):
    pad = tmp_path / geval["naam"]
    pad.write_text(geval["inhoud"], encoding="utf-8", newline="")
    casus = load_casus(pad)
    verwacht = _expected_description(geval["naam"], geval["inhoud"])
    assert casus.beschrijving == verwacht
    for tekst in (casus.id, casus.titel or "", casus.leerling.naam or "", *casus.betrokkenen):
        assert not VERBODEN.search(tekst), repr(tekst)
    assert not VERBODEN.search(casus.bestand or "")


@pytest.mark.parametrize("geval", OPGESCHOOND, ids=lambda g: g["id"])
@pytest.mark.parametrize("formaat", ["json", "markdown", "terminal"])
def test_no_control_character_from_a_case_reaches_any_output(geval, formaat, tmp_path):
    pad = tmp_path / geval["naam"]
    pad.write_text(geval["inhoud"], encoding="utf-8", newline="")
    resultaat = runner.invoke(app, ["analyseer", str(pad), "--formaat", formaat, "-k", str(MINI)])
    no_traceback(resultaat)
    assert resultaat.exit_code == 0, resultaat.stderr
    for uitvoer in (resultaat.stdout, resultaat.stderr):
        assert not VERBODEN.search(uitvoer), repr(VERBODEN.findall(uitvoer))
    if formaat == "json":
        (analyse,) = json.loads(resultaat.stdout)["analyses"]
        beschrijving = analyse["casus"]["beschrijving"]
        assert beschrijving == _expected_description(geval["naam"], geval["inhoud"])
        for conclusie in analyse["conclusies"]:
            for bewijs in conclusie["bewijs"]:
                assert beschrijving[bewijs["begin"] : bewijs["eind"]] == bewijs["zin"]


def test_replacement_keeps_offsets_and_newlines():
    tekst = "a\x1bb\tc\nd\u202ee\x85f\x7f"
    schoon = clean_text(tekst)
    assert len(schoon) == len(tekst)
    assert schoon == "a\ufffdb\tc\nd\ufffde\ufffdf\ufffd"


def test_a_description_of_invisible_characters_is_empty():
    for leeg in ("\u200b\u200b", " \u200f\u200e ", "\ufeff", "\u2060\u00a0", "\u3164"):
        assert is_blank(leeg), repr(leeg)
    assert not is_blank("a\u200b")


def test_file_names_with_control_characters_are_shown_safely():
    naam = printable("naam\x1b[2J\u202eiets\x9b\n.yaml")
    assert not VERBODEN.search(naam)
    assert naam == "naam?[2J?iets??.yaml"
    assert not VERBODEN.search(display_path(Path("a\x07b.yaml")))


def test_an_id_from_a_file_name_leaves_invisible_characters_out(tmp_path):
    pad = tmp_path / "\u200flars\u200b.txt"
    pad.write_text("Hij huilt bij het afscheid.")
    assert load_casus(pad).id == "lars"


# ---------------------------------------------------------------------------------------
# Ids are refused, free text is cleaned, also when built from data (intervisie, tests)
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "casus_id", ["\u200f", "a\nb", "x\x1b[2J", "lars\u202egpj", "\u200b", " ", "a\tb"]
)
def test_build_casus_refuses_an_invisible_or_control_id(casus_id):
    with pytest.raises(CasusFout) as info:
        build_casus({"id": casus_id, "beschrijving": "Hij huilt."}, "x.yaml")
    (fout,) = info.value.fouten
    assert fout.sleutel == "id" and is_dutch(fout.bericht), fout
    assert not VERBODEN.search(str(fout))


def test_build_casus_cleans_free_text():
    casus = build_casus(
        {
            "id": "x",
            "beschrijving": "Hij\x1b[2J huilt.",
            "observaties": [{"wie": "a\x07", "tekst": "b\x9b"}],
        },
        "x.yaml",
    )
    assert casus.beschrijving == "Hij\ufffd[2J huilt."
    assert casus.observaties[0].wie == "a\ufffd" and casus.observaties[0].tekst == "b\ufffd"


# ---------------------------------------------------------------------------------------
# Accepted without a word until now (item 10)
# ---------------------------------------------------------------------------------------


def test_a_misspelt_key_names_its_line_and_the_word_typed(tmp_path):
    pad = tmp_path / "tikfout.yaml"
    pad.write_text("id: x\nleerling: {leeftijd: 7}\nbeschrijvng: Hij huilt.\n")
    with pytest.raises(CasusFout) as info:
        load_casus(pad)
    assert [str(f) for f in info.value.fouten] == [
        f"{display_path(pad)}:3 (sleutel 'beschrijvng'): onbekende sleutel "
        "(bedoel je 'beschrijving'?)"
    ]


def test_a_missing_description_and_another_error_are_reported_together(tmp_path):
    pad = tmp_path / "twee.yaml"
    pad.write_text("id: x\nleerling: {leeftijd: zeven}\n")
    with pytest.raises(CasusFout) as info:
        load_casus(pad)
    sleutels = [f.sleutel for f in info.value.fouten]
    assert sleutels == ["leerling.leeftijd", "beschrijving"]


@pytest.mark.parametrize(
    ("tekst", "sleutel", "regelnummer"),
    [
        ("id: a\nid: b\nbeschrijving: t\n", "id", 2),
        ("leerling: {naam: A, naam: B}\nbeschrijving: t\n", "leerling.naam", 1),
        (
            "signalen:\n  bevestigd: []\n  bevestigd: [x]\nbeschrijving: t\n",
            "signalen.bevestigd",
            3,
        ),
    ],
)
def test_duplicate_keys_are_refused(tekst, sleutel, regelnummer):
    with pytest.raises(YamlProbleem) as info:
        parse_yaml(tekst)
    assert info.value.sleutel == sleutel and info.value.regelnummer == regelnummer
    assert "twee keer" in info.value.bericht


def test_a_merge_key_is_not_a_duplicate():
    doc = parse_yaml("a: &a {x: 1}\nb:\n  <<: *a\n  x: 2\n")
    assert doc.data["b"] == {"x": 2}


@pytest.mark.parametrize(
    ("waarde", "hint"),
    [
        ("010", "schrijf 10 of '010'"),
        ("-010", "schrijf -10 of '-010'"),
        ("0x0A", "schrijf 10 of '0x0A'"),
        ("0b11", "schrijf 3 of '0b11'"),
        ("1_000", "schrijf 1000 of '1_000'"),
        ("1:30", "schrijf 90 of '1:30'"),
        ("1_0.5", "schrijf 10.5 of '1_0.5'"),
        ("!!int 010", "schrijf 10 of '010'"),
    ],
)
def test_yaml_1_1_numbers_are_refused_with_a_hint(waarde, hint):
    with pytest.raises(YamlProbleem) as info:
        parse_yaml(f"id: x\nleeftijd: {waarde}\n")
    assert hint in info.value.bericht
    assert info.value.regelnummer == 2 and info.value.sleutel == "leeftijd"


@pytest.mark.parametrize(
    "waarde", ["0", "10", "-3", "+4", "0.5", "1e3", ".5", "'010'", "08", "2024"]
)
def test_plain_numbers_and_quoted_text_are_read_as_before(waarde):
    assert parse_yaml(f"a: {waarde}\n").data["a"] == yaml.safe_load(f"a: {waarde}\n")["a"]


def test_the_same_signal_confirmed_and_rejected_is_refused():
    with pytest.raises(CasusFout) as info:
        build_casus(
            {
                "beschrijving": "t",
                "id": "x",
                "signalen": {"bevestigd": ["a", "b"], "verworpen": ["b"]},
            },
            "x.yaml",
        )
    (fout,) = info.value.fouten
    assert fout.sleutel == "signalen.verworpen"
    assert fout.bericht == "'b' staat zowel bij bevestigd als bij verworpen; kies één van de twee"


TEGEN = RECEPTEN["tegen_de_kennisbank"]


@pytest.mark.parametrize("geval", TEGEN, ids=lambda g: g["id"])
def test_unknown_references_name_line_key_and_nearest_id(geval, tmp_path, mini_kb):
    pad = tmp_path / "casus.yaml"
    pad.write_text(geval["inhoud"])
    casus = load_casus(pad)
    fouten = unknown_references(casus, set(mini_kb.signalen), set(mini_kb.conclusies))
    (fout,) = fouten
    assert fout.bestand == display_path(pad)
    assert fout.regelnummer == geval["regelnummer"] and fout.sleutel == geval["sleutel"]
    assert re.search(geval["bevat"], fout.bericht), fout.bericht


def test_groep_brugklas_points_to_klas():
    with pytest.raises(CasusFout) as info:
        build_casus({"id": "x", "beschrijving": "t", "leerling": {"groep": "brugklas"}}, "x.yaml")
    assert "klas: brugklas" in str(info.value)
    casus = build_casus(
        {"id": "x", "beschrijving": "t", "leerling": {"klas": "brugklas"}}, "x.yaml"
    )
    assert casus.leerling.klas == "brugklas"


# ---------------------------------------------------------------------------------------
# Messages (item 11): what the user typed, never a Python repr
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarde", "spelling", "verwacht"),
    [
        (None, "~", "leeg"),
        (None, None, "leeg"),
        (
            datetime.datetime(2001, 12, 14, 21, 59),
            "2001-12-14t21:59:43.10-05:00",
            "'2001-12-14t21:59:43.10-05:00'",
        ),
        (datetime.date(2024, 1, 1), None, "'2024-01-01'"),
        ([("naam", "A")], None, "een lijst"),
        ({"a": 1}, None, "een sleutel-waardelijst"),
        (True, "yes", "'yes'"),
        (False, None, "nee (false)"),
        ("a\x1b[2J", None, "'a\\x1b[2J'"),
        ("\u202e", None, "'\\u202e'"),
        (b"\x00", None, "binaire gegevens"),
    ],
)
def test_shown_values_are_what_the_user_wrote(waarde, spelling, verwacht):
    assert shown(waarde, spelling) == verwacht


def test_visible_codes_invisible_characters():
    assert visible("a\u200fb\x00") == "a\\u200fb\\x00"


def test_no_repr_in_any_message_of_the_corpus(tmp_path):
    """Every bad case in the corpus: no `None`, `datetime.`, `(` + `'` tuple repr, `b'`."""
    from .test_slechte_invoer import CORPUS

    repr_sporen = re.compile(r"\bNone\b|datetime\.|\[\('|\bb'|\bTrue\b|\bFalse\b")
    gecontroleerd = 0
    for slecht in CORPUS:
        if slecht.bestand is None or slecht.naam_bytes:
            continue
        inhoud = (CORPUS_MAP / "casussen" / slecht.bestand).read_bytes()
        pad = tmp_path / slecht.name()
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_bytes(inhoud)
        try:
            load_casus(pad)
        except CasusFout as fout:
            for melding in fout.fouten:
                assert not repr_sporen.search(melding.bericht), melding
                assert not VERBODEN.search(str(melding)), melding
            gecontroleerd += 1
        finally:
            pad.unlink()
    assert gecontroleerd > 250


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("id: x\nbeschrijving: " + "[" * 5000 + "\n", "te diep genest"),
        ('id: x\nbeschrijving: "\\uZZZZ"\n', "\\u-"),
        ("id: x\nbeschrijving: !!python/name:os.system\n", "'!!python/name:os.system'"),
        ("id: x\nbeschrijving: [!!python/name:os.system]\n", "YAML-tag"),
    ],
)
def test_yaml_messages_say_what_is_wrong(tekst, verwacht):
    with pytest.raises(YamlProbleem) as info:
        parse_yaml(tekst)
    assert verwacht in info.value.bericht
    assert "controleer inspringing" not in info.value.bericht
    assert info.value.regelnummer == 2


@pytest.mark.parametrize(
    ("tekst", "regelnummer"),
    [
        ("id: x\nbeschrijving Hij huilt\nleerling: {}\n", 2),
        ('id: x\nbeschrijving: "Hij huilt\nleerling: {}\n', 2),
        ("id: x\nbeschrijving: [a, b\n\n\n", 2),
    ],
)
def test_yaml_error_lines_are_where_the_mistake_is(tekst, regelnummer):
    with pytest.raises(YamlProbleem) as info:
        parse_yaml(tekst)
    assert info.value.regelnummer == regelnummer, info.value.bericht


# ---------------------------------------------------------------------------------------
# The command line's own errors are Dutch (item 11)
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opties", "verwacht"),
    [
        (["--formaat", "pdf"], "'pdf' kan niet; kies uit"),
        (["--processen", "0"], "moet minstens 1 zijn"),
        (["--processen", "abc"], "moet een geheel getal zijn"),
        (["--processen", "1.5"], "moet een geheel getal zijn"),
    ],
)
def test_command_line_value_errors_are_dutch(opties, verwacht, tmp_path):
    pad = tmp_path / "a.txt"
    pad.write_text("Hij huilt.")
    resultaat = runner.invoke(app, ["analyseer", str(pad), *opties, "-k", str(MINI)])
    assert resultaat.exit_code == 2
    kader = " ".join(r.strip(" │") for r in resultaat.stderr.splitlines() if r.startswith("│"))
    assert verwacht in kader, kader
    assert "Value error" not in kader and "Input should" not in kader
    assert is_dutch(kader.split(": ", 1)[-1]), kader


@pytest.mark.parametrize(
    ("engels", "nederlands"),
    [
        ("Input should be greater than or equal to 1", "moet minstens 1 zijn"),
        ("Input should be less than or equal to 8", "mag hoogstens 8 zijn"),
        ("Input should be 'a', 'b' or 'c'", "kies uit 'a', 'b' of 'c'"),
        (
            "Value error, 'pdf' is not one of 'json', 'html'.",
            "'pdf' kan niet; kies uit 'json', 'html'.",
        ),
        ("Input should be a valid boolean, unable to interpret input", "moet ja of nee zijn"),
    ],
)
def test_translate_error(engels, nederlands):
    assert translate_error(engels) == nederlands


# ---------------------------------------------------------------------------------------
# The knowledge base: hints and no control characters (items 1, 10, 13)
# ---------------------------------------------------------------------------------------


def test_unknown_signal_in_examples_file_gets_a_hint(mini_copy):
    (mini_copy / "signalen" / "kind.voorbeelden.yaml").write_text(
        "voorbeelden:\n  huilt_bij_afscheidd:\n    wel: [Hij huilt.]\n"
    )
    with pytest.raises(KennisbankFout) as info:
        load_kennisbank(mini_copy)
    assert any("(bedoel je 'huilt_bij_afscheid'?)" in f.bericht for f in info.value.fouten)


def test_knowledge_base_text_with_an_escaped_control_character_is_refused(mini_copy):
    pad = mini_copy / "signalen" / "kind.yaml"
    pad.write_text(
        pad.read_text()
        .replace("Huilt bij het afscheid", "Huilt \\e[2J", 1)
        .replace("label: Huilt \\e[2J", 'label: "Huilt \\e[2J"', 1)
    )
    with pytest.raises(KennisbankFout) as info:
        load_kennisbank(mini_copy)
    assert any(
        f.bestand.endswith("kind.yaml")
        and f.sleutel == "signalen[0].label"
        and "U+001B" in f.bericht
        for f in info.value.fouten
    ), info.value.fouten


def test_knowledge_base_duplicate_key_is_refused(mini_copy):
    pad = mini_copy / "bronnen.yaml"
    pad.write_text(pad.read_text() + "bronnen: []\n")
    with pytest.raises(KennisbankFout) as info:
        load_kennisbank(mini_copy)
    assert any("twee keer" in f.bericht and f.sleutel == "bronnen" for f in info.value.fouten)
