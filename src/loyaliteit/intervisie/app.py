"""The web face of a session: a Starlette app, a list of routes over one `Sessie`.

Everything is served under `/<sleutel>/`, a random key made per session: without it
there is nothing to see or change. Each change is a POST with a JSON body that must also
carry the key in the `X-Intervisie-Sleutel` header, so no other page (a form or a script
on another site) can post one. Only the hosts 127.0.0.1, localhost and [::1] are
answered (against DNS rebinding). Every response forbids external content, framing and
caching.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from .eindpunten import Omgeving, routes
from .sessie import Sessie
from .weergave import message_page

HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
KOP = "X-Intervisie-Sleutel"
CSP_PAGINA = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
VEILIG = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class Toegang:
    """ASGI middleware: the host, the key in the path, the key in the header of a POST."""

    def __init__(self, app, sleutel: str, omgeving: Omgeving):
        self.app = app
        self.sleutel = sleutel
        self.omgeving = omgeving

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        weigering = self._refusal(scope, headers)
        if weigering is not None:
            return await weigering(scope, receive, send)
        prefix = f"/{self.sleutel}"
        if scope["path"] == prefix:
            return await RedirectResponse(prefix + "/", 303)(scope, receive, send)
        binnen = dict(scope, path=scope["path"][len(prefix) :], raw_path=None)
        await self.app(binnen, receive, _with_headers(send))

    def _refusal(self, scope, headers: Headers) -> Response | None:
        if _host(headers.get("host", "")) not in HOSTS:
            return message_page(
                "Onbekend adres",
                "Deze pagina is alleen bereikbaar via 127.0.0.1 op deze computer.",
                status=400,
            )
        segment = scope["path"].lstrip("/").split("/", 1)[0]
        if not hmac.compare_digest(segment.encode(), self.sleutel.encode()):
            return message_page(
                "Geen toegang",
                "Open de intervisie via de link die `loyaliteit intervisie` in de terminal "
                "toonde: daarin staat de sleutel van deze sessie.",
                status=403,
            )
        if scope["method"] not in ("GET", "HEAD") and not self._post_allowed(headers):
            return JSONResponse(
                {"melding": "Geweigerd: dit verzoek komt niet van de pagina van deze sessie."},
                status_code=403,
            )
        return None

    def _post_allowed(self, headers: Headers) -> bool:
        kop = headers.get(KOP, "")
        if not hmac.compare_digest(kop.encode(), self.sleutel.encode()):
            return False
        if headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return False
        herkomst = headers.get("origin")
        return herkomst is None or _host(herkomst.split("://", 1)[-1]) in HOSTS


def _host(waarde: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1'; '[::1]:8000' -> '[::1]'."""
    if waarde.startswith("["):
        return waarde.split("]", 1)[0] + "]"
    return waarde.split(":", 1)[0].lower()


def _with_headers(send):
    async def verstuur(bericht):
        if bericht["type"] == "http.response.start":
            aanwezig = {naam.lower() for naam, _ in bericht.get("headers", [])}
            extra = [(k.lower().encode(), v.encode()) for k, v in VEILIG.items()]
            if b"content-security-policy" not in aanwezig:
                extra.append((b"content-security-policy", CSP_PAGINA.encode()))
            bericht = dict(bericht, headers=[*bericht.get("headers", []), *extra])
        await send(bericht)

    return verstuur


def create_app(
    sessie: Sessie, sleutel: str, uitmap: Path, stoppen: Callable[[], None] | None = None
) -> Toegang:
    """The ASGI app of one session; `stoppen` ends the server (the command gives it)."""
    omgeving = Omgeving(sessie, sleutel, uitmap, stoppen)
    statisch = StaticFiles(packages=[("loyaliteit.intervisie", "static")])
    app = Starlette(routes=[*routes(omgeving), Mount("/static", app=statisch, name="static")])
    return Toegang(app, sleutel, omgeving)
