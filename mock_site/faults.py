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
COOKIE_MODES = ("off", "first_visit", "late")


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
    captcha_on_step: list[str] = field(default_factory=list)
    hang_on_step: list[str] = field(default_factory=list)
    confirm_dialogs: bool = False
    variants: list[str] = field(default_factory=list)
    third_party: bool = False

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def has(self, variant: str) -> bool:
        return variant in self.variants

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
            fresh = Faults()
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
    if key in ("cookie_delay_ms", "maintenance", "latency_ms"):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise FaultError(f"'{key}' must be a whole number >= 0")
        return value
    if key in ("confirm_dialogs", "third_party"):
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
    if key == "variants":
        if not isinstance(value, list) or any(v not in VARIANTS for v in value):
            raise FaultError(f"'variants' takes a list among: {', '.join(VARIANTS)}")
        return list(value)
    return _steps(key, value)
