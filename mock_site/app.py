"""Assembles the mock site: pages, control API, static files, and the faults that hit
every page (maintenance, latency) before any route sees the request."""

from __future__ import annotations

import asyncio
import time

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from mock_site import account, control, journey
from mock_site.state import SiteState
from mock_site.web import SESSION_COOKIE, Call, Site, redirect


def _is_page(path: str) -> bool:
    return not path.startswith(("/__mock__/", "/static/", "/favicon", "/telemetrie/"))


def create_app(state: SiteState) -> Starlette:
    site = Site(state)

    async def site_wide_faults(request: Request, call_next: RequestResponseEndpoint) -> Response:
        held_ms = 0.0
        if _is_page(request.url.path):
            faults = state.faults
            if faults.latency_ms:
                started = time.monotonic()
                await asyncio.sleep(faults.latency_ms / 1000)  # the slowness being imitated
                held_ms = (time.monotonic() - started) * 1000
            if faults.take_maintenance():
                session, _ = state.session(request.cookies.get(SESSION_COOKIE))
                return site.renderer.maintenance(request, session, faults)
        response = await call_next(request)
        if held_ms:
            # Says how long the mock held the page, measured on its side (Server-Timing).
            response.headers["Server-Timing"] = f"mock-latency;dur={held_ms:.0f}"
        return response

    @site.page("home", error_on="GET")
    async def home(site: Site, call: Call) -> Response:
        return site.render(call, "home.html", title="Accueil")

    @site.page(None)
    async def verification(site: Site, call: Call) -> Response:
        next_url = call.field("next")
        if not next_url.startswith("/") or next_url.startswith("//"):
            next_url = "/"
        if call.field("human") != "yes":
            return site.render(
                call,
                "captcha.html",
                title="Vérification de sécurité",
                next_url=next_url,
                errors={"human": "Cochez la case"},
            )
        return redirect(next_url)

    @site.page(None)
    async def franceconnect(site: Site, call: Call) -> Response:
        # Someone else's identity service: the mock only says where a person would be.
        site.state.franceconnect_visits += 1
        return site.message(
            call,
            "FranceConnect+",
            ["Vous quittez Mon espace santé pour vous identifier avec FranceConnect+."],
            home_button=True,
        )

    async def data_export(request: Request) -> Response:
        return PlainTextResponse(
            "Export des données Mon espace santé (imitation).\n",
            headers={"Content-Disposition": 'attachment; filename="mes-donnees.txt"'},
        )

    async def press_told(request: Request) -> Response:
        """The page tells the site each press of a final step's control: counted per person."""
        session, _ = state.session(request.cookies.get(SESSION_COOKIE))
        form = await request.form()
        person = site.session_person(session)
        control_name = str(form.get("control", ""))
        if person is not None and control_name:
            person.presses[control_name] = person.presses.get(control_name, 0) + 1
        return Response(status_code=204)

    async def error_page(request: Request, exc: Exception) -> Response:
        """Errors as pages a person can read; never a stack trace."""
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if not _is_page(request.url.path):
            return PlainTextResponse("not found" if status == 404 else "error", status_code=status)
        session, _ = state.session(request.cookies.get(SESSION_COOKIE))
        if status >= 500:
            return site.renderer.generic_error(request, session, state.faults)
        title, text = (
            ("Page introuvable", "Cette page n'existe pas.")
            if status == 404
            else ("Action impossible", "Cette action n'est pas possible sur cette page.")
        )
        return site.renderer.message(
            request, session, state.faults, title, [text], status=status, home_button=True
        )

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/verification", verification, methods=["POST"]),
        Route("/donnees", data_export, methods=["GET"]),
        Route("/franceconnect", franceconnect, methods=["GET"]),
        Route("/telemetrie/appui", press_told, methods=["POST"]),
        *journey.routes(site),
        *account.routes(site),
        *control.routes(site),
        Mount("/static", StaticFiles(packages=[("mock_site", "static")]), name="static"),
    ]
    # The back end answers the site's own pages (split): loopback origins, with the cookie.
    cors = Middleware(
        CORSMiddleware,
        allow_origin_regex=r"http://127\.0\.0\.1:\d+",
        allow_credentials=True,
        allow_methods=["GET", "POST"],
        allow_headers=["*"],
    )
    app = Starlette(
        routes=routes,
        middleware=[cors, Middleware(BaseHTTPMiddleware, dispatch=site_wide_faults)],
        exception_handlers={404: error_page, 405: error_page, 500: error_page},
    )
    app.state.site = site
    return app
