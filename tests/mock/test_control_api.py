"""The control API: what tests use to set the mock up, and its answers to bad requests."""

from __future__ import annotations

import httpx
import pytest

from tests.support.control import MockControl

ADULT = {
    "id": "kim", "first_name": "Kim", "last_name": "Nguyen", "birth_date": "1991-04-02",
    "nir": "291047512300171", "card_model": "sans_photo", "card_serial": "11223344",
    "invited_on": "2026-11-10", "code": "KimNguyen123",
}  # fmt: skip


def test_reset_returns_to_the_seed_or_to_nobody(mock: MockControl) -> None:
    mock.add_person(**ADULT)
    assert mock.reset()["people"] == sorted(
        ["alice", "bruno", "camille", "chloe", "denise", "eric", "fanny", "gaelle", "henri",
         "hugo", "ines", "lea"]
    )  # fmt: skip
    assert mock.reset(empty=True)["people"] == []


def test_a_person_added_is_read_back(mock: MockControl) -> None:
    created = mock.add_person(**ADULT)
    assert created["state"] == "invited"
    kim = mock.person("kim")
    assert kim["deadline"] == "2026-12-22"
    assert kim["codes_issued"] == 1
    assert "nir" not in kim and "code" not in kim


def test_the_clock_moves(mock: MockControl) -> None:
    assert mock.clock(today="2027-01-05")["today"] == "2027-01-05"
    assert mock.clock(advance_days=2)["today"] == "2027-01-07"
    frozen = mock.clock(frozen=True)
    assert mock.clock()["now"] == frozen["now"]


@pytest.mark.parametrize(
    ("path", "body", "says"),
    [
        ("/__mock__/people", "{not json", "invalid JSON"),
        ("/__mock__/people", "[]", "a person must be a JSON object"),
        ("/__mock__/people", '{"id": "x"}', "'first_name' is required"),
        ("/__mock__/people", '{"id":"x","first_name":"A","last_name":"B","birth_date":"1990-13-01"}', "'birth_date' must be a date"),
        ("/__mock__/people", '{"id":"x","first_name":"A","last_name":"B","birth_date":"1990-01-01","card_model":"sans_photo","nir":"190017512300199","card_serial":"12345678"}', "'nir' is not valid"),
        ("/__mock__/people", '{"id":"x","first_name":"A","last_name":"B","birth_date":"2015-01-01","guardian":"nobody"}', "guardian 'nobody' is not a known person"),
        ("/__mock__/people", '{"id":"x","first_name":"A","last_name":"B","birth_date":"2015-01-01","guardian":"alice","nir":"284037511200446"}', "a minor has no NIR"),
        ("/__mock__/people", '{"id":"x","first_name":"A","last_name":"B","birth_date":"2015-01-01","guardian":"alice","state":"asleep"}', "'state' must be one of"),
        ("/__mock__/people", '{"id":"x","first_name":"A","last_name":"B","birth_date":"2015-01-01","guardian":"alice","color":"red"}', "unknown keys: color"),
        ("/__mock__/clock", '{"today": "tomorrow"}', "'today' must be YYYY-MM-DD"),
        ("/__mock__/clock", '{"advance_days": "two"}', "'advance_days' must be a number"),
        ("/__mock__/clock", "", "a JSON body is required"),
        ("/__mock__/faults", '{"maintenance": -1}', "'maintenance' must be a whole number"),
        ("/__mock__/faults", '{"error_on_step": {"nowhere": 1}}', "takes step names"),
        ("/__mock__/faults", '{"variants": ["comic_sans"]}', "'variants' takes a list"),
        ("/__mock__/faults", '{"earthquake": true}', "unknown faults: earthquake"),
        ("/__mock__/reset", "[1]", "reset takes a JSON object"),
    ],
)  # fmt: skip
def test_bad_requests_get_a_400_that_says_why(
    mock: MockControl, path: str, body: str, says: str
) -> None:
    response = httpx.post(f"{mock.base_url}{path}", content=body, timeout=5)
    assert response.status_code == 400
    assert says in response.json()["error"]


def test_unknown_person_is_a_404(mock: MockControl) -> None:
    response = httpx.get(f"{mock.base_url}/__mock__/people/nobody", timeout=5)
    assert response.status_code == 404
    assert response.json() == {"error": "no person 'nobody'"}


def test_unknown_pages_and_methods_get_a_page_not_a_trace(mock: MockControl) -> None:
    response = httpx.get(f"{mock.base_url}/nulle-part", timeout=5)
    assert response.status_code == 404
    assert "Page introuvable" in response.text
    response = httpx.delete(f"{mock.base_url}/activer", timeout=5)
    assert response.status_code == 405
    assert "Traceback" not in response.text
