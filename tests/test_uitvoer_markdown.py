"""Markdown shows a case as text (issue 17, items 2 and 8).

A title, a sentence or an id with `<script>`, a `javascript:` link, a heading or a `|`
must show as written in a Markdown viewer, not run, link or break the layout. The reports
are rendered here with markdown-it (CommonMark with raw HTML on, as common viewers do) and
checked on what a reader would see. And the overview carries the report marker, so a
second run over a folder that holds its reports does not read it as a case.
"""

from __future__ import annotations

import json
import re

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from loyaliteit.analyse import analyse
from loyaliteit.casus import Casus
from loyaliteit.cli import app
from loyaliteit.rapport.batchoverzicht import CasusSamenvatting, Samengevat, render_overview
from loyaliteit.rapport.document import render_markdown
from loyaliteit.rapport.markdown import code, escape

from .conftest import MINI

runner = CliRunner()
VIEWER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

SCRIPT = "<script>alert(1)</script>"
AFBEELDING = '<img src=x onerror="alert(2)">'
LINK = "[klik hier](javascript:alert(3))"
KOP = "## ⚠ Onveilige situatie"


def _html(markdown: str) -> str:
    return VIEWER.render(markdown)


def _headings(html: str, niveau: int) -> list[str]:
    return re.findall(rf"<h{niveau}>(.*?)</h{niveau}>", html)


def _assert_inert(html: str) -> None:
    assert "<script" not in html and "<img" not in html
    assert not re.search(r"<a [^>]*href=\"(?!#|[\w.-]+\.md)", html), "a link that was not ours"
    assert "javascript" not in " ".join(re.findall(r'href="([^"]*)"', html))


@pytest.fixture(scope="module")
def kwaad(mini_kb):
    casus = Casus(
        id="kwaad",
        titel=f"{SCRIPT}\n{KOP}",
        beschrijving=f"Hij huilt bij het afscheid {SCRIPT} {AFBEELDING} en blijft in de pauze "
        f"bij de juf {LINK}. Moeder wil hem klein houden *echt* | __vet__ `code`.",
    )
    return analyse(casus, mini_kb)


def test_script_images_and_links_in_a_case_show_as_text(kwaad):
    markdown = render_markdown(kwaad)
    html = _html(markdown)
    _assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as written
    assert "[klik hier](javascript:" in html  # (the sentence ends at the colon)
    assert "*echt* | __vet__ `code`" in html  # no emphasis, no code, no cell break
    assert "<em>echt" not in html and "<strong>vet" not in html and "<code>code" not in html


def test_a_title_cannot_make_a_heading(kwaad):
    html = _html(render_markdown(kwaad))
    (titel,) = _headings(html, 1)
    assert titel.startswith("Analyse: &lt;script&gt;") and "Onveilige situatie" in titel
    assert all("Onveilige situatie" not in kop for kop in _headings(html, 2))
    assert _headings(html, 2) == ["Conclusies", "Patronen (tussenconclusies)"]


def test_errors_and_notes_cannot_make_headings_or_quotes(kwaad):
    met_fouten = kwaad.model_copy(
        update={"fouten": [f"regel 1\n{KOP}\n> citaat"], "meldingen": [f"let op\n# {SCRIPT}"]}
    )
    html = _html(render_markdown(met_fouten))
    _assert_inert(html)
    assert len(_headings(html, 1)) == 1
    assert "Onveilige situatie" not in " ".join(_headings(html, 2))
    assert html.count("<blockquote>") == 1  # only the note itself


def test_a_case_id_with_a_link_or_a_bar_keeps_the_overview_table_whole():
    regels = [
        CasusSamenvatting(
            "x](javascript:alert(1)) | kapot",
            None,
            [Samengevat("a", "Een | label", 0.5, "classificatie")],
            [],
        ),
        CasusSamenvatting("[y](https://kwaad.example)", None, [], []),
        CasusSamenvatting("gewoon", None, [], ["kapot.yaml:3: fout | met streep"]),
    ]
    regels[1].rapport = "y.md"
    html = _html(render_overview(regels, "markdown"))
    _assert_inert(html)
    rijen = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert rijen and all(r.count("<td") in (0, 3) for r in rijen)  # every row: three cells
    assert "x](javascript:alert(1)) | kapot" in html
    assert '<a href="y.md">[y](https://kwaad.example)</a>' in html


def test_escape_and_code_spans():
    assert escape("snake_case_id") == "snake_case_id"  # no noise inside a word
    assert escape("_nadruk_") == "\\_nadruk\\_"
    assert escape("1. geen lijst") == "1\\. geen lijst"
    assert escape("- geen lijst") == "\\- geen lijst"
    assert escape("&lt; blijft &lt;") == "\\&lt; blijft \\&lt;"
    assert escape("twee\nregels") == "twee regels"
    assert code("a`b") == "``a`b``" and code("`x") == "`` `x ``"
    assert _html(f"x {code('<b>|</b>')} y").count("<b>") == 0


def test_the_overview_is_not_read_as_a_case_on_a_second_run(tmp_path):
    casussen = tmp_path / "casussen"
    casussen.mkdir()
    (casussen / "a.yaml").write_text("beschrijving: Hij huilt bij het afscheid.\n")
    (casussen / "b.txt").write_text("Een gewone dag.")
    eerste = runner.invoke(
        app,
        ["analyseer", str(casussen), "--uit", str(casussen / "rapporten"), "-k", str(MINI)],
    )
    assert eerste.exit_code == 0, eerste.output
    overzicht = casussen / "rapporten" / "overzicht.md"
    assert overzicht.read_text().startswith("<!-- loyaliteit-rapport -->\n")
    tweede = runner.invoke(app, ["analyseer", str(casussen), "-f", "json", "-k", str(MINI)])
    ids = [a["casus"]["id"] for a in json.loads(tweede.stdout)["analyses"]]
    assert ids == ["a", "b"]
