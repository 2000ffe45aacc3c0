"""Every outcome, every reason key and every exit status the robot can give is reached by
a test, named here. A new reason (or outcome, or status) without a test fails this file;
so does a test named here that no longer exists."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from automation import messages
from automation.run.exit_status import ExitStatus
from flows.outcome import REASONS, Outcome
from flows.pages.base import Screen

TESTS = Path(__file__).resolve().parent

REASON_TESTS = {
    "identity_not_found": "robot/test_opposition.py::test_unknown_identity_clicks_nothing_further",
    "code_expired": "robot/test_opposition.py::test_an_expired_code",
    "code_replaced": "robot/test_code_news.py::test_a_code_sent_in_this_run_then_replaced_is_said_replaced_not_expired",
    "code_used": "robot/test_closure.py::test_a_used_code_is_reported",
    "code_wrong": "robot/test_opposition.py::test_a_wrong_code_without_a_reader_fails",
    "code_unreadable": "robot/test_imap_and_command_readers.py::test_command_reader_that_fails_needs_a_person",
    "code_needed": "robot/test_opposition.py::test_no_code_and_no_reader_needs_a_person",
    "rate_limited": "robot/test_site_v3.py::test_a_site_that_refuses_three_times_ends_rate_limited",
    "locked": "robot/test_opposition.py::test_a_locked_person",
    "wrong_password": "robot/test_refused_sign_in.py::test_an_open_profile_seen_by_the_look_means_a_wrong_password",
    "sign_in_refused": "robot/test_refused_sign_in.py::test_without_the_card_a_person_checks_and_is_told_why",
    "sign_in_refused_before": "household/test_sign_in_once.py::test_a_refused_account_is_signed_in_once_per_run_and_not_again",
    "login_code_wrong": "robot/test_reasons.py::test_a_sign_in_code_refused_in_the_inferred_words",
    "login_code_expired": "robot/test_reasons.py::test_a_sign_in_code_expired_twice",
    "login_code_invalid": "robot/test_reasons.py::test_a_sign_in_code_the_site_finds_invalid",
    "login_code_refused": "robot/test_closure.py::test_a_wrong_sign_in_code",
    "not_activatable": "robot/test_opposition.py::test_a_deceased_person_is_not_activatable",
    "not_representative": "robot/test_opposition.py::test_not_the_legal_representative",
    "profile_exists": "robot/test_opposition.py::test_a_profile_that_exists_cannot_be_opposed",
    "profile_not_found": "robot/test_closure.py::test_a_child_missing_from_the_account",
    "twin_not_found": "robot/test_reasons.py::test_a_twin_whose_first_name_is_not_offered",
    "site_unavailable": "faults/test_fault_matrix.py::test_fault",
    "session_expired": "robot/test_reasons.py::test_the_session_expires_more_often_than_the_robot_restarts",
    "unknown_screen": "robot/test_site_answers.py::test_an_unknown_screen_leaves_a_masked_diagnostic",
    "timeout": "robot/test_reasons.py::test_the_member_deadline",
    "stuck": "robot/test_site_answers.py::test_a_menu_without_a_way_to_the_closure_is_stuck_at_once",
    "not_confirmed": "robot/test_interstitials.py::test_unconfirmed_and_unattended_needs_a_person",
    "identity_needed": "robot/test_reasons.py::test_a_screen_the_member_cannot_answer",
    "no_login": "robot/test_reasons.py::test_a_screen_the_member_cannot_answer",
    "password_needed": "robot/test_reasons.py::test_a_screen_the_member_cannot_answer",
    "foreign_origin": "robot/test_site_family.py::test_an_identity_screen_on_a_foreign_origin_gets_nothing_typed",
    "site_changed": "robot/test_check_site.py::test_a_changed_sign_in_page_holds_only_the_closure_with_a_login",
    "network": "faults/test_fault_matrix.py::test_fault",
    "browser": "faults/test_machine_faults.py::test_the_browser_killed_mid_flow",
    "journal": "robot/test_reasons.py::test_no_final_click_without_its_intent_written",
    "evidence": "faults/test_machine_faults.py::test_a_full_disk_loses_proof_never_what_was_done",
    "no_contact_details": "robot/test_site_answers.py::test_no_contact_details_and_no_code_needs_a_person",
    "no_answer": "faults/test_fault_matrix.py::test_fault",
    "press_lost": "robot/test_site_v3.py::test_a_final_press_the_banner_took_is_not_pressed_again",
    "card_model_empty": "robot/test_reasons.py::test_a_site_stricter_than_the_contract_refuses_a_field",
    "nir_empty": "robot/test_reasons.py::test_a_site_stricter_than_the_contract_refuses_a_field",
    "nir_length": "robot/test_reasons.py::test_a_site_stricter_than_the_contract_refuses_a_field",
    "nir_format": "robot/test_reasons.py::test_a_site_stricter_than_the_contract_refuses_a_field",
    "birth_date_empty": "robot/test_reasons.py::test_a_site_stricter_than_the_contract_refuses_a_field",
    "serial_empty": "robot/test_reasons.py::test_a_site_stricter_than_the_contract_refuses_a_field",
    "serial_digits": "robot/test_reasons.py::test_a_site_stricter_than_the_contract_refuses_a_field",
    "serial_format": "robot/test_reasons.py::test_a_site_stricter_than_the_contract_refuses_a_field",
    "code_length": "robot/test_reasons.py::test_a_site_stricter_than_the_contract_refuses_a_field",
    "code_characters": "robot/test_reasons.py::test_a_site_stricter_than_the_contract_refuses_a_field",
}  # fmt: skip

OUTCOME_TESTS = {
    Outcome.OPPOSED: "robot/test_opposition.py::test_oppose_with_a_code_provisoire",
    Outcome.ALREADY_OPPOSED: "robot/test_opposition.py::test_already_opposed_brings_the_attestation_again",
    Outcome.CLOSED: "robot/test_closure.py::test_close_ones_own_profile_keeping_the_data",
    Outcome.ALREADY_CLOSED: "robot/test_closure.py::test_an_already_closed_profile",
    Outcome.DRY_RUN: "robot/test_interstitials.py::test_dry_run_stops_before_the_opposition",
    Outcome.NEEDS_HUMAN: "robot/test_interstitials.py::test_unconfirmed_and_unattended_needs_a_person",
    Outcome.FAILED: "robot/test_opposition.py::test_a_wrong_code_without_a_reader_fails",
}  # fmt: skip

EXIT_TESTS = {
    ExitStatus.DONE: "household/test_household_run.py::test_a_whole_household_then_a_second_run_does_nothing",
    ExitStatus.FAILED: "robot/test_cli_robot.py::test_a_failure_exits_1_and_says_why",
    ExitStatus.BAD_INPUT: "test_command_line.py::test_a_mistyped_option_is_refused_in_french",
    ExitStatus.NEEDS_HUMAN: "robot/test_cli_robot.py::test_unattended_without_a_code_needs_a_person",
    ExitStatus.SITE_UNAVAILABLE: "robot/test_check_site.py::test_a_run_on_a_site_in_maintenance_stops_before_anyone_and_says_so",
    ExitStatus.INTERRUPTED: "faults/test_machine_faults.py::test_ctrl_c_stops_cleanly_and_the_journal_resumes",
}  # fmt: skip


@cache
def functions_in(relative: str) -> set[str]:
    tree = ast.parse((TESTS / relative).read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_every_reason_has_a_sentence_and_a_test() -> None:
    assert set(messages.REASONS) == REASONS
    assert set(REASON_TESTS) == REASONS


def test_every_page_message_is_a_known_reason() -> None:
    def screens(cls: type[Screen]) -> list[type[Screen]]:
        return [cls, *(s for sub in cls.__subclasses__() for s in screens(sub))]

    import flows.detect  # noqa: F401 - loads every page object

    keys = {key for screen in screens(Screen) for key in screen.messages}
    assert keys - REASONS == set()


def test_every_outcome_and_exit_status_has_a_test() -> None:
    assert set(OUTCOME_TESTS) == set(Outcome)
    assert set(EXIT_TESTS) == set(ExitStatus)


@pytest.mark.parametrize(
    "where", sorted({*REASON_TESTS.values(), *OUTCOME_TESTS.values(), *EXIT_TESTS.values()})
)
def test_the_named_test_exists(where: str) -> None:
    relative, name = where.split("::")
    assert name in functions_in(relative)
