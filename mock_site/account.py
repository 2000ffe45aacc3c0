"""Flow 2 of the contract: sign in (password, then a single-use code), open the menu
under the name, Paramètres, Clôture du profil, and close one's own profile or a child's."""

from __future__ import annotations

from collections.abc import Callable

from starlette.responses import Response
from starlette.routing import Route

from mock_site import messages, rules
from mock_site.closure import act_closure, closure_form
from mock_site.people import Person
from mock_site.state import Refusal, display_date
from mock_site.web import Call, Site, redirect


def account_person(site: Site, call: Call) -> Person | None:
    person_id = call.session.account.get("person")
    return site.state.person(person_id) if person_id in site.state.people else None


def stage_is(stage: str) -> Callable[[Call], bool]:
    def guard(call: Call) -> bool:
        return call.session.account.get("stage") == stage

    return guard


def closing_target(site: Site, call: Call) -> Person | None:
    target = call.session.account.get("target")
    return site.state.person(target) if target in site.state.people else None


def code_page(site: Site, call: Call, **extra: object) -> Response:
    person = account_person(site, call)
    channel = site.state.login_channel(person) if person else "email"
    return site.render(
        call,
        "code_connexion.html",
        title="Code de sécurité",
        sent_message=messages.LOGIN_CODE_SENT[channel],
        **extra,
    )


def routes(site: Site) -> list[Route]:
    signed_in = stage_is("in")

    @site.page("connexion", error_on="POST")
    async def sign_in_page(site: Site, call: Call) -> Response:
        return site.render(call, "connexion.html", title="Connexion")

    @site.page("connexion")
    async def sign_in(site: Site, call: Call) -> Response:
        login = call.field("login").strip()
        try:
            person = site.state.sign_in(login, call.field("password"))
            site.state.send_login_code(person, resend=False)
        except Refusal as refusal:
            return site.render(
                call,
                "connexion.html",
                title="Connexion",
                alert=refusal.message,
                values={"login": login},
            )
        call.session.account = {"person": person.id, "stage": "code"}
        return redirect("/connexion/code")

    @site.page("code_connexion", guard=stage_is("code"))
    async def second_factor_page(site: Site, call: Call) -> Response:
        return code_page(site, call, notice=call.session.account.pop("notice", None))

    @site.page("code_connexion", guard=stage_is("code"))
    async def second_factor(site: Site, call: Call) -> Response:
        person = account_person(site, call)
        if person is None:
            return site.expire(call)
        try:
            site.state.check_login_code(person, rules.login_code(call.field("login_code")))
        except rules.InputError as error:
            return code_page(site, call, errors={"login_code": messages.LOGIN_CODE[error.problem]})
        except Refusal as refusal:
            return code_page(site, call, errors={"login_code": refusal.message})
        call.session.account["stage"] = "in"
        # Signed in elsewhere (a login service of the same site): sent back to the site.
        back = site.state.origins["site"] if site.faults.signin_elsewhere else ""
        return redirect(f"{back}/espace")

    @site.page("code_connexion", guard=stage_is("code"))
    async def resend(site: Site, call: Call) -> Response:
        person = account_person(site, call)
        if person is None:
            return site.expire(call)
        try:
            site.state.send_login_code(person, resend=True)
        except Refusal as refusal:
            return code_page(site, call, alert=refusal.message)
        channel = site.state.login_channel(person)
        call.session.account["notice"] = messages.LOGIN_CODE_SENT[channel]
        return redirect("/connexion/code")

    @site.page("espace", error_on="GET", guard=signed_in)
    async def home(site: Site, call: Call) -> Response:
        return site.render(call, "espace.html", title="Accueil")

    @site.page("parametres", error_on="GET", guard=signed_in)
    async def settings(site: Site, call: Call) -> Response:
        return site.render(call, "parametres.html", title="Paramètres")

    @site.page("cloture_choix", error_on="GET", guard=signed_in)
    async def closure_choice_page(site: Site, call: Call) -> Response:
        holder = account_person(site, call)
        if holder is None:
            return site.expire(call)
        profiles = site.state.managed_profiles(holder)
        if len(profiles) == 1:
            call.session.account["target"] = holder.id
            return redirect("/parametres/cloture/profil")
        call.session.account["profiles"] = [p.id for p in profiles]
        return site.render(call, "cloture_choix.html", title="Clôture du profil", profiles=profiles)

    @site.page("cloture_choix", guard=signed_in)
    async def closure_choice(site: Site, call: Call) -> Response:
        profiles = call.session.account.get("profiles", [])
        index = call.field("profile")
        if not index.isdigit() or not 1 <= int(index) <= len(profiles):
            people = [site.state.person(p) for p in profiles]
            return site.render(
                call,
                "cloture_choix.html",
                title="Clôture du profil",
                profiles=people,
                errors={"profile": messages.CHOICE_MISSING},
            )
        target = site.state.person(profiles[int(index) - 1])
        if target.state == "closed" and target.closed_on:
            text = messages.CLOSED.format(date=display_date(target.closed_on))
            return site.message(call, "Profil clôturé", [text], role_alert=True, home_button=True)
        call.session.account["target"] = target.id
        return redirect("/parametres/cloture/profil")

    def has_target(call: Call) -> bool:
        return signed_in(call) and "target" in call.session.account

    @site.page("cloture", guard=has_target)
    async def closure_page(site: Site, call: Call) -> Response:
        target = closing_target(site, call)
        if target is None:
            return site.expire(call)
        return closure_form(site, call, target, "/parametres/cloture/profil")

    @site.page("cloture", guard=has_target)
    async def closure(site: Site, call: Call) -> Response:
        target = closing_target(site, call)
        holder = account_person(site, call)
        if target is None or holder is None:
            return site.expire(call)

        def done() -> str:
            # Closing one's own profile ends the session: only the confirmation remains.
            stage = "closed" if target.id == holder.id else "in"
            call.session.account.update(stage=stage, closed=target.id)
            call.session.account.pop("target", None)
            return "/parametres/cloture/confirmee"

        return act_closure(site, call, target, "/parametres/cloture/profil", done)

    @site.page(
        "cloture_confirmee", error_on="GET", guard=lambda call: "closed" in call.session.account
    )
    async def closure_done(site: Site, call: Call) -> Response:
        person = site.state.person(call.session.account["closed"])
        return site.render(
            call,
            "cloture_confirmee.html",
            title="Profil clôturé",
            person=person,
            closed_on=display_date(person.closed_on or site.state.clock.today()),
        )

    @site.page("parametres", error_on="GET", guard=signed_in)
    async def manage_profile(site: Site, call: Call) -> Response:
        """v2: « Gérer le profil » of one of the account's profiles, with its closure."""
        holder = account_person(site, call)
        profiles = site.state.managed_profiles(holder) if holder else []
        index = int(call.request.path_params["index"])
        if not 1 <= index <= len(profiles):
            return site.expire(call)
        profile = profiles[index - 1]
        call.session.account["managing"] = profile.id
        return site.render(call, "profil.html", title="Gérer le profil", profile=profile)

    @site.page(None, guard=lambda call: signed_in(call) and "managing" in call.session.account)
    async def manage_closure(site: Site, call: Call) -> Response:
        target = site.state.person(call.session.account.get("managing", ""))
        if target.state == "closed" and target.closed_on:
            text = messages.CLOSED.format(date=display_date(target.closed_on))
            return site.message(call, "Profil clôturé", [text], role_alert=True, home_button=True)
        call.session.account["target"] = target.id
        return redirect("/parametres/cloture/profil")

    @site.page(None)
    async def sign_out(site: Site, call: Call) -> Response:
        call.session.account = {}
        return redirect("/")

    return [
        Route("/connexion", sign_in_page, methods=["GET"]),
        Route("/connexion", sign_in, methods=["POST"]),
        Route("/connexion/code", second_factor_page, methods=["GET"]),
        Route("/connexion/code", second_factor, methods=["POST"]),
        Route("/connexion/renvoyer", resend, methods=["POST"]),
        Route("/espace", home, methods=["GET"]),
        Route("/parametres", settings, methods=["GET"]),
        Route("/parametres/cloture", closure_choice_page, methods=["GET"]),
        Route("/parametres/cloture", closure_choice, methods=["POST"]),
        Route("/parametres/cloture/profil", closure_page, methods=["GET"]),
        Route("/parametres/cloture/profil", closure, methods=["POST"]),
        Route("/parametres/cloture/confirmee", closure_done, methods=["GET"]),
        Route("/profil/{index:int}", manage_profile, methods=["GET"]),
        Route("/profil/cloture", manage_closure, methods=["GET"]),
        Route("/deconnexion", sign_out, methods=["POST"]),
    ]
