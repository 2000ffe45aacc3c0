"""The `mes-optout` command line, in French unless MES_LANG=en (help, errors, messages)."""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from automation.cli.console import plain_where_needed
from automation.cli.language import LANG, speak_french_to_click, t
from automation.run.context import RunRequest
from automation.run.one_person import run_person as run_one
from automation.run.path import run_household
from flows.inputs import as_key
from mock_site.faults import PERSONALITIES, FaultError, checked_personality

plain_where_needed()  # before anything is written: any console, never a UnicodeEncodeError
speak_french_to_click()
LANG_OPTION = click.option(
    # Its default is MES_LANG as the command line read it (cli/language.py), which takes
    # « english » or « en_GB.UTF-8 » too: no envvar here, whose Choice would refuse them.
    "--lang", type=click.Choice(["fr", "en"]), default=LANG, show_default=True,
    help=t("cli_language_messages_mes_lang"),
)  # fmt: skip

BASE_URL_OPTION = click.option(
    "--base-url", envvar="MES_BASE_URL",
    help=t("cli_site_default_real_one"),
)  # fmt: skip
ALLOW_ORIGIN_OPTION = click.option(
    "--allow-origin", "allow_origins", multiple=True, metavar="URL",
    help=t("cli_let_browser_reach_this"),
)  # fmt: skip
UNOFFICIAL_SITE_OPTION = click.option(
    "--site-non-officiel", "unofficial_site", is_flag=True,
    help=t("cli_accept_base_url_that"),
)  # fmt: skip


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help=t("cli_refuse_mon_espace_sant"),
)  # fmt: skip
@click.version_option(
    package_name="mes-optout",
    message="mes-optout %(version)s",
    help=t("cli_show_version_exit"),
)
def main() -> None:
    pass


@main.command(
    "mock-site",
    short_help=t("cli_serve_mock_site"),
    help=t("cli_serve_imitation_mon_espace"),
)  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True,
              help=t("cli_address_listen"))  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help=t("cli_port_free_one"))  # fmt: skip
@click.option(
    "--outbox",
    type=click.Path(file_okay=False, path_type=Path),
    help=t("cli_maildir_folder_where_codes"),
)  # fmt: skip
@click.option(
    "--seed",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=t("cli_json_file_people_mock"),
)  # fmt: skip
@click.option(
    "--personality",
    default="classic",
    show_default=True,
    help=t("cli_how_site_behaves_classic", names=", ".join(PERSONALITIES)),
)  # fmt: skip
def mock_site(
    host: str, port: int, outbox: Path | None, seed: Path | None, personality: str
) -> None:
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(t("cli_warning_mock_site_listens", host=host),
                   err=True)  # fmt: skip
    # The mock's web stack is loaded only by the commands that serve it.
    from mock_site.server import ListenError, MockServer
    from mock_site.state import SeedError

    try:
        server = MockServer(host, port, outbox, seed, personality)
    except FaultError as error:
        raise click.BadParameter(str(error), param_hint="--personality") from None
    except SeedError as error:
        raise click.ClickException(t("cli_mock_s_file_people", source=error.source, why=error.why)) from None  # fmt: skip
    except ListenError as error:
        raise click.ClickException(t("cli_cannot_listen_host_port", host=host, port=port, strerror=error.strerror)) from None  # fmt: skip
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise click.ClickException(t("cli_mock_site_could_not", where=where, strerror=error.strerror)) from None  # fmt: skip
    click.echo(t("cli_imitation_mon_espace_sant", url=server.url))  # fmt: skip
    click.echo(t("cli_codes_sent_maildir_outbox", outbox=server.outbox))  # fmt: skip
    click.echo(t("cli_ctrl_c_stop"))
    server.serve_forever()


def with_options(options: list[Any], command: Callable[..., Any]) -> Callable[..., Any]:
    """The options, listed in --help in the order given."""
    for option in reversed(options):
        command = option(command)
    return command


def run_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that works on the site shares."""
    options = [
        BASE_URL_OPTION,
        click.option("--dry-run", is_flag=True,
                     help=t("cli_stop_just_before_final")),
        click.option("--yes", is_flag=True,
                     help=t("cli_confirm_final_step_advance")),
        click.option("--code-from", envvar="MES_CODE_FROM",
                     help=t("cli_where_codes_are_read")),
        click.option("--out", type=click.Path(file_okay=False, path_type=Path), envvar="MES_OUT",
                     help=t("cli_output_folder_default_mes_2")),
        click.option("--skip-check", is_flag=True,
                     help=t("cli_do_not_look_at")),
        UNOFFICIAL_SITE_OPTION,
        ALLOW_ORIGIN_OPTION,
        LANG_OPTION,
        click.option("--verbose", "-v", is_flag=True,
                     help=t("cli_show_log_terminal")),
        click.option("--trace", is_flag=True,
                     help=t("cli_record_playwright_trace_secrets")),
    ]  # fmt: skip
    return with_options(options, command)


class Written(click.Choice[str]):
    """A choice as a person writes it (« avec photo », « Avec-Photo ») is its key."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        return super().convert(as_key(value) if isinstance(value, str) else value, param, ctx)


def person_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The inputs of a one-person run. Secrets are not options: MES_NIR, MES_CARD_SERIAL,
    MES_CODE and MES_PASSWORD, or a hidden prompt."""
    options = [
        click.option("--id", "member_id", envvar="MES_ID",
                     help=t("cli_short_label_used_every")),
        click.option("--first-name", envvar="MES_FIRST_NAME", help=t("cli_first_name")),
        click.option("--last-name", envvar="MES_LAST_NAME", help=t("cli_last_name")),
        click.option("--birth-date", envvar="MES_BIRTH_DATE",
                     help=t("cli_dd_mm_yyyy_child")),
        click.option("--card-model", envvar="MES_CARD_MODEL",
                     type=Written(["avec_photo", "sans_photo"]),
                     help=t("cli_carte_vitale_model")),
        click.option("--channel", envvar="MES_CHANNEL", type=Written(["email", "sms"]),
                     default="email", show_default=True,
                     help=t("cli_where_site_sends_new")),
        click.option("--login", envvar="MES_LOGIN",
                     help=t("cli_login_when_profile_has")),
        click.option("--account-holder", envvar="MES_ACCOUNT_HOLDER",
                     help=t("cli_name_shown_once_signed")),
        click.option("--minor", is_flag=True, envvar="MES_MINOR",
                     help=t("cli_person_child_nir_card")),
        click.option("--keep-data", is_flag=True,
                     help=t("cli_close_without_asking_data")),
        click.option("--headed/--headless", default=None,
                     help=t("cli_show_browser_default_shown")),
    ]  # fmt: skip
    return with_options(options, run_options(command))


PERSON_KEYS = ("first_name", "last_name", "birth_date", "card_model", "channel", "login",
               "account_holder", "minor")  # fmt: skip
REQUEST_KEYS = ("base_url", "headed", "dry_run", "yes", "code_from", "out", "lang", "verbose",
                "trace", "unofficial_site", "allow_origins", "skip_check")  # fmt: skip


def run_person(action: str, options: dict[str, Any]) -> None:
    given = {key: options[key] for key in PERSON_KEYS}
    given["id"] = options["member_id"]
    given["delete_data"] = not options["keep_data"]
    request = RunRequest(**{key: options[key] for key in REQUEST_KEYS})
    ask = None
    if sys.stdin.isatty():  # someone at the keyboard: init's questions, checked as typed
        from automation.init.one_person import OnePersonQuestions

        ask = OnePersonQuestions(request.lang)
    raise SystemExit(int(run_one(action, given, request, ask=ask)))


@main.command(short_help=t("cli_refuse_mon_espace_sant_2"),
              help=t("cli_refuse_creation_mon_espace"), epilog=t("one_env_help"))  # fmt: skip
@person_options
def oppose(**options: Any) -> None:
    run_person("oppose", options)


@main.command(short_help=t("cli_close_existing_profile"),
              help=t("cli_close_existing_profile_login"), epilog=t("one_env_help"))  # fmt: skip
@person_options
def close(**options: Any) -> None:
    run_person("close", options)


@main.command(short_help=t("cli_oppose_close_if_profile"),
              help=t("cli_oppose_while_still_possible"), epilog=t("one_env_help"))  # fmt: skip
@person_options
def auto(**options: Any) -> None:
    run_person("auto", options)


@main.command("run", short_help=t("cli_whole_household_from_its"),
              help=t("cli_oppose_close_every_member"))  # fmt: skip
@click.argument(
    "household_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar=t("cli_household_file"),
)
@click.option("--headed/--headless", default=False,
              help=t("cli_show_browser"))  # fmt: skip
@click.option("--only", multiple=True,
              help=t("cli_only_this_member_repeat"))  # fmt: skip
@click.option("--parallel", type=click.IntRange(1, 8), default=1, show_default=True,
              help=t("cli_members_at_once_each"))  # fmt: skip
@click.option("--force", is_flag=True,
              help=t("cli_do_again_members_already"))  # fmt: skip
@run_options
def run(household_file: Path, only: tuple[str, ...], **options: Any) -> None:
    members = [part.strip() for item in only for part in item.split(",") if part.strip()]
    request = RunRequest(only=members, **options)
    raise SystemExit(int(run_household(household_file, request)))


def _personality(value: str) -> str:
    """One of the mock's personalities, or several joined by + (loader+spa)."""
    try:
        return checked_personality(value)
    except FaultError as error:
        raise click.BadParameter(str(error), param_hint="--personality") from None


@main.command(short_help=t("cli_demo_built_mock_site"),
              help=t("cli_run_demo_household_built"))  # fmt: skip
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help=t("cli_output_folder_default_mes"))  # fmt: skip
@click.option("--headed", is_flag=True,
              help=t("cli_watch_browser_work"))  # fmt: skip
@LANG_OPTION
@click.option("--personality", default="classic", show_default=True,
              callback=lambda _ctx, _param, value: _personality(value),
              help=t("cli_how_site_behaves_classic", names=", ".join(PERSONALITIES)))  # fmt: skip
def demo(out: Path | None, headed: bool, lang: str, personality: str) -> None:
    from automation.cli.demo import run_demo  # serves the mock: its web stack loads only here

    raise SystemExit(int(run_demo(out, headed, lang, personality)))


@main.command("check-site",
              short_help=t("cli_look_at_site_before"),
              help=t("cli_visit_typing_nothing_screens"))  # fmt: skip
@BASE_URL_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), envvar="MES_OUT",
              help=t("cli_folder_diagnostics_default_mes"))  # fmt: skip
@click.option("--headed/--headless", default=False,
              help=t("cli_show_browser"))  # fmt: skip
@UNOFFICIAL_SITE_OPTION
@ALLOW_ORIGIN_OPTION
@LANG_OPTION
def check_site(
    base_url: str | None,
    out: Path | None,
    headed: bool,
    unofficial_site: bool,
    allow_origins: tuple[str, ...],
    lang: str,
) -> None:
    from automation.run.check_site import run_check_site

    status = run_check_site(base_url, out, headed, lang, unofficial_site, allow_origins)
    raise SystemExit(int(status))


@main.command("init",
              short_help=t("cli_prepare_household_file_question"),
              help=t("cli_build_household_file_household"))  # fmt: skip
@click.argument("folder", default="mes-optout-foyer", metavar=t("cli_folder"),
                type=click.Path(file_okay=False, path_type=Path))  # fmt: skip
@LANG_OPTION
def init(folder: Path, lang: str) -> None:
    from automation.init.command import run_init

    raise SystemExit(int(run_init(folder, lang)))
