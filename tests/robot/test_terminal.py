"""The command line in a real terminal (a pseudo-terminal, as a person would use it):
missing inputs asked in French with secrets hidden, the code typed by the person, and the
final step confirmed at the prompt."""

from __future__ import annotations

import re
from pathlib import Path

import pexpect
import pytest

from tests.support.control import MockControl
from tests.support.seed import code, identity
from tests.support.terminal import shown_anywhere, spawn_cli, transcript

pytestmark = pytest.mark.e2e


def spawn(mock: MockControl, out: Path, *extra: str) -> pexpect.spawn:
    return spawn_cli("oppose", "--headless", "--base-url", mock.base_url, "--out", str(out), *extra)


LETTER_CODE = r"Code provisoire \(saisie masquée ; Entrée si vous n'en avez pas\)"


def test_missing_inputs_are_asked_and_secrets_stay_hidden(
    mock: MockControl, tmp_path: Path
) -> None:
    who = identity("bruno")
    child = spawn(mock, tmp_path / "out", "--id", "bruno", "--dry-run")
    answers = [("Prénom", "Bruno"), ("Nom", "Lefèvre"), ("Date de naissance", who["birth_date"]),
               ("Modèle", "sans photo"),  # as a person writes it, init's way
               ("Numéro de sécurité sociale, 15 caractères clé comprise \\(saisie masquée\\)", who["nir"]),
               ("Numéro de série de la carte \\(saisie masquée\\)", who["serial"]),
               (LETTER_CODE, "")]  # fmt: skip
    for prompt, answer in answers:
        child.expect(prompt)
        child.sendline(answer)
    child.expect("Sans le code du courrier, le robot demandera au site d'en envoyer un nouveau")
    # Bruno has no code: a dry run stops before asking the site for one (the code typed
    # at the prompt, hidden, is the next test's).
    child.expect(pexpect.EOF)
    child.close()
    seen = transcript(child)
    assert child.exitstatus == 0, seen
    assert "essai à blanc : arrêté avant de demander un code provisoire" in seen
    for secret in (who["nir"], who["serial"]):
        assert not shown_anywhere(secret, seen)
    assert mock.person("bruno")["codes_issued"] == 0
    assert mock.person("bruno")["state"] == "invited"  # a dry run


def test_the_letters_code_is_asked_before_any_is_sent_and_each_answer_checked_as_typed(
    mock: MockControl, tmp_path: Path
) -> None:
    # Given Alice at the keyboard with her letter, nothing given on the command line
    who = identity("alice")
    wrong_key = who["nir"][:-2] + ("47" if not who["nir"].endswith("47") else "48")
    child = spawn(mock, tmp_path / "out", "--yes")
    for prompt, answer in [("Prénom", "Alice"), ("Nom", "Martin"),
                           ("Date de naissance", who["birth_date"]),
                           ("Modèle", "avec photo"),  # in full, as init takes it
                           ("Numéro de sécurité sociale", wrong_key)]:  # fmt: skip
        child.expect(prompt)
        child.sendline(answer)
    # Then a NIR whose key is wrong is refused at once, in the site's words, and asked again
    child.expect("Format invalide, vérifier le format du numéro de sécurité sociale")
    child.expect("Numéro de sécurité sociale")
    child.sendline(who["nir"])
    child.expect("Numéro de série")
    child.sendline(who["serial"])
    # and the letter's code is asked before the site is asked for any code
    child.expect(LETTER_CODE)
    assert mock.person("alice")["codes_issued"] == 1  # the letter's, nothing sent
    child.sendline(code("alice"))
    child.expect(pexpect.EOF)
    child.close()
    seen = transcript(child)
    # Then the letter's code was used: no new code sent, none voided, Alice opposed
    assert child.exitstatus == 0, seen
    person = mock.person("alice")
    assert (person["state"], person["codes_issued"]) == ("opposed", 1), seen
    assert mock.messages() == []
    assert "Un nouveau code provisoire" not in seen
    # named by her first name, never « personne »
    assert "alice : opposition enregistrée" in seen
    for secret in (who["nir"], who["serial"], wrong_key, code("alice")):
        assert not shown_anywhere(secret, seen)


@pytest.mark.parametrize(
    ("answer", "state", "status"), [("oui", "opposed", 0), ("n", "invited", 3)]
)
def test_the_final_step_is_confirmed_at_the_prompt(
    mock: MockControl, tmp_path: Path, answer: str, state: str, status: int
) -> None:
    who = identity("alice")
    child = spawn(mock, tmp_path / "out", "--id", "alice", "--first-name", "Alice",
                  "--last-name", "Martin", "--birth-date", who["birth_date"],
                  "--card-model", who["card_model"])  # fmt: skip
    child.expect("Numéro de sécurité sociale")
    child.sendline(who["nir"])
    child.expect("Numéro de série")
    child.sendline(who["serial"])
    child.expect(LETTER_CODE)
    child.sendline("")  # letter mislaid: the site sends a new one, and the person is told
    child.expect(
        "Un nouveau code provisoire vient d'être envoyé pour Alice Martin par e-mail, "
        "à l'adresse ou au numéro que le site connaît. Il remplace celui du courrier, "
        "qui ne marche plus."
    )
    child.expect("Code provisoire reçu pour Alice Martin")  # no MES_CODE: the prompt reader
    text = str(mock.messages()[-1].get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]
    found = re.search(r" : ([A-Za-z0-9]{12})\b", text)
    assert found
    child.sendline(found.group(1))
    child.expect(
        r"Confirmer l'opposition à Mon espace santé pour Alice Martin \? C'est définitif\. \[o/N\]"
    )
    child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    seen = transcript(child)
    assert child.exitstatus == status, seen
    assert mock.person("alice")["state"] == state
    for secret in (who["nir"], who["serial"], found.group(1)):
        assert not shown_anywhere(secret, seen)
