"""Units of the robot that need no browser: label patterns, the redactor, the member
model and its French errors, code extraction and the Maildir reader."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from automation import messages
from automation.codes.matching import find_code
from automation.codes.readers import MaildirReader
from automation.output.logs import MASK, Redactor
from flows.member import Member
from flows.pages.text import pattern
from flows.ports import CodeRequest

ALICE = {"id": "alice", "first_name": "Alice", "last_name": "Martin", "birth_date": "12/03/1984",
         "card_model": "avec_photo", "nir": "2 84 03 75 112 004 46", "card_serial": "12345678901"}  # fmt: skip


@pytest.mark.parametrize(
    ("label", "seen", "matches"),
    [
        ("Je m'oppose à la création", "Je m’oppose à la création de Mon espace santé", True),
        ("Je m'oppose à la création", "JE M'OPPOSE À LA CRÉATION DE MON ESPACE SANTÉ", True),
        (
            "Mes coordonnées sont incorrectes ?",
            "Mes\u00a0coordonnées\u00a0sont\u00a0incorrectes\u202f?",
            True,
        ),
        ("Mes coordonnées sont incorrectes ?", "Mes coordonnées sont incorrectes?", True),
        ("Activer … espace santé", "Activer mon profil Mon espace santé", True),
        ("Activer … espace santé", "Se connecter", False),
        ("Paramètres", "Paramètres de notification", True),
    ],
)
def test_label_patterns_tolerate_the_contracts_variations(
    label: str, seen: str, matches: bool
) -> None:
    assert bool(pattern(label).search(seen)) is matches


def test_whole_patterns_are_anchored() -> None:
    assert pattern("Paramètres", whole=True).search(" paramètres ")
    assert not pattern("Paramètres", whole=True).search("Paramètres de notification")
    assert not pattern("Léa", whole=True).search("Léane")


def test_redactor_by_value_in_every_spelling() -> None:
    redactor = Redactor()
    redactor.add(["284037511200446", "Ab3dE5gH7jK9", "mot de passe!"])
    for text in ["2 84 03 75 112 004 46", "ab3de5gh7jk9", "mot%20de%20passe%21", "mot+de+passe%21"]:
        assert MASK in redactor.redact(f"before {text} after"), text
    event = redactor(None, "info", {"event": "x", "nested": {"list": ["Ab3dE5gH7jK9"]}})
    assert event["nested"]["list"] == [MASK]


def test_redactor_by_shape_catches_what_it_was_never_told() -> None:
    redactor = Redactor()
    assert redactor.redact("nir 1 79 11 2A 004 317 58 end") == f"nir {MASK} end"
    assert redactor.redact("code Zz9Yy8Xx7Ww6 end") == f"code {MASK} end"
    assert redactor.redact("member alice reached decision") == "member alice reached decision"


def test_member_checks_and_normalises() -> None:
    member = Member.model_validate(ALICE)
    assert member.nir is not None
    assert member.nir.get_secret_value() == "284037511200446"
    assert "284037511200446" not in repr(member)
    assert member.birth_date.isoformat() == "1984-03-12"


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        ({"nir": "2 84 03 75 112 004 47"}, "Entrée invalide pour alice : le numéro de sécurité sociale (NIR) n'est pas valide (vérifiez les chiffres et la clé)."),
        ({"card_serial": "123"}, "Entrée invalide pour alice : le numéro de série de la carte Vitale n'a pas la bonne longueur."),
        ({"birth_date": "01/01/2999"}, "Entrée invalide pour alice : la date de naissance est dans le futur."),
        ({"card_model": "bleue"}, "Entrée invalide pour alice : le modèle de carte Vitale (avec_photo ou sans_photo) n'est pas une valeur possible."),
        ({"id": "a b"}, "Entrée invalide pour alice : l'identifiant court (id) doit faire 1 à 32 caractères parmi lettres, chiffres, - et _."),
        ({"login": "a.martin"}, "Entrée invalide pour alice : le mot de passe manque : il va avec l'identifiant de connexion."),
    ],
)  # fmt: skip
def test_member_errors_are_french_sentences_without_values(
    change: dict[str, str], sentence: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        Member.model_validate({**ALICE, **change})
    said = messages.explain_validation(caught.value, "alice")
    assert said == [sentence]
    for value in change.values():
        if len(value) > 4:
            assert value not in " ".join(said)


def test_member_errors_in_english() -> None:
    with pytest.raises(ValidationError) as caught:
        Member.model_validate({**ALICE, "nir": ""})
    assert messages.explain_validation(caught.value, "alice", "en") == [
        "Invalid input for alice: the social security number (NIR) is empty."
    ]


def test_find_code() -> None:
    assert find_code("provisoire", "Voici le code : abcdefGHIJKL\nvalable.") == "abcdefGHIJKL"
    assert find_code("provisoire", "Votre code AB12CD34EF56 est valable.") == "AB12CD34EF56"
    assert find_code("provisoire", "Conformément à la réglementation") is None
    assert find_code("login", "Votre code : 042917. Valable 15 min.") == "042917"


def deliver(folder: Path, sender: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "someone@example.org"
    message["Subject"] = "Code"
    message.set_content(body)
    mailbox.Maildir(folder, create=True).add(message)


def test_maildir_reader_takes_the_newest_official_message_after_the_request(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    deliver(folder, "Assurance Maladie <assurance-maladie@info.ameli.fr>", "Code : Old111Code11")
    request = CodeRequest(
        "provisoire", "email", datetime.now(UTC) + timedelta(seconds=5), "Léa Dubois"
    )
    reader = MaildirReader(folder, timeout_s=0.2)
    assert reader.read(request) is None  # the only message is older than the request
    request = CodeRequest(
        "provisoire", "email", datetime.now(UTC) - timedelta(seconds=60), "Léa Dubois"
    )
    deliver(folder, "Phisher <assurance-maladie@evil.example>", "Code : Fake111Code1")
    deliver(folder, "assurance-maladie@info.ameli.fr", "Profil de Hugo Dubois : Hugo22Code22")
    deliver(folder, "assurance-maladie@info.ameli.fr", "Profil de Léa Dubois : Lea333Code33")
    code = reader.read(request)
    assert code is not None and code.get_secret_value() == "Lea333Code33"


def test_maildir_reader_waits_for_a_message_to_arrive(tmp_path: Path) -> None:
    import threading

    folder = tmp_path / "mail"
    mailbox.Maildir(folder, create=True)
    request = CodeRequest("login", "email", datetime.now(UTC), "Éric Petit")
    looked = threading.Event()

    class Reader(MaildirReader):
        def _scan(self, request: CodeRequest) -> str | None:
            found = super()._scan(request)
            looked.set()  # it has looked, found nothing yet, and is about to wait
            return found

    codes: list[object] = []
    reading = threading.Thread(target=lambda: codes.append(Reader(folder, 30).read(request)))
    reading.start()
    assert looked.wait(timeout=30)
    deliver(folder, "assurance-maladie@info.ameli.fr", "Code : 123456")  # only now
    reading.join(timeout=60)
    [code] = codes
    assert isinstance(code, SecretStr) and code.get_secret_value() == "123456"


def test_maildir_reader_takes_the_newest_of_two_messages(tmp_path: Path) -> None:
    # Two codes for the same person, delivered one after the other, likely within one
    # clock tick: the second one is the valid one (a newer code supersedes the older).
    folder = tmp_path / "mail"
    request = CodeRequest("login", "email", datetime.now(UTC) - timedelta(seconds=5), "Éric")
    deliver(folder, "assurance-maladie@info.ameli.fr", "Code : 111111")
    deliver(folder, "assurance-maladie@info.ameli.fr", "Code : 222222")
    code = MaildirReader(folder, timeout_s=1).read(request)
    assert code is not None and code.get_secret_value() == "222222"


def test_a_command_reader_says_why_it_has_no_code() -> None:
    import sys

    from automation.codes.readers import CommandReader
    from flows.ports import CodeUnavailable

    request = CodeRequest("login", "email", datetime.now(UTC), "Éric Petit")
    cases = [
        ("import threading; threading.Event().wait()", 1, "no answer within 1 s"),  # hangs
        ("import sys; sys.exit(3)", 30, "exit status 3"),
        ("print('nothing useful here')", 30, "no code in its output"),
    ]
    for program, timeout_s, why in cases:
        reader = CommandReader(f'{sys.executable} -c "{program}"', timeout_s=timeout_s)
        with pytest.raises(CodeUnavailable) as caught:
            reader.read(request)
        assert caught.value.detail.endswith(why)
    found = CommandReader(f"{sys.executable} -c \"print('Code : 654321')\"").read(request)
    assert found is not None and found.get_secret_value() == "654321"
    # A code provisoire may be all letters (about one in eight is): printed alone, it is one.
    letters = CodeRequest("provisoire", "email", datetime.now(UTC), "Bruno Lefèvre")
    found = CommandReader(f"{sys.executable} -c \"print('AbCdEfGhIjKl')\"").read(letters)
    assert found is not None and found.get_secret_value() == "AbCdEfGhIjKl"


def test_an_imap_reader_that_could_not_note_where_new_mail_starts_reads_nothing() -> None:
    # Nothing listens on the port: UIDNEXT cannot be noted before the request. Searching
    # from UID 1 instead could return an old code; the reader must say why it has none.
    from automation.codes.imap import ImapReader, ImapSettings
    from flows.ports import CodeUnavailable
    from tests.support.ports import free_loopback_port

    settings = ImapSettings(host="127.0.0.1", port=free_loopback_port(), user="famille",
                            password=SecretStr("imap-secret"), tls=False, timeout_s=5)  # fmt: skip
    reader = ImapReader(settings)
    reader.prepare()
    request = CodeRequest("provisoire", "email", datetime.now(UTC), "Bruno Lefèvre")
    with pytest.raises(CodeUnavailable) as caught:
        reader.read(request)
    assert caught.value.detail == "imap: Connection refused"


def test_a_traceback_is_redacted_in_the_terminal_and_in_the_log_file(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # An error whose text carries a secret (a password in a URL, a value in a message):
    # the traceback is formatted, then redacted, before the terminal or the file sees it.
    import structlog

    from automation.output import logs

    password = "Tr0mb0ne-et-Violon"
    logs.REDACTOR.add([password])
    log_file = tmp_path / "run.log"
    logs.configure(log_file, verbose=True)
    try:
        try:
            raise ValueError(f"login refused for https://eric:{password}@site.example/")
        except ValueError:
            structlog.get_logger("mes_optout.test").exception("member_crashed")
    finally:
        logs.close()
    said = capfd.readouterr().err
    written = log_file.read_text(encoding="utf-8")
    for text in (said, written):
        assert "member_crashed" in text and "ValueError" in text  # the traceback is there
        assert password not in text and logs.MASK in text  # without the secret


def test_after_ctrl_c_the_reply_to_an_abandoned_call_stays_off_the_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Playwright logs a reply to a call that Ctrl-C abandoned as an error with its
    # traceback (seen in 1 of 15 interrupted runs); any other error it logs is still shown.
    import logging

    from playwright._impl._errors import Error

    from automation.output import logs

    log_file = tmp_path / "run.log"
    logs.configure(log_file, verbose=False)
    try:
        for text in ("Cannot find command to respond: abcd@230", "Target page crashed"):
            try:
                raise Error(text)
            except Error as error:
                logging.getLogger("playwright").error(
                    "Error occurred in event listener", exc_info=error
                )
    finally:
        logs.close()
    said = capfd.readouterr().err
    written = log_file.read_text(encoding="utf-8")
    assert "Cannot find command" not in said and "Target page crashed" in said
    assert "Cannot find command" in written and "Target page crashed" in written


def test_a_confirmation_dialog_is_confirmed_only_for_the_step_the_robot_just_clicked() -> None:
    # « Confirmer » only when the final step was clicked by us and the person agreed;
    # any other confirmation dialog (one the site shows on its own) gets « Annuler ».
    from types import SimpleNamespace
    from typing import Any, cast

    from flows.answer import Answer, Waiter
    from flows.final_step import FinalStep
    from flows.ports import NoJournal

    pressed: list[str] = []

    class Dialog:
        def confirm_step(self) -> Answer:
            pressed.append("Confirmer")
            return Answer("moved")

        def cancel(self) -> None:
            pressed.append("Annuler")

    cases = [(None, True, "Annuler"), ("opposition", False, "Annuler"),
             ("opposition", True, "Confirmer")]  # fmt: skip
    for pending, confirmed, expected in cases:
        flow = SimpleNamespace(progress=SimpleNamespace(pending=pending, pressed=set(),
                                                        pressed_at=None),
                               options=SimpleNamespace(confirmed=confirmed),
                               waiter=Waiter(cast(Any, None), 1_000))  # fmt: skip
        FinalStep(cast(Any, flow), NoJournal()).on_confirm_dialog(cast(Any, Dialog()))
        assert pressed[-1] == expected, (pending, confirmed)
    assert len(pressed) == 3
