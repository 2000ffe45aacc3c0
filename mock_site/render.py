"""Renders the mock's pages, applying the label variants that tests switch on."""

from __future__ import annotations

import random
import re
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from mock_site import messages
from mock_site.faults import Faults
from mock_site.people import Person
from mock_site.state import Session

FINAL_STEPS = ("decision.html", "cloture.html")
# What the loader personality's layer says while a step is on its way.
LOADER_WORDS = ("Chargement…", "Veuillez patienter", "Envoi en cours…")
# The stepper personality's step indicator: where each screen stands in the activation.
STEPS_OF = {
    "activation.html": 1, "close_or_oppose.html": 1, "carte.html": 2, "identite.html": 3,
    "choix.html": 4, "coordonnees.html": 5, "code.html": 6, "representant.html": 7,
    "decision.html": 8, "cloture.html": 8, "suppression.html": 9, "confirmation.html": 9,
    "cloture_confirmee.html": 9,
}  # fmt: skip
STEP_COUNT = 9
# The template of each step a fault may name (banner_on_step).
TEMPLATE_STEPS = {
    "carte.html": "carte", "identite.html": "identite", "choix.html": "choix",
    "code.html": "code", "coordonnees.html": "coordonnees", "representant.html": "representant",
    "decision.html": "decision", "cloture.html": "cloture", "connexion.html": "connexion",
    "code_connexion.html": "code_connexion", "cloture_choix.html": "cloture_choix",
    "activation.html": "activation", "close_or_oppose.html": "close_or_oppose",
}  # fmt: skip
# Where the banner personality's consent manager shows its banner again on its own.
BANNER_REOPENS_ON = ("coordonnees.html", "code.html")
BANNER_REOPEN_DELAY_MS = 300
_BEFORE_PUNCTUATION = re.compile(r" ([:;?!])")
# "Words around a label may change": the contract's own examples, and a few more.
_WORDINGS = {
    "Activer mon espace santé": "Activer mon profil Mon espace santé",
    "Je n'ai pas de code provisoire": "Je n'ai pas de code provisoire ou je l'ai perdu",
    "Télécharger l'attestation": "Télécharger l'attestation d'opposition",
    "Envoyer le code": "Envoyer le code provisoire",
}


class Labeler:
    """Turns a label of the contract into the form the site shows today."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults

    def __call__(self, text: str) -> str:
        faults = self.faults
        for label, other in faults.relabel.items():
            text = text.replace(label, other)
        if faults.is_("reworded"):
            text = self._reworded(text)
        if faults.has("wording"):
            for stable, varied in _WORDINGS.items():
                text = text.replace(stable, varied)
        if faults.has("apostrophe") or faults.is_("reworded"):
            text = text.replace("'", "’")
        if faults.has("nbsp") or faults.is_("reworded"):
            text = _BEFORE_PUNCTUATION.sub("\u202f\\1", text).replace(" ", "\u00a0")
        if faults.has("upper"):
            text = text.upper()
        elif faults.has("lower"):
            text = text.lower()
        return text

    @staticmethod
    def _reworded(text: str) -> str:
        for said, otherwise in messages.REWORDED.items():
            text = text.replace(said, otherwise)
        # Words around the stable core of a label change, as the contract allows.
        for stable, varied in _WORDINGS.items():
            text = text.replace(stable, varied)
        return text


class Renderer:
    def __init__(self, origins: dict[str, str] | None = None) -> None:
        self.origins = origins if origins is not None else {}
        # The slow personality's delays: varied, but the same sequence on every run.
        self._delays = random.Random(8)
        self.env = Environment(
            loader=PackageLoader("mock_site", "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=False,
        )

    def page(
        self,
        request: Request,
        session: Session,
        faults: Faults,
        template: str,
        *,
        status: int = 200,
        signed_in: Person | None = None,
        leave_dialog: bool = False,
        **context: Any,
    ) -> HTMLResponse:
        answered = session.cookies_answered or "mes_cookies" in request.cookies
        cookie_panel = faults.cookie_panel != "off" and not answered
        mode = faults.cookie_panel
        if mode == "first_visit" and faults.is_("hostile"):
            mode = "first_press"
        # Waiting for the first press: on the page, hidden, until a step's button goes down.
        first_press = cookie_panel and mode == "first_press"
        step = TEMPLATE_STEPS.get(template)
        banner_during = faults.banner_delay_ms if faults.banner_during(step) else 0
        banner_on_press = first_press or bool(
            step and faults.take_once(faults.banner_on_press, step)
        )
        banner_on_hover = bool(step and faults.take_once(faults.banner_on_hover, step))
        reopen = 0
        reopens = faults.is_("banner") and answered and template in BANNER_REOPENS_ON
        if reopens and not session.banner_reopened:
            session.banner_reopened = True
            reopen = BANNER_REOPEN_DELAY_MS
        base = {
            "L": Labeler(faults),
            "faults": faults,
            "csrf_token": session.csrf,
            "errors": {},
            "values": {},
            "alert": None,
            "notice": None,
            "title": "Mon espace santé",
            "signed_in": signed_in,
            "cookie_panel": cookie_panel and not first_press,
            "cookie_delay": (
                faults.cookie_delay_ms if cookie_panel and faults.cookie_panel == "late" else 0
            )
            or reopen,
            # The panel's markup is on the page, hidden, when it may be opened later.
            "cookie_markup": cookie_panel
            or faults.is_("banner")
            or bool(banner_during)
            or banner_on_press
            or banner_on_hover,
            "banner_during": banner_during,
            "banner_on_press": banner_on_press,
            "banner_on_hover": banner_on_hover,
            "busy_style": self._busy_style(faults),
            "step_number": STEPS_OF.get(template) if faults.is_("stepper") else None,
            "step_count": STEP_COUNT,
            "leave_dialog": leave_dialog,
            "leave_dialog_delay": faults.leave_dialog_delay_ms,
            "slow_ms": self._slow_ms(faults, template),
            "loader_ms": self._loader_ms(faults, template),
            "loader_words": self._delays.choice(LOADER_WORDS) if faults.is_("loader") else "",
            # loader with spa: the confirmation dialog stays, its buttons live, until the answer.
            "confirm_stays": faults.is_("loader") and faults.is_("spa"),
            "managed_profiles": [],
            "refresh": None,  # a page that goes on by itself: {"seconds", "url"}
            "origins": self.origins,
            # split: the screens come from the back end, a second origin of the same site.
            "backend": self.origins.get("backend", "") if faults.is_("split") else "",
        }
        base.update(context)
        html = self.env.get_template(template).render(**base)
        return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})

    def _slow_ms(self, faults: Faults, template: str) -> int:
        """How long a submit takes to reach the server on a slow site; the final steps
        (the decision, the closure) are the slowest."""
        if faults.busy_notice:
            return 600
        if not faults.is_("slow"):
            return 0
        if faults.slow_ms is not None:
            return faults.slow_ms * (2 if template in FINAL_STEPS else 1)
        return 800 if template in FINAL_STEPS else self._delays.randint(200, 600)

    def _loader_ms(self, faults: Faults, template: str) -> int:
        """How long the loader personality's layer covers a step on its way: 0.3-2 s, the
        final steps the longest (the same sequence on every run)."""
        if not faults.is_("loader"):
            return 0
        final = template in FINAL_STEPS
        if faults.loader_ms is not None:
            return faults.loader_ms * (2 if final else 1)
        return self._delays.randint(800, 2000) if final else self._delays.randint(300, 500)

    @staticmethod
    def _busy_style(faults: Faults) -> str:
        """How the page shows a step on its way, each a way the contract allows: an overlay
        (aria-busy, a progress bar, controls disabled), the button's label replaced by a
        spinner, or a notice that says « Chargement… » beside a spinner."""
        styles = []
        if faults.is_("slow"):
            styles.append("overlay")
        if faults.is_("wizard") or faults.busy_notice:
            styles.append("spinner")
        if faults.busy_notice:
            styles.append("notice")
        return " ".join(styles)

    def message(
        self,
        request: Request,
        session: Session,
        faults: Faults,
        title: str,
        paragraphs: list[str],
        *,
        status: int = 200,
        links: list[dict[str, str]] | None = None,
        home_button: bool = False,
        role_alert: bool = False,
    ) -> HTMLResponse:
        alert = paragraphs[0] if role_alert and paragraphs else None
        return self.page(
            request,
            session,
            faults,
            "message.html",
            status=status,
            title=title,
            alert=alert,
            paragraphs=paragraphs[1:] if alert else paragraphs,
            links=links or [],
            home_button=home_button,
        )

    def session_expired(self, request: Request, session: Session, faults: Faults) -> HTMLResponse:
        return self.message(
            request,
            session,
            faults,
            messages.SESSION_EXPIRED,
            ["Pour des raisons de sécurité, votre démarche a été interrompue."],
            status=440,
            home_button=True,
        )

    def generic_error(self, request: Request, session: Session, faults: Faults) -> HTMLResponse:
        return self.message(
            request,
            session,
            faults,
            "Erreur",
            [messages.GENERIC_ERROR],
            status=500,
            home_button=True,
            role_alert=True,
        )

    def maintenance(self, request: Request, session: Session, faults: Faults) -> HTMLResponse:
        # v2 shows the official app's headings: the activation's own, or the general one.
        activation = request.url.path.startswith(("/activer", "/parcours"))
        heading = messages.MAINTENANCE
        if faults.is_("v2_pages"):
            heading = (
                messages.ACTIVATION_UNAVAILABLE if activation else messages.MAINTENANCE_SOURCED
            )
        response = self.message(
            request,
            session,
            faults,
            heading,
            [
                "Nous effectuons une opération de maintenance. "
                "Veuillez réessayer dans quelques instants."
            ],
            status=503,
        )
        response.headers["Retry-After"] = "5"
        return response


def mask_phone(phone: str) -> str:
    digits = [ch for ch in phone if ch.isdigit()]
    return f"{''.join(digits[:2])} •• •• •• {''.join(digits[-2:])}" if len(digits) >= 4 else "••"


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    name, _, tld = domain.rpartition(".")
    return f"{local[:1]}•••••@{name[:1]}•••••.{tld}"
