"""The `mes-optout` command line."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from automation.one_person import run_person as run_one
from automation.run_command import RunRequest, run_household
from mock_site.faults import PERSONALITIES, FaultError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mes-optout", message="mes-optout %(version)s")
def main() -> None:
    """Refuse Mon espace santé, or close it, for a person or a household."""


@main.command("mock-site")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--outbox",
    type=click.Path(file_okay=False, path_type=Path),
    help="Maildir folder where the codes the site sends are delivered (default: a new one).",
)
@click.option(
    "--seed",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON file of the people the mock starts with (default: fixtures/mock_seed.json).",
)
@click.option(
    "--personality",
    default="classic",
    show_default=True,
    help="How the site behaves: classic, spa, slow, v2, reworded (or several joined by +).",
)
def mock_site(
    host: str, port: int, outbox: Path | None, seed: Path | None, personality: str
) -> None:
    """Serve the imitation of Mon espace santé, to explore it or to test against it."""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(
            f"Attention : le site d'imitation écoute sur {host}, hors de cette machine.", err=True
        )
    # The mock's web stack is loaded only by the commands that serve it.
    from mock_site.server import ListenError, MockServer
    from mock_site.state import SeedError

    try:
        server = MockServer(host, port, outbox, seed, personality)
    except FaultError as error:
        raise click.BadParameter(str(error), param_hint="--personality") from None
    except SeedError as error:
        message = (
            f"Le fichier des personnes du site d'imitation ({error.source}) "
            f"est inutilisable : {error.why}."
        )
        raise click.ClickException(message) from None
    except ListenError as error:
        message = f"Impossible d'écouter sur {host}:{port} : {error.strerror}."
        raise click.ClickException(message) from None
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        message = f"Le site d'imitation n'a pas pu démarrer{where} : {error.strerror}."
        raise click.ClickException(message) from None
    click.echo(f"Site d'imitation de Mon espace santé : {server.url}")
    click.echo(f"Codes envoyés (Maildir) : {server.outbox}")
    click.echo("Ctrl-C pour arrêter.")
    server.serve_forever()


def person_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The inputs of a one-person run. Secrets are not options: MES_NIR, MES_CARD_SERIAL,
    MES_CODE and MES_PASSWORD, or a hidden prompt."""
    options = [
        click.option("--id", "member_id", envvar="MES_ID", default="personne", show_default=True,
                     help="Short label used in every output (never the NIR)."),
        click.option("--first-name", envvar="MES_FIRST_NAME", help="Prénom."),
        click.option("--last-name", envvar="MES_LAST_NAME", help="Nom."),
        click.option("--birth-date", envvar="MES_BIRTH_DATE",
                     help="jj/mm/aaaa (the child's, for a minor)."),
        click.option("--card-model", envvar="MES_CARD_MODEL",
                     type=click.Choice(["avec_photo", "sans_photo"])),
        click.option("--channel", envvar="MES_CHANNEL", type=click.Choice(["email", "sms"]),
                     default="email", show_default=True, help="Where the site sends a new code."),
        click.option("--login", envvar="MES_LOGIN", help="Identifiant, when the profile has one."),
        click.option("--account-holder", envvar="MES_ACCOUNT_HOLDER",
                     help="Name shown once signed in (a guardian's, closing a child's profile)."),
        click.option("--minor", is_flag=True, envvar="MES_MINOR",
                     help="The person is a child: NIR and card are the guardian's."),
        click.option("--keep-data", is_flag=True,
                     help="Close without asking for the data to be deleted."),
        click.option("--base-url", envvar="MES_BASE_URL", help="The site (default: the real one)."),
        click.option("--headed/--headless", default=None,
                     help="Show the browser (default: shown when there is a screen)."),
        click.option("--dry-run", is_flag=True,
                     help="Stop just before the final step; change nothing."),
        click.option("--yes", is_flag=True, help="Confirm the final step without asking."),
        click.option("--code-from", envvar="MES_CODE_FROM",
                     help="prompt, or maildir:DIR (default: prompt when at a terminal)."),
        click.option("--out", type=click.Path(file_okay=False, path_type=Path), envvar="MES_OUT",
                     help="Output folder (default: ./mes-optout-resultats)."),
        click.option("--lang", type=click.Choice(["fr", "en"]), envvar="MES_LANG", default="fr",
                     show_default=True),
        click.option("--verbose", "-v", is_flag=True, help="Show progress in the terminal."),
        click.option("--trace", is_flag=True,
                     help="Record a Playwright trace (secrets are typed outside it)."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


PERSON_KEYS = ("first_name", "last_name", "birth_date", "card_model", "channel", "login",
               "account_holder", "minor")  # fmt: skip
REQUEST_KEYS = ("base_url", "headed", "dry_run", "yes", "code_from", "out", "lang", "verbose",
                "trace")  # fmt: skip


def run_person(action: str, options: dict[str, Any]) -> None:
    given = {key: options[key] for key in PERSON_KEYS}
    given["id"] = options["member_id"]
    given["delete_data"] = not options["keep_data"]
    request = RunRequest(**{key: options[key] for key in REQUEST_KEYS})
    raise SystemExit(int(run_one(action, given, request)))


@main.command()
@person_options
def oppose(**options: Any) -> None:
    """Refuse the creation of Mon espace santé (before the profile exists)."""
    run_person("oppose", options)


@main.command()
@person_options
def close(**options: Any) -> None:
    """Close an existing profile (with a login, or with the carte Vitale and a code)."""
    run_person("close", options)


@main.command()
@person_options
def auto(**options: Any) -> None:
    """Oppose while it is still possible; close the profile if it already exists."""
    run_person("auto", options)


@main.command("run")
@click.argument("household_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--base-url", envvar="MES_BASE_URL", help="The site (default: the real one).")
@click.option("--headed/--headless", default=False, help="Show the browser.")
@click.option("--dry-run", is_flag=True, help="Stop every member before the final step.")
@click.option("--yes", is_flag=True, help="Confirm the final steps (required unattended).")
@click.option("--only", multiple=True, help="Only this member (repeat, or comma-separated).")
@click.option(
    "--parallel",
    type=click.IntRange(1, 8),
    default=1,
    show_default=True,
    help="Members at once, each in its own context of the one browser.",
)
@click.option(
    "--code-from",
    envvar="MES_CODE_FROM",
    help="prompt, maildir:DIR, imap or command:PROG (default: prompt at a terminal).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="MES_OUT",
    help="Output folder (default: ./mes-optout-resultats).",
)
@click.option("--force", is_flag=True, help="Do again members already done.")
@click.option("--lang", type=click.Choice(["fr", "en"]), envvar="MES_LANG", default="fr")
@click.option("--verbose", "-v", is_flag=True, help="Show the log in the terminal.")
@click.option("--trace", is_flag=True, help="Record Playwright traces (secrets typed outside).")
def run(household_file: Path, only: tuple[str, ...], **options: Any) -> None:
    """Oppose or close for every member of a household file."""
    members = [part.strip() for item in only for part in item.split(",") if part.strip()]
    request = RunRequest(only=members, **options)
    raise SystemExit(int(run_household(household_file, request)))


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: ./mes-optout-demo-<time>).",
)
@click.option("--headed", is_flag=True, help="Watch the browser work.")
@click.option("--lang", type=click.Choice(["fr", "en"]), envvar="MES_LANG", default="fr")
@click.option(
    "--personality",
    default="classic",
    show_default=True,
    type=click.Choice(PERSONALITIES),
    help="How the built-in mock behaves (classic, spa, slow, v2, reworded).",
)
def demo(out: Path | None, headed: bool, lang: str, personality: str) -> None:
    """Run the demo household on the built-in mock site, and check the outcome."""
    from automation.demo import run_demo  # serves the mock: its web stack loads only here

    raise SystemExit(int(run_demo(out, headed, lang, personality)))
