"""The site's own family of origins: the site reaches itself (a back end, a sign-in page on
another origin of the same site), a third party it needs is reached only when the person
allows it, secrets are typed nowhere else, and what was blocked is said."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from automation.cli.demo import demo_environment
from flows.outcome import Outcome
from flows.site_family import SiteFamily
from tests.support.cli import UNCHECKED, run_cli
from tests.support.control import MockControl
from tests.support.households import demo_subset
from tests.support.robot import Robot, member_for

ERIC_LOGIN = {"login": "eric.petit", "password": "Sante-Demo-2026"}
IDENTITY_FIELDS = {"birth_date", "nir", "serial", "code", "login", "password", "login_code"}


@pytest.mark.parametrize(("url", "owned"), [
    ("https://www.monespacesante.fr/activer", True),
    ("https://cms.monespacesante.fr/texts.json", True),
    ("https://monespacesante.fr/", True),
    ("https://bff.enrolement.monespacesante.fr:8443/api", True),
    ("http://www.monespacesante.fr/", False),  # secrets never over plain http
    ("https://monespacesante.fr.example.net/", False),  # a lookalike
    ("https://faux-monespacesante.fr/", False),
    ("https://tracker.example.net/collect.js", False),
])  # fmt: skip
def test_the_real_sites_family_is_its_registrable_domain_over_https(url: str, owned: bool) -> None:
    assert SiteFamily("https://www.monespacesante.fr").owns(url) is owned


@pytest.mark.parametrize(("url", "owned"), [
    ("http://127.0.0.1:8000/parcours/carte", True),
    ("http://127.0.0.1:41234/api", True),  # the same host on another port: the back end
    ("http://127.0.0.2:8000/", False),  # another loopback address is another host
    ("http://localhost:8000/", False),
])  # fmt: skip
def test_a_loopback_mocks_family_is_its_host_on_any_port(url: str, owned: bool) -> None:
    family = SiteFamily("http://127.0.0.1:8000", allowed=("http://127.0.0.2:9000",))
    assert family.owns(url) is owned
    assert family.allows("http://127.0.0.2:9000/static/widget.js")


HOSTS = ["www.monespacesante.fr", "monespacesante.fr", "cms.monespacesante.fr", "127.0.0.1",
         "127.0.0.2", "localhost", "monespacesante.fr.example.net", "faux-monespacesante.fr",
         "cdn.example.com", "x.cdn.example.com", "monespacesante.fr@evil.example",
         "evil.example@www.monespacesante.fr", "127.0.0.1.evil.example"]  # fmt: skip
SCHEMES = ["https://", "http://", "HTTPS://", "ws://", "data:", "blob:", "javascript:"]
PORTS = ["", ":8000", ":443", ":8443"]
TAILS = ["", "/", "/parcours?x=1", "#f", "?q", ".evil.example/", "/../x", "@evil.example/"]


@pytest.mark.parametrize("base", ["https://www.monespacesante.fr", "http://127.0.0.1:8000",
                                  "http://localhost:8000"])  # fmt: skip
def test_an_address_the_filter_is_not_asked_about_is_the_sites_own(base: str) -> None:
    # The browser asks the filter only about addresses that may be foreign: every address
    # it lets through unasked must be one the site family allows. Every combination tried.
    family = SiteFamily(base, allowed=("https://cdn.example.com",))
    unasked = family.maybe_foreign()
    wrong = [
        url
        for url in map("".join, itertools.product(SCHEMES, HOSTS, PORTS, TAILS))
        if not unasked.search(url)
        and not url.lower().startswith(("data:", "blob:"))
        and not family.allows(url)
    ]
    assert wrong == []


@pytest.mark.e2e
def test_a_site_whose_screens_come_from_its_back_end_is_reached(
    robot: Robot, mock: MockControl
) -> None:
    # Given a single-page site whose screens are fetched from a second origin of its own
    mock.faults(personality="split")
    run = robot.run(member_for("alice"))
    # Then the robot reaches it, and the posts went to that back end
    assert (run.result.outcome, run.result.reason) == (Outcome.OPPOSED, None), run.result.screens
    assert mock.person("alice")["submissions"]["opposition"] == 1
    origins = {post["origin"] for post in mock.posts()}
    assert origins and mock.base_url not in origins, origins
    assert not run.guard.blocked


@pytest.mark.e2e
def test_a_sign_in_page_on_another_origin_of_the_site_is_used(
    robot: Robot, mock: MockControl
) -> None:
    mock.faults(signin_elsewhere=True)
    run = robot.run(member_for("eric", action="close", **ERIC_LOGIN))
    assert (run.result.outcome, run.result.reason) == (Outcome.CLOSED, None), run.result.screens
    assert mock.person("eric")["state"] == "closed"
    assert any(post["path"] == "/connexion" and post["origin"] != mock.base_url
               for post in mock.posts())  # fmt: skip


@pytest.mark.e2e
def test_an_identity_screen_on_a_foreign_origin_gets_nothing_typed(
    robot: Robot, mock: MockControl
) -> None:
    # Given a site that sends the identity screen to an origin that is not its own
    mock.faults(identity_elsewhere=True)
    run = robot.run(member_for("alice"))
    # Then the robot types nothing there and says where it was sent
    elsewhere = next(origin for origin in run.guard.blocked if "127.0.0.2" in origin)
    assert (run.result.outcome, run.result.reason) == (Outcome.NEEDS_HUMAN, "foreign_origin")
    assert run.result.detail == elsewhere
    assert elsewhere in run.said
    assert [post for post in mock.posts() if post["origin"] == elsewhere] == []
    assert all(not IDENTITY_FIELDS & set(post["filled"]) for post in mock.posts())
    assert mock.person("alice")["state"] == "invited"


@pytest.mark.e2e
def test_a_third_party_the_site_needs_is_reached_once_allowed_and_the_report_says_so(
    mock: MockControl, tmp_path: Path
) -> None:
    # Given a site whose « Commencer » is drawn by a script from another origin
    mock.faults(needs_elsewhere=True)
    household = demo_subset(tmp_path, ["alice"])
    args = ("run", str(household), "--base-url", mock.base_url, "--yes", UNCHECKED)
    env = {**demo_environment(), "MES_RECOGNISE_TIMEOUT_S": "2"}
    # When the robot runs without allowing it: Alice is not done, and the line says which
    # origin the site asked for and the robot blocked, with the option that allows it
    refused = run_cli(*args, "--out", str(tmp_path / "refused"), env=env)
    assert refused.returncode != 0, refused.stdout
    widget_origin = next(
        origin for origin in blocked_in_report(tmp_path / "refused") if "127.0.0.2" in origin
    )
    assert widget_origin in refused.stdout and "--allow-origin" in refused.stdout
    assert mock.person("alice")["state"] == "invited"
    # When the person allows that origin
    allowed = run_cli(*args, "--out", str(tmp_path / "allowed"), "--allow-origin", widget_origin,
                      env=env)  # fmt: skip
    # Then Alice is opposed, and the result line and the report name the allowance
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert f"origines autorisées à votre demande : {widget_origin}" in allowed.stdout
    [member] = json.loads((tmp_path / "allowed" / "report.json").read_text())["members"]
    assert member["allowed"] == [widget_origin]
    assert mock.person("alice")["state"] == "opposed"


def blocked_in_report(out: Path) -> list[str]:
    [member] = json.loads((out / "report.json").read_text())["members"]
    return list(member["blocked"])


@pytest.mark.e2e
def test_check_site_lists_an_origin_the_site_needs_and_types_nothing(
    mock: MockControl, tmp_path: Path
) -> None:
    mock.faults(needs_elsewhere=True)
    result = run_cli("check-site", "--base-url", mock.base_url, "--out", str(tmp_path),
                     env={"MES_RECOGNISE_TIMEOUT_S": "2"})  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bloqué : http://127.0.0.2:" in result.stdout
    assert "--allow-origin" in result.stdout
    assert all(not IDENTITY_FIELDS & set(post["filled"]) for post in mock.posts())
    # And the masked diagnostic of the screen it could not use names the origin too
    [snapshot] = tmp_path.rglob("unknown-screen.txt")
    assert "blocked by the robot: http://127.0.0.2:" in snapshot.read_text()


@pytest.mark.e2e
def test_no_secret_is_typed_into_a_page_of_another_site(
    robot: Robot, mock: MockControl, tmp_path: Path
) -> None:
    # Given a member's flow whose page is, at the moment of typing, not the site's
    from playwright.sync_api import Browser

    from automation.output.evidence import EvidenceFolder
    from flows.member_flow import MemberFlow
    from flows.options import Stop

    browser: Browser = robot.browser
    context = browser.new_context()
    try:
        page = context.new_page()
        flow = MemberFlow(page, member_for("alice"), robot.options(),
                          EvidenceFolder(tmp_path, "alice"))  # fmt: skip
        page.goto(mock.base_url)
        flow.typing_secrets()  # the site's own page: typing may go on
        page.goto("data:text/html,<label>Mon numéro de sécurité sociale <input></label>")
        # Then the robot refuses to type, and names where it was
        with pytest.raises(Stop) as stopped:
            flow.typing_secrets()
        result = stopped.value.result
        assert (result.outcome, result.reason) == (Outcome.NEEDS_HUMAN, "foreign_origin")
    finally:
        context.close()
