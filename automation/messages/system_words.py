"""What the system and the TOML reader say, in the person's language: their own words are
English, and a French sentence that ends « : No such file or directory » says half of it.
Words not known here are kept as the system said them."""

from __future__ import annotations

import errno
import re

OS_ERRORS = {
    errno.ENOENT: ("il n'existe pas", "it does not exist"),
    errno.EACCES: ("accès refusé", "permission denied"),
    errno.EPERM: ("accès refusé", "permission denied"),
    errno.EISDIR: ("c'est un dossier, pas un fichier", "it is a folder, not a file"),
    errno.ENOTDIR: ("un élément du chemin n'est pas un dossier", "a part of the path is not a folder"),
    errno.ENOSPC: ("le disque est plein", "the disk is full"),
    errno.ELOOP: ("trop de liens symboliques", "too many symbolic links"),
    errno.ENAMETOOLONG: ("le nom est trop long", "the name is too long"),
}  # fmt: skip

# tomllib's messages, by how they begin.
TOML_ERRORS = {
    "Invalid value": ("une valeur n'est pas écrite comme TOML l'attend (un guillemet, un crochet manquant ?)",
                      "a value is not written as TOML expects (a missing quote or bracket?)"),
    "Invalid date or datetime": ("une date qui n'existe pas (écrivez-la \"jj/mm/aaaa\", entre guillemets)",
                                 "a date that does not exist (write it \"dd/mm/yyyy\", in quotes)"),
    "Cannot overwrite a value": ("une clé est donnée deux fois", "a key is given twice"),
    "Cannot declare": ("une section est donnée deux fois", "a section is given twice"),
    "Illegal character": ("un caractère n'est pas permis là (un guillemet non fermé ?)",
                          "a character is not allowed there (an unclosed quote?)"),
    "Expected newline or end of document": ("une seule valeur par ligne (des guillemets autour du texte ?)",
                                            "one value per line (quotes around the text?)"),
    "Expected ']'": ("un « ] » manque à la fin d'un titre de section", "a ']' is missing at the end of a section title"),
    "Expected '=' after a key": ("un « = » est attendu après la clé (des guillemets autour du texte ?)",
                                 "an '=' is expected after the key (quotes around the text?)"),
    "Unclosed array": ("une liste n'est pas fermée par « ] »", "a list is not closed with ']'"),
    "Unterminated string": ("un texte n'est pas fermé par son guillemet", "a text is not closed with its quote"),
}  # fmt: skip

WHERE = {
    "line": ("ligne {line}, colonne {column}", "line {line}, column {column}"),
    "end": ("à la fin du fichier", "at the end of the file"),
    "unknown": ("à un endroit que le lecteur n'a pas dit", "at a place the reader did not say"),
}  # fmt: skip


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "fr" else pair[1]


def os_words(error: OSError, lang: str) -> str:
    """The system's reason in the person's language (its own words when not known here)."""
    known = OS_ERRORS.get(error.errno or -1)
    return _pick(known, lang) if known else (error.strerror or type(error).__name__)


def toml_words(message: str, lang: str) -> tuple[str, str]:
    """Where in the file, and what is wrong, from tomllib's message."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if found:
        where = _pick(WHERE["line"], lang).format(line=found[1], column=found[2])
    elif "(at end of document)" in message:
        where = _pick(WHERE["end"], lang)
    else:
        where = _pick(WHERE["unknown"], lang)
    said = message.split(" (at ")[0]
    for start, pair in TOML_ERRORS.items():
        if said.startswith(start):
            return where, _pick(pair, lang)
    return where, said


NOT_UTF8 = ("il n'est pas enregistré en UTF-8 (dans le Bloc-notes : « Enregistrer sous », codage UTF-8)",
            "it is not saved as UTF-8 (in Notepad: « Save as », encoding UTF-8)")  # fmt: skip


def not_utf8(lang: str) -> str:
    return _pick(NOT_UTF8, lang)
