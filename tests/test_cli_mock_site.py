"""`mes-optout mock-site` serves the mock for a person to explore, on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support.lines import line_until
from tests.support.seed import SEED


def test_mock_site_command_serves_the_site(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    process = subprocess.Popen(
        [sys.executable, "-m", "automation", "mock-site", "--port", "0", "--outbox", str(outbox),
         "--seed", str(SEED)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        first_line = line_until(process.stdout, lambda line: True, timeout_s=60)  # listening
        url = first_line.strip().rsplit(" ", 1)[-1]
        assert url.startswith("http://127.0.0.1:")
        assert "Mon espace santé" in httpx.get(url, timeout=10).text
        people = httpx.get(f"{url}/__mock__/people", timeout=10).json()
        assert {p["id"] for p in people} == {
            p["id"] for p in json.loads(SEED.read_text())["people"]
        }
        assert outbox.is_dir()
        assert oct(outbox.stat().st_mode & 0o777) == "0o700"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_mock_site_refuses_a_port_in_use(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "automation", "mock-site", "--port", str(port)],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    assert result.returncode == 1
    assert "Impossible d'écouter sur 127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr


def test_mock_site_says_when_its_seed_is_unreadable_not_that_the_port_is(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text("{ not json", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "automation", "mock-site", "--port", "0", "--seed", str(seed)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 1
    assert (
        f"Le fichier des personnes du site d'imitation ({seed}) est inutilisable" in result.stderr
    )
    assert "écouter" not in result.stderr
    assert "Traceback" not in result.stderr
