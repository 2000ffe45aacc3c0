"""The command line in a real terminal (a pseudo-terminal, as a person would use it):
missing inputs asked in French with secrets hidden, the code typed by the person, and the
final step confirmed at the prompt."""

from __future__ import annotations

import re
from pathlib import Path

import pexpect
import pytest

from tests.support.control import MockControl
from tests.support.seed import identity
from tests.support.terminal import shown_anywhere, spawn_cli, transcript

pytestmark = pytest.mark.e2e


def spawn(mock: MockControl, out: Path, *extra: str) -> pexpect.spawn:
    return spawn_cli("oppose", "--headless", "--base-url", mock.base_url, "--out", str(out), *extra)


def test_missing_inputs_are_asked_and_secrets_stay_hidden(
    mock: MockControl, tmp_path: Path
) -> None:
    who = identity("bruno")
    child = spawn(mock, tmp_path / "out", "--id", "bruno", "--dry-run")
    answers = [("Prénom", "Bruno"), ("Nom", "Lefèvre"), ("Date de naissance", who["birth_date"]),
               ("Modèle de carte Vitale", who["card_model"]),
               ("Numéro de sécurité sociale \\(saisie masquée\\)", who["nir"]),
               ("Numéro de série de la carte Vitale \\(saisie masquée\\)", who["serial"])]  # fmt: skip
    for prompt, answer in answers:
        child.expect(prompt)
        child.sendline(answer)
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
