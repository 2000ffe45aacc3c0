"""`mes-optout init` in a real pseudo-terminal: the household built by answering questions,
mistakes refused with their sentence and asked again, no secret on the screen or in
household.toml, and the files it writes run against the mock to the expected outcomes."""

from __future__ import annotations

import json
import shlex
import stat
import subprocess
from pathlib import Path

import pexpect
import pytest

from automation.config.household import load_household
from tests.support.cli import UNCHECKED, command, ctrl_c_as_usual, run_cli
from tests.support.control import MockControl
from tests.support.seed import code, identity, seed_people
from tests.support.terminal import shown_anywhere, spawn_cli, transcript

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
EXPECTED = json.loads((FIXTURES / "demo-expected.json").read_text())["members"]
ENV = {"MES_RECOGNISE_TIMEOUT_S": "5", "MES_CODE_TIMEOUT_S": "10", "MES_BACKOFF_S": "0.05"}
ERIC_PASSWORD = str(seed_people()["eric"]["password"])


class Init:
    """One `mes-optout init` conversation: each answer waits for its question."""

    def __init__(self, folder: Path, *options: str) -> None:
        self.child = spawn_cli("init", str(folder), *options, timeout=20)

    def answer(self, question: str, *answers: str) -> None:
        for text in answers:
            self.child.expect(question)
            self.child.sendline(text)

    def sees(self, sentence: str) -> None:
        self.child.expect(sentence)

    def end(self) -> str:
        self.child.expect(pexpect.EOF)
        self.child.close()
        seen = transcript(self.child)
        assert self.child.exitstatus == 0, seen
        return seen


def adult(init: Init, who: str, action: str, invited: str = "", deadline: str = "") -> None:
    person = seed_people()[who]
    init.answer("Prénom", person["first_name"])
    init.answer("Nom", person["last_name"])
    init.answer("Date de naissance", identity(who)["birth_date"])
    init.answer("Libellé", "")  # the label offered from the first name
    init.answer("Date de l'invitation", invited)
    if deadline:
        init.sees(deadline)  # the six-week deadline, said before the choice
    init.answer("Action", action)


def card(init: Init, who: str) -> None:
    typed = identity(who)
    init.answer("Modèle", "1" if typed["card_model"] == "avec_photo" else "2")
    init.answer("Numéro de sécurité sociale", typed["nir"])
    init.answer("Numéro de série", typed["serial"])


def adult_without_a_code(init: Init, who: str, action: str) -> None:
    """An adult with a card and no code: the site sends one by its default channel."""
    adult(init, who, action)
    card(init, who)
    init.answer("Code provisoire", "")
    init.answer("Canal", "")


def wrong_key(nir: str) -> str:
    compact = "".join(nir.split())
    return compact[:13] + f"{(int(compact[13:]) + 1) % 100:02d}"


def secrets_of(members: list[str]) -> list[str]:
    values = [ERIC_PASSWORD]
    for who in members:
        typed = identity(who)
        values += [typed["nir"], typed["serial"]]
        if seed_people()[who].get("code"):
            values.append(code(who))
    return values


@pytest.mark.e2e
def test_init_builds_a_household_that_runs_to_the_expected_outcomes(
    mock: MockControl, tmp_path: Path
) -> None:
    folder = tmp_path / "foyer"
    init = Init(folder)
    init.answer("Nom du foyer", "Les voisins")
    # Alice: the NIR with a wrong key, then a serial of the wrong length, each refused
    # with the site's own sentence and asked again.
    adult(init, "alice", "1", invited="02/11/2026", deadline="14/12/2026")
    typed = identity("alice")
    init.answer("Modèle", "1")
    init.answer("Numéro de sécurité sociale", wrong_key(typed["nir"]))
    init.sees("Format invalide, vérifier le format du numéro de sécurité sociale")
    init.answer("Numéro de sécurité sociale", typed["nir"])
    init.answer("Numéro de série", "123")
    init.sees("Format invalide, le numéro de série doit contenir 11 chiffres")
    init.answer("Numéro de série", typed["serial"])
    init.answer("Code provisoire", code("alice"))
    # Chloé, her daughter: an unknown guardian is refused with the loader's sentence.
    init.answer("Que faire", "1")
    init.answer("Prénom", "Chloé")
    init.answer("Nom", "Martin")
    init.answer("Date de naissance", identity("chloe")["birth_date"])
    init.answer("Libellé", "")
    init.answer("Représentant légal", "bob")
    init.sees("le représentant légal « bob » n'est pas un membre du foyer")
    init.answer("Représentant légal", "alice")
    init.answer("Date de l'invitation", "")
    init.answer("Action", "oppose")
    init.answer("Code provisoire", code("chloe"))
    # Bruno has no code: a new one by SMS.
    init.answer("Que faire", "1")
    adult(init, "bruno", "1")
    card(init, "bruno")
    init.answer("Code provisoire", "")
    init.answer("Canal", "2")
    # Éric closes with his login; Fanny, his daughter, through his account.
    init.answer("Que faire", "1")
    adult(init, "eric", "2")
    init.answer("suppression des données", "")
    init.answer("identifiant et un mot de passe", "o")
    init.answer("Identifiant de connexion", str(seed_people()["eric"]["login"]))
    init.answer("Mot de passe", ERIC_PASSWORD)
    init.answer("une seconde fois", ERIC_PASSWORD)
    # His card too: a closed profile refuses the sign-in as a wrong password does
    init.answer("Ajouter aussi sa carte Vitale", "")
    card(init, "eric")
    init.answer("Que faire", "1")
    init.answer("Prénom", "Fanny")
    init.answer("Nom", "Petit")
    init.answer("Date de naissance", identity("fanny")["birth_date"])
    init.answer("Libellé", "")
    init.answer("Représentant légal", "eric")
    init.answer("Date de l'invitation", "")
    init.answer("Action", "close")
    init.answer("suppression des données", "")
    init.sees("clôturé depuis le compte de eric")
    init.answer("Que faire", "4")
    init.answer("Codes", "2")
    init.answer("Dossier Maildir", str(mock.outbox))
    init.sees("Relisez")
    init.answer("Enregistrer", "o")
    seen = init.end()
    members = ["alice", "chloe", "bruno", "eric", "fanny"]

    household_file, secrets_file = folder / "household.toml", folder / "secrets.toml"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(household_file.stat().st_mode) == 0o600
    written = household_file.read_text()
    # Its comments speak the conversation's language: a family opens this file.
    assert written.startswith("# Écrit par « mes-optout init »"), written[:80]
    assert secrets_file.read_text().startswith("# Les secrets du foyer")
    for secret in secrets_of(members):
        assert not shown_anywhere(secret, seen)
        assert not shown_anywhere(secret, written)
    assert f"mes-optout run {household_file} --dry-run" in seen
    loaded = load_household(household_file)
    assert [m.id for m in loaded.members] == members
    assert loaded.guardians == {"chloe": "alice", "fanny": "eric"}
    eric = next(m for m in loaded.members if m.id == "eric")
    assert (eric.login, eric.card_model) == (
        seed_people()["eric"]["login"],
        identity("eric")["card_model"],
    )

    out = tmp_path / "out"
    # Codes: the file's own Maildir.
    result = run_cli("run", str(household_file), "--base-url", mock.base_url, "--yes",
                     "--out", str(out), UNCHECKED, env=ENV)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    report = {m["id"]: m for m in json.loads((out / "report.json").read_text())["members"]}
    for who in members:
        assert report[who]["outcome"] == EXPECTED[who]["outcome"]
        assert mock.person(who)["state"] == EXPECTED[who]["state"]


@pytest.mark.e2e
def test_init_and_the_run_speak_english_when_asked(mock: MockControl, tmp_path: Path) -> None:
    # Given a person who asks for English on the command line
    folder = tmp_path / "household"
    init = Init(folder, "--lang", "en")
    init.answer("Household name", "The neighbours")
    alice, typed = seed_people()["alice"], identity("alice")
    init.answer("First name", alice["first_name"])
    init.answer("Last name", alice["last_name"])
    init.answer("Date of birth", typed["birth_date"])
    init.answer("Label", "")
    init.answer("Date of the invitation", "")
    init.answer("Action", "1")
    init.answer("Model", "1")
    # a mistake is refused in English, and asked again
    init.answer("Social security number", wrong_key(typed["nir"]))
    init.sees("Invalid format, check the social security number")
    init.answer("Social security number", typed["nir"])
    init.answer("Card serial number", typed["serial"])
    init.answer("Code provisoire", code("alice"))
    init.answer("What next", "4")
    init.sees("Read back")
    init.answer("Save in", "y")
    seen = init.end()
    # Then the whole conversation was in English, and no secret shown
    for french in ("Prénom", "Que faire", "Relisez", "Enregistrer", "Format invalide", " : ",
                   " ; "):  # fmt: skip
        assert french not in seen, french
    assert not any(shown_anywhere(secret, seen) for secret in secrets_of(["alice"]))
    # And the run in English opposes for her, said in English
    out = tmp_path / "out"
    result = run_cli("run", str(folder / "household.toml"), "--lang", "en", "--base-url",
                     mock.base_url, "--yes", "--out", str(out), UNCHECKED, env=ENV)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "opposition recorded" in result.stdout, result.stdout
    assert "opposition enregistrée" not in result.stdout
    assert mock.person("alice")["state"] == "opposed"


def first_pass(folder: Path) -> None:
    init = Init(folder)
    init.answer("Nom du foyer", "")
    adult(init, "alice", "1")
    card(init, "alice")
    init.answer("Code provisoire", code("alice"))
    init.answer("Que faire", "4")
    init.answer("Enregistrer", "")
    init.end()


def test_init_again_edits_one_person_and_adds_another_keeping_the_rest(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "foyer"
    first_pass(folder)
    secrets_before = (folder / "secrets.toml").read_text()
    init = Init(folder)
    init.sees("Déjà dans")
    init.answer("Que faire", "2")
    init.answer("Qui", "alise")
    init.sees("Aucune personne « alise »")
    init.answer("Qui", "alice")
    # Every answer offered as it was: Enter keeps it, secrets included.
    init.answer("Prénom", "")
    init.answer("Nom", "")
    init.answer("Date de naissance", "")
    init.answer("Date de l'invitation", "")
    init.answer("Action", "auto")
    init.answer("suppression des données", "n")
    init.answer("identifiant et un mot de passe", "")
    init.answer("Modèle", "")
    init.answer("Numéro de sécurité sociale", "")
    init.answer("Numéro de série", "")
    init.answer("Code provisoire", "")
    init.answer("Que faire", "1")
    adult_without_a_code(init, "bruno", "oppose")
    init.answer("Que faire", "")
    init.answer("Codes", "1")
    init.answer("Enregistrer", "oui")
    seen = init.end()
    for secret in secrets_of(["alice", "bruno"])[1:]:
        assert not shown_anywhere(secret, seen)

    loaded = load_household(folder / "household.toml")
    alice, bruno = loaded.members
    assert (alice.id, alice.action, alice.delete_data) == ("alice", "auto", False)
    assert alice.nir is not None and alice.code is not None
    assert alice.nir.get_secret_value() == "".join(identity("alice")["nir"].split())
    assert alice.code.get_secret_value() == code("alice")
    assert (bruno.id, bruno.card_model, bruno.channel) == ("bruno", "sans_photo", "email")
    assert loaded.code_from == "prompt"
    secrets_after = (folder / "secrets.toml").read_text().splitlines()
    kept = [line for line in secrets_before.splitlines() if line.startswith("alice_")]
    assert len(kept) == 3 and all(line in secrets_after for line in kept)


def test_init_without_a_terminal_refuses_with_a_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "foyer"
    done = subprocess.run(command("init", str(folder)), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert "lancez-le dans un terminal" in done.stderr
    assert "Traceback" not in done.stderr
    assert not folder.exists()


def test_ctrl_c_during_init_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "foyer"
    init = Init(folder)
    init.answer("Nom du foyer", "Les Martin")
    init.sees("Prénom")
    init.child.sendintr()
    init.child.expect(pexpect.EOF)
    init.child.close()
    assert init.child.exitstatus == 130
    assert "rien n'a été écrit" in transcript(init.child)
    assert not folder.exists()


def test_a_folder_that_cannot_be_written_is_said_at_the_end(tmp_path: Path) -> None:
    blocker = tmp_path / "papiers"
    blocker.write_text("a file where a folder was expected")
    folder = blocker / "foyer"
    init = Init(folder)
    init.answer("Nom du foyer", "")
    adult_without_a_code(init, "alice", "1")
    init.answer("Que faire", "4")
    init.answer("Codes", "1")
    init.answer("Enregistrer", "")
    init.sees(f"Impossible d'écrire dans {folder}")
    init.child.expect(pexpect.EOF)
    init.child.close()
    assert init.child.exitstatus == 1
    assert "Traceback" not in transcript(init.child)
    assert blocker.read_text() == "a file where a folder was expected"


# A household file written by hand, comments everywhere: init changes what it is asked to
# and leaves the rest as it was.
BY_HAND = """\
# Our household, written by hand.
household = "Les Martin"
secrets_file = "secrets.toml"

# Alice: the mother.
[[member]]
id = "alice"                  # her label
first_name = "Alice"
last_name = "Martin"
birth_date = "12/03/1984"     # as on her card
action = "auto"
delete_data = true
card_model = "avec_photo"
nir = "secret:alice_nir"
card_serial = "secret:alice_serial"
code = "secret:alice_code"

# Bruno: her brother, about to leave.
[[member]]
id = "bruno"
first_name = "Bruno"
last_name = "Lefèvre"
birth_date = 1979-11-02
action = "auto"
card_model = "sans_photo"     # the old card
nir = "secret:bruno_nir"
card_serial = "secret:bruno_serial"
channel = "sms"
# Chloé, below, is Alice's daughter.

[[member]]
id = "chloe"
guardian = "alice"            # a child goes through her mother's card
first_name = "Chloé"
last_name = "Martin"
birth_date = 2015-06-20
action = "oppose"
code = "secret:chloe_code"
# The end of the file.
"""
KEPT_COMMENTS = ["# Our household, written by hand.", "# Alice: the mother.",
                 "# her label", "# as on her card", "# Chloé, below, is Alice's daughter.",
                 "# a child goes through her mother's card", "# The end of the file."]  # fmt: skip


def by_hand(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    (folder / "household.toml").write_text(BY_HAND, encoding="utf-8")
    alice, bruno = identity("alice"), identity("bruno")
    (folder / "secrets.toml").write_text(
        f'alice_nir = "{alice["nir"]}"\nalice_serial = "{alice["serial"]}"\n'
        f'alice_code = "{code("alice")}"\nbruno_nir = "{bruno["nir"]}"\n'
        f'bruno_serial = "{bruno["serial"]}"\nchloe_code = "{code("chloe")}"\n'
        '# a key of my own\nmy_own = "kept"\n',
        encoding="utf-8",
    )
    for path in folder.iterdir():
        path.chmod(0o600)


def test_init_removes_one_person_and_changes_another_keeping_the_comments(
    tmp_path: Path,
) -> None:
    # Given a household file written by hand, with comments
    folder = tmp_path / "foyer"
    by_hand(folder)
    init = Init(folder)
    # When Bruno is removed, chosen by his number in the list of first names
    init.answer("Que faire", "3")
    init.sees("2. Bruno Lefèvre")
    init.answer("Qui", "2")
    init.sees("Retiré du foyer : bruno")
    # and Alice's action changed, every other answer kept with Enter
    init.answer("Que faire", "2")
    init.answer("Qui", "alice")
    init.answer("Prénom", "")
    init.answer("Nom", "")
    init.answer("Date de naissance", "")
    init.answer("Date de l'invitation", "")
    init.answer("Action", "oppose")
    init.answer("Modèle", "")
    nir = "".join(identity("alice")["nir"].split())
    # Each secret offered masked (its last two characters), Enter keeping it
    init.answer(f"Numéro de sécurité sociale.*Entrée : garder [*]{{8}}{nir[-2:]}", "")
    init.answer("Numéro de série", "")
    init.answer(f"Code provisoire.*Entrée : garder [*]{{8}}{code('alice')[-2:]}", "")
    init.answer("Que faire", "")
    init.answer("Enregistrer", "")
    seen = init.end()
    assert not any(shown_anywhere(secret, seen) for secret in secrets_of(["alice", "bruno"])[1:])

    # Then the comments are where they were, but Bruno's own, with him
    written = (folder / "household.toml").read_text(encoding="utf-8")
    for comment in KEPT_COMMENTS:
        assert comment in written, comment
    assert "# Bruno: her brother" not in written and 'id = "bruno"' not in written
    assert 'action = "oppose"' in written and 'action = "auto"' not in written
    assert 'birth_date = "12/03/1984"     # as on her card' in written  # kept as written
    assert "delete_data" not in written  # not asked when opposing: it goes
    loaded = load_household(folder / "household.toml")
    assert [m.id for m in loaded.members] == ["alice", "chloe"]
    assert loaded.members[0].action == "oppose"
    # and Bruno's secrets left secrets.toml, the others' and the person's own key stayed
    secrets = (folder / "secrets.toml").read_text(encoding="utf-8")
    assert "bruno_" not in secrets and identity("bruno")["nir"] not in secrets
    for key in ("alice_nir", "alice_serial", "alice_code", "chloe_code", "my_own"):
        assert f"{key} = " in secrets, key
    assert "# a key of my own" in secrets


def test_init_removes_a_guardian_only_with_their_child(tmp_path: Path) -> None:
    # Given Alice, Chloé's guardian, in a file written by hand
    folder = tmp_path / "foyer"
    by_hand(folder)
    init = Init(folder)
    # When Alice is to be removed, her child staying: nobody is removed, and said why
    init.answer("Que faire", "3")
    init.answer("Qui", "alice")
    init.sees("alice est le représentant légal de chloe")
    init.answer("Retirer aussi chloe", "")
    init.sees("Personne n'est retiré. Pour garder chloe, donnez-lui d'abord un autre")
    init.answer("Que faire", "4")
    init.answer("Codes", "1")  # Bruno has no code: the site will send one
    init.sees("Relisez")
    init.sees("chloe : Chloé Martin")
    # When asked again and the child leaves with her
    init.answer("Enregistrer", "n")
    seen = init.end()
    assert "Rien n'a été écrit" in seen
    assert (folder / "household.toml").read_text(encoding="utf-8") == BY_HAND
    init = Init(folder)
    init.answer("Que faire", "3")
    init.answer("Qui", "1")
    init.answer("Retirer aussi chloe", "o")
    init.sees("Retiré du foyer : chloe")
    init.sees("Retiré du foyer : alice")
    init.answer("Que faire", "4")
    init.answer("Codes", "1")
    init.answer("Enregistrer", "")
    init.end()
    # Then both are gone, their secrets too, and Bruno is as he was
    loaded = load_household(folder / "household.toml")
    assert [m.id for m in loaded.members] == ["bruno"]
    written = (folder / "household.toml").read_text(encoding="utf-8")
    assert 'card_model = "sans_photo"     # the old card' in written
    assert "# The end of the file." in written
    secrets = (folder / "secrets.toml").read_text(encoding="utf-8")
    assert "alice_" not in secrets and "chloe_" not in secrets and "bruno_nir" in secrets


def test_a_label_is_refused_as_typed_when_the_file_could_not_hold_it(tmp_path: Path) -> None:
    # Given a household with alice
    folder = tmp_path / "foyer"
    first_pass(folder)
    init = Init(folder)
    init.answer("Que faire", "1")
    init.answer("Prénom", "Ana")
    init.answer("Nom", "Martin")
    init.answer("Date de naissance", "12/03/1984")
    # When the label given is alice's but for case, then a Windows device name
    init.answer("Libellé", "Alice")
    # Then each is refused at once, before any number is typed, with the loader's sentence
    init.sees("même identifiant à la casse près")
    init.answer("Libellé", "con")
    init.sees("nom réservé par Windows")
    init.answer("Libellé", "ana")
    init.sees("Date de l'invitation")
    init.child.sendintr()
    init.child.expect(pexpect.EOF)


def test_init_says_what_run_would_refuse_in_a_file_edited_by_hand(tmp_path: Path) -> None:
    # Given a household file where a person wrote a key the robot does not know
    folder = tmp_path / "foyer"
    first_pass(folder)
    path = folder / "household.toml"
    path.write_text(
        path.read_text().replace('first_name = "Alice"', 'first_name = "Alice"\nnom = "Martin"')
    )
    init = Init(folder)
    # When init is run again and asked to save, nothing changed
    init.answer("Que faire", "4")
    # Then it says that run would refuse the file, and why, before the save
    init.sees("refusera")
    init.sees("clé inconnue « nom »")
    init.answer("Enregistrer", "")
    init.child.expect(pexpect.EOF)
    init.child.close()
    assert init.child.exitstatus == 2, transcript(init.child)
    assert "essai à blanc" not in transcript(init.child)


def test_init_through_a_pipe_to_tee_asks_its_questions(tmp_path: Path) -> None:
    # `mes-optout init foyer | tee init.txt`: the keyboard is a terminal, the screen a pipe.
    folder = tmp_path / "foyer"
    kept = tmp_path / "init.txt"
    line = " ".join(shlex.quote(part) for part in command("init", str(folder)))
    child = pexpect.spawn("bash", ["-c", f"{line} | tee {shlex.quote(str(kept))}"],
                          encoding="utf-8", timeout=60, preexec_fn=ctrl_c_as_usual)  # fmt: skip
    child.expect("Nom du foyer")
    child.sendintr()
    child.expect(pexpect.EOF)
    assert "lancez-le dans un terminal" not in kept.read_text(encoding="utf-8")
    assert "Préparons le fichier du foyer" in kept.read_text(encoding="utf-8")
    assert not folder.exists()


def test_the_advice_pastes_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    # A folder named with a space and an accent, and the robot called through dev.sh
    from automation.init.command import command_line

    monkeypatch.delenv("MES_CALLED_AS", raising=False)
    assert command_line("run", "mon foyer é/household.toml") == (
        "mes-optout run 'mon foyer é/household.toml'"
    )
    monkeypatch.setenv("MES_CALLED_AS", "/home/ana/mes optout/dev.sh")
    assert shlex.split(command_line("run", "f/household.toml", "--dry-run")) == [
        "/home/ana/mes optout/dev.sh", "mes-optout", "run", "f/household.toml", "--dry-run"
    ]  # fmt: skip
