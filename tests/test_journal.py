"""The journal, read back: what counts as done, and what was interrupted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from automation.output.journal import Journal


def test_done_interrupted_and_proof_missing(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite")
    assert (tmp_path / "journal.sqlite").stat().st_mode & 0o777 == 0o600
    first = journal.start("alice", "oppose")
    journal.intent("alice", "opposition")
    assert journal.interrupted("alice") == "opposition"
    journal.result("alice", "opposition", "opposed")
    journal.finish(first, "opposed", None, ["alice/x/attestation.pdf"])
    assert journal.interrupted("alice") is None
    done = journal.done("alice")
    assert done is not None and done.evidence == ["alice/x/attestation.pdf"]

    other = journal.start("bruno", "oppose")
    journal.finish(other, "opposed", "evidence", [])  # done, but the proof was lost
    assert journal.done("bruno") is None
    failed = journal.start("chloe", "oppose")
    journal.finish(failed, "failed", "code_wrong", [])
    assert journal.done("chloe") is None
    dry = journal.start("lea", "oppose")
    journal.finish(dry, "dry_run", None, [])
    assert journal.done("lea") is None
    journal.close()


def test_every_row_is_on_the_disk_before_the_call_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A build of SQLite whose connections start lax (some default to NORMAL or OFF): the
    # journal must set its own level, not trust the default.
    connect = sqlite3.connect

    def lax_build(*args: object, **kwargs: object) -> sqlite3.Connection:
        db = connect(*args, **kwargs)  # type: ignore[call-overload]
        db.execute("PRAGMA synchronous=OFF")
        return db

    monkeypatch.setattr(sqlite3, "connect", lax_build)
    journal = Journal(tmp_path / "journal.sqlite")
    assert journal.durability() == ("wal", 2)  # WAL, synchronous=FULL
    journal.close()
    monkeypatch.undo()
    with sqlite3.connect(tmp_path / "journal.sqlite") as db:  # WAL is kept in the file
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_refused_sign_in_is_remembered_until_one_is_accepted(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite")
    journal.intent("eric", "closure")  # the account's marks never touch a member's steps
    journal.signed_in("eric", accepted=False)
    assert journal.sign_in_refused_on("eric") is not None
    assert journal.sign_in_refused_now("eric")
    assert journal.interrupted("eric") == "closure"
    journal.close()
    # The next run (a new journal on the same file) knows the day, not "this run"
    later = Journal(tmp_path / "journal.sqlite")
    assert later.sign_in_refused_on("eric") is not None
    assert not later.sign_in_refused_now("eric")
    later.signed_in("eric", accepted=True)  # the family mended the password (--force)
    assert later.sign_in_refused_on("eric") is None
    assert later.sign_in_refused_on("fanny") is None
