"""The household file: what loads, and a clear sentence for what does not."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from automation.config.household import load_household
from tests.support.households import ADULT, refusals

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = date(2026, 11, 29)


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(FIXTURES / "household.example.toml", tmp_path / "household.toml")
    (tmp_path / "household.toml").chmod(0o600)
    secrets = tmp_path / "secrets.toml"
    shutil.copy(FIXTURES / "secrets.example.toml", secrets)
    secrets.chmod(0o600)
    monkeypatch.setenv("ERIC_PASSWORD", "Sante-Demo-2026")
    return tmp_path / "household.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "h.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def problems(path: Path, lang: str = "fr") -> list[str]:
    return refusals(path, TODAY, lang)


def test_the_example_loads(example: Path) -> None:
    household = load_household(example, today=TODAY)
    assert household.name == "Famille Martin"
    assert [m.id for m in household.ordered()] == ["chloe", "alice", "eric"]
    chloe = next(m for m in household.members if m.id == "chloe")
    alice = next(m for m in household.members if m.id == "alice")
    assert chloe.minor and chloe.nir == alice.nir and chloe.card_model == "avec_photo"
    assert chloe.birth_date == date(2015, 6, 20)
    eric = next(m for m in household.members if m.id == "eric")
    assert eric.password is not None and eric.password.get_secret_value() == "Sante-Demo-2026"
    assert household.warnings == []


def test_a_literal_secret_loads_with_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[[member]]
id = "bruno"
first_name = "Bruno"
last_name = "Lefèvre"
birth_date = 1979-11-02
card_model = "sans_photo"
nir = "1 79 11 2A 004 317 58"
card_serial = "123456789"
""",
    )
    household = load_household(path, today=TODAY)
    assert len(household.warnings) == 2
    assert "bruno" in household.warnings[0] and "en clair" in household.warnings[0]
    assert "1 79 11" not in " ".join(household.warnings)


def test_a_malformed_file_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'household = "x"\n\n[[member]]\nid = "a\n')
    said = problems(path)
    assert len(said) == 1 and "n'est pas un TOML valide, ligne 4, colonne 8" in said[0]
    assert "(un guillemet non fermé ?)" in said[0]
    assert "Illegal" not in said[0]  # the reader's own English words


@pytest.mark.parametrize(
    ("text", "said_fr"),
    [("x = [\n", "à la fin du fichier : une valeur n'est pas écrite comme TOML l'attend"),
     ("a = 1\na = 2\n", "ligne 2, colonne 6 : une clé est donnée deux fois"),
     ("birth_date = 1980-02-31\n", "ligne 1, colonne 14 : une date qui n'existe pas"),
     ("[member\n", "ligne 1, colonne 8 : un « ] » manque à la fin d'un titre de section"),
     ("prénom Ana = 1\n", "ligne 1, colonne 3 : un « = » est attendu après la clé")],
)  # fmt: skip
def test_a_malformed_file_is_said_in_french(tmp_path: Path, text: str, said_fr: str) -> None:
    (said,) = problems(write(tmp_path, text))
    assert said_fr in said, said


def test_a_secrets_file_others_can_read_is_refused(example: Path) -> None:
    (example.parent / "secrets.toml").chmod(0o644)
    said = problems(example)
    assert said == [
        f"Le fichier {example.parent / 'secrets.toml'} est lisible par d'autres utilisateurs : lancez « chmod 600 {example.parent / 'secrets.toml'} »."
    ]


def test_a_household_file_others_can_read_is_refused(example: Path) -> None:
    example.chmod(0o644)
    assert problems(example) == [
        f"Le fichier {example} est lisible par d'autres utilisateurs : lancez « chmod 600 {example} »."
    ]


def test_a_missing_secrets_file(example: Path) -> None:
    (example.parent / "secrets.toml").unlink()
    said = problems(example)
    assert len(said) == 1 and "est illisible : il n'existe pas." in said[0]


def test_unset_variable_and_missing_key(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ERIC_PASSWORD")
    secrets = example.parent / "secrets.toml"
    secrets.write_text(secrets.read_text().replace("chloe_code", "chloe_code_old"))
    said = problems(example)
    assert (
        "Membre eric : le mot de passe renvoie à la variable ERIC_PASSWORD, qui n'est pas définie."
        in said
    )
    assert (
        "Membre chloe : le code provisoire renvoie à la clé « chloe_code », absente du fichier de secrets."
        in said
    )


CHILD = """
[[member]]
id = "{id}"
guardian = "{guardian}"
first_name = "C"
last_name = "B"
birth_date = 2015-01-01
"""


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (ADULT.format(id="a") + ADULT.format(id="a"), "Les membres n°1 et n°2 ont le même identifiant « a » : changez l'un des deux."),
        (ADULT.format(id="Ana") + CHILD.format(id="c", guardian="ANA") + ADULT.format(id="b") + CHILD.format(id="d", guardian="nobody"),
         "Membre d : le représentant légal « nobody » n'est pas un membre du foyer."),
        (CHILD.format(id="c", guardian="nobody"), "Membre c : le représentant légal « nobody » n'est pas un membre du foyer."),
        (ADULT.format(id="a").replace("1980-01-01", "2015-01-01"), "Membre a : mineur(e) (moins de 18 ans) sans représentant légal (guardian)."),
        (CHILD.format(id="c", guardian="d") + CHILD.format(id="d", guardian="c"), "Membres c, d : les représentants légaux forment une boucle."),
        (ADULT.format(id="a") + "colour = \"blue\"\n", "Membre n°1 (a) : clé inconnue « colour »."),
        ("hous = 1\n" + ADULT.format(id="a"), "En tête du fichier : clé inconnue « hous »."),
        ('household = "x"\n', "Le fichier ne décrit aucun membre ([[member]])."),
        (ADULT.format(id="a").replace('nir = "1 79 11 2A 004 317 58"\n', ""), "Entrée invalide pour a : le numéro de sécurité sociale (NIR) manque."),
        (ADULT.format(id="a").replace('card_serial = "123456789"', 'card_serial = "12"'), "Entrée invalide pour a : le numéro de série de la carte Vitale n'a pas la bonne longueur."),
        (ADULT.format(id="a") + 'action = "delete"\n', "Entrée invalide pour a : l'action (oppose, close ou auto) n'est pas une valeur possible."),
        (ADULT.format(id="a") + 'login = "a.b"\naction = "close"\n', "Entrée invalide pour a : le mot de passe manque : il va avec l'identifiant de connexion."),
        (ADULT.format(id="a") + CHILD.format(id="c", guardian="a") + 'nir = "1 79 11 2A 004 317 58"\n', "Membre c : un mineur utilise le NIR et la carte de son représentant légal ; retirez « nir »."),
    ],
)  # fmt: skip
def test_errors_name_the_member_and_the_field(tmp_path: Path, text: str, sentence: str) -> None:
    # The sentence first; whatever follows is another sentence about a member or the
    # file, never a traceback.
    said = problems(write(tmp_path, text))
    assert said[0] == sentence
    kinds = ("Membre", "Entrée invalide pour", "En tête du fichier", "Le fichier", "Les membres")
    assert all(s.startswith(kinds) and "\n" not in s for s in said), said


def test_errors_in_english(tmp_path: Path) -> None:
    said = problems(write(tmp_path, CHILD.format(id="c", guardian="nobody")), "en")
    assert said == ["Member c: the guardian « nobody » is not a member of the household."]


def test_closing_with_a_login_needs_no_card(tmp_path: Path) -> None:
    text = """
[[member]]
id = "e"
first_name = "E"
last_name = "P"
birth_date = 1982-05-27
action = "close"
login = "e.p"
password = "x"
"""
    household = load_household(write(tmp_path, text), today=TODAY)
    assert household.members[0].nir is None


ONE_CLOSURE = """
{top}
[[member]]
id = "eric"
first_name = "Éric"
last_name = "Petit"
birth_date = 1982-05-27
action = "close"
login = "eric.petit"
password = "Sante-Demo-2026"
"""


def test_the_file_can_say_where_codes_are_read(tmp_path: Path) -> None:
    # A Maildir written in the file is relative to the file, not to where the run starts.
    path = write(tmp_path, ONE_CLOSURE.format(top='code_from = "maildir:codes"'))
    assert load_household(path, today=TODAY).code_from == f"maildir:{tmp_path / 'codes'}"
    path = write(tmp_path, ONE_CLOSURE.format(top='code_from = "imap"'))
    assert load_household(path, today=TODAY).code_from == "imap"
    path = write(tmp_path, ONE_CLOSURE.format(top='code_from = "pigeon:voyageur"'))
    assert problems(path) == [
        "« code_from = pigeon:voyageur » : attendu prompt, maildir:DOSSIER ou imap."
    ]


@pytest.mark.parametrize(
    ("lang", "says"),
    [("fr", "un fichier du foyer ne peut pas lancer de programme ; donnez-le vous-même au "
            "lancement, avec --code-from ou la variable MES_CODE_FROM."),
     ("en", "a household file cannot start a program; give it yourself when you start the "
            "run, with --code-from or the MES_CODE_FROM variable.")],
)  # fmt: skip
def test_the_file_cannot_name_a_program(tmp_path: Path, lang: str, says: str) -> None:
    # A program runs with the person's rights: a file that may come from someone else
    # must not start one.
    path = write(tmp_path, ONE_CLOSURE.format(top='code_from = "command:get-code --quiet"'))
    [problem] = problems(path, lang)
    assert problem.startswith("« code_from = command:get-code --quiet »") and problem.endswith(says)


def test_a_file_not_in_utf8_says_how_to_save_it(tmp_path: Path) -> None:
    path = tmp_path / "h.toml"
    path.write_bytes('household = "Lefèvre"\n'.encode("cp1252"))
    path.chmod(0o600)
    (said,) = problems(path)
    assert "n'est pas enregistré en UTF-8" in said, said


def test_a_minor_without_a_guardian_is_told_that_alone(tmp_path: Path) -> None:
    # Not also « the card model is missing »: the guardian's card is theirs once named.
    child = CHILD.format(id="c", guardian="x").replace('guardian = "x"\n', "")
    assert problems(write(tmp_path, child)) == [
        "Membre c : mineur(e) (moins de 18 ans) sans représentant légal (guardian)."
    ]


def test_a_date_that_does_not_exist_says_how_to_write_one(tmp_path: Path) -> None:
    said = problems(write(tmp_path, ADULT.format(id="a").replace("1980-01-01", '"31/02/1980"')))
    assert said == ["Entrée invalide pour a : la date de naissance n'est pas une date qui existe, "
                    "écrite jj/mm/aaaa (par exemple 14/07/1986)."]  # fmt: skip
