"""Any terminal (issue 28): what the console cannot encode is written in plain characters,
never a crash; colours and the live line only on a terminal; and what the household file or
the site says is shown as typed, never read as rich markup."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from automation.cli.console import fit, plain
from automation.cli.demo import demo_environment
from automation.output.member_report import MemberReport
from automation.run.preflight import refuse
from automation.run.progress import ProgressView, summary_line
from tests.support.cli import command
from tests.support.control import MockControl
from tests.support.households import demo_subset

ROOT = Path(__file__).resolve().parents[1]
MARKUP = "[bold]Ana[/bold]"


@pytest.mark.parametrize(
    ("text", "ascii", "cp1252"),
    [
        ("Démo réussie", "Demo reussie", "Démo réussie"),
        ("« Paramètres » …", '" Parametres " ...', "« Paramètres » …"),
        ("✓ accueil : reconnu", "OK accueil : reconnu", "OK accueil : reconnu"),
        ("chloé — opposée(e)", "chloe - opposee(e)", "chloé — opposée(e)"),
        ("l’œuf\u202fà 5 €", "l'oeuf a 5 EUR", "l’œuf à 5 €"),
        ("Łukasz Øyvind", "Lukasz Oyvind", "Lukasz Øyvind"),  # cp1252 has Ø, not Ł
        ("中", "?", "?"),
    ],
)
def test_what_the_console_cannot_encode_is_made_plain(text: str, ascii: str, cp1252: str) -> None:
    assert fit(text, "ascii") == ascii
    assert fit(text, "cp1252") == cp1252


def test_plain_is_ascii() -> None:
    assert plain("Élodie Ñuñez ✔ ✗ → •").isascii()


def shown(terminal: bool = False) -> tuple[Console, io.StringIO]:
    said = io.StringIO()
    return Console(file=said, width=400, force_terminal=terminal, highlight=False), said


def test_the_result_line_shows_the_file_and_the_site_as_typed() -> None:
    console, said = shown()
    report = MemberReport(id=MARKUP, action="oppose", outcome="failed", reason="site_unavailable",
                          detail="[red]panne[/red]", site="https://x.test/[i]")  # fmt: skip
    console.print(summary_line(report, "fr"))
    out = said.getvalue()
    assert MARKUP in out
    assert "[red]panne[/red]" in out
    assert "https://x.test/[i]" in out


def test_the_progress_shows_an_id_as_typed_on_a_terminal_and_off() -> None:
    report = MemberReport(id=MARKUP, action="oppose", outcome="opposed")
    for terminal in (False, True):
        console, said = shown(terminal=terminal)
        with ProgressView(console, [MARKUP], "fr") as view:
            view.outcome(report)
        assert MARKUP in said.getvalue()
        # Colours and escape sequences on a terminal only.
        assert ("\x1b[" in said.getvalue()) is terminal


def test_a_refusal_quotes_the_file_as_typed() -> None:
    console, said = shown()
    refuse(console, [f"membre « {MARKUP} » : exemple"])
    assert MARKUP in said.getvalue()


def household_run(
    mock: MockControl, folder: Path, out: Path, env: dict[str, str], stdout: int | io.BufferedWriter
) -> subprocess.CompletedProcess[bytes]:
    """A household of two (one of whom is Chloé), the look at the site included, with this
    console's encoding; the person's own settings of it left out, so that the test says
    which console it is. (The demo prints through the same console: the whole demo under
    cp1252 cost the suite 19 s for nothing more.)"""
    ours = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    return subprocess.run(
        [*command("run", str(demo_subset(folder, ["alice", "chloe"])), "--base-url",
                  mock.base_url, "--yes", "--out", str(out))],
        env={**ours, **demo_environment(), **env}, stdout=stdout, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, timeout=180, cwd=folder,
    )  # fmt: skip


@pytest.mark.e2e
def test_a_household_run_on_a_windows_console_through_a_pipe(
    mock: MockControl, tmp_path: Path
) -> None:
    # A home folder cp1252 cannot spell (C:\Users\Łukasz): the run prints its report's path.
    out = tmp_path / "Łukasz" / "out"
    done = household_run(mock, tmp_path, out, {"PYTHONIOENCODING": "cp1252"}, subprocess.PIPE)
    said = done.stdout.decode("cp1252") + done.stderr.decode("cp1252")
    assert "UnicodeEncodeError" not in said and "Traceback" not in said, said
    assert done.returncode == 0, said
    assert "Lukasz" in said  # only what cp1252 lacks is made plain:
    assert "opposition enregistrée" in said  # what it has is kept
    assert "\x1b[" not in said  # no colours into a pipe
    assert [mock.person(who)["state"] for who in ("alice", "chloe")] == ["opposed", "opposed"]


@pytest.mark.e2e
def test_a_household_run_in_an_ascii_locale_into_a_file(mock: MockControl, tmp_path: Path) -> None:
    # A server's ASCII locale, everything written into a file.
    written = tmp_path / "said.txt"
    with written.open("wb") as file:
        done = household_run(mock, tmp_path, tmp_path / "out", {"LC_ALL": "C", "PYTHONUTF8": "0"},
                             file)  # fmt: skip
    out = written.read_bytes() + done.stderr
    assert b"UnicodeEncodeError" not in out and b"Traceback" not in out, out
    assert done.returncode == 0, out
    assert out.isascii() and b"chloe" in out and b"opposition enregistree" in out, out
    assert b"\x1b[" not in out  # no colours into a file
    assert [mock.person(who)["state"] for who in ("alice", "chloe")] == ["opposed", "opposed"]


def test_clicks_own_words_follow_the_same_rule() -> None:
    """Click writes UTF-8 into an ASCII console of its own accord; its help and its errors
    are made plain like every other line."""
    ascii_console = {"LC_ALL": "C", "PYTHONUTF8": "0"}
    ours = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    helped = subprocess.run([*command("--help")], env={**ours, **ascii_console},
                            capture_output=True, timeout=60, cwd=ROOT)  # fmt: skip
    assert helped.returncode == 0 and helped.stdout.isascii(), helped.stdout
    assert b"Utilisation" in helped.stdout
    wrong = subprocess.run([*command("demo", "--personality", "é")], env={**ours, **ascii_console},
                           capture_output=True, timeout=60, cwd=ROOT)  # fmt: skip
    assert wrong.returncode == 2 and wrong.stderr.isascii(), wrong.stderr
    assert b"Erreur" in wrong.stderr
