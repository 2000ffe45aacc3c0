"""The leak hunt: a household run with debug logs, traces and a forced failure, then
every byte it wrote and printed searched for every secret, in every form it could take."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from automation.cli.demo import demo_environment
from flows.inputs import format_nir, strip_spaces
from tests.support.cli import run_cli
from tests.support.control import MockControl
from tests.support.households import demo_subset

pytestmark = pytest.mark.e2e

# Canary secrets: a member the site does not know, so their run fails on purpose.
CANARY = {"CANARY_NIR": "2 91 04 75 123 001 71", "CANARY_SERIAL": "9876543210",
          "CANARY_CODE": "Canary7Code9"}  # fmt: skip
CANARY_MEMBER = """
[[member]]
id = "canari"
first_name = "Capucine"
last_name = "Canari"
birth_date = 1991-04-02
action = "oppose"
card_model = "sans_photo"
nir = "env:CANARY_NIR"
card_serial = "env:CANARY_SERIAL"
code = "env:CANARY_CODE"
"""


def forms(secret: str) -> set[str]:
    """The spellings a secret may take once written: raw, without or with the card's
    spaces, lower and upper case, URL-encoded, JSON-escaped."""
    compact = strip_spaces(secret)
    found = {secret, compact, compact.lower(), compact.upper(), quote(secret), quote_plus(secret),
             quote(compact), json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}  # fmt: skip
    if len(compact) == 15:
        found |= {format_nir(compact), format_nir(compact).replace(" ", "\u00a0")}
    return {form for form in found if len(form) >= 6}


def written(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, and every file inside every zip (the traces)."""
    files = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        files[str(path.relative_to(folder))] = path.read_bytes()
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    files[f"{path.name}!{name}"] = archive.read(name)
    return files


def hits(secret: str, haystacks: dict[str, bytes]) -> list[str]:
    found = []
    for form in forms(secret):
        # Digits alone must stand alone, or every timestamp would look like a code.
        pattern = re.compile(rb"(?<!\d)" + re.escape(form.encode()) + rb"(?!\d)")
        found += [f"{name}: {form!r}" for name, data in haystacks.items() if pattern.search(data)]
    return found


def test_no_secret_in_anything_the_run_wrote_or_printed(mock: MockControl, tmp_path: Path) -> None:
    household = demo_subset(tmp_path, ["alice", "bruno", "eric"], extra=CANARY_MEMBER)
    out = tmp_path / "out"
    env = {**demo_environment(), **CANARY, "MES_RECOGNISE_TIMEOUT_S": "5"}
    result = run_cli("run", str(household), "--base-url", mock.base_url, "--yes", "--verbose",
                     "--trace", "--code-from", f"maildir:{mock.outbox}", "--out", str(out),
                     env=env)  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr  # the canary fails
    report = {m["id"]: m for m in json.loads((out / "report.json").read_text())["members"]}
    assert report["canari"]["reason"] == "identity_not_found"
    assert {report[m]["outcome"] for m in ("alice", "bruno")} == {"opposed"}
    assert report["eric"]["outcome"] == "closed"
    assert list(out.rglob("trace-*.zip")), "tracing was on"

    # What the site sent (codes read from the mailbox) is secret too.
    bodies = [m.get_body(preferencelist=("plain",)) for m in mock.messages()]
    sent = " ".join(str(body.get_content()) for body in bodies if body is not None)
    codes = set(re.findall(r" : ([A-Za-z0-9]{12})\b", sent)) | set(
        re.findall(r" : (\d{6})\b", sent)
    )
    assert codes, "the run asked for codes"
    secrets = [*CANARY.values(), *codes,
               *(v for k, v in demo_environment().items()
                 if k.split("_")[1] in ("ALICE", "BRUNO", "ERIC"))]  # fmt: skip
    haystacks = written(out)
    haystacks["terminal"] = (result.stdout + result.stderr).encode()
    leaks = [hit for secret in secrets for hit in hits(secret, haystacks)]
    assert leaks == []

    assert (out.stat().st_mode & 0o777) == 0o700
    for path in out.rglob("*"):
        assert (path.stat().st_mode & 0o777) == (0o700 if path.is_dir() else 0o600), path


@pytest.mark.parametrize(
    "planted",
    [b"nir=291047512300171", b'{"nir": "2 91 04 75 123 001 71"}', b"q=2%2091%2004%2075%20123%20001%2071",
     b"CANARY7CODE9", b"canary7code9", b"serial 9876543210."],
)  # fmt: skip
def test_the_hunt_finds_a_planted_secret(planted: bytes) -> None:
    haystack = {"planted.log": b"before " + planted + b" after"}
    assert [hit for secret in CANARY.values() for hit in hits(secret, haystack)] != []
