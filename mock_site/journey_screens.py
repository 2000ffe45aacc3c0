"""The screens of flows 1 and 3, each with its template, title and what it shows; the
journey's outcome pages and the closure form where the step calls for them."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from mock_site.closure import closure_form
from mock_site.outcome_pages import show_outcome
from mock_site.people import Person
from mock_site.render import mask_email, mask_phone
from mock_site.state import display_date
from mock_site.web import Call, Site


def journey_person(site: Site, call: Call) -> Person | None:
    person_id = call.session.journey.get("person")
    return site.state.person(person_id) if person_id in site.state.people else None


def masked_contacts(site: Site, person: Person) -> dict[str, str | None]:
    holder = site.state.holder(person)
    return {
        "sms": mask_phone(holder.phone) if holder.phone else None,
        "email": mask_email(holder.email) if holder.email else None,
    }


def screen(site: Site, call: Call, step: str) -> tuple[str, str, dict[str, Any]] | None:
    """Template, title and context of a journey screen; None for the outcome pages."""
    journey = call.session.journey
    if step == "carte":
        return "carte.html", "Mon identité", {}
    if step == "identite":
        return "identite.html", "Mon identité", {"card_model": journey.get("card_model")}
    if step == "choix":
        candidates = [site.state.person(pid) for pid in journey.get("candidates", [])]
        return "choix.html", "Choix du profil", {"candidates": candidates}
    person = journey_person(site, call)
    if person is None:
        return None
    today = site.state.clock.today()
    deadline = person.deadline()
    screens: dict[str, tuple[str, str, dict[str, Any]]] = {
        "code": ("code.html", "Mon code provisoire", {"notice": journey.get("notice")}),
        "coordonnees": (
            "coordonnees.html",
            "Mes coordonnées",
            {"masked": masked_contacts(site, person)},
        ),
        "representant": ("representant.html", "Représentant légal", {"child": person}),
        "decision": (
            "decision.html",
            "Ma décision",
            {"person": person, "deadline": display_date(deadline) if deadline else ""},
        ),
        "confirmation": (
            "confirmation.html",
            "Opposition enregistrée",
            {"person": person, "opposed_on": display_date(person.opposed_on or today)},
        ),
        "suppression": ("suppression.html", "Suppression des données", {"person": person}),
        "cloture_confirmee": (
            "cloture_confirmee.html",
            "Profil clôturé",
            {"person": person, "closed_on": display_date(person.closed_on or today)},
        ),
    }
    return screens.get(step)


def show_step(site: Site, call: Call, step: str, **extra: Any) -> Response:
    person = journey_person(site, call)
    if step == "cloture" and person is not None:
        return closure_form(site, call, person, "/parcours/cloture", **extra)
    found = screen(site, call, step)
    if found is None:
        person = journey_person(site, call)
        return show_outcome(site, call, step, person) if person else site.expire(call)
    template, title, context = found
    return site.render(call, template, title=title, **context, **extra)
