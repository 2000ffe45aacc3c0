"""What the site says instead of the next step when the profile is not where the flow
expected it: opposed, created, closed, not activatable, not the legal representative."""

from __future__ import annotations

from playwright.sync_api import Download

from flows.pages.base import Screen
from flows.pages.marks import Mark


class AlreadyOpposed(Screen):
    """« Vous vous êtes déjà opposé(e) à la création de Mon espace santé le {date}. »"""

    name = "already_opposed"

    mark = Mark("text", "déjà opposé")

    def download_attestation(self, timeout_ms: float) -> Download:
        return self.download("Télécharger l'attestation", timeout_ms)


class ProfileExists(Screen):
    """« Un profil a déjà été créé pour cette personne. »"""

    name = "profile_exists"

    mark = Mark("text", "Un profil a déjà été créé")


class ProfileClosed(Screen):
    """« Ce profil a été clôturé le {date}. »"""

    name = "profile_closed"

    mark = Mark("text", "Ce profil a été clôturé le")


class NotActivatable(Screen):
    """« Ce profil ne peut pas être activé » (a deceased person, or another case)."""

    name = "not_activatable"

    mark = Mark("text", "Ce profil ne peut pas être activé")


class NotRepresentative(Screen):
    """« Je ne peux pas accéder au profil de {Prénom Nom} »."""

    name = "not_representative"

    mark = Mark("text", "Je ne peux pas accéder au profil de")
