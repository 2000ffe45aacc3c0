"""The closure form and its action, shared by flow 3 (the journey) and flow 2 (the
account's settings): the acknowledgement and deletion boxes, or v2's variants."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.responses import Response

from mock_site import messages
from mock_site.people import Person
from mock_site.state import Refusal
from mock_site.web import Call, Site, redirect


def closure_form(site: Site, call: Call, person: Person, action_url: str, **extra: Any) -> Response:
    """2.6. Classic: the acknowledgement and the deletion box. v2: in flow 2, the deletion box
    and the password again (the official API's closure call requires it); in flow 3, the
    closure first and the deletion as a step of its own."""
    v2 = site.faults.is_("v2_closure")
    account = action_url.startswith("/parametres")
    return site.render(
        call,
        "cloture.html",
        title="Clôture du profil",
        person=person,
        action_url=action_url,
        ack_box=not (v2 and account),
        delete_box=not (v2 and not account),
        password_field=v2 and account,
        **extra,
    )


def act_closure(
    site: Site, call: Call, person: Person, action_url: str, done: Callable[[], str]
) -> Response:
    """Shared by flow 3 (here) and flow 2 (the account): the boxes, then close."""
    v2 = site.faults.is_("v2_closure")
    account = action_url.startswith("/parametres")
    if not (v2 and account) and call.field("ack") != "yes":
        return closure_form(
            site, call, person, action_url, errors={"ack": messages.CLOSURE_ACK_MISSING}
        )
    if v2 and account:
        holder = site.signed_in(call)
        if holder is None or not site.state.password_matches(holder, call.field("password")):
            return closure_form(
                site, call, person, action_url, alert=messages.CLOSURE_PASSWORD_WRONG
            )
    try:
        site.state.close(person, delete_data=call.field("delete") == "yes")
    except Refusal as refusal:
        return site.message(
            call, "Clôture impossible", [refusal.message], role_alert=True, home_button=True
        )
    return redirect(done())
