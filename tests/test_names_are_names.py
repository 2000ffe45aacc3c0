"""A member's own name is matched as itself (issue 28): the tolerance of the site's labels
(case, white space, apostrophes) applies to it, but a « … » or a regex character in a name
stands for nothing else, so a profile whose name only resembles it is never taken."""

from __future__ import annotations

from typing import Any, cast

import pytest
from playwright.sync_api import Page

from flows.pages.account import SignedInHome
from flows.pages.base import Names, Screen
from flows.pages.closure import Closure, ClosureChoice
from flows.pages.identity import TwinsChoice
from flows.pages.marks import Node
from flows.pages.text import pattern

NO_PAGE = cast(Page, None)  # these screens read a snapshot only


def showing(screen_type: type[Screen], *nodes: Node, names: Names | None = None) -> Any:
    screen = screen_type(NO_PAGE, names)
    screen.nodes = list(nodes)
    return screen


def boxes(*names: str) -> list[Node]:
    return [Node("checkbox", name, "") for name in names]


def test_an_ellipsis_in_a_name_is_not_any_words() -> None:
    other = showing(ClosureChoice, *boxes("Jean-Pierre Martin"))
    assert not other.has("Jean… Martin")
    own = showing(ClosureChoice, *boxes("Jean-Pierre Martin", "Jean… Martin"))
    assert own.has("Jean… Martin")


def test_the_same_for_the_first_name_among_twins() -> None:
    assert not showing(TwinsChoice, *boxes("Jean-Pierre")).has("Jean…")
    assert showing(TwinsChoice, *boxes("Jean-Pierre", "Jean…")).has("Jean…")


def test_regex_characters_in_a_name_are_characters() -> None:
    assert not showing(ClosureChoice, *boxes("Ana M Martin", "Ana Ma Martin")).has(
        "Ana (Ma) Martin"
    )
    assert showing(ClosureChoice, *boxes("Ana (Ma) Martin")).has("Ana (Ma) Martin")
    assert not showing(ClosureChoice, *boxes("Anna Martin")).has("An.a Martin")


def test_the_closure_heading_names_someone_else() -> None:
    heading = Node("heading", "Clôture du profil de Jean-Pierre Martin", "")
    assert showing(Closure, heading).names_someone_else("Jean… Martin")
    own = Node("heading", "Clôture du profil de Jean… Martin", "")
    assert not showing(Closure, own).names_someone_else("Jean… Martin")


def test_the_account_holder_is_recognised_by_their_own_name() -> None:
    names = Names(account_holder="Jean… Martin")
    other = showing(SignedInHome, Node("button", "Jean-Pierre Martin", ""), names=names)
    assert not other.shows_in(other.nodes)
    own = showing(SignedInHome, Node("button", "Jean… Martin", ""), names=names)
    assert own.shows_in(own.nodes)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("élodie dupont", "Élodie  Dupont"),  # case, a run of spaces
        ("Marie-Anne Le\u00a0Gall", "MARIE-ANNE LE GALL"),  # a non-breaking space
        ("Chloé O'Brien", "Chloé O’Brien"),  # either apostrophe
    ],
)
def test_the_tolerance_of_today_is_kept(typed: str, shown: str) -> None:
    assert pattern(typed, whole=True, literal=True).search(shown)


def test_labels_keep_their_ellipsis() -> None:
    assert pattern("Activer … espace santé").search("Activer mon espace santé")


def test_the_browser_ticks_the_member_not_a_lookalike(page: Page) -> None:
    """The same rule in the browser's own regular expressions (what `choose` ticks)."""
    page.set_content(
        "<label><input type=checkbox>Jean-Pierre Martin</label>"
        "<label><input type=checkbox>Ana (Ma) Martin</label>"
    )
    screen = ClosureChoice(page)
    assert screen.choice("Jean… Martin", whole=True, literal=True).count() == 0
    assert screen.choice("Jean-Pierre Martin", whole=True, literal=True).count() == 1
    assert screen.choice("Ana (Ma) Martin", whole=True, literal=True).count() == 1


def test_the_menu_opens_the_members_own_profile(page: Page) -> None:
    """v2's « Gérer le profil » of each profile: the member's, not a lookalike's."""
    page.set_content(
        "<div><p>Jean-Pierre Martin</p><a href='#jp'>Gérer le profil</a></div>"
        "<div><p>Jean… Martin</p><a href='#j'>Gérer le profil</a></div>"
    )
    home = SignedInHome(page)
    manage = home.link("Gérer le profil")
    found = home._manage_for(manage, "Jean… Martin")
    assert found is not None and found.get_attribute("href") == "#j"
    page.set_content("<div><p>Jean-Pierre Martin</p><a href='#jp'>Gérer le profil</a></div>")
    assert home._manage_for(home.link("Gérer le profil"), "Jean… Martin") is None
