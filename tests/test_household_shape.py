"""A household file of the wrong shape (a list where text is expected, a table for a
member, a value nested a thousand deep, a file of a gigabyte) gets one sentence per
problem, naming where; never a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from automation import messages
from automation.config import file_shape
from automation.config.household import HouseholdError, build_household, load_household
from tests.support.households import ADULT as ADULT_OF
from tests.support.households import refusals

TODAY = date(2026, 11, 29)
ADULT = ADULT_OF.format(id="a")
CHILD = """
[[member]]
id = "c"
first_name = "C"
last_name = "B"
birth_date = 2015-01-01
"""


def write(folder: Path, text: str, name: str = "h.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def problems(path: Path, lang: str = "fr") -> list[str]:
    return refusals(path, TODAY, lang)


TEXT = "un texte entre guillemets"
DATE_OR_TEXT = "une date (1984-03-12) ou un texte entre guillemets"


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ('member = ["x"]\n', f"Membre n°1 : « member » doit être une table, pas {TEXT}."),
        ("member = 3\n", "En tête du fichier : « member » doit être une liste [ … ], pas un nombre."),
        ('[member]\nid = "a"\n', "En tête du fichier : « member » doit être une liste [ … ], pas une table."),
        (ADULT + CHILD + 'guardian = ["a"]\n', f"Membre n°2 (c) : « guardian » doit être {TEXT}, pas une liste [ … ]."),
        (ADULT + CHILD + "guardian = {a = 1}\n", f"Membre n°2 (c) : « guardian » doit être {TEXT}, pas une table."),
        (ADULT.replace('id = "a"', "id = true"), f"Membre n°1 : « id » doit être {TEXT}, pas un booléen (true ou false)."),
        (ADULT.replace('first_name = "A"', "first_name = 3.5"), f"Membre n°1 (a) : « first_name » doit être {TEXT}, pas un nombre."),
        (ADULT + 'delete_data = "yes"\n', f"Membre n°1 (a) : « delete_data » doit être true ou false, pas {TEXT}."),
        (ADULT.replace("1980-01-01", "1980-01-01T10:00:00"), f"Membre n°1 (a) : « birth_date » doit être {DATE_OR_TEXT}, pas une date avec une heure."),
        (ADULT.replace("1980-01-01", "10:00:00"), f"Membre n°1 (a) : « birth_date » doit être {DATE_OR_TEXT}, pas une heure."),
        (ADULT + "invited_on = [2026]\n", f"Membre n°1 (a) : « invited_on » doit être {DATE_OR_TEXT}, pas une liste [ … ]."),
        ('household = ["x"]\n' + ADULT, f"En tête du fichier : « household » doit être {TEXT}, pas une liste [ … ]."),
        ('secrets_file = 2\n' + ADULT, f"En tête du fichier : « secrets_file » doit être {TEXT}, pas un nombre."),
        ('allow_origins = "https://a.fr"\n' + ADULT, f"En tête du fichier : « allow_origins » doit être une liste [ … ], pas {TEXT}."),
        ("allow_origins = [1]\n" + ADULT, f"En tête du fichier : « allow_origins » doit être {TEXT}, pas un nombre."),
        (ADULT + 'colour = "blue"\n', "Membre n°1 (a) : clé inconnue « colour »."),
        ('"a\\nb\\u202e" = 1\n' + ADULT, "En tête du fichier : clé inconnue « a\\nb\\u202e »."),
        (ADULT.replace('first_name = "A"', f'first_name = "{"x" * 1001}"'), "Membre n°1 (a) : « first_name » dépasse 1000 caractères."),
        (ADULT.replace('first_name = "A"', 'first_name = "A\\u0000"'), "Membre n°1 (a) : « first_name » contient un caractère de contrôle invisible (retour à la ligne, tabulation, NUL…)."),
        (ADULT.replace("1980-01-01", '"1980\\n"'), "Membre n°1 (a) : « birth_date » contient un caractère de contrôle invisible (retour à la ligne, tabulation, NUL…)."),
        (ADULT.replace('last_name = "B"', 'last_name = "B\\u2028C"'), "Membre n°1 (a) : « last_name » contient un caractère de contrôle invisible (retour à la ligne, tabulation, NUL…)."),
    ],
)  # fmt: skip
def test_each_wrong_kind_gets_its_sentence(tmp_path: Path, text: str, sentence: str) -> None:
    assert problems(write(tmp_path, text)) == [sentence]


def test_every_problem_is_said_once_each(tmp_path: Path) -> None:
    text = 'member = [1, {id = "b", first_name = ["B"], last_name = 2}]\n'
    assert problems(write(tmp_path, text)) == [
        "Membre n°1 : « member » doit être une table, pas un nombre.",
        f"Membre n°2 (b) : « first_name » doit être {TEXT}, pas une liste [ … ].",
        f"Membre n°2 (b) : « last_name » doit être {TEXT}, pas un nombre.",
    ]


def test_a_member_is_named_by_its_id_only_when_it_is_one(tmp_path: Path) -> None:
    # An id that is not a label is not quoted (it may be long, or not print): the
    # member's place in the file says who.
    text = ADULT.replace('id = "a"', 'id = "a b\\u202e"') + 'colour = "blue"\n'
    assert problems(write(tmp_path, text)) == ["Membre n°1 : clé inconnue « colour »."]
    # And the member's own checks name it the same way.
    for ident in ("a b\\u202e", "x" * 999):
        text = ADULT.replace('id = "a"', f'id = "{ident}"')
        assert problems(write(tmp_path, text)) == [
            "Entrée invalide pour n°1 : l'identifiant court (id) doit faire 1 à 32 caractères "
            "parmi lettres, chiffres, - et _."
        ]


def test_in_english(tmp_path: Path) -> None:
    path = write(tmp_path, ADULT + CHILD + 'guardian = ["a"]\n')
    assert problems(path, "en") == [
        "Member no. 2 (c): « guardian » must be text in quotes, not a list [ … ]."
    ]
    path = write(tmp_path, 'nest = [[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]\n')
    assert problems(path, "en") == [
        f"The file {path} nests more than 16 levels of brackets or braces: "
        "a household file has two."
    ]


def test_a_secret_of_the_wrong_kind(tmp_path: Path) -> None:
    write(tmp_path, 'nir = ["1 79 11 2A 004 317 58"]\n', "secrets.toml")
    path = write(tmp_path, 'secrets_file = "secrets.toml"\n' + ADULT)
    assert problems(path) == [
        f"Dans le fichier de secrets : « nir » doit être {TEXT}, pas une liste [ … ]."
    ]


def test_a_value_nested_too_deep_is_refused_before_parsing(tmp_path: Path) -> None:
    path = write(tmp_path, ADULT + "nest = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert problems(path) == [
        f"Le fichier {path} imbrique plus de 16 niveaux de crochets ou d'accolades : "
        "un fichier du foyer n'en a que deux."
    ]
    path = write(tmp_path, "x = " + "{a = " * 17 + "1" + "}" * 17 + "\n")
    assert "imbrique plus de 16 niveaux" in problems(path)[0]


def test_brackets_in_strings_and_comments_are_not_nesting(tmp_path: Path) -> None:
    deep = "[" * 40
    text = ADULT.replace('last_name = "B"', f"last_name = \"B{deep}\"  # {deep}\n"
                         f"account_holder = '{deep}'\nlogin = '''\n{deep}'''\n"
                         f'password = """{deep}\\""""')  # fmt: skip
    household = load_household(write(tmp_path, text), today=TODAY)
    assert household.members[0].last_name == f"B{deep}"


def test_the_parser_running_out_of_stack_is_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The last resort, should the measure ever miss a way of nesting.
    monkeypatch.setattr(file_shape, "MAX_DEPTH", 10**9)
    path = write(tmp_path, "nest = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert problems(path) == [
        f"Le fichier {path} imbrique plus de {10**9} niveaux de crochets ou d'accolades : "
        "un fichier du foyer n'en a que deux."
    ]


def test_a_file_too_big_is_refused_unread(tmp_path: Path) -> None:
    padding = "#" * 79 + "\n"
    at_limit = ADULT + padding * ((file_shape.MAX_BYTES - len(ADULT)) // len(padding))
    at_limit += "#" * (file_shape.MAX_BYTES - len(at_limit.encode()) - 1) + "\n"
    assert len(at_limit.encode()) == file_shape.MAX_BYTES
    assert load_household(write(tmp_path, at_limit), today=TODAY).members
    path = write(tmp_path, at_limit + "\n")
    assert problems(path) == [
        f"Le fichier {path} est trop gros (1048576 octets au plus) : "
        "est-ce bien un fichier du foyer ?"
    ]


def test_an_error_type_without_its_own_sentence_still_says_where() -> None:
    error = ValidationError.from_exception_data(
        "x", [{"type": "int_parsing", "loc": ("member", 0, "first_name"), "input": "x"}]
    )
    data = {"member": [{"id": "a", "first_name": "x"}]}
    assert file_shape.sentences(error, data, "fr") == [
        "Membre n°1 (a) : « first_name » n'a pas la forme attendue."
    ]
    assert file_shape.sentences(error, data, "en") == [
        "Member no. 1 (a): « first_name » is not in the expected form."
    ]


def test_every_sentence_the_table_names_is_in_the_catalogue() -> None:
    # The table's keys are looked up at run time, out of test_messages' sight.
    keys = {*file_shape.SENTENCE_OF.values(), *file_shape.EXPECTED.values(), "file_shape_kind",
            "file_shape_other", "kind_or", "where_top", "where_secrets", "where_member",
            "where_member_id"}  # fmt: skip
    values: list[object] = [True, "", 1, 1.5, date(2000, 1, 1), [], {}, None]
    keys |= {file_shape.kind_of(value) for value in values}
    assert [k for k in sorted(keys) if k not in messages.TEXTS or not all(messages.TEXTS[k])] == []


def test_what_is_quoted_is_one_visible_line() -> None:
    assert file_shape.shown("a\nb\u202ec\x00") == "a\\nb\\u202ec\\x00"
    assert file_shape.shown("x" * 100) == "x" * 40 + "…"
    assert file_shape.shown("Zoé 👪") == "Zoé 👪"


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (ADULT + CHILD + 'guardian = "nobody\\u202e"\n', "Membre c : le représentant légal « nobody\\u202e » n'est pas un membre du foyer."),
        ('code_from = "pigeon\\u202e"\n' + ADULT, "« code_from = pigeon\\u202e » : attendu prompt, maildir:DOSSIER ou imap."),
        ('allow_origins = ["\\u202e"]\n' + ADULT, "« allow_origins = ['\\u202e'] » : attendu une liste d'adresses comme \"https://exemple.fr\"."),
    ],
)  # fmt: skip
def test_a_value_quoted_from_the_file_shows_what_cannot_be_seen(
    tmp_path: Path, text: str, sentence: str
) -> None:
    # A right-to-left mark quoted as is would turn the rest of the line around.
    assert problems(write(tmp_path, text)) == [sentence]


def test_a_secrets_file_name_is_checked_before_it_is_opened(tmp_path: Path) -> None:
    # A NUL in a path is refused by the system call itself, with a ValueError.
    path = write(tmp_path, 'secrets_file = "s\\u0000.toml"\n' + ADULT)
    assert problems(path) == [
        "En tête du fichier : « secrets_file » contient un caractère de contrôle invisible "
        "(retour à la ligne, tabulation, NUL…)."
    ]


def test_the_rules_init_shares_check_the_shape_too() -> None:
    # `mes-optout init` checks a person against the file as it is, hand edits included.
    with pytest.raises(HouseholdError) as caught:
        build_household({"member": ["x"]}, None, "household", "fr", TODAY)
    assert caught.value.problems == [
        "Membre n°1 : « member » doit être une table, pas un texte entre guillemets."
    ]
