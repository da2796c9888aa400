"""The intervisie page in a real browser (Playwright with Debian's chromium): what a team
does in a session, from opening the page to saving and reading the case back."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from loyaliteit.casus import load_casus
from loyaliteit.intervisie.server import Dienst
from loyaliteit.intervisie.sessie import Sessie
from loyaliteit.kennisbank import load_kennisbank

from .conftest import MINI, REPO

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CASUS = """\
# Casus voor de browsertest
id: tom
titel: Tom blijft klein
leerling: {naam: Tom, leeftijd: 8}
betrokkenen: [moeder, vader, leerkracht]
beschrijving: |
  Tom huilt bij het afscheid en blijft in de pauze bij de juf.

  Moeder is vaak verdrietig. Vader werkt veel.
signalen:   # het oordeel van het team
  bevestigd: []
  verworpen: []
"""

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (.ci/run installs it; CI requires it)",
)


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LOYALITEIT_CACHE", str(tmp_path_factory.mktemp("cache")))
        kennisbank = load_kennisbank(MINI)
        from loyaliteit.analyse import compiled

        compiled(kennisbank)
        yield kennisbank


@pytest.fixture
def sessie_op_poort(tmp_path, kb):
    pad = tmp_path / "tom.yaml"
    pad.write_text(CASUS, encoding="utf-8")
    dienst = Dienst(Sessie(pad, kb), tmp_path / "verslagen")
    draad = threading.Thread(target=dienst.run, daemon=True)
    draad.start()
    yield dienst, pad
    dienst.stop()
    draad.join(10)


@pytest.fixture
def pagina(sessie_op_poort):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_page(viewport={"width": 1600, "height": 1000})
        fouten: list[str] = []
        tab.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: fouten.append(str(e)))
        tab.set_default_timeout(10_000)
        tab.goto(sessie_op_poort[0].adres)
        yield tab
        browser.close()
        # a refused save or close answers 409 on purpose; the page shows why
        assert [f for f in fouten if "status of 409" not in f] == []


def _conclusion(tab, conclusie_id):
    return tab.locator(f'#analyse [data-conclusie="{conclusie_id}"]')


def test_a_session_in_the_browser(pagina, sessie_op_poort):
    from playwright.sync_api import expect

    tab, (dienst, pad) = pagina, sessie_op_poort
    expect(tab.locator("h1")).to_have_text("Intervisie: Tom blijft klein")
    expect(_conclusion(tab, "kind_klein_gehouden")).to_have_count(1)
    expect(_conclusion(tab, "passieve_parentificatie")).to_have_count(0)
    expect(tab.locator('[data-bijna="passieve_parentificatie"]')).to_contain_text(
        "Hoe kijkt moeder"
    )
    tab.fill("#wie", "Anna")

    # add: select the sentence, search the signal by its label, choose it
    tab.locator("#tekst .zin", has_text="Moeder is vaak verdrietig.").click()
    expect(tab.locator("dialog#toevoegen")).to_be_visible()
    tab.fill("#zoek", "moeder klein")
    expect(tab.locator("#keuzes li:not([hidden])")).to_have_count(1)
    tab.keyboard.press("Enter")
    expect(_conclusion(tab, "passieve_parentificatie")).to_have_count(2)  # table row and section
    expect(tab.locator("#melding")).to_contain_text("Nieuw: Passieve parentificatie")
    expect(tab.locator("#besluiten")).to_contain_text("Anna")

    # reject: the pattern and the classification on it disappear
    tab.locator('tr[data-signaal="huilt_bij_afscheid"] button.klopt-niet').click()
    expect(_conclusion(tab, "passieve_parentificatie")).to_have_count(0)
    expect(tab.locator('[data-verdwenen="kind_klein_gehouden"]')).to_contain_text("Huilt bij")

    # undo with the keyboard: it is back
    tab.locator("h1").click()
    tab.keyboard.press("Control+z")
    expect(_conclusion(tab, "passieve_parentificatie")).to_have_count(2)
    expect(tab.locator("#besluiten .ongedaan")).to_have_count(1)

    # confirm: the signal is marked as the team's judgement
    bevestig = tab.locator('tr[data-signaal="zoekt_leerkracht_op"] button.klopt')
    bevestig.click()
    expect(bevestig).to_have_attribute("aria-pressed", "true")
    expect(tab.locator("#status")).to_contain_text("nog niet opgeslagen")

    # save, then read the case back from disk
    tab.get_by_role("button", name="Opslaan").click()
    expect(tab.locator("#status")).to_contain_text("Opgeslagen in")
    casus = load_casus(pad)
    assert casus.signalen.bevestigd == ["moeder_houdt_klein", "zoekt_leerkracht_op"]
    assert casus.signalen.verworpen == []
    tekst = pad.read_text(encoding="utf-8")
    assert (
        tekst.startswith("# Casus voor de browsertest\n") and "# het oordeel van het team" in tekst
    )
    assert (
        Sessie(pad, dienst.omgeving.sessie.kb).begin.conclusies[0].id == "passieve_parentificatie"
    )

    # the session lives on the server: a reload shows the same state
    tab.reload()
    expect(tab.locator("#besluiten li")).to_have_count(3)
    expect(_conclusion(tab, "passieve_parentificatie")).to_have_count(2)
    artefacten = REPO / "tests" / "artefacten"
    artefacten.mkdir(exist_ok=True)
    tab.screenshot(path=str(artefacten / "intervisie.png"))


def test_keyboard_only_and_a_conflict_on_disk(pagina, sessie_op_poort):
    from playwright.sync_api import expect

    tab, (_, pad) = pagina, sessie_op_poort
    zin = tab.locator("#tekst .zin", has_text="Vader werkt veel.")
    zin.focus()
    tab.keyboard.press("Enter")
    expect(tab.locator("#zoek")).to_be_focused()
    tab.keyboard.type("zorgt")
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("Enter")
    expect(tab.locator("#besluiten")).to_contain_text("Zorgt voor een ouder")
    expect(tab.locator("dialog#toevoegen")).not_to_be_visible()

    pad.write_text(
        pad.read_text(encoding="utf-8") + "# iemand anders schreef dit\n", encoding="utf-8"
    )
    tab.keyboard.press("Control+s")
    expect(tab.locator("#status .conflict")).to_contain_text("is veranderd sinds de sessie het las")
    assert "zorgt_voor_ouder" not in pad.read_text(encoding="utf-8")
    tab.get_by_role("button", name="Bestand opnieuw inlezen").click()
    expect(tab.locator("#status .conflict")).to_have_count(0)
    tab.keyboard.press("Control+s")
    expect(tab.locator("#status")).to_contain_text("Opgeslagen in")
    tekst = pad.read_text(encoding="utf-8")
    assert "# iemand anders schreef dit" in tekst
    assert load_casus(pad).signalen.bevestigd == ["zorgt_voor_ouder"]


def test_report_and_closing(pagina, sessie_op_poort, tmp_path):
    from playwright.sync_api import expect

    tab, (dienst, _) = pagina, sessie_op_poort
    tab.locator('tr[data-signaal="huilt_bij_afscheid"] button.klopt-niet').click()
    expect(tab.locator("#besluiten li")).to_have_count(1)
    tab.get_by_role("button", name="Verslag maken").click()
    expect(tab.locator("#melding")).to_contain_text("Verslag geschreven")
    with tab.context.expect_page() as nieuw:
        tab.get_by_role("link", name="Bekijk het verslag.").click()
    verslag = nieuw.value
    verslag.wait_for_load_state()
    expect(verslag.locator("h1")).to_have_text("Intervisie: Tom blijft klein")
    expect(verslag.locator("body")).to_contain_text("verdwenen")
    verslag.close()
    assert len(list((tmp_path / "verslagen").iterdir())) == 2
    tab.get_by_role("button", name="Afsluiten").click()
    expect(tab.locator("#melding")).to_contain_text("nog niet in het casusbestand")
    tab.get_by_role("button", name="Afsluiten").click()
    expect(tab.locator("#melding")).to_contain_text("De sessie is afgesloten")
    assert dienst.server.should_exit
