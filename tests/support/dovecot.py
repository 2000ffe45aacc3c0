"""A real IMAP server for the IMAP code reader's tests: Debian's Dovecot, started on a
loopback port, serving the Maildir the mock delivers into. Plain IMAP on loopback only."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.lines import line_until
from tests.support.ports import free_loopback_port

USER = "famille"
PASSWORD = "imap-test-password"


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )


@contextmanager
def dovecot(maildir: Path, work: Path) -> Iterator[int]:
    binary = dovecot_binary()
    assert binary, "Dovecot is not installed (apt-get install dovecot-imapd)"
    port = free_loopback_port()
    me = pwd.getpwuid(os.getuid())
    # As root, Dovecot's login processes run as its own unprivileged users, which must
    # reach the sockets in base_dir: that one folder lives outside pytest's private tmp.
    login_user, internal_user = ("dovenull", "dovecot") if os.getuid() == 0 else (me.pw_name,) * 2
    # Dovecot never reads mail as root: then the mailbox belongs to its own user.
    mail = pwd.getpwnam("dovecot") if os.getuid() == 0 else me
    base_dir = Path(tempfile.mkdtemp(prefix="mes-dovecot-"))
    base_dir.chmod(0o755)
    (work / "state").mkdir(parents=True, exist_ok=True)
    (base_dir / "home").mkdir()
    os.chown(base_dir / "home", mail.pw_uid, mail.pw_gid)
    config = work / "dovecot.conf"
    config.write_text(f"""
protocols = imap
listen = 127.0.0.1
base_dir = {base_dir}
state_dir = {work}/state
log_path = {work}/dovecot.log
info_log_path = /dev/stderr
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
default_login_user = {login_user}
default_internal_user = {internal_user}
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid={mail.pw_uid} gid={mail.pw_gid} home={base_dir}/home mail=maildir:{maildir}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
""")
    process = subprocess.Popen([binary, "-F", "-c", str(config)], stderr=subprocess.PIPE, text=True)
    try:
        # Dovecot says when it listens; read its log until then (no timed wait, a bound).
        said = line_until(process.stderr, lambda line: any(
            word in line for word in ("starting up", "Fatal", "Error")), timeout_s=60)  # fmt: skip
        if "starting up" not in said:
            raise RuntimeError(f"dovecot: {said.strip()}")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(base_dir, ignore_errors=True)
