"""Faults and variations that tests switch on through the control API.

Each one imitates something the real site does to a robot: a cookie panel, maintenance,
slowness, a generic error, an expired session, dialogs, another spelling of a label.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Every step a fault can target: the journey's screens and the account's.
STEPS = (
    "home", "activation", "close_or_oppose", "carte", "identite", "choix", "code",
    "coordonnees", "representant", "decision", "confirmation", "cloture_choix", "cloture",
    "cloture_confirmee", "connexion", "code_connexion", "espace", "parametres",
)  # fmt: skip

VARIANTS = (
    "apostrophe",  # ' becomes ’ everywhere
    "upper",  # labels in capitals
    "lower",  # labels in lower case
    "nbsp",  # narrow no-break spaces before : ; ? ! and no-break spaces between words
    "wording",  # the words around a label change (« Activer Mon espace santé »)
    "opposition_radio",  # the opposition is a radio button, not a checkbox
    "date_input",  # the birth date is a date input, not a jj/mm/aaaa text field
    "aria_label",  # fields named by aria-label instead of a <label>
    "buttons_as_links",  # buttons are links styled as buttons
)
# first_visit: shown at load until answered; late: `cookie_delay_ms` after the load;
# first_press: not shown until the visitor first presses a step's button, then opened as
# that button goes down (a consent manager that waits for an interaction: the release lands
# on its backdrop and that click is lost). `hostile` takes first_press for first_visit.
COOKIE_MODES = ("off", "first_visit", "late", "first_press")
# Whole ways for the site to be (the contract allows each); "a+b" combines them.
PERSONALITIES = (
    "classic",  # server-rendered pages, every click answered at once
    "spa",  # screens fetched and swapped in by script, History API, notices that go away
    "slow",  # every submit: a busy overlay, buttons disabled, the server 200-800 ms later
    "v2",  # contract v2's sourced order and pages
    "reworded",  # every inferred or unsourced sentence said otherwise, labels varied
    # Contract v3:
    "banner",  # the consent manager's banner: foot of the page, no dialog role, a backdrop
    "unannounced",  # no message has a role: plain text, inline or in a snackbar
    "stepper",  # a step progress bar with a value on every screen
    "wizard",  # single-page; one button element reused by every step, relabelled, and its
    #            label replaced by a spinner while its call runs
    "hostile",  # all of the v3 ones together, with spa and slow; its consent banner waits
    #            for the visitor's first press (cookie mode first_press)
    "split",  # single-page; its screens fetched from a back end on a second origin of the
    #          same site (another port), with CORS and the same cookie
    "components",  # single-page; each screen drawn inside a web component's open shadow
    #               root (what querySelectorAll and innerText do not reach)
    # Contract v4:
    "loader",  # every step on its way under a full-window layer with words of its own
    #           (« Chargement… »), no role, hidden from assistive technology, for 0.3-2 s;
    #           final steps confirmed in a dialog that closes as the step is sent (with spa:
    #           that stays on view, its buttons live, until the answer); the consent banner
    #           comes back while a final step is on its way
    "closed_refuses",  # a closed profile's sign-in is refused in a wrong password's words
    #                   (« Identifiant ou mot de passe incorrect »), whatever the password
    "scripted_download",  # « Télécharger l'attestation » is the page's script's: it
    #                      fetches the file, then shows it from a blob: address
    # Contract since v2, met on an independent implementation:
    "expiring",  # every session expires once (« Votre session a expiré »), at a step drawn
    #             from `expiry_seed` (see mock_site/expiry.py)
)
# How « Télécharger l'attestation » brings the file: a link that downloads it (the classic
# site); the page's script following the link to the file, shown inline; the script
# fetching the file and showing it from a blob: address (scripted_download); a new tab.
ATTESTATION_WAYS = ("download", "navigate", "blob", "tab")
# The final steps, whose confirmation dialog and consent banner `loader` brings.
FINAL_STEP_NAMES = ("decision", "cloture")
# What `hostile` is made of.
HOSTILE_TRAITS = ("spa", "slow", "banner", "unannounced", "stepper", "wizard")
# What `v2` is made of; each may also be asked for alone (tests of one v2 item).
V2_TRAITS = (
    "v2_order",  # « Mes coordonnées » (1.6) first, then the code (1.5)
    "v2_pages",  # code states and maintenance as pages of their own, sourced headings
    "v2_franceconnect",  # 1.1 offers FranceConnect+ first; the flow 3 link is its core only
    "v2_manage",  # the account menu lists profiles, each with « Gérer le profil »
    "v2_closure",  # password and one box on 2.6; in flow 3, closure then deletion
)


# The fields a stricter site may refuse, and the problems the contract has a message for.
REFUSABLE = {
    "card_model": ("empty",),
    "birth_date": ("empty",),
    "nir": ("empty", "length", "format"),
    "serial": ("empty", "not_digits", "length"),
    "code": ("length", "bad_character"),
}


class FaultError(ValueError):
    """A control API request for faults that does not make sense."""


@dataclass
class Faults:
    cookie_panel: str = "first_visit"
    cookie_delay_ms: int = 1500
    maintenance: int = 0
    latency_ms: int = 0
    error_on_step: dict[str, int] = field(default_factory=dict)
    expire_session_on_step: list[str] = field(default_factory=list)
    leave_dialog_on_step: list[str] = field(default_factory=list)
    # 0: the dialog is open before the page has finished loading; more: it opens that late.
    leave_dialog_delay_ms: int = 0
    captcha_on_step: list[str] = field(default_factory=list)
    hang_on_step: list[str] = field(default_factory=list)
    confirm_dialogs: bool = False
    variants: list[str] = field(default_factory=list)
    third_party: bool = False
    personality: str = "classic"
    # One label or sentence of the contract said otherwise: {"Paramètres": "Réglages"}.
    relabel: dict[str, str] = field(default_factory=dict)
    # The server takes a step's post at once but answers it this much later (ms).
    answer_delay_ms: dict[str, int] = field(default_factory=dict)
    # A site with stricter rules than the contract's: it refuses this field, whatever is
    # typed, with the contract's message for that problem: {"nir": "format"}.
    refuse_field: dict[str, str] = field(default_factory=dict)
    # A consent banner that comes while that step is on its way (the step pressed, its
    # answer not there yet), `banner_delay_ms` after the press: each step once.
    banner_on_step: list[str] = field(default_factory=list)
    banner_delay_ms: int = 80
    # A consent banner that opens as that step's button is pressed (pointer down): the
    # release lands on its backdrop and the click never reaches the button. Each step once.
    banner_on_press: list[str] = field(default_factory=list)
    # A consent banner that opens as the pointer comes over that step's button (a consent
    # manager waiting for the first interaction, a mouse movement included): it comes
    # between a look at the screen and the press, which goes down on its backdrop and never
    # reaches the button at all. Each step once.
    banner_on_hover: list[str] = field(default_factory=list)
    # The next N code requests are refused with the app's wait sentence, which names
    # `rate_limit_s`; it is also the site's own interval between two requests.
    rate_limit: int = 0
    rate_limit_s: int = 30
    # That step's page is the wait sentence instead, a page of its own (the contract: after
    # « Envoyer le code » and possibly after other calls). Each step once.
    rate_limit_on_step: list[str] = field(default_factory=list)
    # While a step is on its way: « Chargement… » in a status and a spinner in the button,
    # the step sent 600 ms later (a busy page that also says something).
    busy_notice: bool = False
    # After that step's post is taken, its screen is shown again, as it was (one shot):
    # a site that did the step and shows it once more.
    repeat_after_step: list[str] = field(default_factory=list)
    # The step's post is answered with its own screen again, unchanged, every time.
    unchanged_step: list[str] = field(default_factory=list)
    # « Se connecter » leads to a sign-in page on the site's second origin; the person is
    # sent back to the first after the single-use code.
    signin_elsewhere: bool = False
    # After the card model, the identity screen is on a foreign-looking origin.
    identity_elsewhere: bool = False
    # The activation's « Commencer » is drawn by a script from a foreign-looking origin:
    # a third party the site needs.
    needs_elsewhere: bool = False
    # The slow personality's delay for every submit (final steps twice it), instead of its
    # 200-800 ms: the test suite keeps the same busy states at a fraction of the wait.
    slow_ms: int | None = None
    # The loader personality's time for every step (final steps twice it), instead of its
    # seeded 0.3-2 s: the test suite keeps the same layer at a fraction of the wait.
    loader_ms: int | None = None
    # After « Confirmer », the confirmation dialog is closed and drawn again while its step
    # is on its way (a press of its « Confirmer » then would send the step again).
    confirm_redrawn: bool = False
    # After that step's post is taken, a page of its own (« Votre demande est en cours de
    # traitement », no screen of the contract) that goes on to the step's answer by itself
    # `interim_s` seconds later. Each step once.
    interim_after_step: list[str] = field(default_factory=list)
    interim_s: int = 4
    # The expiring personality's seed: which step each session expires at.
    expiry_seed: int = 0
    # How « Télécharger l'attestation » brings the file (ATTESTATION_WAYS); None: the
    # personality's way (blob for scripted_download, else a download).
    attestation_way: str | None = None
    # The next N requests for the attestation are answered with an error page that says
    # it is a PDF: not the file.
    attestation_broken: int = 0

    def attestation_serving(self) -> str:
        if self.attestation_way is not None:
            return self.attestation_way
        return "blob" if self.is_("scripted_download") else "download"

    def confirms(self) -> bool:
        """Final steps ask for confirmation in a dialog (a fault, or the loader's way)."""
        return self.confirm_dialogs or self.confirm_redrawn or self.is_("loader")

    def banner_during(self, step: str | None) -> bool:
        """The consent banner comes back while this step is on its way: once for a step the
        fault names, every time for a final step of the loader personality."""
        if step is None:
            return False
        return self.take_once(self.banner_on_step, step) or (
            self.is_("loader") and step in FINAL_STEP_NAMES
        )

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def has(self, variant: str) -> bool:
        return variant in self.variants

    def is_(self, trait: str) -> bool:
        """True when the site's personality includes this trait (spa, slow, reworded, v2 or
        one of V2_TRAITS)."""
        names = self.personality.split("+")
        if "hostile" in names:
            names += HOSTILE_TRAITS
        if "wizard" in names or "split" in names or "components" in names:
            names.append("spa")  # a wizard, a split site, components: single-page sites
        return trait in names or ("v2" in names and trait in V2_TRAITS)

    def take_error(self, step: str) -> bool:
        """True (and one fewer left) when this step must fail with the generic error."""
        left = self.error_on_step.get(step, 0)
        if left <= 0:
            return False
        self.error_on_step[step] = left - 1
        return True

    def take_once(self, steps: list[str], step: str) -> bool:
        if step in steps:
            steps.remove(step)
            return True
        return False

    def take_maintenance(self) -> bool:
        if self.maintenance > 0:
            self.maintenance -= 1
            return True
        return False

    def update(self, data: Any) -> None:
        """Apply a control API request; keys not given keep their value."""
        if not isinstance(data, dict):
            raise FaultError("faults must be a JSON object")
        if data.get("clear"):
            # Faults go; the personality is how the site is, not a fault: it stays.
            fresh = Faults(
                personality=self.personality, slow_ms=self.slow_ms, loader_ms=self.loader_ms
            )
            self.__dict__.update(fresh.__dict__)
        known = set(Faults.__dataclass_fields__) | {"clear"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise FaultError(f"unknown faults: {', '.join(unknown)}")
        for key, value in data.items():
            if key != "clear":
                setattr(self, key, _checked(key, value))


def _steps(key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(step not in STEPS for step in value):
        raise FaultError(f"'{key}' takes step names among: {', '.join(STEPS)}")
    return list(value)


def _checked(key: str, value: Any) -> Any:
    if key == "cookie_panel":
        if value not in COOKIE_MODES:
            raise FaultError(f"'cookie_panel' must be one of {', '.join(COOKIE_MODES)}")
        return value
    if key in ("slow_ms", "loader_ms"):
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or value < 0
        ):
            raise FaultError(f"'{key}' must be a whole number >= 0, or null")
        return value
    if key in (
        "cookie_delay_ms",
        "leave_dialog_delay_ms",
        "maintenance",
        "latency_ms",
        "banner_delay_ms",
        "rate_limit",
        "rate_limit_s",
        "interim_s",
        "expiry_seed",
        "attestation_broken",
    ):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise FaultError(f"'{key}' must be a whole number >= 0")
        return value
    if key in (
        "confirm_dialogs",
        "confirm_redrawn",
        "third_party",
        "busy_notice",
        "signin_elsewhere",
        "identity_elsewhere",
        "needs_elsewhere",
    ):
        if not isinstance(value, bool):
            raise FaultError(f"'{key}' must be true or false")
        return value
    if key == "error_on_step":
        if isinstance(value, str | list):
            return dict.fromkeys(_steps(key, value), 1)
        if not isinstance(value, dict):
            raise FaultError("'error_on_step' takes a step, a list of steps or {step: times}")
        _steps(key, list(value))
        if any(not isinstance(n, int) or n < 0 for n in value.values()):
            raise FaultError("'error_on_step' counts must be whole numbers >= 0")
        return dict(value)
    if key == "personality":
        return checked_personality(value)
    if key == "attestation_way":
        if value is not None and value not in ATTESTATION_WAYS:
            raise FaultError(f"'attestation_way' is one of {', '.join(ATTESTATION_WAYS)}, or null")
        return value
    if key == "relabel":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and k and isinstance(v, str) for k, v in value.items()
        ):
            raise FaultError("'relabel' takes {label: other wording}")
        return dict(value)
    if key == "answer_delay_ms":
        if not isinstance(value, dict):
            raise FaultError("'answer_delay_ms' takes {step: milliseconds}")
        _steps(key, list(value))
        if any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for n in value.values()):
            raise FaultError("'answer_delay_ms' values must be whole numbers >= 0")
        return dict(value)
    if key == "refuse_field":
        if not isinstance(value, dict) or any(
            REFUSABLE.get(name) is None or problem not in REFUSABLE[name]
            for name, problem in value.items()
        ):
            choices = "; ".join(f"{k}: {', '.join(v)}" for k, v in REFUSABLE.items())
            raise FaultError(f"'refuse_field' takes {{field: problem}} among {choices}")
        return dict(value)
    if key == "variants":
        if not isinstance(value, list) or any(v not in VARIANTS for v in value):
            raise FaultError(f"'variants' takes a list among: {', '.join(VARIANTS)}")
        return list(value)
    return _steps(key, value)


def checked_personality(value: Any) -> str:
    names = value.split("+") if isinstance(value, str) else [None]
    if any(name not in PERSONALITIES + V2_TRAITS for name in names):
        raise FaultError(
            f"'personality' is one of {', '.join(PERSONALITIES)}, or several joined by +"
        )
    return str(value)
