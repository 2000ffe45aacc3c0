"""The `mes-optout` command line, in French unless MES_LANG=en (help, errors, messages)."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from automation.cli.language import LANG, speak_french_to_click, tr
from automation.run.one_person import run_person as run_one
from automation.run.path import RunRequest, run_household
from mock_site.faults import PERSONALITIES, FaultError

speak_french_to_click()
LANG_OPTION = click.option(
    "--lang", type=click.Choice(["fr", "en"]), envvar="MES_LANG", default=LANG, show_default=True,
    help=tr("Langue des messages (ou MES_LANG).", "Language of the messages (or MES_LANG)."),
)  # fmt: skip

BASE_URL_OPTION = click.option(
    "--base-url", envvar="MES_BASE_URL",
    help=tr("Le site (par défaut : le vrai).", "The site (default: the real one)."),
)  # fmt: skip
ALLOW_ORIGIN_OPTION = click.option(
    "--allow-origin", "allow_origins", multiple=True, metavar="URL",
    help=tr("Laisser le navigateur joindre aussi cette origine, dont le site a besoin (répétable ; les résultats la nomment).",
            "Let the browser reach this origin too, which the site needs (repeatable; the results name it)."),
)  # fmt: skip
UNOFFICIAL_SITE_OPTION = click.option(
    "--site-non-officiel", "unofficial_site", is_flag=True,
    help=tr("Accepter une adresse --base-url qui n'est ni le site officiel ni cette machine (le rapport le dira).",
            "Accept a --base-url that is neither the official site nor this machine (the report will say so)."),
)  # fmt: skip


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help=tr("Refuser Mon espace santé, ou le clôturer, pour une personne ou tout un foyer.",
            "Refuse Mon espace santé, or close it, for a person or a whole household."),
)  # fmt: skip
@click.version_option(
    package_name="mes-optout",
    message="mes-optout %(version)s",
    help=tr("Afficher la version et quitter.", "Show the version and exit."),
)
def main() -> None:
    pass


@main.command(
    "mock-site",
    short_help=tr("Servir le site d'imitation.", "Serve the mock site."),
    help=tr("Servir l'imitation de Mon espace santé, pour l'explorer ou tester contre elle.",
            "Serve the imitation of Mon espace santé, to explore it or to test against it."),
)  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True,
              help=tr("Adresse d'écoute.", "Address to listen on."))  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help=tr("Port (0 : un port libre).", "Port (0: a free one)."))  # fmt: skip
@click.option(
    "--outbox",
    type=click.Path(file_okay=False, path_type=Path),
    help=tr("Dossier Maildir où arrivent les codes envoyés par le site (par défaut : un nouveau).",
            "Maildir folder where the codes the site sends are delivered (default: a new one)."),
)  # fmt: skip
@click.option(
    "--seed",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=tr("Fichier JSON des personnes du site (par défaut : celui livré avec l'outil).",
            "JSON file of the people the mock starts with (default: the one shipped)."),
)  # fmt: skip
@click.option(
    "--personality",
    default="classic",
    show_default=True,
    help=tr("Comportement du site : classic, spa, slow, v2, reworded (ou plusieurs joints par +).",
            "How the site behaves: classic, spa, slow, v2, reworded (or several joined by +)."),
)  # fmt: skip
def mock_site(
    host: str, port: int, outbox: Path | None, seed: Path | None, personality: str
) -> None:
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(tr(f"Attention : le site d'imitation écoute sur {host}, hors de cette machine.",
                      f"Warning: the mock site listens on {host}, beyond this machine."),
                   err=True)  # fmt: skip
    # The mock's web stack is loaded only by the commands that serve it.
    from mock_site.server import ListenError, MockServer
    from mock_site.state import SeedError

    try:
        server = MockServer(host, port, outbox, seed, personality)
    except FaultError as error:
        raise click.BadParameter(str(error), param_hint="--personality") from None
    except SeedError as error:
        raise click.ClickException(tr(
            f"Le fichier des personnes du site d'imitation ({error.source}) est inutilisable : {error.why}.",
            f"The mock's file of people ({error.source}) cannot be used: {error.why}.",
        )) from None  # fmt: skip
    except ListenError as error:
        raise click.ClickException(tr(
            f"Impossible d'écouter sur {host}:{port} : {error.strerror}.",
            f"Cannot listen on {host}:{port}: {error.strerror}.",
        )) from None  # fmt: skip
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise click.ClickException(tr(
            f"Le site d'imitation n'a pas pu démarrer{where} : {error.strerror}.",
            f"The mock site could not start{where}: {error.strerror}.",
        )) from None  # fmt: skip
    click.echo(tr(f"Site d'imitation de Mon espace santé : {server.url}",
                  f"Imitation of Mon espace santé: {server.url}"))  # fmt: skip
    click.echo(tr(f"Codes envoyés (Maildir) : {server.outbox}",
                  f"Codes sent (Maildir): {server.outbox}"))  # fmt: skip
    click.echo(tr("Ctrl-C pour arrêter.", "Ctrl-C to stop."))
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
                     help=tr("S'arrêter juste avant l'étape définitive ; ne rien changer.",
                             "Stop just before the final step; change nothing.")),
        click.option("--yes", is_flag=True,
                     help=tr("Confirmer d'avance l'étape définitive (obligatoire sans terminal).",
                             "Confirm the final step in advance (required without a terminal).")),
        click.option("--code-from", envvar="MES_CODE_FROM",
                     help=tr("Où lire les codes : prompt, maildir:DOSSIER, imap ou command:PROGRAMME "
                             "(par défaut : demandé au terminal).",
                             "Where codes are read: prompt, maildir:DIR, imap or command:PROG "
                             "(default: asked at the terminal).")),
        click.option("--out", type=click.Path(file_okay=False, path_type=Path), envvar="MES_OUT",
                     help=tr("Dossier des résultats (par défaut : ./mes-optout-resultats).",
                             "Output folder (default: ./mes-optout-resultats).")),
        click.option("--skip-check", is_flag=True,
                     help=tr("Ne pas regarder le site avant le premier membre (le rapport le dira).",
                             "Do not look at the site before the first member (the report will say so).")),
        UNOFFICIAL_SITE_OPTION,
        ALLOW_ORIGIN_OPTION,
        LANG_OPTION,
        click.option("--verbose", "-v", is_flag=True,
                     help=tr("Afficher le journal au terminal.", "Show the log in the terminal.")),
        click.option("--trace", is_flag=True,
                     help=tr("Enregistrer une trace Playwright (les secrets sont saisis hors trace).",
                             "Record a Playwright trace (secrets are typed outside it).")),
    ]  # fmt: skip
    return with_options(options, command)


def person_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The inputs of a one-person run. Secrets are not options: MES_NIR, MES_CARD_SERIAL,
    MES_CODE and MES_PASSWORD, or a hidden prompt."""
    options = [
        click.option("--id", "member_id", envvar="MES_ID", default="personne", show_default=True,
                     help=tr("Libellé court qui nomme la personne dans les résultats (jamais le NIR).",
                             "Short label used in every output (never the NIR).")),
        click.option("--first-name", envvar="MES_FIRST_NAME", help=tr("Prénom.", "First name.")),
        click.option("--last-name", envvar="MES_LAST_NAME", help=tr("Nom.", "Last name.")),
        click.option("--birth-date", envvar="MES_BIRTH_DATE",
                     help=tr("jj/mm/aaaa (celle de l'enfant, pour un mineur).",
                             "dd/mm/yyyy (the child's, for a minor).")),
        click.option("--card-model", envvar="MES_CARD_MODEL",
                     type=click.Choice(["avec_photo", "sans_photo"]),
                     help=tr("Modèle de carte Vitale.", "Carte Vitale model.")),
        click.option("--channel", envvar="MES_CHANNEL", type=click.Choice(["email", "sms"]),
                     default="email", show_default=True,
                     help=tr("Où le site envoie un nouveau code.", "Where the site sends a new code.")),
        click.option("--login", envvar="MES_LOGIN",
                     help=tr("Identifiant de connexion, si le profil en a un.",
                             "Login, when the profile has one.")),
        click.option("--account-holder", envvar="MES_ACCOUNT_HOLDER",
                     help=tr("Nom affiché une fois connecté (celui du parent, pour le profil d'un enfant).",
                             "Name shown once signed in (a guardian's, closing a child's profile).")),
        click.option("--minor", is_flag=True, envvar="MES_MINOR",
                     help=tr("La personne est un enfant : NIR et carte sont ceux du parent.",
                             "The person is a child: NIR and card are the guardian's.")),
        click.option("--keep-data", is_flag=True,
                     help=tr("Clôturer sans demander la suppression des données.",
                             "Close without asking for the data to be deleted.")),
        click.option("--headed/--headless", default=None,
                     help=tr("Montrer le navigateur (par défaut : montré s'il y a un écran).",
                             "Show the browser (default: shown when there is a screen).")),
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
    raise SystemExit(int(run_one(action, given, request)))


@main.command(short_help=tr("S'opposer à la création de Mon espace santé.", "Refuse Mon espace santé."),
              help=tr("S'opposer à la création de Mon espace santé (avant que le profil existe).",
                      "Refuse the creation of Mon espace santé (before the profile exists)."))  # fmt: skip
@person_options
def oppose(**options: Any) -> None:
    run_person("oppose", options)


@main.command(short_help=tr("Clôturer un profil existant.", "Close an existing profile."),
              help=tr("Clôturer un profil existant (avec un identifiant, ou avec la carte Vitale et un code).",
                      "Close an existing profile (with a login, or with the carte Vitale and a code)."))  # fmt: skip
@person_options
def close(**options: Any) -> None:
    run_person("close", options)


@main.command(short_help=tr("S'opposer, ou clôturer si le profil existe.", "Oppose, or close if the profile exists."),
              help=tr("S'opposer tant que c'est possible ; clôturer le profil s'il existe déjà.",
                      "Oppose while it is still possible; close the profile if it already exists."))  # fmt: skip
@person_options
def auto(**options: Any) -> None:
    run_person("auto", options)


@main.command("run", short_help=tr("Tout un foyer, depuis son fichier.", "A whole household, from its file."),
              help=tr("S'opposer ou clôturer pour chaque membre d'un fichier de foyer.",
                             "Oppose or close for every member of a household file."))  # fmt: skip
@click.argument(
    "household_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar=tr("FICHIER_FOYER", "HOUSEHOLD_FILE"),
)
@click.option("--headed/--headless", default=False,
              help=tr("Montrer le navigateur.", "Show the browser."))  # fmt: skip
@click.option("--only", multiple=True,
              help=tr("Seulement ce membre (à répéter, ou séparés par des virgules).",
                      "Only this member (repeat, or comma-separated)."))  # fmt: skip
@click.option("--parallel", type=click.IntRange(1, 8), default=1, show_default=True,
              help=tr("Membres traités en même temps, chacun dans son contexte du même navigateur.",
                      "Members at once, each in its own context of the one browser."))  # fmt: skip
@click.option("--force", is_flag=True,
              help=tr("Refaire les membres déjà traités.", "Do again members already done."))  # fmt: skip
@run_options
def run(household_file: Path, only: tuple[str, ...], **options: Any) -> None:
    members = [part.strip() for item in only for part in item.split(",") if part.strip()]
    request = RunRequest(only=members, **options)
    raise SystemExit(int(run_household(household_file, request)))


@main.command(short_help=tr("Démonstration sur le site d'imitation intégré.", "Demo on the built-in mock site."),
              help=tr("Lancer le foyer de démonstration sur le site d'imitation intégré, et vérifier le résultat.",
                      "Run the demo household on the built-in mock site, and check the outcome."))  # fmt: skip
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help=tr("Dossier des résultats (par défaut : ./mes-optout-demo-<heure>).",
                      "Output folder (default: ./mes-optout-demo-<time>)."))  # fmt: skip
@click.option("--headed", is_flag=True,
              help=tr("Regarder le navigateur travailler.", "Watch the browser work."))  # fmt: skip
@LANG_OPTION
@click.option("--personality", default="classic", show_default=True,
              type=click.Choice(PERSONALITIES),
              help=tr("Comportement du site d'imitation (classic, spa, slow, v2, reworded).",
                      "How the built-in mock behaves (classic, spa, slow, v2, reworded)."))  # fmt: skip
def demo(out: Path | None, headed: bool, lang: str, personality: str) -> None:
    from automation.cli.demo import run_demo  # serves the mock: its web stack loads only here

    raise SystemExit(int(run_demo(out, headed, lang, personality)))


@main.command("check-site",
              short_help=tr("Regarder le site avant de saisir quoi que ce soit.", "Look at the site before typing anything."),
              help=tr("Visiter, sans rien saisir, les écrans qui ne demandent aucune identité, et dire pour chacun si le robot y trouve ce sur quoi il s'appuie.",
                      "Visit, typing nothing, the screens that need no identity, and say for each whether the robot finds there what it relies on."))  # fmt: skip
@BASE_URL_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), envvar="MES_OUT",
              help=tr("Dossier des diagnostics (par défaut : ./mes-optout-resultats).",
                      "Folder for diagnostics (default: ./mes-optout-resultats)."))  # fmt: skip
@click.option("--headed/--headless", default=False,
              help=tr("Montrer le navigateur.", "Show the browser."))  # fmt: skip
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
              short_help=tr("Préparer le fichier du foyer, question par question.", "Prepare the household file, question by question."),
              help=tr("Construire le fichier du foyer (household.toml) et celui des secrets (secrets.toml, lisible par vous seul) en répondant à des questions, une personne à la fois. Relancé sur le même dossier, il ajoute ou modifie une personne.",
                      "Build the household file (household.toml) and the secrets file (secrets.toml, readable by you only) by answering questions, one person at a time. Run again on the same folder, it adds or edits a person."))  # fmt: skip
@click.argument("folder", default="mes-optout-foyer", metavar=tr("[DOSSIER]", "[FOLDER]"),
                type=click.Path(file_okay=False, path_type=Path))  # fmt: skip
@LANG_OPTION
def init(folder: Path, lang: str) -> None:
    from automation.init.command import run_init

    raise SystemExit(int(run_init(folder, lang)))
