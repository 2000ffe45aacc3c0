"""The IMAP reader sends the password only where it may (issue 27): over TLS to a server
whose certificate is trusted (the system's store, or the CA file the person names), or
in plain to this machine only. A refusal is one sentence naming the host, and the
server never heard a LOGIN. Then what it reads: official senders, visible text, no
message too big to be a code mail."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from pydantic import SecretStr
from structlog.testing import capture_logs

from automation.codes.imap import ImapReader, ImapSettings
from automation.codes.matching import MAX_MESSAGE_BYTES
from automation.messages import text
from flows.ports import CodeKind, CodeRequest, CodeUnavailable
from tests.support.fake_imap import Mailbox, fake_imap, self_signed_certificate

PASSWORD = "imap-password-never-sent"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    try:
        return self_signed_certificate(tmp_path_factory.mktemp("tls"))
    except RuntimeError as missing:
        pytest.skip(str(missing))


@pytest.fixture
def box() -> Mailbox:
    return Mailbox()


@pytest.fixture
def tls_port(box: Mailbox, certificate: tuple[Path, Path]) -> Iterator[int]:
    with fake_imap(box, certificate) as port:
        yield port


@pytest.fixture
def plain_port(box: Mailbox) -> Iterator[int]:
    with fake_imap(box) as port:
        yield port


def reader(port: int, host: str = "127.0.0.1", lang: str = "fr", **settings: object) -> ImapReader:
    given = ImapSettings(host=host, port=port, user="famille", password=SecretStr(PASSWORD),
                         timeout_s=0, **settings)  # type: ignore[arg-type]  # fmt: skip
    return ImapReader(given, lang=lang)


def a_request(kind: CodeKind = "provisoire") -> CodeRequest:
    return CodeRequest(kind, "email", datetime.now(UTC) - timedelta(seconds=60), "Léa Dubois")


def refusal(imap: ImapReader) -> str:
    """What the reader says when asked for a code after `prepare`."""
    imap.prepare()
    with pytest.raises(CodeUnavailable) as caught:
        imap.read(a_request())
    return caught.value.detail


# -- the certificate -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_untrusted_certificate_is_refused_before_login(
    box: Mailbox, tls_port: int, lang: str
) -> None:
    said = refusal(reader(tls_port, lang=lang))
    assert said == text("imap_certificate_refused", lang, host="127.0.0.1")
    assert box.connected.wait(timeout=10)  # it did reach the server, and stopped there
    assert "LOGIN" not in box.commands
    assert PASSWORD not in said


def test_the_ca_file_named_makes_the_same_server_trusted(
    box: Mailbox, tls_port: int, certificate: tuple[Path, Path]
) -> None:
    imap = reader(tls_port, ca_file=certificate[0])
    imap.prepare()
    assert imap._next_uid == box.next_uid
    assert "LOGIN" in box.commands


def test_a_ca_file_that_cannot_be_read_is_said(tmp_path: Path, box: Mailbox, tls_port: int) -> None:
    missing = tmp_path / "nowhere.pem"
    said = refusal(reader(tls_port, ca_file=missing))
    assert said.startswith(text("imap_ca_file_unusable", "fr", path=missing, why="x")[:40])
    assert str(missing) in said
    assert box.commands == []


# -- plain IMAP ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("LOCALHOST.", True), ("imap.example.org", False),
     ("192.168.1.10", False), ("10.0.0.1", False), ("localhost.example.org", False),
     ("128.0.0.1", False)],
)  # fmt: skip
def test_plain_imap_only_to_this_machine(
    monkeypatch: pytest.MonkeyPatch, host: str, loopback: bool
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(socket, "create_connection", no_network)
    said = refusal(reader(143, host=host, tls=False))
    refused = text("imap_plain_refused", "fr", host=host)
    assert (said != refused) is loopback, said


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_plain_imap_to_another_host_is_refused_before_any_connection(
    monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    opened: list[object] = []
    monkeypatch.setattr(socket, "create_connection",
                        lambda *args, **kwargs: opened.append(args))  # fmt: skip
    said = refusal(reader(143, host="imap.example.org", lang=lang, tls=False))
    assert said == text("imap_plain_refused", lang, host="imap.example.org")
    assert opened == []


def test_plain_imap_to_this_machine_is_accepted(box: Mailbox, plain_port: int) -> None:
    imap = reader(plain_port, tls=False)
    imap.prepare()
    assert imap._next_uid == box.next_uid
    assert "LOGIN" in box.commands


# -- what it reads ---------------------------------------------------------------------


def mail(body: str, sender: str = "assurance-maladie@info.ameli.fr", html: bool = True) -> bytes:
    message = EmailMessage()
    message["From"] = f"Assurance Maladie <{sender}>"
    message["To"] = "famille@example.org"
    message["Subject"] = "Votre code"
    message.set_content(body, subtype="html" if html else "plain")
    return bytes(message)


def read_after(box: Mailbox, port: int, *arriving: bytes) -> SecretStr | None:
    imap = reader(port, tls=False)
    imap.prepare()
    first = box.next_uid
    for offset, raw in enumerate(arriving):
        box.messages[first + offset] = raw
    return imap.read(a_request())


def test_imap_reads_the_code_a_person_sees_not_a_pixels_id(box: Mailbox, plain_port: int) -> None:
    html = ('<img src="https://t.example/p?id=AB12CD34EF56" width="1" height="1">'
            "<p>Votre code provisoire est <b>K7PQ2MXR4TZ9</b>.</p>")  # fmt: skip
    code = read_after(box, plain_port, mail(html))
    assert code is not None and code.get_secret_value() == "K7PQ2MXR4TZ9"


def test_imap_ignores_a_lookalike_sender(box: Mailbox, plain_port: int) -> None:
    # The server's FROM search is a substring match: both of these would pass it.
    lookalikes = [mail("<p>Code : Fake11Code11</p>", "assurance-maladie@info.ameli.fr.evil.example"),
                  mail("<p>Code : Fake22Code22</p>", "assurance-maladie@evil-ameli.fr")]  # fmt: skip
    assert read_after(box, plain_port, *lookalikes) is None


def test_imap_skips_a_huge_mail_unread(box: Mailbox, plain_port: int) -> None:
    huge = mail("Code : Huge44Code44\n" + "x " * (MAX_MESSAGE_BYTES // 2), html=False)
    with capture_logs() as said:
        assert read_after(box, plain_port, huge) is None
    assert [e["event"] for e in said] == ["message_too_big_skipped"]
    assert "Huge44Code44" not in repr(said)
    assert box.commands.count("UID FETCH") == 1  # its headers; never its body
