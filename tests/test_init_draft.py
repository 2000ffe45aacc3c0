"""The household folder init writes, below the conversation: a person added then removed
in the same conversation leaves nothing behind, not even the secrets typed for them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from automation.init.draft import HouseholdDraft


def test_secrets_typed_for_a_person_removed_before_saving_are_not_written(
    tmp_path: Path,
) -> None:
    draft = HouseholdDraft.open(tmp_path / "foyer", "fr")
    draft.set_top("household", "Les Martin")
    person = {"id": "alice", "first_name": "Alice", "last_name": "Martin",
              "birth_date": date(1984, 3, 12), "action": "oppose", "card_model": "sans_photo"}  # fmt: skip
    draft.put(person, {"nir": "284037511200446", "card_serial": "123456789"})
    draft.put(person | {"id": "bruno", "first_name": "Bruno"}, {"nir": "179112A00431758"})
    draft.remove("alice")
    _, secrets = draft.save()
    written = secrets.read_text(encoding="utf-8")
    assert "bruno_nir" in written
    assert "alice" not in written and "284037511200446" not in written
