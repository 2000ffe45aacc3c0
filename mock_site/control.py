"""The control API: JSON over HTTP for tests, under /__mock__/. The robot never calls it.

Every bad request gets a 400 whose `error` says why, so a test that drives the mock from
outside its code learns what it got wrong.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mock_site.faults import FaultError
from mock_site.people import PersonError
from mock_site.web import Site


class BadRequest(ValueError):
    pass


async def read_json(request: Request, default: Any = None) -> Any:
    body = await request.body()
    if not body.strip():
        if default is None:
            raise BadRequest("a JSON body is required")
        return default
    try:
        return json.loads(body)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise BadRequest(f"invalid JSON: {error.msg} at {where}") from None


def bad(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def clock_view(site: Site) -> dict[str, Any]:
    now = site.state.clock.now()
    return {
        "now": now.isoformat(),
        "today": site.state.clock.today().isoformat(),
        "frozen": site.state.clock.frozen,
    }


def set_clock(site: Site, data: Any) -> None:
    if not isinstance(data, dict) or not data:
        raise BadRequest(
            "clock takes {'today'}, {'now'}, {'advance_days'}, {'advance_seconds'} or {'frozen'}"
        )
    clock = site.state.clock
    unknown = set(data) - {"today", "now", "advance_days", "advance_seconds", "frozen"}
    if unknown:
        raise BadRequest(f"unknown clock keys: {', '.join(sorted(unknown))}")
    try:
        if "today" in data:
            clock.set_today(date.fromisoformat(str(data["today"])))
        if "now" in data:
            clock.set_now(datetime.fromisoformat(str(data["now"])))
    except ValueError:
        raise BadRequest("'today' must be YYYY-MM-DD and 'now' an ISO 8601 date-time") from None
    for key, unit in (("advance_days", "days"), ("advance_seconds", "seconds")):
        if key in data:
            amount = data[key]
            if not isinstance(amount, int | float) or isinstance(amount, bool):
                raise BadRequest(f"'{key}' must be a number")
            clock.advance(timedelta(**{unit: amount}))
    if "frozen" in data:
        if not isinstance(data["frozen"], bool):
            raise BadRequest("'frozen' must be true or false")
        clock.freeze(data["frozen"])


def routes(site: Site) -> list[Route]:
    async def reset(request: Request) -> Response:
        try:
            data = await read_json(request, default={})
        except BadRequest as error:
            return bad(str(error))
        if not isinstance(data, dict):
            return bad("reset takes a JSON object, like {'empty': true}")
        site.release_hangs()
        site.state.reset(empty=bool(data.get("empty")))
        return JSONResponse({"people": sorted(site.state.people), **clock_view(site)})

    async def add_person(request: Request) -> Response:
        try:
            person = site.state.add_person(await read_json(request))
        except (BadRequest, PersonError) as error:
            return bad(str(error))
        return JSONResponse(person.public_view(site.state.clock.now()), status_code=201)

    async def list_people(request: Request) -> Response:
        now = site.state.clock.now()
        return JSONResponse([site.state.person(pid).public_view(now) for pid in site.state.people])

    async def get_person(request: Request) -> Response:
        person_id = request.path_params["person_id"]
        if person_id not in site.state.people:
            return bad(f"no person '{person_id}'", status=404)
        return JSONResponse(site.state.person(person_id).public_view(site.state.clock.now()))

    async def clock(request: Request) -> Response:
        if request.method == "POST":
            try:
                set_clock(site, await read_json(request))
            except BadRequest as error:
                return bad(str(error))
        return JSONResponse(clock_view(site))

    async def faults(request: Request) -> Response:
        if request.method == "POST":
            try:
                site.state.faults.update(await read_json(request))
            except (BadRequest, FaultError) as error:
                return bad(str(error))
            site.release_hangs()
        return JSONResponse(site.state.faults.as_json())

    async def outbox(request: Request) -> Response:
        return JSONResponse(
            {"folder": str(site.state.outbox.folder), "messages": len(site.state.outbox.messages())}
        )

    async def posts(request: Request) -> Response:
        """The forms posted since the reset: where, and which fields were not empty."""
        return JSONResponse(site.state.posts)

    async def visits(request: Request) -> Response:
        """Where a robot must never go: how often FranceConnect+ was taken."""
        return JSONResponse({"franceconnect": site.state.franceconnect_visits})

    return [
        Route("/__mock__/reset", reset, methods=["POST"]),
        Route("/__mock__/people", add_person, methods=["POST"]),
        Route("/__mock__/people", list_people, methods=["GET"]),
        Route("/__mock__/people/{person_id}", get_person, methods=["GET"]),
        Route("/__mock__/clock", clock, methods=["GET", "POST"]),
        Route("/__mock__/faults", faults, methods=["GET", "POST"]),
        Route("/__mock__/outbox", outbox, methods=["GET"]),
        Route("/__mock__/visits", visits, methods=["GET"]),
        Route("/__mock__/posts", posts, methods=["GET"]),
    ]
