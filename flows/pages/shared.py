"""Labels of the contract that more than one screen carries (to act on, or to tell one
screen from another): declared once, here."""

from __future__ import annotations

from flows.pages.marks import Mark

# The sign-in form's field, asked again by v2's closure form in flow 2.
PASSWORD = Mark("field", "Mot de passe")
# The closure form's button: it tells that form apart from pages that say « clôturé ».
CLOSE = Mark("button", "Clôturer mon profil")
# The deletion box: on the closure form, or (v2, flow 3) a step of its own.
DELETION = Mark("choice", "Je souhaite que mes données soient supprimées")
