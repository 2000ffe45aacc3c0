"""The pages that end a journey: what the site says instead of the next step (already
opposed, profile exists, closed, not activatable, not the representative, no contact
details, code expired or used, profile activated)."""

from __future__ import annotations

from starlette.responses import Response

from mock_site import messages
from mock_site.people import Person
from mock_site.state import display_date
from mock_site.web import Call, Site


def show_outcome(site: Site, call: Call, step: str, person: Person) -> Response:
    attestation = [
        {"href": "/parcours/attestation", "label": "Télécharger l'attestation", "download": "1"}
    ]
    if step == "deja_oppose":
        text = messages.ALREADY_OPPOSED.format(date=display_date(person.opposed_on))  # type: ignore[arg-type]
        return site.message(
            call, "Opposition déjà enregistrée", [text], links=attestation, role_alert=True
        )
    if step == "profil_existe":
        link = [
            {
                "href": "/cloturer-ou-s-opposer",
                "label": "Je peux aussi clôturer ou m'opposer à Mon espace santé",
            }
        ]
        return site.message(
            call,
            "Profil existant",
            [messages.PROFILE_EXISTS],
            links=link,
            role_alert=True,
            home_button=True,
        )
    if step == "deja_cloture":
        text = messages.CLOSED.format(date=display_date(person.closed_on))  # type: ignore[arg-type]
        return site.message(call, "Profil clôturé", [text], role_alert=True, home_button=True)
    if step == "non_activable":
        return site.message(
            call,
            "Profil non activable",
            [messages.NOT_ACTIVATABLE, messages.NOT_ACTIVATABLE_HELP],
            role_alert=True,
            home_button=True,
        )
    if step == "pas_representant":
        text = messages.NOT_REPRESENTATIVE.format(name=person.full_name)
        return site.message(
            call,
            "Accès impossible",
            [text, messages.NOT_ACTIVATABLE_HELP],
            role_alert=True,
            home_button=True,
        )
    if step == "sans_coordonnees":
        return site.message(
            call,
            messages.NEED_CONTACT_DETAILS,
            [messages.NEED_CONTACT_DETAILS_HELP],
            home_button=True,
        )
    if step == "code_expire":
        # A code sent on request can be asked again from the identity; the letter's cannot.
        sent = bool(person.codes) and person.codes[-1].sent
        links = [{"href": "/parcours/verifier", "label": "Vérifier mon identité"}] if sent else []
        return site.message(
            call,
            messages.CODE_EXPIRED,
            ["Le code provisoire n'est plus valable."],
            links=links,
            home_button=not sent,
        )
    if step == "code_utilise":
        return site.message(
            call,
            messages.CODE_USED,
            ["Ce code provisoire a déjà servi. Recommencez pour en recevoir un nouveau."],
            home_button=True,
        )
    if step == "active":
        return site.message(
            call,
            "Votre profil est activé",
            [f"Le profil Mon espace santé de {person.full_name} est activé."],
            home_button=True,
        )
    return site.expire(call)
