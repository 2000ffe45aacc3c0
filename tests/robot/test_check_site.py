"""`mes-optout check-site`: the robot's page objects against the site, nothing typed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from automation.cli.demo import demo_environment
from automation.run.check_site import look_at_site
from mock_site.faults import HOSTILE_TRAITS, PERSONALITIES
from tests.support.cli import run_cli
from tests.support.control import MockControl
from tests.support.households import demo_subset
from tests.support.ports import free_loopback_port

pytestmark = pytest.mark.e2e
SCREENS = ["home", "activation_welcome", "card_model", "identity", "close_or_oppose_entry",
           "sign_in"]  # fmt: skip


# The personalities whose screens the look walks differently (each of the others is in
# `hostile`, which combines them, or changes nothing the look relies on).
LOOKED_UNDER = ("classic", "v2", "reworded", "banner", "split", "hostile", "components", "loader",
                "expiring")  # fmt: skip
# Personalities that change nothing the look meets: `closed_refuses` answers only a closed
# profile's sign-in, which the look never submits; `scripted_download` changes only what
# comes after the look's screens (the attestation).
UNSEEN_BY_THE_LOOK = ("closed_refuses", "scripted_download")


def test_the_look_meets_every_way_a_site_may_be() -> None:
    covered = {trait for p in LOOKED_UNDER for trait in (p, *HOSTILE_TRAITS) if p == "hostile"}
    assert set(PERSONALITIES) <= {*LOOKED_UNDER, *covered, *UNSEEN_BY_THE_LOOK}


@pytest.mark.parametrize("personality", LOOKED_UNDER)
def test_every_screen_found_under_every_personality(
    browser: Browser, mock: MockControl, tmp_path: Path, personality: str
) -> None:
    mock.faults(personality=personality)
    people = ("alice", "bruno", "eric", "gaelle")
    before = [mock.person(p) for p in people]
    outcome = look_at_site(browser, mock.base_url, tmp_path, 10_000, 3_000)
    assert [s.screen for s in outcome.screens] == SCREENS
    assert [s.screen for s in outcome.screens if not s.ok] == []
    assert all(label.found for s in outcome.screens for label in s.labels)
    # Nothing about anyone was typed: no code asked for, nobody's state changed.
    assert [mock.person(p) for p in people] == before


def test_a_changed_label_is_named_with_its_screen(
    mock_site_process: tuple[str, Path], tmp_path: Path
) -> None:
    mock = MockControl(*mock_site_process)
    mock.reset()
    mock.faults(relabel={"Se connecter": "Me connecter"})
    try:
        result = run_cli("check-site", "--base-url", mock.base_url, "--out", str(tmp_path / "out"),
                         env=QUICK)  # fmt: skip
    finally:
        mock.faults(clear=True)
    said = result.stdout
    assert result.returncode == 1, said + result.stderr
    assert "✗ link « Se connecter » : introuvable" in said  # on the home page
    assert "✗ connexion : pas reconnu" in said
    assert "✓ identité : reconnu, 4/4 libellés trouvés" in said
    assert "Le site a changé là où le robot s'appuie" in said
    assert list((tmp_path / "out").rglob("unknown-screen.txt")), "a masked diagnostic"


# The mock answers in milliseconds: a screen that is not recognised in 3 s never will be.
QUICK = {"MES_RECOGNISE_TIMEOUT_S": "3"}
IDENTITY_FIELDS = {"birth_date", "nir", "serial", "code", "login", "password", "login_code"}


def test_a_run_stops_before_its_first_member_when_the_site_changed(
    mock: MockControl, tmp_path: Path
) -> None:
    mock.faults(relabel={"numéro de série": "numéro de carte"})
    path = demo_subset(tmp_path, ["alice"])
    args = ("run", str(path), "--base-url", mock.base_url, "--yes", "--out", str(tmp_path / "out"))
    stopped = run_cli(*args, env={**demo_environment(), **QUICK})
    said = stopped.stdout + stopped.stderr
    assert stopped.returncode == 1, said
    assert "✗ field « numéro de série » : introuvable" in said
    assert "aucun membre n'a été traité, rien n'a été saisi" in said
    # Nothing about anyone went to the site: no form carried a field of identity.
    assert all(not IDENTITY_FIELDS & set(post["filled"]) for post in mock.posts())
    assert mock.person("alice")["state"] == "invited"
    # Going on anyway is the person's call, and the report says it was not checked.
    mock.faults(relabel={})
    went_on = run_cli(*args, "--skip-check", env=demo_environment())
    assert went_on.returncode == 0, went_on.stdout + went_on.stderr
    assert "site non vérifié avant de commencer (--skip-check)" in went_on.stdout
    assert mock.person("alice")["state"] == "opposed"


def test_the_first_member_goes_on_from_where_the_look_left_them(
    mock: MockControl, tmp_path: Path
) -> None:
    # Given a household whose first member's card has no photo (the look's own pick when
    # it walks for nobody is the card with one)
    path = demo_subset(tmp_path, ["bruno", "denise"])
    out = tmp_path / "out"
    done = run_cli("run", str(path), "--base-url", mock.base_url, "--yes", "--code-from",
                   f"maildir:{mock.outbox}", "--out", str(out), env=demo_environment())  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    # Then the look's last walk was Bruno's way in, with his card model: his flow starts
    # on the identity form; the next member starts from the home page, in a context of
    # her own
    first: dict[str, str] = {}
    for line in (out / "mes-optout.log").read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        if event.get("event") == "screen":
            first.setdefault(event["member"], event["screen"])
    assert first == {"bruno": "identity", "denise": "cookie_panel"}
    # And each is done once, as without the hand-over
    assert mock.person("bruno")["state"] == "opposed"
    assert mock.person("bruno")["submissions"]["opposition"] == 1
    assert mock.person("denise")["submissions"]["opposition"] == 0  # opposed last month


def test_a_site_that_cannot_be_reached_is_said_so_without_a_traceback(tmp_path: Path) -> None:
    # Given an address where nothing listens
    address = f"http://127.0.0.1:{free_loopback_port()}"
    quick = {"MES_BACKOFF_S": "0.01", "MES_RETRIES": "2"}
    looked = run_cli("check-site", "--base-url", address, "--out", str(tmp_path / "look"),
                     env=quick)  # fmt: skip
    ran = run_cli("run", str(demo_subset(tmp_path, ["alice"])), "--base-url", address, "--yes",
                  "--out", str(tmp_path / "out"), env={**demo_environment(), **quick})  # fmt: skip
    # Then both say so in a sentence, with the exit status of a site not available
    assert (looked.returncode, looked.stderr) == (4, ""), looked.stdout + looked.stderr
    assert "Site injoignable : rien n'a été saisi" in looked.stdout
    assert (ran.returncode, ran.stderr) == (4, ""), ran.stdout + ran.stderr
    assert f"Site injoignable à l'adresse {address}" in ran.stdout
    # after trying again with the run's backoff, for as long as it says
    assert "(essayé 3 fois en " in looked.stdout
    assert "(essayé 3 fois en " in ran.stdout


def test_a_late_banner_on_a_single_page_site_is_no_change(
    browser: Browser, mock: MockControl, tmp_path: Path
) -> None:
    # Given a slow single-page site whose consent panel comes 700 ms after its only load,
    # while the robot's first steps are on their way
    mock.faults(personality="spa+slow", cookie_panel="late", cookie_delay_ms=700)
    started = time.monotonic()
    outcome = look_at_site(browser, mock.base_url, tmp_path, 30_000, 3_000)
    # Then every screen is recognised where it should be, and no step waited for its load
    # timeout (a click meant for the panel, held by the busy overlay, is no step pressed)
    assert [s.screen for s in outcome.screens if not s.ok] == []
    assert time.monotonic() - started < 20


@pytest.mark.parametrize(("pages", "status", "said"), [
    (2, 0, "Le site correspond à ce que le robot connaît."),
    (1000, 4, "Site indisponible (maintenance) : rien n'a été saisi"),
])  # fmt: skip
def test_maintenance_is_waited_out_then_said_as_such(
    mock: MockControl, tmp_path: Path, pages: int, status: int, said: str
) -> None:
    # Given a site in maintenance for its first `pages` pages
    mock.faults(maintenance=pages)
    result = run_cli("check-site", "--base-url", mock.base_url, "--out", str(tmp_path / "out"),
                     env={**QUICK, "MES_BACKOFF_S": "0.05"})  # fmt: skip
    # Then the look retries with the run's backoff: done once the site is back, or said to
    # be unavailable (its own exit status), never « changed »; nothing typed either way
    assert result.returncode == status, result.stdout + result.stderr
    assert said in result.stdout
    assert "Le site a changé" not in result.stdout
    assert all(not IDENTITY_FIELDS & set(post["filled"]) for post in mock.posts())


def test_a_run_on_a_site_in_maintenance_stops_before_anyone_and_says_so(
    mock: MockControl, tmp_path: Path
) -> None:
    mock.faults(maintenance=1000)
    path = demo_subset(tmp_path, ["alice"])
    result = run_cli("run", str(path), "--base-url", mock.base_url, "--yes",
                     "--out", str(tmp_path / "out"),
                     env={**demo_environment(), **QUICK, "MES_BACKOFF_S": "0.05"})  # fmt: skip
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Site indisponible (maintenance) : aucun membre n'a été traité" in result.stdout
    assert mock.posts() == []
    assert mock.person("alice")["state"] == "invited"


def test_a_changed_sign_in_page_holds_only_the_closure_with_a_login(
    mock: MockControl, tmp_path: Path
) -> None:
    # Given a site whose sign-in page no longer says « Mot de passe »
    mock.faults(relabel={"Mot de passe": "Code secret"})
    path = demo_subset(tmp_path, ["alice", "eric"])
    result = run_cli("run", str(path), "--base-url", mock.base_url, "--yes",
                     "--out", str(tmp_path / "out"), env={**demo_environment(), **QUICK})  # fmt: skip
    said = result.stdout + result.stderr
    # Then the opposition is done, the closure with a login is held with one sentence
    # saying why, and nothing was typed for it
    assert result.returncode == 3, said
    assert mock.person("alice")["state"] == "opposed"
    assert mock.person("eric")["state"] == "active"
    held = [line for line in result.stdout.splitlines() if line.startswith("eric")]
    assert (
        len(held) == 1 and "le site a changé sur un écran dont cette personne a besoin" in held[0]
    )
    assert "connexion" in held[0] and "sign_in" not in held[0]
    assert not [post for post in mock.posts() if post["path"].startswith("/connexion")]


def test_a_run_looks_only_at_the_screens_its_members_need(
    mock: MockControl, tmp_path: Path
) -> None:
    # Given a site whose sign-in page changed, whose flow 3 entry would answer its next
    # visit with an error, and a household that only opposes
    mock.faults(relabel={"Mot de passe": "Code secret"}, error_on_step={"close_or_oppose": 1})
    path = demo_subset(tmp_path, ["alice"])
    result = run_cli("run", str(path), "--base-url", mock.base_url, "--yes",
                     "--out", str(tmp_path / "out"), env={**demo_environment(), **QUICK})  # fmt: skip
    # Then nobody is held for a page nobody needs, and it was not even visited
    assert result.returncode == 0, result.stdout + result.stderr
    assert "sign_in" not in result.stdout and "connexion" not in result.stdout
    assert mock.person("alice")["state"] == "opposed"
    assert not [post for post in mock.posts() if post["path"].startswith("/connexion")]
    # nor the way into flow 3: its error is still to come
    assert mock.faults()["error_on_step"] == {"close_or_oppose": 1}
