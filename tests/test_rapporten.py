"""Explanations a supervision session can project: certainty, how, why not, what if, formats."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from loyaliteit.analyse import analyse
from loyaliteit.casus import Casus, load_casus
from loyaliteit.cli import app
from loyaliteit.rapport.document import render_html, render_markdown
from loyaliteit.redeneren import Derivation, FeitRef, Firing
from loyaliteit.uitleg.zekerheid import Zekerheden, combine

from .conftest import MINI, REPO

runner = CliRunner()
CASES = REPO / "cases"


# --- certainty, by hand ---------------------------------------------------------------


def _firing(regel, feiten, **kw):
    return Firing(regel=regel, feiten=[FeitRef(soort=s, id=i) for s, i in feiten], **kw)


def test_een_van_takes_the_max_and_minstens_the_weakest_of_the_n_strongest():
    d = Derivation(
        signalen={"a": 0.9, "b": 0.4, "c": 0.7, "d": 0.6},
        firings=[
            _firing("r1", [("signaal", "a")], knoop="r1/e", optie=0, knoopsoort="een_van"),
            _firing("r1", [("signaal", "b")], knoop="r1/e", optie=1, knoopsoort="een_van"),
            _firing("r1", [("deel", "r1/e")], dan="x"),
            *[
                _firing(
                    "r2", [("signaal", s)], knoop="r2/m", optie=i, knoopsoort="minstens", aantal=2
                )
                for i, s in enumerate("bcd")
            ],
            _firing("r2", [("deel", "r2/m"), ("conclusie", "x")], dan="y"),
        ],
    )
    z = Zekerheden(d, {"r1": 0.5, "r2": 1.0})
    assert z.node("r1/e") == pytest.approx(0.9)  # max(0.9, 0.4)
    assert z.conclusion("x") == pytest.approx(0.45)  # 0.5 x 0.9
    assert z.node("r2/m") == pytest.approx(0.6)  # two strongest of .4 .7 .6 -> min(.7, .6)
    assert z.conclusion("y") == pytest.approx(0.45)  # 1.0 x min(0.6, 0.45)


def test_several_rules_combine_with_mycin_for_both_signs():
    d = Derivation(
        signalen={"a": 1.0},
        firings=[
            _firing("p1", [("signaal", "a")], dan="x"),
            _firing("p2", [("signaal", "a")], dan="x"),
            _firing("n1", [("signaal", "a")], dan="x"),
            _firing("n2", [("signaal", "a")], dan="x"),
        ],
    )
    z = Zekerheden(d, {"p1": 0.6, "p2": 0.5, "n1": -0.4, "n2": -0.5})
    positief = 0.6 + 0.5 * (1 - 0.6)  # 0.8
    negatief = -0.4 + -0.5 * (1 - 0.4)  # -0.7
    assert z.conclusion("x") == pytest.approx((positief + negatief) / (1 - 0.7))
    assert combine(1.0, -1.0) == 0.0


# --- how, why not, what if --------------------------------------------------------------


@pytest.fixture(scope="module")
def lars(kb):
    return analyse(load_casus(CASES / "lars.yaml"), kb)


def test_tree_comes_from_the_trace_down_to_sentences(lars):
    (passief,) = [c for c in lars.conclusies if c.id == "passieve_parentificatie"]
    assert {t.regel for t in passief.afleiding} == set(passief.regels)

    def sentences(premissen):
        for p in premissen:
            yield from (b.zin for b in p.bewijs)
            yield from sentences(p.onderdelen)
            for t in p.regels:
                yield from sentences(t.premissen)

    zinnen = {z for t in passief.afleiding for z in sentences(t.premissen)}
    assert zinnen == {b.zin for b in passief.bewijs}
    for toepassing in passief.afleiding:
        assert toepassing.uitleg and toepassing.bron


def test_why_not_is_ordered_by_closeness_and_asks_questions(lars):
    scores = [b.score for b in lars.bijna]
    assert scores == sorted(scores, reverse=True)
    for bijna in lars.bijna:
        assert bijna.aanwezig and bijna.ontbrekend and bijna.vragen
        assert bijna.id not in {c.id for c in lars.conclusies}


def test_what_if_names_the_signals_a_conclusion_hangs_on(mini_kb):
    resultaat = analyse(
        Casus(
            id="x",
            beschrijving="Hij huilt bij het afscheid en blijft in de pauze bij de juf. Moeder wil hem klein houden.",
        ),
        mini_kb,
    )
    (passief,) = [c for c in resultaat.conclusies if c.id == "passieve_parentificatie"]
    # minstens 2 of 3 with exactly 2 present: both are critical, and so is the mother's wish
    assert passief.hangt_af_van == [
        "huilt_bij_afscheid",
        "moeder_houdt_klein",
        "zoekt_leerkracht_op",
    ]


def test_safety_comes_first_in_every_format(kb):
    resultaat = analyse(load_casus(CASES / "veiligheid_blauwe_plekken.yaml"), kb)
    assert resultaat.conclusies[0].id == "onveilige_situatie"
    markdown = render_markdown(resultaat)
    assert markdown.index("## ⚠") < markdown.index("Meldcode") < markdown.index("Stap 5")
    html = render_html(resultaat)
    assert (
        html.index('class="veiligheid"') < html.index("<h2>Conclusies</h2>")
        if "<h2>Conclusies</h2>" in html
        else True
    )
    assert "Stap 1" in html and "Veilig Thuis" in html


# --- formats and files ------------------------------------------------------------------


def test_reports_are_written_once_per_case_and_never_overwritten(tmp_path):
    uit = tmp_path / "rapporten"
    args = ["analyseer", str(CASES / "lars.yaml"), str(CASES / "saskia.yaml"), "--uit", str(uit)]
    for formaat, extensie in (("markdown", "md"), ("html", "html"), ("json", "json")):
        resultaat = runner.invoke(app, [*args, "--formaat", formaat])
        assert resultaat.exit_code == 0, resultaat.stderr
        assert {p.name for p in uit.glob(f"*.{extensie}")} == {
            f"lars.{extensie}",
            f"saskia.{extensie}",
            f"overzicht.{extensie}",
        }
    (uit / "lars.md").write_text("mijn eigen aantekeningen")
    resultaat = runner.invoke(app, [*args, "--formaat", "markdown"])
    assert resultaat.exit_code == 1 and "bestaat al" in resultaat.stderr
    assert (uit / "lars.md").read_text() == "mijn eigen aantekeningen"
    assert "Saskia" in (uit / "saskia.md").read_text()
    resultaat = runner.invoke(app, [*args, "--formaat", "markdown", "--overschrijf"])
    assert resultaat.exit_code == 0 and "Passieve parentificatie" in (uit / "lars.md").read_text()
    assert not list(uit.glob(".*.tmp"))


def test_a_case_id_cannot_write_outside_the_folder(tmp_path):
    casus = tmp_path / "kwaad.yaml"
    casus.write_text("id: ../../buiten\nbeschrijving: Een gewone dag.\n")
    uit = tmp_path / "uit"
    resultaat = runner.invoke(app, ["analyseer", str(casus), "--uit", str(uit), "-f", "json"])
    assert resultaat.exit_code == 0
    assert [p.name for p in uit.iterdir()] == ["buiten.json"]
    assert not (tmp_path.parent / "buiten.json").exists()


def _run_cli(*args, seed):
    omgeving = {**os.environ, "PYTHONHASHSEED": str(seed)}
    return subprocess.run(
        [sys.executable, "-m", "loyaliteit", *args], capture_output=True, env=omgeving, check=False
    ).stdout


@pytest.mark.parametrize("formaat", ["json", "markdown", "html"])
def test_output_is_byte_identical_between_runs(formaat):
    args = ("analyseer", str(CASES / "timo.yaml"), "--formaat", formaat)
    eerste, tweede = _run_cli(*args, seed=1), _run_cli(*args, seed=2)
    assert eerste and hashlib.sha256(eerste).digest() == hashlib.sha256(tweede).digest()


def test_anonymous_reports_replace_names_everywhere(tmp_path):
    casus = tmp_path / "mila.yaml"
    casus.write_text(
        "id: mila\ntitel: Mila en juf Anja\nleerling: {naam: Mila, leeftijd: 8}\n"
        "betrokkenen: [moeder Ellen, juf Anja]\n"
        "beschrijving: |\n  Mila huilt elke ochtend bij het afscheid van Ellen. Juf Anja ziet dat\n"
        "  Mila in de pauze bij haar blijft.\n"
    )
    uit = tmp_path / "uit"
    for formaat in ("markdown", "html", "json"):
        resultaat = runner.invoke(
            app,
            [
                "analyseer",
                str(casus),
                "-f",
                formaat,
                "--uit",
                str(uit),
                "--anoniem",
                "-k",
                str(MINI),
            ],
        )
        assert resultaat.exit_code == 0
    for pad in uit.iterdir():
        tekst = pad.read_text()
        assert pad.name.startswith("casus-")
        for naam in ("Mila", "Ellen", "Anja", "mila.yaml"):
            assert naam not in tekst, (pad.name, naam)
        assert "juf Persoon-B" in tekst and "Persoon-A" in tekst
        if pad.suffix != ".html":  # in html the matched words are wrapped in <mark>
            assert "Leerling huilt elke ochtend bij het afscheid van Persoon-A." in tekst
    document = json.loads(next(uit.glob("*.json")).read_text())
    resultaat = document["analyses"][0]
    for conclusie in resultaat["conclusies"]:
        for bewijs in conclusie["bewijs"]:
            assert (
                resultaat["casus"]["beschrijving"][bewijs["begin"] : bewijs["eind"]]
                == bewijs["zin"]
            )


def test_markup_in_a_case_shows_as_text_in_html(mini_kb):
    resultaat = analyse(
        Casus(
            id="x",
            titel="<b>vet</b>",
            beschrijving="Hij huilt bij het afscheid <script>alert(1)</script> en blijft in de pauze "
            "bij de juf. Moeder wil hem klein houden.",
        ),
        mini_kb,
    )
    html = render_html(resultaat)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>vet</b>" not in html and "&lt;b&gt;vet&lt;/b&gt;" in html


def test_uitleg_shows_how_and_why_not():
    hoe = runner.invoke(
        app, ["uitleg", str(CASES / "lars.yaml"), "passieve_parentificatie"], env={"COLUMNS": "200"}
    )
    assert (
        hoe.exit_code == 0
        and "regel passieve_parentificatie" in hoe.stdout
        and "Hangt af van" in hoe.stdout
    )
    waarom = runner.invoke(
        app, ["uitleg", str(CASES / "lars.yaml"), "betere_ouder"], env={"COLUMNS": "200"}
    )
    assert (
        waarom.exit_code == 0 and "Waarom niet" in waarom.stdout and "Ontbreekt:" in waarom.stdout
    )
    onbekend = runner.invoke(app, ["uitleg", str(CASES / "lars.yaml"), "bestaat_niet"])
    assert onbekend.exit_code == 2


# --- a real browser -------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (.ci/run installs it; CI requires it)",
)
def test_html_report_in_a_headless_browser(tmp_path, kb):
    from playwright.sync_api import sync_playwright

    pad = tmp_path / "lars.html"
    pad.write_text(render_html(analyse(load_casus(CASES / "lars.yaml"), kb)), encoding="utf-8")
    artefacten = REPO / "tests" / "artefacten"
    artefacten.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        pagina = browser.new_page(viewport={"width": 1280, "height": 900})
        fouten = []
        pagina.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
        pagina.on("pageerror", lambda e: fouten.append(str(e)))
        pagina.goto(pad.as_uri())
        boom = pagina.locator("section#passieve_parentificatie details.premisse").first
        assert boom.evaluate("d => d.open") is False  # conclusions inside a tree start folded
        boom.locator("summary").first.click()
        assert boom.evaluate("d => d.open") is True
        pagina.click("#alles-open")
        assert pagina.locator("details:not([open])").count() == 0
        assert pagina.locator("blockquote", has_text="Lars").count() > 0
        pagina.screenshot(path=str(artefacten / "html-rapport.png"))
        browser.close()
    assert fouten == []


def test_observations_are_not_silently_ignored(mini_kb):
    casus = Casus(
        id="x",
        beschrijving="Een gewone dag.",
        observaties=[{"wie": "leerkracht", "tekst": "Hij huilt bij het afscheid."}],
    )
    resultaat = analyse(casus, mini_kb)
    assert resultaat.meldingen and "observatie" in resultaat.meldingen[0]
    assert "Let op:" in render_markdown(resultaat)


def test_counter_evidence_that_outweighs_a_rule_is_named_in_why_not(mini_copy):
    from loyaliteit.kennisbank import load_kennisbank

    pad = mini_copy / "regels" / "r.yaml"
    pad.write_text(pad.read_text().replace("zekerheid: -0.5", "zekerheid: -0.9"))
    kb = load_kennisbank(mini_copy)
    casus = Casus(
        id="x",
        beschrijving="Hij huilt bij het afscheid en blijft in de pauze bij de juf. Moeder wil hem klein houden.",
        betrokkenen=["mentor"],
    )
    resultaat = analyse(casus, kb)
    assert "passieve_parentificatie" not in {c.id for c in resultaat.conclusies}
    (bijna,) = [b for b in resultaat.bijna if b.id == "passieve_parentificatie"]
    assert bijna.regel == "passief" and bijna.tegenbewijs == ["samenwerking_tempert"]
    assert "opgeheven door tegenbewijs" in render_markdown(resultaat)
