"""Windows and macOS as homes, tested here with the platform faked
(`automation.output.platform.SYSTEM`, never sys.platform): who may read the household file,
private output that never fails, ids every computer can name a folder after, a file
written on Windows (CRLF, a BOM, a path with spaces and accents)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from automation.config.household import load_household
from automation.output import platform
from automation.output.private import private_dir, write_private
from tests.support.households import refusals

TODAY = date(2026, 11, 29)
USER = "S-1-5-21-1004336348-1177238915-682003330-1001"
OTHER = "S-1-5-21-1004336348-1177238915-682003330-1002"
# What Windows says of a file in C:\Users\Élodie\Documents: SYSTEM, Administrators, her.
PRIVATE_ACL = f"O:{USER}D:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;FA;;;{USER})"
MEMBER = """
[[member]]
id = "{id}"
first_name = "Élodie"
last_name = "Martin"
birth_date = "1984-03-12"
action = "close"
login = "elodie@example.fr"
password = "env:ELODIE_PASSWORD"
"""


def household(tmp_path: Path, *ids: str, mode: int = 0o600, text: str | None = None) -> Path:
    path = tmp_path / "household.toml"
    path.write_text(text or "".join(MEMBER.format(id=i) for i in ids), encoding="utf-8")
    path.chmod(mode)
    return path


def problems(path: Path, lang: str = "fr") -> list[str]:
    return refusals(path, TODAY, lang)


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ELODIE_PASSWORD", "Sante-Demo-2026")


def windows(monkeypatch: pytest.MonkeyPatch, acl: str | None) -> None:
    """Windows, its ACL reader saying `acl` (None: no ACL to read)."""
    monkeypatch.setattr(platform, "SYSTEM", "windows")
    monkeypatch.setattr(platform, "windows_acl", lambda path: acl)
    monkeypatch.setattr(platform, "windows_user", lambda: USER)
    monkeypatch.setenv("USERNAME", "Élodie")


# --- who may read the household file -------------------------------------------------------


@pytest.mark.parametrize("system", ["darwin", "linux"])
def test_posix_a_private_file_loads_a_shared_one_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, system: str
) -> None:
    monkeypatch.setattr(platform, "SYSTEM", system)
    assert load_household(household(tmp_path, "ana"), "fr", TODAY).warnings == []
    said = problems(household(tmp_path, "ana", mode=0o644), "en")
    assert said == [f"The file {tmp_path / 'household.toml'} can be read by other users: "
                    f"run « chmod 600 {tmp_path / 'household.toml'} »."]  # fmt: skip


def test_windows_a_file_only_its_user_reads_loads_whatever_its_mode_bits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows(monkeypatch, PRIVATE_ACL)
    # Windows keeps no mode bits: Python reports 0o666 for every writable file.
    loaded = load_household(household(tmp_path, "ana", mode=0o666), "fr", TODAY)
    assert [m.id for m in loaded.members] == ["ana"] and loaded.warnings == []


@pytest.mark.parametrize(
    "shared",
    [
        "(A;ID;0x1200a9;;;BU)",  # Users: read and execute, as on C:\ itself
        "(A;;FR;;;WD)",  # Everyone
        "(A;;GR;;;AU)",  # Authenticated Users
        f"(A;;FA;;;{OTHER})",  # another person's account
    ],
)
def test_windows_a_file_someone_else_can_read_is_refused_with_how_to_fix_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared: str
) -> None:
    windows(monkeypatch, PRIVATE_ACL + shared)
    path = household(tmp_path, "ana")
    [said] = problems(path)
    assert said.startswith(f"Le fichier {path} est lisible par d'autres utilisateurs de cet")
    assert f'icacls "{path}" /inheritance:r /grant:r "Élodie:F"' in said


def test_windows_rights_that_do_not_read_or_apply_are_not_readers() -> None:
    assert platform.sddl_readers(f"D:(A;;FA;;;{USER})(A;OICIIO;FA;;;BU)(A;;0x100000;;;WD)") == {
        USER}  # fmt: skip
    assert platform.sddl_readers("D:(D;;FA;;;WD)(A;;FA;;;WD)") == set()  # denied
    assert platform.sddl_readers("D:NO_ACCESS_CONTROL") == {"WD"}  # a null DACL: everyone
    assert platform.sddl_readers(f"O:{USER}") is None


def test_windows_where_no_acl_can_be_read_it_warns_and_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real Windows reader, on this machine that has no Windows ACL to give (no
    advapi32, no whoami): one warning, never a refusal."""
    monkeypatch.setattr(platform, "SYSTEM", "windows")
    assert platform.windows_acl(tmp_path) is None
    path = household(tmp_path, "ana", mode=0o644)
    loaded = load_household(path, "en", TODAY)
    assert [m.id for m in loaded.members] == ["ana"]
    assert loaded.warnings == [f"Warning: this system does not say who can read the file {path}; "
                               "make sure only you can read it."]  # fmt: skip


def test_windows_the_secrets_file_is_checked_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('elodie = "Sante-Demo-2026"\n', encoding="utf-8")
    text = 'secrets_file = "secrets.toml"\n' + MEMBER.format(id="ana").replace(
        "env:ELODIE_PASSWORD", "secret:elodie")  # fmt: skip
    path = household(tmp_path, text=text)
    acls = {path: PRIVATE_ACL, secrets: PRIVATE_ACL + "(A;;FR;;;WD)"}
    windows(monkeypatch, None)
    monkeypatch.setattr(platform, "windows_acl", lambda p: acls[Path(p)])
    [said] = problems(path)
    assert str(secrets) in said and "icacls" in said


# --- private output ------------------------------------------------------------------------


def test_windows_private_output_never_fails_where_no_acl_can_be_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Here the ACL calls themselves fail (no advapi32): the folder is left as it is."""
    monkeypatch.setattr(platform, "SYSTEM", "windows")
    monkeypatch.setattr(platform, "windows_user", lambda: USER)
    folder = private_dir(tmp_path / "ana")
    written = write_private(folder / "report.json", "{}")
    assert written.read_text(encoding="utf-8") == "{}"


def test_windows_a_folder_is_made_private_by_its_acl_not_by_chmod(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[Path] = []
    monkeypatch.setattr(platform, "SYSTEM", "windows")
    monkeypatch.setattr(platform, "make_folder_private", lambda path, mode: made.append(path))
    private_dir(tmp_path / "ana")
    assert made == [tmp_path / "ana"]


# --- ids every computer can name a folder after --------------------------------------------


@pytest.mark.parametrize("system", ["linux", "darwin", "windows"])
def test_ids_that_differ_only_by_case_are_refused_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, system: str
) -> None:
    monkeypatch.setattr(platform, "SYSTEM", system)
    monkeypatch.setattr(platform, "windows_acl", lambda path: PRIVATE_ACL)
    monkeypatch.setattr(platform, "windows_user", lambda: USER)
    assert problems(household(tmp_path, "Ana", "bruno", "ana"), "en") == [
        "Members n°1 « Ana » and n°3 « ana » have the same label but for case, one folder on "
        "Windows and macOS: change one of them."
    ]


@pytest.mark.parametrize("device", ["con", "NUL", "Com1", "lpt9", "aux.txt", "prn.tar.gz"])
def test_a_windows_device_name_is_refused_on_every_platform(tmp_path: Path, device: str) -> None:
    [said] = problems(household(tmp_path, "ana", device))
    assert said == (f"Membre n°2 : l'identifiant « {device} » est un nom réservé par Windows "
                    "(con, prn, aux, nul, com1 à com9, lpt1 à lpt9) ; choisissez-en un autre.")  # fmt: skip


# As written in TOML (a backslash and a quote escaped). A control character (a tab) is
# refused before, by the file's shape check, with its own sentence.
@pytest.mark.parametrize("name", ["a:b", "a<b", "a|b", "a?", "a*", 'a\\"b', "a\\\\b", "a.", "a "])
def test_an_id_windows_cannot_name_a_file_after_is_refused(tmp_path: Path, name: str) -> None:
    [said] = problems(household(tmp_path, name), "en")
    assert said.startswith("Member n°1: the label « ") and "cannot name a file on Windows" in said


@pytest.mark.parametrize("name", ["console", "com10", "nullable", "lpt", "Ana-2", "con_1"])
def test_names_that_only_look_like_devices_are_fine(name: str) -> None:
    assert platform.name_problem(name) is None


# --- a file written on Windows ------------------------------------------------------------


def test_a_household_saved_by_notepad_in_an_accented_folder_loads(tmp_path: Path) -> None:
    folder = tmp_path / "Users" / "Élodie" / "Mes documents"
    folder.mkdir(parents=True)
    path = folder / "foyer Martin.toml"
    text = MEMBER.format(id="elodie").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # a BOM, CRLF
    path.chmod(0o600)
    loaded = load_household(path, "fr", TODAY)
    assert [(m.id, m.first_name) for m in loaded.members] == [("elodie", "Élodie")]
    assert loaded.name == "foyer Martin"
