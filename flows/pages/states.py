"""What the site says instead of the next step when the profile is not where the flow
expected it: created, closed, not activatable, not the legal representative. (Opposed
earlier: see `decision.Attestation`.)"""

from __future__ import annotations

from flows.pages.base import Screen
from flows.pages.marks import Mark
from flows.pages.shared import CLOSE, DELETION, PASSWORD

# « Ce profil a été clôturé le {date}. » and « Votre profil a été clôturé » are both
# inferred; their stable core is the word « clôturé ». Pages that carry the word but are
# steps of a closure (its form, its deletion step) are told apart by their controls.
CLOSED_CORE = r"clôturée?\b"


class ProfileExists(Screen):
    """« Un profil a déjà été créé pour cette personne. »"""

    name = "profile_exists"
    does = "stops: the profile exists (flow 3 or a login closes it)"

    mark = Mark("text", "Un profil a déjà été créé")


class ProfileClosed(Screen):
    """A profile that is closed: closed earlier (« Ce profil a été clôturé le {date}. »), or
    just now (2.7, « Votre profil a été clôturé »). The flow knows which: it clicked the
    closure itself, or it did not."""

    name = "profile_closed"
    does = "records the closure (now or earlier) and keeps a screenshot"

    mark = Mark("text", CLOSED_CORE, regex=True)
    unless = (CLOSE, DELETION, PASSWORD)


class NotActivatable(Screen):
    """« Ce profil ne peut pas être activé » (a deceased person, or another case)."""

    name = "not_activatable"
    does = "stops: the site says this profile cannot be activated"

    mark = Mark("text", "Ce profil ne peut pas être activé")


class NotRepresentative(Screen):
    """« Je ne peux pas accéder au profil de {Prénom Nom} »."""

    name = "not_representative"
    does = "stops: the site says the guardian is not the legal representative"

    mark = Mark("text", "Je ne peux pas accéder au profil de")
