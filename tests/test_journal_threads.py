"""The journal under `--parallel`: every worker thread's attempt is its own row, and each
outcome lands against its own member, however the writes interleave."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from automation.output.journal import Journal

WORKERS = 300


def test_300_concurrent_runs_each_record_their_own_outcome(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite")
    # Every thread waits at the barrier before each write, so all 300 writes of a kind
    # are released together and collide (no sleeps: the barrier is the schedule).
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def one_member(n: int) -> None:
        member = f"m{n:03d}"
        outcome = "opposed" if n % 2 else "failed"
        try:
            barrier.wait()
            attempt = journal.start(member, "oppose")
            barrier.wait()
            journal.intent(member, "opposition")
            barrier.wait()
            journal.result(member, "opposition", outcome)
            barrier.wait()
            journal.finish(attempt, outcome, None, [f"{member}/proof.pdf"])
        except BaseException as error:  # said by the main thread
            errors.append(error)
            barrier.abort()

    threads = [threading.Thread(target=one_member, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for n in range(WORKERS):
        member = f"m{n:03d}"
        last = journal.last_attempt(member)
        assert last is not None, member
        assert (last.outcome, last.evidence) == (
            "opposed" if n % 2 else "failed",
            [f"{member}/proof.pdf"],
        ), member
        assert journal.steps(member) == [
            ("opposition", "intent", None),
            ("opposition", "result", "opposed" if n % 2 else "failed"),
        ]
    journal.close()
    with sqlite3.connect(tmp_path / "journal.sqlite") as db:
        unfinished = db.execute("SELECT count(*) FROM attempts WHERE finished IS NULL")
        assert unfinished.fetchone() == (0,)
