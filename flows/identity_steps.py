"""The identity screens (1.2 the card's model, 1.3 the card, 1.4 twins): the member's card
typed, only on the site's own site; a screen shown again is the site refusing it."""

from __future__ import annotations

from flows.options import Stop
from flows.pages import identity
from flows.step_context import StepContext


class IdentitySteps:
    def __init__(self, flow: StepContext) -> None:
        self.flow = flow

    def on_card_model(self, screen: identity.CardModel) -> None:
        if reason := self.flow.again_with(screen):
            raise Stop(self.flow.fail(reason))
        if self.flow.member.card_model is None:
            raise Stop(self.flow.fail("identity_needed"))
        screen.choose(self.flow.member.card_model)

    def on_identity(self, screen: identity.Identity) -> None:
        if reason := self.flow.again_with(screen):
            raise Stop(self.flow.fail(reason))
        member = self.flow.member
        if member.nir is None or member.card_serial is None:
            raise Stop(self.flow.fail("identity_needed"))
        self.flow.typing_secrets()
        screen.fill(
            member.birth_date.isoformat(),
            member.nir.get_secret_value(),
            member.card_serial.get_secret_value(),
        )
        screen.submit()

    def on_twins_choice(self, screen: identity.TwinsChoice) -> None:
        if not screen.has(self.flow.member.first_name):
            raise Stop(self.flow.fail("twin_not_found"))
        screen.choose(self.flow.member.first_name)
