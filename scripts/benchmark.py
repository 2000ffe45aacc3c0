"""How fast the robot is, measured (not asserted in tests): the demo household on the
built-in mock with --parallel 1 and 2, and one member's flow screen by screen.

    ./dev.sh setup && .venv/bin/python scripts/benchmark.py [--rounds 3]

Numbers depend on the machine; compare runs on the same one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from automation.demo import DEMO_HOUSEHOLD, demo_environment, private_copy
from mock_site.server import MockServer


def household_seconds(server: MockServer, parallel: int) -> float:
    httpx.post(f"{server.url}/__mock__/reset", json={}, timeout=10).raise_for_status()
    out = Path(tempfile.mkdtemp(prefix="mes-bench-"))
    started = time.perf_counter()
    household = private_copy(DEMO_HOUSEHOLD, out)
    done = subprocess.run(
        [sys.executable, "-m", "automation", "run", str(household), "--base-url", server.url,
         "--yes", "--parallel", str(parallel), "--code-from", f"maildir:{server.outbox}",
         "--out", str(out)],
        env={**os.environ, **demo_environment()}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"run failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    with MockServer() as server:
        for parallel in (1, 2):
            times = [household_seconds(server, parallel) for _ in range(rounds)]
            print(f"demo household, 10 members, --parallel {parallel}: "
                  f"median {statistics.median(times):.1f} s over {rounds} runs "
                  f"(min {min(times):.1f}, max {max(times):.1f}); "
                  f"{statistics.median(times) / 10:.2f} s per member")  # fmt: skip


if __name__ == "__main__":
    main()
