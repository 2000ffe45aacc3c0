"""Flows 1 and 3 of the contract: identify with the carte Vitale, the code provisoire,
then oppose (profile not created yet) or close (profile created, flow 3).

The session remembers which step comes next; any other step, shown or posted, means
the visitor left the path (back button, replayed post): the session is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from mock_site import messages, rules
from mock_site.attestation import opposition_attestation
from mock_site.closure import act_closure
from mock_site.journey_screens import journey_person, show_step
from mock_site.people import Person
from mock_site.state import Refusal
from mock_site.web import Call, Endpoint, Site, path_step, redirect


def after_identity(site: Site, call: Call, person: Person) -> Response:
    journey = call.session.journey
    journey["person"] = person.id
    outcome = {
        "deceased": "non_activable",
        "opposed": "deja_oppose",
        "closed": "deja_cloture",
    }.get(person.state)
    if outcome is None and person.state == "active" and journey["mode"] == "activation":
        outcome = "profil_existe"
    journey["step"] = outcome or first_code_step(site, person)
    return redirect(f"/parcours/{journey['step']}")


def first_code_step(site: Site, person: Person) -> str:
    """Classic: the letter's code first (1.5). v2, as the official app: choose where a code
    is sent first (1.6), or the dead end (1.6b) when the caisse holds no contact details."""
    if not site.faults.is_("v2_order"):
        return "code"
    return "coordonnees" if site.state.has_contact_details(person) else "sans_coordonnees"


def after_code(site: Site, call: Call, person: Person) -> Response:
    journey = call.session.journey
    if person.is_minor_profile and not journey.get("representative"):
        journey["step"] = "representant"
    elif person.state == "invited":
        journey["step"] = "decision"
    elif person.state == "active" and journey["mode"] == "close_or_oppose":
        journey["step"] = "cloture"
    else:
        return after_identity(site, call, person)
    return redirect(f"/parcours/{journey['step']}")


# -- screens ------------------------------------------------------------------------------


# -- actions ------------------------------------------------------------------------------


def act_on_step(site: Site, call: Call, step: str) -> Response:
    faults = site.faults
    if step in faults.unchanged_step:
        return show_step(site, call, step)  # its own screen again, as it was, every time
    response = take_step(site, call, step)
    if faults.take_once(faults.interim_after_step, step):
        # A page of its own while the answer is prepared, that goes on by itself.
        following = response.headers.get("location", f"/parcours/{step}")
        return site.render(
            call,
            "message.html",
            title="Votre demande est en cours de traitement",
            paragraphs=["Merci de patienter, vous serez redirigé automatiquement."],
            refresh={"seconds": faults.interim_s, "url": following},
        )
    if faults.take_once(faults.repeat_after_step, step):
        # The step was taken, and its screen comes back as it was: a second post is taken
        # as the step again.
        call.session.journey["step"] = step
        return show_step(site, call, step)
    return response


def take_step(site: Site, call: Call, step: str) -> Response:
    journey = call.session.journey
    if step == "carte":
        model = call.field("card_model")
        if model not in rules.CARD_MODELS or "card_model" in site.faults.refuse_field:
            return show_step(site, call, step, errors={"card_model": messages.CARD_MODEL_MISSING})
        journey["card_model"] = model
        journey["step"] = "identite"
        # A fault: the identity screen on a foreign-looking origin, where nothing may be typed.
        elsewhere = site.state.origins["elsewhere"] if site.faults.identity_elsewhere else ""
        return redirect(f"{elsewhere}/parcours/identite")
    if step == "identite":
        return act_identity(site, call)
    if step == "choix":
        candidates = journey.get("candidates", [])
        index = call.field("person")
        if not index.isdigit() or not 1 <= int(index) <= len(candidates):
            return show_step(site, call, step, errors={"person": messages.TWIN_MISSING})
        return after_identity(site, call, site.state.person(candidates[int(index) - 1]))
    person = journey_person(site, call)
    actions = {
        "code": act_code,
        "coordonnees": act_contact,
        "representant": act_representative,
        "decision": act_decision,
        "cloture": act_journey_closure,
        "suppression": act_deletion,
    }
    if person is None or step not in actions:
        return site.expire(call)
    return actions[step](site, call, person)


def act_identity(site: Site, call: Call) -> Response:
    model = call.session.journey.get("card_model", "")
    serial_messages = messages.SERIAL_PHOTO if model == "avec_photo" else messages.SERIAL_NO_PHOTO
    today = site.state.clock.today()
    checks: tuple[tuple[str, dict[rules.Problem, str], Callable[[str], Any]], ...] = (
        ("birth_date", messages.BIRTH_DATE, lambda raw: rules.birth_date(raw, today)),
        ("nir", messages.NIR, rules.nir),
        ("serial", serial_messages, lambda raw: rules.serial(raw, model)),
    )
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, texts, check in checks:
        try:
            values[name] = check(call.field(name))
        except rules.InputError as error:
            errors[name] = texts[error.problem]
        if name in site.faults.refuse_field:  # a stricter site than the contract says
            errors[name] = texts[rules.Problem(site.faults.refuse_field[name])]
    # Only the birth date is shown again: the NIR and the serial are never echoed back.
    shown = {"birth_date": call.field("birth_date")}
    if errors:
        return show_step(site, call, "identite", errors=errors, values=shown)
    found = site.state.find_identity(model, values["nir"], values["serial"], values["birth_date"])
    if not found:
        return show_step(site, call, "identite", alert=messages.IDENTITY_NOT_FOUND, values=shown)
    if len(found) > 1:
        call.session.journey["candidates"] = [p.id for p in found]
        call.session.journey["step"] = "choix"
        return redirect("/parcours/choix")
    return after_identity(site, call, found[0])


def act_code(site: Site, call: Call, person: Person) -> Response:
    try:
        code = rules.code_provisoire(call.field("code"))
        if "code" in site.faults.refuse_field:  # a stricter site than the contract says
            raise rules.InputError("code", rules.Problem(site.faults.refuse_field["code"]))
        site.state.check_code_provisoire(person, code)
    except rules.InputError as error:
        return show_step(site, call, "code", errors={"code": messages.CODE[error.problem]})
    except Refusal as refusal:
        page = {messages.CODE_EXPIRED: "code_expire", messages.CODE_USED: "code_utilise"}
        if site.faults.is_("v2_pages") and refusal.message in page:
            # v2: the code's states are pages of their own.
            call.session.journey["step"] = page[refusal.message]
            return redirect(f"/parcours/{page[refusal.message]}")
        return show_step(site, call, "code", errors={"code": refusal.message})
    return after_code(site, call, person)


def act_contact(site: Site, call: Call, person: Person) -> Response:
    channel = call.field("channel")
    if channel not in ("sms", "email") or site.state.contact(person, channel) is None:
        return show_step(site, call, "coordonnees", errors={"channel": messages.CHOICE_MISSING})
    try:
        site.state.send_code_provisoire(person, channel)
    except Refusal as refusal:
        return show_step(site, call, "coordonnees", alert=refusal.message)
    call.session.journey["step"] = "code"
    call.session.journey["notice"] = messages.CODE_SENT[channel]
    return redirect("/parcours/code")


def act_representative(site: Site, call: Call, person: Person) -> Response:
    answer = call.field("representative")
    if answer not in ("yes", "no"):
        return show_step(
            site, call, "representant", errors={"representative": messages.REPRESENTATIVE_MISSING}
        )
    if answer == "no" or not person.legal_representative:
        call.session.journey["step"] = "pas_representant"
        return redirect("/parcours/pas_representant")
    call.session.journey["representative"] = True
    return after_code(site, call, person)


def act_decision(site: Site, call: Call, person: Person) -> Response:
    action = call.field("action")
    journey = call.session.journey
    try:
        if action == "oppose" and call.field("oppose") == "yes":
            site.state.oppose(person)
            journey["step"] = "confirmation"
        elif action == "activate" and call.field("accept") == "yes":
            site.state.activate(person)
            journey["step"] = "active"
        else:
            return show_step(site, call, "decision", errors={"decision": messages.DECISION_MISSING})
    except Refusal:
        # The six weeks ran out while the person was deciding: say what the site now knows.
        return after_identity(site, call, person)
    return redirect(f"/parcours/{journey['step']}")


def act_deletion(site: Site, call: Call, person: Person) -> Response:
    """v2, flow 3's second step: whether the closed profile's data are deleted now."""
    site.state.request_deletion(person, call.field("delete") == "yes")
    call.session.journey["step"] = "cloture_confirmee"
    return redirect("/parcours/cloture_confirmee")


def act_journey_closure(site: Site, call: Call, person: Person) -> Response:
    def done() -> str:
        # v2: closing and asking for the deletion are two steps, each with its own button.
        call.session.journey["step"] = (
            "suppression" if site.faults.is_("v2_closure") else "cloture_confirmee"
        )
        return f"/parcours/{call.session.journey['step']}"

    return act_closure(site, call, person, "/parcours/cloture", done)


# -- routes -------------------------------------------------------------------------------


def on_step(call: Call) -> bool:
    """The step asked for is the one the journey is at."""
    return call.session.journey.get("step") == call.request.path_params["step"]


def routes(site: Site) -> list[Route]:
    @site.page("activation", error_on="GET")
    async def activation(site: Site, call: Call) -> Response:
        return site.render(call, "activation.html", title="J'active mon profil")

    @site.page("close_or_oppose", error_on="GET")
    async def close_or_oppose(site: Site, call: Call) -> Response:
        return site.render(call, "close_or_oppose.html", title="Clôturer ou m'opposer")

    def starter(mode: str) -> Endpoint:
        @site.page(None)
        async def start(site: Site, call: Call) -> Response:
            call.session.journey = {"mode": mode, "step": "carte"}
            return redirect("/parcours/carte")

        return start

    @site.page(path_step, guard=on_step)
    async def step_page(site: Site, call: Call) -> Response:
        return show_step(site, call, call.request.path_params["step"])

    @site.page(path_step, guard=on_step)
    async def step_action(site: Site, call: Call) -> Response:
        return act_on_step(site, call, call.request.path_params["step"])

    @site.page(None, guard=lambda call: call.session.journey.get("step") == "code")
    async def no_code(site: Site, call: Call) -> Response:
        person = journey_person(site, call)
        reachable = person is not None and site.state.has_contact_details(person)
        call.session.journey["step"] = "coordonnees" if reachable else "sans_coordonnees"
        return redirect(f"/parcours/{call.session.journey['step']}")

    @site.page(None, guard=lambda call: call.session.journey.get("step") == "code_expire")
    async def verify_again(site: Site, call: Call) -> Response:
        # « Vérifier mon identité »: the identity again, then a new code.
        call.session.journey = {"mode": call.session.journey["mode"], "step": "carte"}
        return redirect("/parcours/carte")

    @site.page(None)
    async def attestation(site: Site, call: Call) -> Response:
        person = journey_person(site, call)
        step = call.session.journey.get("step")
        if person is None or step not in ("confirmation", "deja_oppose") or not person.opposed_on:
            return site.expire(call)
        faults = site.faults
        if faults.attestation_broken > 0:
            # An error page that says it is the file: a robot must not keep it as proof.
            faults.attestation_broken -= 1
            pdf = b"<html><body><p>Une erreur est survenue</p></body></html>"
        else:
            pdf = opposition_attestation(
                person.full_name, person.birth_date, person.opposed_on,
                person.opposition_ref or "",
            )  # fmt: skip
        name = f"attestation-opposition-{person.opposition_ref}.pdf"
        # A file shown by the page's script, or in a tab, is shown inline where it comes.
        shown = "attachment" if faults.attestation_serving() == "download" else "inline"
        return Response(
            pdf,
            media_type="application/pdf",
            headers={"Content-Disposition": f'{shown}; filename="{name}"'},
        )

    @site.page(None)
    async def wrong_contact(site: Site, call: Call) -> Response:
        return site.message(
            call,
            "Mes coordonnées sont incorrectes",
            [
                "Pour modifier vos coordonnées, connectez-vous à votre compte ameli "
                "ou contactez le 3422.",
            ],
            home_button=True,
        )

    return [
        Route("/activer", activation, methods=["GET"]),
        Route("/activer", starter("activation"), methods=["POST"]),
        Route("/cloturer-ou-s-opposer", close_or_oppose, methods=["GET"]),
        Route("/cloturer-ou-s-opposer", starter("close_or_oppose"), methods=["POST"]),
        Route("/parcours/sans-code", no_code, methods=["GET"]),
        Route("/parcours/verifier", verify_again, methods=["GET"]),
        Route("/parcours/attestation", attestation, methods=["GET"]),
        Route("/parcours/{step}", step_page, methods=["GET"]),
        Route("/parcours/{step}", step_action, methods=["POST"]),
        Route("/coordonnees-incorrectes", wrong_contact, methods=["GET"]),
    ]
