"""The screens of the site as the robot knows them, one page object each: what tells the
screen apart (`mark`, `alternatives`, `unless`), what the robot relies on there
(`relies_on`), the messages it may show, and what the robot does (`does`).
docs/screens.md is generated from them (`python -m flows.pages.describe`).

The index below is also the order of detection: dialogs sit on top of pages, and what
the site says (an error, a state) wins over the page it is said on."""

from __future__ import annotations

from flows.pages import account, closure, codes, decision, entry, identity, interstitials, states
from flows.pages.base import Screen

SCREENS: tuple[type[Screen], ...] = (
    # on top of everything
    interstitials.ConfirmDialog,
    interstitials.LeaveDialog,
    interstitials.CookiePanel,
    # what the site says
    interstitials.Maintenance,
    interstitials.SessionExpired,
    interstitials.GenericError,
    codes.NoContactDetails,
    codes.CodeExpiredPage,
    codes.CodeUsedPage,
    states.ProfileExists,
    states.NotActivatable,
    states.NotRepresentative,
    decision.Attestation,
    # the steps
    closure.Closure,
    closure.DeletionStep,
    closure.ClosureChoice,
    account.SettingsPage,
    # the word « clôturé », once no closure step shows
    states.ProfileClosed,
    decision.Decision,
    decision.Representative,
    identity.TwinsChoice,
    codes.Contact,
    codes.CodeProvisoire,
    identity.Identity,
    identity.CardModel,
    account.SecondFactor,
    account.SignIn,
    account.SignedInHome,
    entry.CloseOrOpposeEntry,
    entry.ActivationWelcome,
    entry.Home,
    # the wait-out sentence on a page of its own, when nothing else shows around it
    interstitials.RateLimited,
)
