"""The intervisie endpoints (Starlette TestClient) and the command around them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from loyaliteit.casus import CasusFout, load_casus
from loyaliteit.casus.zoeken import RAPPORT_MERKTEKEN
from loyaliteit.cli.app import app as cli_app
from loyaliteit.intervisie.app import create_app
from loyaliteit.intervisie.server import PoortBezet, bind
from loyaliteit.intervisie.sessie import Sessie
from loyaliteit.kennisbank import load_kennisbank

from .conftest import MINI

SLEUTEL = "proef-sleutel-123"
KOP = {"X-Intervisie-Sleutel": SLEUTEL}
CASUS = """\
id: tom
titel: Tom <script>alert('titel')</script>
leerling: {naam: Tom, leeftijd: 8}
betrokkenen: [moeder, juf Anna]
beschrijving: |
  Tom huilt bij het afscheid en blijft in de pauze bij de juf.

  Moeder is vaak verdrietig. <img src=x onerror=alert(1)> zegt Anna.
signalen:  # het oordeel
  bevestigd: []
  verworpen: []
"""
ZIN = "Moeder is vaak verdrietig."


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LOYALITEIT_CACHE", str(tmp_path_factory.mktemp("cache")))
        kennisbank = load_kennisbank(MINI)
        from loyaliteit.analyse import compiled

        compiled(kennisbank)  # train while the cache points at the temporary folder
        yield kennisbank


@pytest.fixture
def omgeving(tmp_path, kb):
    pad = tmp_path / "tom.yaml"
    pad.write_text(CASUS, encoding="utf-8")
    gestopt = []
    sessie = Sessie(pad, kb)
    asgi = create_app(sessie, SLEUTEL, tmp_path / "verslagen", stoppen=lambda: gestopt.append(1))
    client = TestClient(asgi, base_url="http://127.0.0.1:8765")
    return client, sessie, pad, gestopt


def _post(client, pad, gegevens=None, **kwargs):
    return client.post(f"/{SLEUTEL}/{pad}", json=gegevens or {}, headers=KOP, **kwargs)


def _add(client, sessie, signaal="moeder_houdt_klein", wie=None):
    begin = sessie.tekst.index(ZIN)
    gegevens = {"soort": "toegevoegd", "signaal": signaal, "begin": begin, "eind": begin + len(ZIN)}
    return _post(client, "besluit", {**gegevens, "wie": wie})


# --- access ---------------------------------------------------------------------------


def test_the_page_needs_the_session_key(omgeving):
    client = omgeving[0]
    for pad in ("/", "/verkeerd/", f"/{SLEUTEL}x/", "/static/intervisie.js"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 403, pad
        assert "Geen toegang" in antwoord.text and "sleutel" in antwoord.text
    assert client.get(f"/{SLEUTEL}/").status_code == 200
    assert client.get(f"/{SLEUTEL}/static/intervisie.js").status_code == 200
    doorverwezen = client.get(f"/{SLEUTEL}", follow_redirects=False)
    assert doorverwezen.status_code == 303 and doorverwezen.headers["location"] == f"/{SLEUTEL}/"


def test_a_post_without_the_key_header_is_refused(omgeving):
    client, sessie, _, _ = omgeving
    url = f"/{SLEUTEL}/besluit"
    gegevens = {"soort": "verworpen", "signaal": "huilt_bij_afscheid"}
    pogingen = [
        client.post(url, json=gegevens),  # another page cannot set the header
        client.post(url, json=gegevens, headers={"X-Intervisie-Sleutel": "raden"}),
        client.post(url, data={"soort": "verworpen"}, headers=KOP),  # a form, not JSON
        client.post(url, json=gegevens, headers={**KOP, "Origin": "http://evil.example"}),
        client.post("/raden/besluit", json=gegevens, headers=KOP),
    ]
    for antwoord in pogingen:
        assert antwoord.status_code == 403
    assert sessie.besluiten == []
    assert "Geweigerd" in pogingen[0].json()["melding"]


def test_only_loopback_host_names_are_answered(omgeving):
    client = omgeving[0]
    antwoord = client.get(f"/{SLEUTEL}/", headers={"Host": "aanvaller.example:8765"})
    assert antwoord.status_code == 400 and "127.0.0.1" in antwoord.text
    assert client.get(f"/{SLEUTEL}/", headers={"Host": "localhost:8765"}).status_code == 200


def test_every_response_forbids_external_content_and_caching(omgeving):
    antwoord = omgeving[0].get(f"/{SLEUTEL}/")
    csp = antwoord.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "http" not in csp
    assert antwoord.headers["cache-control"] == "no-store"
    assert antwoord.headers["x-frame-options"] == "DENY"
    assert antwoord.headers["referrer-policy"] == "no-referrer"
    assert '<script src="static/intervisie.js"' in antwoord.text
    assert "http://" not in antwoord.text and "https://" not in antwoord.text


def test_the_server_binds_loopback_only_and_reports_a_taken_port():
    sock = bind(None)
    try:
        host, poort = sock.getsockname()
        assert host == "127.0.0.1" and poort > 0
        with pytest.raises(PoortBezet, match=f"poort {poort} is al in gebruik"):
            bind(poort)
    finally:
        sock.close()


# --- the case text is text ------------------------------------------------------------


def test_case_text_is_escaped_on_the_page_and_in_every_part(omgeving):
    client, sessie, _, _ = omgeving
    pagina = client.get(f"/{SLEUTEL}/").text
    assert "<script>alert" not in pagina and "<img src=x" not in pagina
    assert "&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt;" in pagina
    assert "&lt;img src=x onerror=alert(1)&gt;" in pagina
    antwoord = _add(client, sessie, wie="<b>Anna</b>")
    for html in antwoord.json()["delen"].values():
        assert "<img src=x" not in html and "<b>Anna</b>" not in html
    assert "&lt;b&gt;Anna&lt;/b&gt;" in antwoord.json()["delen"]["besluiten"]


# --- decisions ------------------------------------------------------------------------


def test_conclusions_follow_every_decision_and_its_undo(omgeving):
    client, sessie, _, _ = omgeving
    assert "passieve_parentificatie" not in {c.id for c in sessie.huidig.conclusies}
    antwoord = _add(client, sessie, wie="Anna")
    assert antwoord.status_code == 200
    gegevens = antwoord.json()
    assert "Nieuw: Passieve parentificatie" in gegevens["melding"]
    assert 'data-conclusie="passieve_parentificatie"' in gegevens["delen"]["analyse"]
    assert "nieuw in deze sessie" in gegevens["delen"]["analyse"]
    assert f"“{ZIN}”" in gegevens["delen"]["besluiten"]

    weg = _post(client, "besluit", {"soort": "verworpen", "signaal": "huilt_bij_afscheid"}).json()
    assert "Verdwenen: Passieve parentificatie" in weg["melding"]
    assert 'data-conclusie="passieve_parentificatie"' not in weg["delen"]["analyse"]
    assert 'data-verdwenen="kind_klein_gehouden"' in weg["delen"]["analyse"]  # with why-not

    terug = _post(client, "laatste").json()
    assert (
        "ongedaan gemaakt" in terug["melding"]
        and "Nieuw: Passieve parentificatie" in terug["melding"]
    )
    assert "(ongedaan gemaakt)" in terug["delen"]["besluiten"]
    opnieuw = _post(client, "omdraaien", {"nummer": 2}).json()
    assert "teruggezet" in opnieuw["melding"]
    assert sessie.oordeel().model_dump() == {
        "bevestigd": ["moeder_houdt_klein"],
        "verworpen": ["huilt_bij_afscheid"],
    }
    ingetrokken = _post(
        client, "besluit", {"soort": "ingetrokken", "signaal": "huilt_bij_afscheid"}
    )
    assert ingetrokken.status_code == 200 and sessie.oordeel().verworpen == []


def test_a_wrong_request_gets_a_dutch_answer(omgeving):
    client, sessie, _, _ = omgeving
    onbekend = _post(client, "besluit", {"soort": "bevestigd", "signaal": "bestaat_niet"})
    assert (
        onbekend.status_code == 400
        and "onbekend signaal 'bestaat_niet'" in onbekend.json()["melding"]
    )
    zonder_zin = _post(
        client,
        "besluit",
        {"soort": "toegevoegd", "signaal": "zorgt_voor_ouder", "begin": 5, "eind": 99999},
    )
    assert zonder_zin.status_code == 400 and "kies eerst een zin" in zonder_zin.json()["melding"]
    leeg = _post(client, "laatste")
    assert leeg.status_code == 400 and "nog geen besluit" in leeg.json()["melding"]
    kapot = client.post(
        f"/{SLEUTEL}/besluit",
        content=b"{kapot",
        headers={**KOP, "Content-Type": "application/json"},
    )
    assert kapot.status_code == 400 and kapot.json()["melding"].startswith("Niet gelukt")
    assert sessie.besluiten == []


# --- saving ---------------------------------------------------------------------------


def test_save_writes_the_judgement_into_the_case_file(omgeving):
    client, sessie, pad, _ = omgeving
    _add(client, sessie, wie="Anna")
    antwoord = _post(client, "opslaan")
    assert antwoord.status_code == 200 and antwoord.json()["melding"] == "Opgeslagen in tom.yaml."
    tekst = pad.read_text(encoding="utf-8")
    assert "signalen:  # het oordeel" in tekst and "moeder_houdt_klein  # intervisie" in tekst
    assert "Anna" in tekst.split("signalen:")[1]
    assert load_casus(pad).signalen.bevestigd == ["moeder_houdt_klein"]
    assert "Opgeslagen in" in antwoord.json()["delen"]["status"]


def test_save_refuses_when_the_file_changed_and_reload_keeps_the_decisions(omgeving):
    client, sessie, pad, _ = omgeving
    _add(client, sessie)
    eigen_werk = pad.read_text(encoding="utf-8").replace("Tom huilt", "Tom huilt vaak")
    pad.write_text(eigen_werk, encoding="utf-8")
    antwoord = _post(client, "opslaan")
    assert antwoord.status_code == 409
    assert "Niet opgeslagen" in antwoord.json()["delen"]["status"]
    assert "is veranderd sinds de sessie het las" in antwoord.json()["delen"]["status"]
    assert pad.read_text(encoding="utf-8") == eigen_werk
    herladen = _post(client, "herladen")
    assert herladen.status_code == 200 and "Tom huilt vaak" in sessie.tekst
    assert _post(client, "opslaan").status_code == 200
    na = load_casus(pad)
    assert na.signalen.bevestigd == ["moeder_houdt_klein"] and "huilt vaak" in na.beschrijving


def test_reload_of_a_broken_file_keeps_the_session(omgeving):
    client, sessie, pad, _ = omgeving
    pad.write_text("id: tom\nbeschrijving: [kapot\n", encoding="utf-8")
    antwoord = _post(client, "herladen")
    assert antwoord.status_code == 422 and "Opnieuw inlezen lukt niet" in antwoord.json()["melding"]
    assert "Moeder is vaak verdrietig" in sessie.tekst


# --- the report and the end -----------------------------------------------------------


def test_report_in_markdown_and_html(omgeving, tmp_path):
    client, sessie, _, _ = omgeving
    _add(client, sessie, wie="Anna")
    _post(client, "besluit", {"soort": "verworpen", "signaal": "zorgt_voor_ouder", "wie": "Bram"})
    _post(client, "laatste")
    antwoord = _post(client, "verslag").json()
    assert antwoord["melding"].startswith("Verslag geschreven") and antwoord["bekijk"] == "verslag"
    md, html = sorted((tmp_path / "verslagen").iterdir(), key=lambda p: p.suffix != ".md")
    tekst = md.read_text(encoding="utf-8")
    assert tekst.startswith(RAPPORT_MERKTEKEN)  # never analysed as a case
    assert "door Anna, Bram" in tekst
    assert "| Passieve parentificatie | classificatie | — | matig" in tekst and "| nieuw |" in tekst
    assert "verworpen (ongedaan gemaakt)" in tekst
    assert "## Agenda voor het volgende gesprek" in tekst and "zelfstandiger" in tekst
    assert "\\<script\\>" in tekst and "<script>" not in tekst  # case text stays text
    pagina = html.read_text(encoding="utf-8")
    assert "<script>" not in pagina and "&lt;script&gt;" in pagina
    assert client.get(f"/{SLEUTEL}/verslag").status_code == 200


def test_anonymous_session_shows_and_reports_no_names(tmp_path, kb):
    pad = tmp_path / "tom.yaml"
    pad.write_text(CASUS, encoding="utf-8")
    sessie = Sessie(pad, kb, anoniem=True)
    client = TestClient(
        create_app(sessie, SLEUTEL, tmp_path / "uit"), base_url="http://127.0.0.1:1"
    )
    _add(client, sessie, wie="Anna")
    pagina = client.get(f"/{SLEUTEL}/").text
    assert "Persoon-A" in pagina
    _post(client, "verslag")
    teksten = [pagina, *(p.read_text(encoding="utf-8") for p in (tmp_path / "uit").iterdir())]
    for tekst in teksten:
        assert "Tom" not in tekst and "Anna" not in tekst and "tom.yaml" not in tekst
        assert "Leerling" in tekst
    assert "Persoon-A" in teksten[1]


def test_closing_with_unsaved_decisions_asks_first(omgeving):
    client, sessie, _, gestopt = omgeving
    _add(client, sessie)
    eerst = _post(client, "afsluiten")
    assert eerst.status_code == 409 and eerst.json()["vraag"] is True and gestopt == []
    tweede = _post(client, "afsluiten", {"zeker": True})
    assert tweede.status_code == 200 and gestopt == [1]
    assert "afgesloten" in client.get(f"/{SLEUTEL}/").text
    assert (
        _post(client, "besluit", {"soort": "bevestigd", "signaal": "zorgt_voor_ouder"}).status_code
        == 410
    )


# --- the command ----------------------------------------------------------------------


def test_command_reports_a_missing_or_broken_case_in_dutch(tmp_path, kb):
    runner = CliRunner()
    weg = runner.invoke(cli_app, ["intervisie", str(tmp_path / "weg.yaml"), "-k", str(MINI)])
    assert weg.exit_code == 1 and "Fout:" in weg.output and "bestaat niet" in weg.output
    kapot = tmp_path / "kapot.yaml"
    kapot.write_text("id: x\nbeschrijving: [niet gesloten\n", encoding="utf-8")
    fout = runner.invoke(cli_app, ["intervisie", str(kapot), "-k", str(MINI)])
    assert fout.exit_code == 1 and "kapot.yaml:" in fout.output and "ongeldige YAML" in fout.output
    leeg = tmp_path / "leeg.yaml"
    leeg.write_text("id: x\n", encoding="utf-8")
    zonder = runner.invoke(cli_app, ["intervisie", str(leeg), "-k", str(MINI)])
    assert zonder.exit_code == 1 and "de beschrijving ontbreekt" in zonder.output
    with pytest.raises(CasusFout):
        Sessie(tmp_path / "weg.yaml", kb)


def test_command_help_is_dutch_and_stays_light():
    runner = CliRunner()
    hulp = runner.invoke(cli_app, ["intervisie", "--help"])
    assert hulp.exit_code == 0 and "--poort" in hulp.output and "intervisie" in hulp.output
    code = (
        "import sys, loyaliteit.cli.app; "
        "print(json.dumps(sorted(m for m in ('starlette', 'uvicorn', 'ruamel') if m in sys.modules)))"
    )
    uit = subprocess.run(
        [sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True
    )
    assert json.loads(uit.stdout) == []


def test_safety_comes_first_on_the_page(tmp_path, mini_copy):
    with (mini_copy / "conclusies.yaml").open("a", encoding="utf-8") as uit:
        uit.write(
            "  - id: onveilige_situatie\n"
            "    soort: veiligheid\n"
            "    label: Mogelijk onveilige situatie\n"
            "    omschrijving: Het kind is mogelijk niet veilig.\n"
            "    bron: {id: bressers, sectie: Parentificatie}\n"
        )
    with (mini_copy / "regels" / "r.yaml").open("a", encoding="utf-8") as uit:
        uit.write(
            "  - id: zorg_onveilig\n"
            "    naam: Zorg als gevaar (alleen voor de test)\n"
            "    als: {signaal: zorgt_voor_ouder}\n"
            "    dan: onveilige_situatie\n"
            "    zekerheid: 0.9\n"
            "    bron: {id: bressers, sectie: Parentificatie}\n"
            "    uitleg: Test.\n"
            "    voorbeelden:\n"
            '      wel: ["Zij zorgt thuis voor haar moeder."]\n'
            '      niet: ["Een gewone dag."]\n'
        )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LOYALITEIT_CACHE", str(tmp_path / "cache"))
        kennisbank = load_kennisbank(mini_copy)
        pad = tmp_path / "tom.yaml"
        pad.write_text(CASUS, encoding="utf-8")
        sessie = Sessie(pad, kennisbank)
        client = TestClient(create_app(sessie, SLEUTEL, tmp_path), base_url="http://127.0.0.1:1")
        delen = _post(client, "besluit", {"soort": "bevestigd", "signaal": "zorgt_voor_ouder"})
    analyse = delen.json()["delen"]["analyse"]
    assert "Meldcode huiselijk geweld" in analyse
    assert analyse.index('class="veiligheid"') < analyse.index('id="kop-conclusies"')


def test_the_command_serves_until_closed_and_writes_the_report(tmp_path):
    import os
    import re
    import urllib.request

    pad = tmp_path / "tom.yaml"
    pad.write_text(CASUS, encoding="utf-8")
    opdracht = [sys.executable, "-m", "loyaliteit", "intervisie", str(pad), "--geen-browser"]
    opdracht += ["-k", str(MINI), "--uit", str(tmp_path / "uit")]
    omgeving = {**os.environ, "LOYALITEIT_CACHE": str(tmp_path / "cache")}
    proces = subprocess.Popen(
        opdracht, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=omgeving
    )
    try:
        regel = proces.stdout.readline()
        adres = re.search(r"http://127\.0\.0\.1:\d+/([\w-]+)/", regel)
        assert adres, regel
        sleutel = adres.group(1)

        def post(pad_, gegevens):
            verzoek = urllib.request.Request(
                adres.group() + pad_,
                data=json.dumps(gegevens).encode(),
                headers={"Content-Type": "application/json", "X-Intervisie-Sleutel": sleutel},
            )
            with urllib.request.urlopen(verzoek, timeout=20) as antwoord:
                return json.loads(antwoord.read())

        assert (
            "Huilt bij het afscheid"
            in post("besluit", {"soort": "verworpen", "signaal": "huilt_bij_afscheid"})["melding"]
        )
        post("afsluiten", {"zeker": True})
        uit, fout = proces.communicate(timeout=30)
    finally:
        if proces.poll() is None:
            proces.kill()
    assert proces.returncode == 0, fout
    assert "Verslag geschreven" in uit
    assert "niet opgeslagen in het casusbestand; het staat wel in het verslag" in fout
    assert sorted(p.suffix for p in (tmp_path / "uit").iterdir()) == [".html", ".md"]
    assert pad.read_text(encoding="utf-8") == CASUS
