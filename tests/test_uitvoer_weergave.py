"""Reports a person can read (issue 17, items 15, 16 and 19).

Decimal commas in every human format (the JSON keeps its points); labels, not ids, under
"Hangt af van"; only content words highlighted; a shared sub-derivation and a sentence shown
once and referred to after; the closest near misses with their questions (each once) and
the rest counted; an overview without empty cells, with protective factors apart, and
reports that link back to it.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from loyaliteit.analyse import analyse
from loyaliteit.casus import load_casus
from loyaliteit.cli import app
from loyaliteit.rapport.batchoverzicht import CasusSamenvatting, Samengevat, render_overview
from loyaliteit.rapport.document import render_html, render_markdown
from loyaliteit.rapport.json import render_json
from loyaliteit.rapport.terminal import render_terminal
from loyaliteit.rapport.weergave import FUNCTIEWOORDEN, marked_segments
from loyaliteit.uitleg.uitkomst import Bewijs

from .conftest import MINI, REPO

runner = CliRunner()
CASES = REPO / "cases"
ZEKERHEID_MET_PUNT = re.compile(r"\([+-]?\d\.\d\d\)")


def _terminal(resultaat) -> str:
    console = Console(file=io.StringIO(), width=250, color_system=None)
    render_terminal(resultaat, console)
    return console.file.getvalue()


@pytest.fixture(scope="module")
def lars(kb):
    return analyse(load_casus(CASES / "lars.yaml"), kb)


@pytest.fixture(scope="module")
def saskia(kb):
    return analyse(load_casus(CASES / "saskia.yaml"), kb)


# --- item 15: the Dutch decimal comma, labels under "Hangt af van" -------------------------


def test_certainties_have_a_decimal_comma_except_in_json(lars):
    for naam, tekst in (
        ("terminal", _terminal(lars)),
        ("markdown", render_markdown(lars)),
        ("html", render_html(lars)),
    ):
        assert not ZEKERHEID_MET_PUNT.search(tekst), (naam, ZEKERHEID_MET_PUNT.findall(tekst)[:3])
        assert re.search(r"(sterk|matig|zwak) \(\d,\d\d\)", tekst), naam
        assert re.search(r"regel \+\d,\d\d, bijdrage \+\d,\d\d", tekst), naam
    document = json.loads(render_json([lars]))
    assert isinstance(document["analyses"][0]["conclusies"][0]["zekerheid"], float)
    assert re.search(r'"zekerheid": \d\.\d+', render_json([lars]))


def test_overview_decimals_have_a_comma():
    regels = [CasusSamenvatting("a", None, [Samengevat("x", "Iets", 0.734, "classificatie")], [])]
    for formaat in ("markdown", "html"):
        tekst = render_overview(regels * 2, formaat)
        assert "Iets (0,73)" in tekst and "0.73" not in tekst


def test_uitleg_names_the_signals_a_conclusion_hangs_on(tmp_path):
    pad = tmp_path / "a.yaml"
    pad.write_text(
        "beschrijving: Hij huilt bij het afscheid en blijft in de pauze bij de juf. "
        "Moeder wil hem klein houden.\n"
    )
    resultaat = runner.invoke(
        app,
        ["uitleg", str(pad), "passieve_parentificatie", "-k", str(MINI)],
        env={"COLUMNS": "250"},
    )
    (regel,) = [r for r in resultaat.stdout.splitlines() if "Hangt af van" in r]
    assert "Huilt bij het afscheid" in regel and "Moeder houdt het kind klein" in regel
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", regel), regel  # no raw ids
    assert "(0,58)" in resultaat.stdout or re.search(r"\(\d,\d\d\)", resultaat.stdout)


# --- item 16: highlighting, the overview, links back ------------------------------------------


def test_only_content_words_are_highlighted():
    zin = "Even later staat moeder met tranen in de ogen bij mijn deur."
    woorden = ["tranen", "in", "de", "ogen", "bij"]
    posities = []
    for woord in woorden:
        begin = zin.index(f" {woord} ") + 1
        posities.append((100 + begin, 100 + begin + len(woord)))
    bewijs = Bewijs(
        signaal="s",
        zin=zin,
        begin=100,
        eind=100 + len(zin),
        status="aanwezig",
        woord_posities=posities,
    )
    gemarkeerd = [tekst for tekst, is_gemarkeerd in marked_segments(bewijs) if is_gemarkeerd]
    assert gemarkeerd == ["tranen", "ogen"]
    naast_elkaar = bewijs.model_copy(
        update={
            "woord_posities": [
                (100 + zin.index("tranen"), 100 + zin.index(" in de")),
                *posities[3:4],
            ]
        }
    )
    assert "".join(t for t, _ in marked_segments(naast_elkaar)) == zin


def test_no_function_word_is_marked_in_a_real_report(lars):
    """Lars: "met tranen in de ogen" carries a signal; "in" and "de" are not marked."""
    markeringen = re.findall(r"<mark>(.*?)</mark>", render_html(lars))
    assert markeringen
    lidwoorden_en_voorzetsels = {"de", "het", "een", "in", "bij", "naar", "van", "met", "op"}
    for markering in markeringen:
        woorden = set(markering.lower().split())
        assert not lidwoorden_en_voorzetsels & woorden, markering
        assert not FUNCTIEWOORDEN & woorden, markering


def test_overview_has_no_empty_cells_and_marks_protective_factors():
    regels = [
        CasusSamenvatting(
            "met",
            None,
            [
                Samengevat("p", "Passieve parentificatie", 0.6, "classificatie"),
                Samengevat("g", "Goede samenwerking", 0.5, "beschermend"),
            ],
            [],
        ),
        CasusSamenvatting("leeg", None, [], []),
        CasusSamenvatting(
            "alleen_goed", None, [Samengevat("g", "Goede samenwerking", 0.4, "beschermend")], []
        ),
    ]
    markdown = render_overview(regels, "markdown")
    assert "| met | Passieve parentificatie (0,60) | Goede samenwerking (0,50) |" in markdown
    assert "| leeg | geen conclusie afgeleid | — |" in markdown
    assert "| alleen_goed | geen zorg afgeleid | Goede samenwerking (0,40) |" in markdown
    assert "| Goede samenwerking | beschermend | 2 |" in markdown
    html = render_overview(regels, "html")
    assert not re.search(r"<td[^>]*>\s*</td>", html)
    assert "geen conclusie afgeleid" in html
    assert re.search(r'<td class="beschermend">Goede samenwerking \(0,50\)', html)
    assert '<tr class="beschermend"><td>Goede samenwerking</td><td>beschermend</td>' in html


def _cases(map_: Path) -> Path:
    map_.mkdir()
    (map_ / "a.yaml").write_text(
        "beschrijving: Hij huilt bij het afscheid en blijft in de pauze bij de juf. "
        "Moeder wil hem klein houden.\n"
    )
    (map_ / "overzicht.txt").write_text("Een gewone dag.")  # a case named like the overview
    return map_


@pytest.mark.parametrize(
    ("formaat", "link"), [("html", 'href="overzicht.html"'), ("markdown", "(<overzicht.md>)")]
)
def test_reports_link_back_to_the_overview(tmp_path, formaat, link):
    uit = tmp_path / "uit"
    resultaat = runner.invoke(
        app,
        [
            "analyseer",
            str(_cases(tmp_path / "c")),
            "-f",
            formaat,
            "--uit",
            str(uit),
            "-k",
            str(MINI),
        ],
    )
    assert resultaat.exit_code == 0, resultaat.output
    ext = "html" if formaat == "html" else "md"
    assert sorted(p.name for p in uit.iterdir()) == [
        f"a.{ext}",
        f"overzicht-2.{ext}",
        f"overzicht.{ext}",
    ]
    assert (uit / f"overzicht.{ext}").read_text().count("Overzicht van 2 casussen") >= 1
    for naam in (f"a.{ext}", f"overzicht-2.{ext}"):
        assert link in (uit / naam).read_text(), naam
    overzicht = (uit / f"overzicht.{ext}").read_text()
    assert "geen conclusie afgeleid" in overzicht  # the case without a conclusion


def test_a_single_report_has_no_link_to_an_overview_that_does_not_exist(tmp_path):
    pad = _cases(tmp_path / "c") / "a.yaml"
    uit = tmp_path / "uit"
    runner.invoke(app, ["analyseer", str(pad), "-f", "html", "--uit", str(uit), "-k", str(MINI)])
    assert [p.name for p in uit.iterdir()] == ["a.html"]
    assert "overzicht" not in (uit / "a.html").read_text()


# --- item 19: what matters first ---------------------------------------------------------------


def _repeated_sub_derivations(resultaat) -> dict[str, list[str]]:
    """Derived conclusions that stand more than once in the trees, with their rules."""
    tellingen: dict[str, int] = {}
    regels: dict[str, list[str]] = {}

    def walk(premissen):
        for p in premissen:
            if p.soort == "conclusie" and p.regels:
                tellingen[p.id] = tellingen.get(p.id, 0) + 1
                regels[p.id] = [t.regel for t in p.regels]
            walk(p.onderdelen)
            for t in p.regels:
                walk(t.premissen)

    for c in resultaat.conclusies:
        for t in c.afleiding:
            walk(t.premissen)
    return {i: regels[i] for i, n in tellingen.items() if n > 1}


def test_a_shared_sub_derivation_is_shown_once(saskia):
    gedeeld = _repeated_sub_derivations(saskia)
    assert gedeeld, "Saskia's trees share a sub-derivation"
    markdown, html, terminal = render_markdown(saskia), render_html(saskia), _terminal(saskia)
    for regels in gedeeld.values():
        for regel in regels:
            assert markdown.count(f"regel `{regel}`") == 1, regel
            assert html.count(f"<code>{regel}</code>") == 1, regel
            assert terminal.count(f"regel {regel} ") == 1, regel
    assert "afgeleid hierboven" in markdown and "afgeleid hierboven" in terminal
    for anker in re.findall(r'href="#(afleiding-[\w-]+)"', html):
        assert f'id="{anker}"' in html


def test_a_sentence_is_quoted_in_full_once(saskia):
    zinnen = {" ".join(b.zin.split()) for c in saskia.conclusies for b in c.bewijs if b.zin}
    opzij = [
        " ".join(s.bewijs[0].zin.split()) for s in saskia.signalen if not s.gebruikt and s.bewijs
    ]
    markdown = render_markdown(saskia)
    assert any(markdown.count(f"“{zin}”") for zin in zinnen)
    for zin in zinnen:
        # in full: not a reference back, and not the look-alike from the knowledge base
        patroon = r"(?<!lijkt op: )" + re.escape(f"“{zin}”") + r"(?! \(zie hierboven\))"
        volledig = len(re.findall(patroon, markdown))
        assert volledig <= 1 + opzij.count(zin), zin
    assert "(zie hierboven)" in markdown


def test_near_misses_closest_first_each_question_once_the_rest_counted(lars):
    assert len(lars.bijna) > 3
    gerangschikt = sorted(lars.bijna, key=lambda b: -b.score)
    getoond, rest = gerangschikt[:3], gerangschikt[3:]
    markdown = render_markdown(lars)
    deel = markdown[markdown.index("## Bijna") :]
    deel = deel[: deel.index("\n## ")] if "\n## " in deel else deel
    rijen = [r for r in deel.splitlines() if r.startswith("| ") and not r.startswith("| conclusie")]
    assert [r.split(" | ")[0][2:] for r in rijen] == [b.label for b in getoond]
    for b in rest:
        assert b.label not in "\n".join(rijen)
        assert f"{b.label} ({round(b.score * 100)}%)" in deel
    assert f"Nog {len(rest)} conclusie" in deel
    vragen = [v for b in lars.bijna for v in b.vragen]
    for vraag in set(vragen):
        assert markdown.count(vraag) <= 1, vraag
    for b in rest:  # the questions of a reading nothing points to are not asked
        for vraag in set(b.vragen) - {v for g in getoond for v in g.vragen}:
            assert vraag not in markdown
    html = render_html(lars)
    verborgen = html[html.index('<details class="bijna-rest">') :]
    assert all(b.label in verborgen for b in rest)
    assert f"Nog {len(rest)} conclusie" in _terminal(lars)


# --- a real browser -------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (.ci/run installs it; CI requires it)",
)
def test_references_and_the_way_back_in_a_headless_browser(tmp_path, saskia):
    from playwright.sync_api import sync_playwright

    pad = tmp_path / "saskia.html"
    pad.write_text(render_html(saskia, overzicht="overzicht.html"), encoding="utf-8")
    regels = [CasusSamenvatting.of(saskia), CasusSamenvatting("leeg", None, [], [])]
    regels[0].rapport = "saskia.html"
    (tmp_path / "overzicht.html").write_text(render_overview(regels, "html"), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
            ],
        )
        pagina = browser.new_page(viewport={"width": 1280, "height": 900})
        fouten = []
        pagina.on("pageerror", lambda e: fouten.append(str(e)))
        pagina.goto(pad.as_uri())
        pagina.click("#alles-dicht")
        verwijzing = pagina.locator("a", has_text="afgeleid hierboven").first
        doel = verwijzing.get_attribute("href")[1:]
        # the reader unfolds the tree down to the reference; what it points at stays folded
        verwijzing.evaluate(
            "a => { for (let d = a.parentElement; d; d = d.parentElement)"
            " { if (d.tagName === 'DETAILS') d.open = true; } }"
        )
        assert pagina.locator(f"[id='{doel}']").evaluate("d => d.open") is False
        verwijzing.click()
        assert pagina.locator(f"[id='{doel}']").evaluate("d => d.open") is True
        assert pagina.locator(f"[id='{doel}']").is_visible()  # opened, though it was folded
        rest = pagina.locator("details.bijna-rest")
        if rest.count():
            assert rest.evaluate("d => d.open") is False  # the farther near misses wait
        pagina.click("text=← Overzicht van alle casussen")
        assert pagina.title() == "Overzicht van 2 casussen"
        assert pagina.locator("td", has_text="geen conclusie afgeleid").count() == 1
        pagina.click("text=saskia")
        assert pagina.title().startswith("Analyse:")
        browser.close()
    assert fouten == []
