"""The made-up people of fixtures/mock_seed.json, as a person would type their identity."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "mock_seed.json"


@cache
def seed_people() -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in json.loads(SEED.read_text(encoding="utf-8"))["people"]}


def identity(person_id: str) -> dict[str, str]:
    """What is typed on the identity screens for this person: for a minor, the guardian's
    card and NIR with the child's own date of birth."""
    person = seed_people()[person_id]
    holder = seed_people()[person["guardian"]] if person.get("guardian") else person
    year, month, day = person["birth_date"].split("-")
    return {
        "card_model": holder["card_model"],
        "birth_date": f"{day}/{month}/{year}",
        "nir": holder["nir"],
        "serial": holder["card_serial"],
    }


def code(person_id: str) -> str:
    return str(seed_people()[person_id]["code"])
