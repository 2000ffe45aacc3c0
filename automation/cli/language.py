"""The command line in the person's language: French unless `--lang en` or MES_LANG=en.

Our own help texts are keys of the catalogue (automation/messages/command_line.py), said
with `t`. Click's own words (« Usage: », its error messages) go through `gettext` with no
French catalog anywhere, so the few a person can meet are translated here and handed to
click's modules in place of `gettext`: a small table of ours instead of a locale set-up on
every machine.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping, Sequence

from automation import messages


def asked_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of this command line: `--lang` wherever it is given (click builds the
    help before it reads its options, so they are looked at first, here), else MES_LANG."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return messages.lang_of(argv[i + 1])
        if arg.startswith("--lang="):
            return messages.lang_of(arg.partition("=")[2])
    return messages.lang_of(environ.get("MES_LANG"))


LANG = asked_language(sys.argv[1:], os.environ)

CLICK_FR = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Show this message and exit.": "Afficher cette aide et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Option {name!r} requires an argument.": "L'option {name!r} demande une valeur.",
    "Got unexpected extra argument ({args})": "Argument en trop ({args})",
    "Got unexpected extra arguments ({args})": "Arguments en trop ({args})",
    "{value!r} is not {choice}.": "{value!r} n'est pas {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} n'est pas parmi {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un {number_type} valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} n'existe pas.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "(Did you mean one of: {possibilities}?)": "(Vouliez-vous dire : {possibilities} ?)",
    "default: {default}": "par défaut : {default}",
    "env var: {var}": "variable : {var}",
    "Aborted!": "Abandon.",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
}
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui")


def t(key: str, **values: object) -> str:
    """A sentence of the catalogue in the language of the command line (read before click
    builds its help)."""
    return messages.text(key, LANG, **values)


def _gettext(message: str) -> str:
    return CLICK_FR.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


def speak_french_to_click() -> None:
    """Click's words in French, unless the person asked for English."""
    if LANG == "en":
        return
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
