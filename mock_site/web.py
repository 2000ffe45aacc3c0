"""What every page of the mock shares: the session cookie, the CSRF check, and the
per-step faults (hang, expired session, generic error, CAPTCHA, leave dialog)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from mock_site import messages
from mock_site.faults import FINAL_STEP_NAMES
from mock_site.render import Renderer
from mock_site.state import Session, SiteState

SESSION_COOKIE = "mes_session"
# A page that "never finishes loading" still ends, so a forgotten fault can't wedge a server.
HANG_LIMIT_SECONDS = 120


@dataclass
class Call:
    """One request as a handler sees it."""

    request: Request
    session: Session
    form: FormData | None = None
    leave_dialog: bool = False

    def field(self, name: str) -> str:
        value = self.form.get(name) if self.form is not None else None
        return value if isinstance(value, str) else ""


Handler = Callable[["Site", Call], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


class Site:
    def __init__(self, state: SiteState) -> None:
        self.state = state
        self.renderer = Renderer(state.origins)
        self._release: asyncio.Event | None = None

    @property
    def faults(self) -> Any:
        return self.state.faults

    def release_hangs(self) -> None:
        if self._release is not None:
            self._release.set()
            self._release = None

    def render(self, call: Call, template: str, **context: Any) -> Response:
        signed_in = self.signed_in(call)
        if signed_in is not None:
            # The v2 menu lists the profiles the account manages, each with its own page.
            context.setdefault("managed_profiles", self.state.managed_profiles(signed_in))
        return self.renderer.page(
            call.request,
            call.session,
            self.faults,
            template,
            leave_dialog=call.leave_dialog,
            signed_in=signed_in,
            **context,
        )

    def message(self, call: Call, title: str, paragraphs: list[str], **options: Any) -> Response:
        return self.renderer.message(
            call.request, call.session, self.faults, title, paragraphs, **options
        )

    def expire(self, call: Call) -> Response:
        """Drop the session (expiry, forged post, step out of order): back to the start."""
        call.session = self.state.end_session(call.session)
        return self.renderer.session_expired(call.request, call.session, self.faults)

    def signed_in(self, call: Call) -> Any:
        account = call.session.account
        if account.get("stage") == "in":
            return self.state.people.get(account.get("person", ""))
        return None

    def session_person(self, session: Session) -> Any:
        """Whom the session is acting for: the journey's person, or the profile the account
        is closing."""
        for person_id in (session.journey.get("person"), session.account.get("target")):
            if person_id in self.state.people:
                return self.state.people[person_id]
        return None

    async def _step_faults(self, call: Call, step: str, error_on: str) -> Response | None:
        faults = self.faults
        method = call.request.method
        if faults.take_once(faults.hang_on_step, step):
            if self._release is None:
                self._release = asyncio.Event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._release.wait(), HANG_LIMIT_SECONDS)
        expires = self.state.expires_now(call.session, step, method)
        if faults.take_once(faults.expire_session_on_step, step) or expires:
            return self.expire(call)
        if method == error_on and faults.take_error(step):
            return self.renderer.generic_error(call.request, call.session, faults)
        if method == "GET" and faults.take_once(faults.captcha_on_step, step):
            return self.render(
                call,
                "captcha.html",
                title="Vérification de sécurité",
                next_url=call.request.url.path,
            )
        if method == "GET" and faults.take_once(faults.rate_limit_on_step, step):
            said = messages.RATE_LIMITED.format(seconds=faults.rate_limit_s)
            return self.message(call, "Erreur", [said], status=429, home_button=True)
        if method == "GET" and faults.take_once(faults.leave_dialog_on_step, step):
            call.leave_dialog = True
        return None

    async def _answer_late(self, call: Call, step: str | Callable[[Request], str] | None) -> None:
        """The post is taken (the state changed); its answer comes later (a slow server)."""
        name = step(call.request) if callable(step) else step
        delay = self.faults.answer_delay_ms.get(name or "", 0)
        if call.request.method == "POST" and delay:
            await asyncio.sleep(delay / 1000)  # the slowness being imitated

    def page(
        self,
        step: str | Callable[[Request], str] | None,
        *,
        error_on: str = "POST",
        guard: Callable[[Call], bool] | None = None,
    ) -> Callable[[Handler], Endpoint]:
        """Wrap a handler: session, CSRF on posts, the step guard, the step's faults, and
        the session cookie on the way out. `error_on` is the method a generic error hits:
        a screen's action (POST) or, for a screen with none, its display (GET)."""

        def wrap(handler: Handler) -> Endpoint:
            async def endpoint(request: Request) -> Response:
                session, _ = self.state.session(request.cookies.get(SESSION_COOKIE))
                call = Call(request, session)
                if request.method == "POST":
                    call.form = await request.form()
                    # What was posted where, by field name (never a value): tests check
                    # that nothing about anyone was typed before a run's first member.
                    filled = sorted(k for k, v in call.form.items() if str(v).strip())
                    self.state.posts.append(
                        {"path": request.url.path, "origin": _origin(request), "filled": filled}
                    )
                    self._count_final_post(call, step)
                response = await self._check(call, step, error_on, guard)
                if response is None:
                    response = await handler(self, call)
                    await self._answer_late(call, step)
                response.set_cookie(
                    SESSION_COOKIE, call.session.id, httponly=True, samesite="lax", path="/"
                )
                return response

            return endpoint

        return wrap

    def _count_final_post(self, call: Call, step: str | Callable[[Request], str] | None) -> None:
        """Every post of a final form counts for its person, taken or refused (the step's
        guard may refuse a second one before the site's rules see it)."""
        name = step(call.request) if callable(step) else step
        if name in FINAL_STEP_NAMES:
            person = self.session_person(call.session)
            if person is not None:
                person.final_posts[name] = person.final_posts.get(name, 0) + 1

    async def _check(
        self,
        call: Call,
        step: str | Callable[[Request], str] | None,
        error_on: str,
        guard: Callable[[Call], bool] | None,
    ) -> Response | None:
        if call.form is not None and call.field("csrf") != call.session.csrf:
            return self.expire(call)
        if guard is not None and not guard(call):
            return self.expire(call)
        name = step(call.request) if callable(step) else step
        return None if name is None else await self._step_faults(call, name, error_on)


def _origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


def path_step(request: Request) -> str:
    """The step named in the URL (/parcours/{step})."""
    return str(request.path_params["step"])
