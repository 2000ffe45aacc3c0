"""The journal: every attempt, and for each irreversible click the intent written before
it and the result after it, in SQLite inside the output folder.

A re-run reads it: members already done are skipped (unless forced); a member whose last
intent has no result was interrupted between the two, and is settled by looking at the
site (which then says « déjà opposé » or « clôturé »), never by clicking twice blindly.
Each write is its own committed transaction, so a killed run leaves a consistent file.

Durability: the journal is in WAL mode with `synchronous=FULL`, so every row is on the
disk before the call returns; a power cut loses at most the row being written. FULL for
every row, not only the intent and the result around a final click: the rows are few,
and an attempt's row is what tells the next run what was done.

Threads: `--parallel` workers share one Journal. They share its one connection through a
lock: a row id is read on the caller's own cursor while no other thread can write, so
the id `start()` returns is always the caller's row (SQLite's last row id belongs to the
connection, and without the lock another thread's insert could slip in before it).
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from automation.output.private import refuse_links, touch_private
from flows.outcome import ACHIEVED

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    member TEXT NOT NULL,
    action TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    outcome TEXT,
    reason TEXT,
    evidence TEXT
);
CREATE TABLE IF NOT EXISTS steps (
    id INTEGER PRIMARY KEY,
    member TEXT NOT NULL,
    step TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('intent', 'result')),
    outcome TEXT,
    at TEXT NOT NULL
);
"""


class JournalError(OSError):
    """The journal could not be written (a full disk, a broken file)."""


P = ParamSpec("P")
R = TypeVar("R")


def _writing(method: Callable[P, R]) -> Callable[P, R]:
    """Turn SQLite's errors into JournalError, an OSError the callers already handle."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as error:
            raise JournalError(str(error)) from None

    return wrapper


def now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class LastAttempt:
    member: str
    outcome: str | None
    reason: str | None
    started: str
    finished: str | None
    evidence: list[str]
    action: str = ""


class Journal:
    def __init__(self, path: Path) -> None:
        # SQLite opens its files by name, following links: none of them may be one.
        refuse_links(*(path.with_name(path.name + side) for side in ("-wal", "-shm")))
        touch_private(path)
        self.path = path
        self._lock = threading.Lock()
        # Accounts whose sign-in was refused in this run: never tried again in it, --force
        # or not (--force allows one more try per run, not one per member).
        self._refused_now: set[str] = set()
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)

    def durability(self) -> tuple[str, int]:
        """SQLite's own word on how this journal is kept: its mode, and its sync level
        (2 is FULL: each commit on the disk before the call returns)."""
        mode = self._execute("PRAGMA journal_mode", ())[0][0]
        level = self._execute("PRAGMA synchronous", ())[0][0]
        return str(mode), int(level)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _execute(self, sql: str, values: tuple[object, ...]) -> list[tuple[Any, ...]]:
        """One statement, alone on the connection: its rows, read before the lock goes."""
        with self._lock:
            return self._db.execute(sql, values).fetchall()

    def _insert(self, sql: str, values: tuple[object, ...]) -> int:
        """One row added; its own id (read on this call's cursor, under the lock)."""
        with self._lock:
            cursor = self._db.execute(sql, values)
            if cursor.lastrowid is None:  # SQLite always gives one after an INSERT
                raise sqlite3.DatabaseError("no row id after an insert")
            return cursor.lastrowid

    @_writing
    def start(self, member: str, action: str) -> int:
        return self._insert(
            "INSERT INTO attempts (member, action, started) VALUES (?, ?, ?)",
            (member, action, now()),
        )

    @_writing
    def finish(self, attempt: int, outcome: str, reason: str | None, evidence: list[str]) -> None:
        self._execute(
            "UPDATE attempts SET finished = ?, outcome = ?, reason = ?, evidence = ? WHERE id = ?",
            (now(), outcome, reason, "\n".join(evidence), attempt),
        )

    # The flow's Journal port (flows/ports.py).

    @_writing
    def intent(self, member_id: str, step: str) -> None:
        self._insert(
            "INSERT INTO steps (member, step, kind, at) VALUES (?, ?, 'intent', ?)",
            (member_id, step, now()),
        )

    @_writing
    def result(self, member_id: str, step: str, outcome: str) -> None:
        self._insert(
            "INSERT INTO steps (member, step, kind, outcome, at) VALUES (?, ?, 'result', ?, ?)",
            (member_id, step, outcome, now()),
        )

    # Reading it back.

    def last_attempt(self, member: str) -> LastAttempt | None:
        rows = self._execute(
            "SELECT member, outcome, reason, started, finished, evidence FROM attempts "
            "WHERE member = ? AND finished IS NOT NULL ORDER BY id DESC LIMIT 1",
            (member,),
        )
        row = rows[0] if rows else None
        if row is None:
            return None
        evidence = row[5].split("\n") if row[5] else []
        return LastAttempt(row[0], row[1], row[2], row[3], row[4], evidence)

    def done(self, member: str) -> LastAttempt | None:
        """The last finished attempt if it left the member done, else None. Done without
        its proof (reason `evidence`) is not done: the next run fetches the proof again."""
        last = self.last_attempt(member)
        if last is None or last.outcome not in ACHIEVED or last.reason == "evidence":
            return None
        return last

    def interrupted(self, member: str) -> str | None:
        """The step whose intent has no result after it (a crash between the two)."""
        rows = self._execute("SELECT step, kind FROM steps WHERE member = ? ORDER BY id", (member,))
        pending: str | None = None
        for step, kind in rows:
            pending = step if kind == "intent" else None
        return pending

    @_writing
    def sent_on(self, member: str, step: str) -> str | None:
        """The day (YYYY-MM-DD, this computer's time) the last `step` of this member was
        sent: its last intent, answered or not."""
        rows = self._execute(
            "SELECT at FROM steps WHERE member = ? AND step = ? AND kind = 'intent' "
            "ORDER BY id DESC LIMIT 1",
            (member, step),
        )
        return datetime.fromisoformat(rows[0][0]).astimezone().date().isoformat() if rows else None

    # Sign-ins, by account (its holder's member id), apart from the members' own steps:
    # a refused one is not tried again (a second wrong password counts towards a lock).

    @_writing
    def signed_in(self, account: str, accepted: bool) -> None:
        (self._refused_now.discard if accepted else self._refused_now.add)(account)
        self.result(f"account:{account}", "sign_in", "accepted" if accepted else "refused")

    def sign_in_refused_now(self, account: str) -> bool:
        return account in self._refused_now

    @_writing
    def sign_in_refused_on(self, account: str) -> str | None:
        rows = self._execute(
            "SELECT outcome, at FROM steps WHERE member = ? AND step = 'sign_in' "
            "ORDER BY id DESC LIMIT 1",
            (f"account:{account}",),
        )
        if not rows or rows[0][0] != "refused":
            return None
        return datetime.fromisoformat(rows[0][1]).astimezone().date().isoformat()

    def steps(self, member: str) -> list[tuple[str, str, str | None]]:
        return [
            (row[0], row[1], row[2])
            for row in self._execute(
                "SELECT step, kind, outcome FROM steps WHERE member = ? ORDER BY id", (member,)
            )
        ]

    def history(self) -> dict[str, list[LastAttempt]]:
        """Every member's finished attempts, oldest first, members in the order the journal
        first met them (the look at the site, member `*`, is no member): what the report
        keeps across runs."""
        rows = self._execute(
            "SELECT member, outcome, reason, started, finished, evidence, action FROM attempts "
            "WHERE finished IS NOT NULL AND member != '*' ORDER BY id",
            (),
        )
        history: dict[str, list[LastAttempt]] = {}
        for row in rows:
            evidence = row[5].split("\n") if row[5] else []
            attempt = LastAttempt(row[0], row[1], row[2], row[3], row[4], evidence, row[6])
            history.setdefault(row[0], []).append(attempt)
        return history
