"""What the code readers trust (issue 27): a program of the user's gets none of the
robot's secrets; a code is read from the text a person sees, from the official sender
only, never from a message too big to be a code mail."""

from __future__ import annotations

import mailbox
import sys
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from structlog.testing import capture_logs

from automation.codes.matching import MAX_MESSAGE_BYTES, is_official_sender, message_text
from automation.codes.readers import CommandReader, MaildirReader
from flows.ports import CodeKind, CodeRequest

SENDER = "assurance-maladie@info.ameli.fr"
SECRETS = {
    "MES_NIR": "188073155512362",
    "MES_CARD_SERIAL": "87654321",
    "MES_IMAP_PASSWORD": "imap-very-secret",
    "MES_PASSWORD": "Sante-Demo-Secret",
    "MES_CODE": "Zz9Yy8Xx7Ww6",
    "ALICE_NIR": "284031234567890",  # what a household file's `env:` may point to
}


def a_request(kind: CodeKind = "provisoire", name: str = "Léa Dubois") -> CodeRequest:
    return CodeRequest(kind, "email", datetime.now(UTC) - timedelta(seconds=60), name)


# -- a program of the user's: its environment ---------------------------------------


def test_a_program_sees_none_of_the_robots_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    printed = tmp_path / "environment.txt"
    # The program writes the environment it was given, then prints a code.
    program = tmp_path / "show_env.py"
    program.write_text(
        "import os, sys\n"
        f"with open({str(printed)!r}, 'w') as out:\n"
        "    for name, value in sorted(os.environ.items()):\n"
        "        out.write(f'{name}={value}\\n')\n"
        "print('123456')\n"
    )
    code = CommandReader(f"{sys.executable} {program}", timeout_s=60).read(a_request("login"))
    assert code is not None and code.get_secret_value() == "123456"
    seen = dict(line.split("=", 1) for line in printed.read_text().splitlines())
    assert [v for v in SECRETS.values() if v in printed.read_text()] == []
    # What its interface names is there, and what a program needs to run.
    assert seen["MES_CODE_KIND"] == "login" and seen["MES_MEMBER_NAME"] == "Léa Dubois"
    assert {"MES_CODE_CHANNEL", "MES_CODE_SINCE", "PATH"} <= set(seen)
    assert {n for n in seen if n.startswith("MES_")} == {
        "MES_CODE_KIND", "MES_CODE_CHANNEL", "MES_CODE_SINCE", "MES_MEMBER_NAME",
    }  # fmt: skip


# -- the text a person sees ------------------------------------------------------------


def html_mail(html: str, sender: str = SENDER) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Assurance Maladie <{sender}>"
    message["To"] = "famille@example.org"
    message["Subject"] = "Votre code provisoire"
    message.set_content(html, subtype="html")
    return message


# A mail as a mailing tool writes it: a tracking pixel first, whose address carries an
# id of a code's shape, then the code, written without a colon before it.
PIXEL_FIRST = """<html><head><style>.x{color:#A1B2C3D4E5F6}</style>
<title>Code QQ11RR22SS33</title></head><body>
<img src="https://t.example/p?id=AB12CD34EF56" width="1" height="1">
<p>Bonjour Léa Dubois,</p>
<p>Votre code provisoire est <b>K7PQ2MXR4TZ9</b>, valable 72 heures.</p>
<a href="https://t.example/c?u=ZZ99YY88XX77">Mon espace santé</a>
<script>var id = "JS11JS22JS33";</script>
</body></html>"""


def deliver(folder: Path, message: EmailMessage) -> None:
    mailbox.Maildir(folder, create=True).add(message)


def test_an_html_only_mail_gives_the_code_a_person_reads(tmp_path: Path) -> None:
    assert "AB12CD34EF56" not in message_text(html_mail(PIXEL_FIRST))
    deliver(tmp_path / "mail", html_mail(PIXEL_FIRST))
    code = MaildirReader(tmp_path / "mail", timeout_s=0).read(a_request())
    assert code is not None and code.get_secret_value() == "K7PQ2MXR4TZ9"


def test_a_tracking_pixel_alone_gives_no_code(tmp_path: Path) -> None:
    pixel_only = ('<p>Bonjour,</p><img src="https://t.example/p?id=AB12CD34EF56">'
                  '<style>p{color:#A1B2C3D4E5F6}</style><p>À bientôt.</p>')  # fmt: skip
    deliver(tmp_path / "mail", html_mail(pixel_only))
    assert MaildirReader(tmp_path / "mail", timeout_s=0).read(a_request()) is None


def test_cells_side_by_side_are_not_read_as_one_token() -> None:
    # Two cells of six each would make a false 12-character code if run together.
    text = message_text(html_mail("<table><tr><td>ABCDEF</td><td>123456</td></tr></table>"))
    assert "ABCDEF123456" not in text


# -- the sender ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "official"),
    [
        ("assurance-maladie@info.ameli.fr", True),
        ("Assurance-Maladie@Info.Ameli.FR", True),
        ("ne-pas-repondre@ameli.fr", True),  # the Assurance Maladie's own domain
        ("codes@mail.ameli.fr", True),  # and its subdomains: the same owner
        ("assurance-maladie@info.ameli.fr.evil.example", False),
        ("assurance-maladie@evil-ameli.fr", False),
        ("assurance-maladie@ameli.fr.evil.example", False),
        ("assurance-maladie@notameli.fr", False),
        ("info.ameli.fr", False),
        ("", False),
    ],
)
def test_the_official_sender_by_exact_address_or_domain(address: str, official: bool) -> None:
    assert is_official_sender(address) is official


def test_a_lookalike_sender_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    deliver(folder, html_mail("<p>Votre code : Fake11Code11</p>",
                              "assurance-maladie@info.ameli.fr.evil.example"))  # fmt: skip
    deliver(
        folder, html_mail("<p>Votre code : Fake22Code22</p>", "assurance-maladie@evil-ameli.fr")
    )
    assert MaildirReader(folder, timeout_s=0).read(a_request()) is None
    deliver(folder, html_mail("<p>Votre code : Real33Code33</p>"))
    code = MaildirReader(folder, timeout_s=0).read(a_request())
    assert code is not None and code.get_secret_value() == "Real33Code33"


# -- the size --------------------------------------------------------------------------


def test_a_huge_mail_is_skipped_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    padding = "<p>" + "x " * (MAX_MESSAGE_BYTES // 2) + "</p>"
    deliver(folder, html_mail(f"<p>Votre code : Huge44Code44</p>{padding}"))
    reader = MaildirReader(folder, timeout_s=0)
    with capture_logs() as said:
        assert reader.read(a_request()) is None
        assert reader.read(a_request()) is None  # looked at twice, said once
    warnings = [e for e in said if e["event"] == "message_too_big_skipped"]
    assert len(warnings) == 1 and warnings[0]["log_level"] == "warning"
    assert "Huge44Code44" not in repr(said)
