"""The endpoints of a session page: small functions over one `Omgeving`.

Each change answers with JSON: `delen` (the parts of the page that changed, as HTML)
and `melding` (one Dutch sentence for the live region: what happened, and which
conclusions appeared or disappeared).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from ..casus import CasusFout
from ..rapport.uitvoer import UitvoerFout
from ..uitleg import Analyse
from .opslaan import Conflict, OpslagFout
from .sessie import WERKWOORD, Ongeldig, Sessie
from .verslag import render_report, write_report
from .weergave import CSP_LOS, message_page, render_page, render_parts

MAX_VERZOEK = 20_000


@dataclass
class Omgeving:
    """What the endpoints share: the session and what the command gave them."""

    sessie: Sessie
    sleutel: str
    uitmap: Path
    stoppen: Callable[[], None] | None = None
    verslagen: list[Path] = field(default_factory=list)
    verslag_van: object = None  # the judgement the last written report showed
    gestopt: bool = False


def report_needed(omgeving: Omgeving) -> bool:
    """Whether the session has decisions that no written report shows yet."""
    sessie = omgeving.sessie
    return bool(sessie.besluiten) and omgeving.verslag_van != _state(sessie)


def _state(sessie: Sessie):
    return [(b.nummer, b.ongedaan) for b in sessie.besluiten], sessie.unsaved()


def routes(omgeving: Omgeving) -> list[Route]:
    async def pagina(request: Request):
        if omgeving.gestopt:
            return _closed()
        return HTMLResponse(render_page(omgeving.sessie, omgeving.sleutel))

    async def verslag(request: Request):
        html = render_report(omgeving.sessie, html=True)
        return HTMLResponse(html, headers={"Content-Security-Policy": CSP_LOS})

    return [
        Route("/", pagina, methods=["GET"]),
        Route("/verslag", verslag, methods=["GET"]),
        *(
            Route(f"/{naam}", _post(omgeving, functie), methods=["POST"])
            for naam, functie in POSTS.items()
        ),
    ]


def _post(omgeving: Omgeving, functie):
    async def eindpunt(request: Request):
        if omgeving.gestopt:
            return JSONResponse({"melding": "De sessie is afgesloten."}, status_code=410)
        ruw = await request.body()
        try:
            if len(ruw) > MAX_VERZOEK:
                raise Ongeldig("het verzoek is te groot")
            gegevens = json.loads(ruw or b"{}")
            if not isinstance(gegevens, dict):
                raise Ongeldig("het verzoek is geen JSON-object")
            return functie(omgeving, gegevens)
        except (Ongeldig, json.JSONDecodeError, UnicodeDecodeError) as fout:
            return _answer(omgeving, f"Niet gelukt: {fout}.", 400)

    return eindpunt


def _answer(omgeving: Omgeving, melding: str, status: int = 200, **extra) -> JSONResponse:
    return JSONResponse(
        {"delen": render_parts(omgeving.sessie), "melding": melding, **extra}, status_code=status
    )


def _effect(voor: Analyse, na: Analyse) -> str:
    """Which conclusions appeared, disappeared or changed in certainty, in words."""
    eerst = {c.id: c for c in voor.conclusies}
    nu = {c.id: c for c in na.conclusies}
    delen = []
    if nieuw := [nu[i].label for i in nu if i not in eerst]:
        delen.append("Nieuw: " + ", ".join(nieuw) + ".")
    if weg := [eerst[i].label for i in eerst if i not in nu]:
        delen.append("Verdwenen: " + ", ".join(weg) + ".")
    anders = [
        f"{c.label} {_certainty(eerst[i])} → {_certainty(c)}"
        for i, c in nu.items()
        if i in eerst and abs(eerst[i].zekerheid - c.zekerheid) >= 0.005
    ]
    if anders:
        delen.append("Zekerheid: " + "; ".join(anders) + ".")
    return " ".join(delen) or "De conclusies en hun zekerheid blijven dezelfde."


def _certainty(conclusie) -> str:
    return f"{conclusie.zekerheid_woord} ({conclusie.zekerheid:.2f})".replace(".", ",")


def decide(omgeving: Omgeving, gegevens: dict) -> JSONResponse:
    sessie = omgeving.sessie
    voor = sessie.huidig
    besluit = sessie.decide(
        str(gegevens.get("soort", "")),
        str(gegevens.get("signaal", "")),
        gegevens.get("wie"),
        gegevens.get("begin"),
        gegevens.get("eind"),
    )
    melding = f"{besluit.label}: {WERKWOORD[besluit.soort]}. {_effect(voor, sessie.huidig)}"
    return _answer(omgeving, melding)


def toggle(omgeving: Omgeving, gegevens: dict) -> JSONResponse:
    nummer = gegevens.get("nummer")
    if not isinstance(nummer, int):
        raise Ongeldig("geen besluit gekozen")
    return _toggled(omgeving, lambda: omgeving.sessie.toggle(nummer))


def undo_last(omgeving: Omgeving, gegevens: dict) -> JSONResponse:
    return _toggled(omgeving, omgeving.sessie.undo_last)


def _toggled(omgeving: Omgeving, doe) -> JSONResponse:
    voor = omgeving.sessie.huidig
    besluit = doe()
    wat = "teruggezet" if not besluit.ongedaan else "ongedaan gemaakt"
    melding = (
        f"Besluit {besluit.nummer} ({besluit.label}) {wat}. {_effect(voor, omgeving.sessie.huidig)}"
    )
    return _answer(omgeving, melding)


def save(omgeving: Omgeving, gegevens: dict) -> JSONResponse:
    sessie = omgeving.sessie
    try:
        sessie.save()
    except Conflict as fout:
        sessie.conflict = str(fout)
        return _answer(omgeving, "Niet opgeslagen: het bestand is intussen veranderd.", 409)
    except OpslagFout as fout:
        return _answer(omgeving, f"Niet opgeslagen: {fout}", 500)
    naam = sessie.bestand.oordeel.pad.name
    return _answer(omgeving, f"Opgeslagen in {naam}.")


def reload(omgeving: Omgeving, gegevens: dict) -> JSONResponse:
    sessie = omgeving.sessie
    try:
        sessie.reload()
    except CasusFout as fout:
        meldingen = "; ".join(str(f) for f in fout.fouten)
        return _answer(omgeving, f"Opnieuw inlezen lukt niet: {meldingen}", 422)
    return _answer(omgeving, "Opnieuw ingelezen; de besluiten van deze sessie zijn erop toegepast.")


def report(omgeving: Omgeving, gegevens: dict) -> JSONResponse:
    try:
        paden = write_report(omgeving.sessie, omgeving.uitmap)
    except UitvoerFout as fout:
        return _answer(omgeving, f"Het verslag is niet geschreven: {fout}", 500)
    omgeving.verslagen += paden
    omgeving.verslag_van = _state(omgeving.sessie)
    namen = " en ".join(str(p) for p in paden)
    return _answer(omgeving, f"Verslag geschreven: {namen}.", bekijk="verslag")


def close(omgeving: Omgeving, gegevens: dict) -> JSONResponse:
    sessie = omgeving.sessie
    if sessie.unsaved() and gegevens.get("zeker") is not True:
        melding = (
            "Er zijn besluiten die nog niet in het casusbestand staan. Sla eerst op, of klik "
            "nogmaals op ‘Sessie afsluiten’ om af te sluiten zonder op te slaan."
        )
        return _answer(omgeving, melding, 409, vraag=True)
    omgeving.gestopt = True
    if omgeving.stoppen is not None:
        omgeving.stoppen()
    return _answer(omgeving, "De sessie is afgesloten; je kunt dit venster sluiten.")


def _closed() -> HTMLResponse:
    return message_page("De sessie is afgesloten", "Start een nieuwe met `loyaliteit intervisie`.")


POSTS = {
    "besluit": decide,
    "omdraaien": toggle,
    "laatste": undo_last,
    "opslaan": save,
    "herladen": reload,
    "verslag": report,
    "afsluiten": close,
}
