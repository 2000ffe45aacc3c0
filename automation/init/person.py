"""One person of the household, asked at the terminal: who, what to do, the carte Vitale,
the code. Each answer is checked with the rules the household loader applies
(`flows.inputs`, the loader's guardian sentences), as soon as it is typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from automation.config.household import ADULT_AGE, age, birth_of
from automation.init.draft import HouseholdDraft
from automation.init.questions import Questions, Refused, required
from automation.messages import text as say
from automation.output import platform
from flows.inputs import (
    check_code_provisoire,
    normalize_nir,
    normalize_serial,
    parse_birth_date,
)
from flows.member import LABEL, SIX_WEEKS, label_from


@dataclass
class Entered:
    """A person as entered: `row` is what household.toml holds (no secret), `secrets`
    the values typed now, by field (a field in neither keeps what the file had)."""

    row: dict[str, Any]
    secrets: dict[str, str] = field(default_factory=dict)


def french_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def masked(value: str, name: str) -> str:
    """A saved secret as shown when Enter keeps it: its last two characters, enough to
    recognise it (a NIR's key), never the rest nor its length; nothing of a password."""
    compact = "".join(value.split())
    if name == "password" or len(compact) < 8:
        return "********"
    return "********" + compact[-2:]


class PersonQuestions:
    def __init__(self, questions: Questions, draft: HouseholdDraft, today: date) -> None:
        self.q = questions
        self.draft = draft
        self.today = today

    def ask(self, before: dict[str, Any] | None = None) -> Entered | None:
        """The person's answers; `before` is the row being edited. None when the person
        cannot be entered yet (a child before any adult), after saying why."""
        q, before = self.q, before or {}
        entered = Entered({})
        row = entered.row
        q.say()
        row["first_name"] = q.ask(q.t("init_first_name"),
                                  required(q.t("init_enter_first_name")),
                                  default=before.get("first_name"))  # fmt: skip
        row["last_name"] = q.ask(q.t("init_last_name"),
                                 required(q.t("init_enter_last_name")),
                                 default=before.get("last_name"))  # fmt: skip
        born_before = birth_of(before.get("birth_date"), self.today)
        born = q.ask(q.t("init_date_birth_dd_mm"),
                     lambda answer: parse_birth_date(answer, self.today),
                     default=french_date(born_before) if born_before else None)  # fmt: skip
        row["birth_date"] = born
        label = before.get("id") or self._label(row["first_name"])
        row["id"] = label
        minor = age(born, self.today) < ADULT_AGE
        guardian: dict[str, Any] | None = None
        if minor:
            guardian = self._guardian(label, before)
            if guardian is None:
                return None
            row["guardian"] = guardian["id"]
        invited = self._invited(before)
        if invited is not None:
            row["invited_on"] = invited
        row["action"] = self._action(invited, before)
        if row["action"] != "oppose":
            row["delete_data"] = q.yes_no(
                q.t("init_when_closing_also_ask"),
                default=bool(before.get("delete_data", True)),
            )  # fmt: skip
        login = self._login(entered, guardian, before) if row["action"] != "oppose" else None
        if row["action"] == "oppose" or login is None:
            if guardian is None:
                self._card(entered, before)
            else:
                q.say(q.t("init_child_robot_uses_guardian", guardian_id=guardian['id']))  # fmt: skip
            self._code(entered, before)
        elif guardian is None and q.yes_no(
            q.t("init_card_beside_login"), default=bool(before.get("card_model", True))
        ):
            # A closed profile refuses its sign-in as a wrong password does: with the card,
            # the robot reads which it is, read-only, instead of asking the family to.
            self._card(entered, before)
        return entered

    def _label(self, first_name: str) -> str:
        q = self.q
        taken = {str(row.get("id")) for row in self.draft.rows}
        # As the loader compares them: without regard to case (one folder on Windows).
        ids = [str(row.get("id")) for row in self.draft.rows]
        compared = {platform.same_name(label): (n, label) for n, label in enumerate(ids, 1)}
        index = len(ids) + 1

        def check(answer: str) -> str:
            text = answer.strip()
            if not LABEL.fullmatch(text):
                raise Refused(q.t("init_characters_among_unaccented_letters"))  # fmt: skip
            if text in taken:
                raise Refused(say("file_duplicate", q.lang, who=text))
            if (why := platform.name_problem(text)) is not None:
                raise Refused(say(f"file_id_{why}", q.lang, index=index, id=text))
            if (other := compared.get(platform.same_name(text))) is not None:
                raise Refused(say("file_duplicate_case", q.lang, first_index=other[0],
                                  first=other[1], index=index, id=text))  # fmt: skip
            return text

        q.say(q.t("init_short_label_names_person"))  # fmt: skip
        return q.ask(q.t("init_label"), check, default=label_from(first_name, taken))

    def _guardian(self, label: str, before: dict[str, Any]) -> dict[str, Any] | None:
        q = self.q
        rows = {str(row.get("id")): row for row in self.draft.rows if row.get("id") != label}
        adults = [who for who, row in rows.items() if not row.get("guardian")]
        if not adults:
            q.say(q.t("init_child_goes_through_their"))  # fmt: skip
            return None

        def check(answer: str) -> dict[str, Any]:
            who = answer.strip()
            if who not in rows:
                raise Refused(say("file_unknown_guardian", q.lang, who=label, guardian=who))
            if rows[who].get("guardian"):
                raise Refused(say("file_guardian_minor", q.lang, who=label, guardian=who))
            return rows[who]

        q.say(q.t("init_under_their_guardian_one", adults=', '.join(adults)))  # fmt: skip
        default = before.get("guardian") or (adults[0] if len(adults) == 1 else None)
        return q.ask(q.t("init_guardian"), check, default=default)

    def _invited(self, before: dict[str, Any]) -> date | None:
        q = self.q

        def check(answer: str) -> date | None:
            return parse_birth_date(answer, self.today) if answer.strip() else None

        previous = before.get("invited_on")
        return q.ask(q.t("init_date_invitation_letter_e"),
                     check, default=french_date(previous) if isinstance(previous, date) else None)  # fmt: skip

    def _action(self, invited: date | None, before: dict[str, Any]) -> str:
        q = self.q
        deadline = invited + SIX_WEEKS if invited else None
        if deadline is None:
            q.say(q.t("init_unless_opposed_profile_created"))  # fmt: skip
        elif deadline > self.today:
            q.say(q.t("init_unless_opposed_profile_will", date=french_date(deadline)))  # fmt: skip
        else:
            q.say(q.t("init_profile_was_due_created", date=french_date(deadline)))  # fmt: skip
        options = [
            ("oppose", q.t("init_oppose_refuse_profile_s")),
            ("close", q.t("init_close_close_profile_that")),
            ("auto", q.t("init_auto_oppose_while_still")),
        ]  # fmt: skip
        default = str(before.get("action") or "auto")
        return q.choose(q.t("init_action"), options, default)

    def _login(
        self, entered: Entered, guardian: dict[str, Any] | None, before: dict[str, Any]
    ) -> str | None:
        """The login of an account that exists, for a closure through it. A child's
        profile is closed through the guardian's account when the guardian has one."""
        q = self.q
        if guardian is not None:
            if guardian.get("login"):
                q.say(q.t("init_profile_will_closed_through", guardian_id=guardian['id']))  # fmt: skip
                return str(guardian["login"])
            return None
        if not q.yes_no(q.t("init_does_this_profile_already"),
                        default=bool(before.get("login"))):  # fmt: skip
            return None
        login = q.ask(q.t("init_login"),
                      required(q.t("init_enter_login")),
                      default=before.get("login"))  # fmt: skip
        entered.row["login"] = login
        self._secret(entered, before, "password", q.t("init_password"),
                     required(q.t("init_enter_password")), confirm=True)  # fmt: skip
        return login

    def _card(self, entered: Entered, before: dict[str, Any]) -> None:
        q = self.q
        previous = before.get("card_model")
        model = q.card_model(str(previous) if previous else None)
        entered.row["card_model"] = model
        kept_serial = model == previous  # a serial checked for another model is asked again
        self._secret(entered, before, "nir",
                     q.t("init_social_security_number_characters"),
                     normalize_nir)  # fmt: skip
        self._secret(entered, before if kept_serial else {}, "card_serial",
                     q.t("init_card_serial_number_hidden"),
                     lambda answer: normalize_serial(answer, model), card_model=model)  # fmt: skip

    def _code(self, entered: Entered, before: dict[str, Any]) -> None:
        q = self.q

        def check(answer: str) -> str | None:
            return check_code_provisoire(answer) if answer.strip() else None

        q.say(q.t("init_code_provisoire_invitation_letter"))  # fmt: skip
        current = self.draft.current_secret(before.get("code"))
        if current is not None:
            keep = q.t("init_enter_keep_masked_code", masked=masked(current, "code"))
        elif before.get("code"):
            keep = q.t("init_enter_keep_one_saved")
        else:
            keep = q.t("init_enter_if_you_have")
        code = q.ask(q.t("init_code_provisoire_hidden_input", keep=keep), check, hidden=True)  # fmt: skip
        if code is not None:
            entered.secrets["code"] = code
            return
        if before.get("code"):
            entered.row["code"] = before["code"]
            return
        q.say(q.t("init_without_code_robot_asks"))  # fmt: skip
        options = [
            ("email", q.t("init_e_mail")),
            ("sms", q.t("init_sms")),
        ]
        entered.row["channel"] = q.choose(q.t("init_channel"), options,
                                          str(before.get("channel") or "email"))  # fmt: skip

    def _secret(
        self,
        entered: Entered,
        before: dict[str, Any],
        name: str,
        prompt: str,
        check: Callable[[str], str],
        card_model: str | None = None,
        confirm: bool = False,
    ) -> None:
        """A hidden answer; when editing, Enter keeps the value the files already hold."""
        q = self.q
        if before.get(name):
            current = self.draft.current_secret(before[name])
            if current is None:
                prompt += q.t("init_enter_keep_one_saved_2")
            else:
                prompt += q.t("init_enter_keep_masked", masked=masked(current, name))

            def keep_or_check(answer: str) -> str:
                return "" if not answer.strip() else check(answer)

            value = q.ask(prompt, keep_or_check, hidden=True, card_model=card_model)
            if not value:
                entered.row[name] = before[name]
                return
        else:
            value = q.ask(prompt, check, hidden=True, card_model=card_model)
        while confirm:
            again = q.ask(q.t("init_same_once_more"), str, hidden=True)
            if again == value:
                break
            q.say(q.t("init_two_entries_differ"))
            value = q.ask(prompt, check, hidden=True)
        entered.secrets[name] = value
