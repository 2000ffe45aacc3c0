"""`mes-optout init [FOLDER]`: the household file, built by a conversation at the terminal.

One person at a time, each answer checked as it is typed; at the end a summary read back
(no secret shown), then household.toml (no secret in it) and secrets.toml (0600) in a
private folder, and the command to run next. Run again on the same folder, it adds,
changes or removes a person (a guardian's children with them, or not at all) and keeps
the others as written. Nothing is written before the person says so.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from automation import messages
from automation.config.household import HouseholdError
from automation.init.draft import HOUSEHOLD_FILE, HouseholdDraft
from automation.init.person import PersonQuestions, french_date
from automation.init.questions import Questions, Refused, required
from automation.output.private import LinkRefused
from automation.run.exit_status import ExitStatus
from flows.member import SIX_WEEKS


def run_init(folder: Path, lang: str, today: date | None = None) -> ExitStatus:
    q = Questions(lang)
    # Answers come from the keyboard; what is said may go through `tee` into a file too.
    if not sys.stdin.isatty():
        click.echo(q.t("init_mes_optout_init_asks"), err=True)  # fmt: skip
        return ExitStatus.BAD_INPUT
    try:
        draft = HouseholdDraft.open(folder, lang)
    except HouseholdError as error:
        for problem in error.problems:
            click.echo(problem, err=True)
        return ExitStatus.BAD_INPUT
    try:
        return Conversation(q, draft, today or date.today()).run()
    except (click.Abort, KeyboardInterrupt, EOFError):
        click.echo(q.t("init_stopped_nothing_was_written"))
        return ExitStatus.INTERRUPTED


def command_line(*args: str) -> str:
    """The command to type next, as this person calls the robot (`./dev.sh mes-optout`
    from a checkout, `py -m automation` on Windows), quoted for their shell so that a
    folder named « mon foyer » pastes as it is."""
    if os.environ.get("MES_CALLED_AS"):  # set by dev.sh
        words = [os.environ["MES_CALLED_AS"], "mes-optout", *args]
    elif sys.platform == "win32" and sys.argv[0].endswith("__main__.py"):
        words = ["py", "-m", "automation", *args]
    else:
        words = ["mes-optout", *args]
    return subprocess.list2cmdline(words) if sys.platform == "win32" else shlex.join(words)


class Conversation:
    def __init__(self, q: Questions, draft: HouseholdDraft, today: date) -> None:
        self.q = q
        self.draft = draft
        self.today = today
        self.person = PersonQuestions(q, draft, today)

    def run(self) -> ExitStatus:
        q, draft = self.q, self.draft
        q.say(q.t("init_let_us_prepare_household"))  # fmt: skip
        if draft.rows:
            q.say(q.t("init_already_household_file", household_file=draft.folder / HOUSEHOLD_FILE))  # fmt: skip
            self._list()
        else:
            name = q.ask(q.t("init_household_name_report"),
                         required(q.t("init_enter_name")),
                         default=draft.name or q.t("init_my_household"))  # fmt: skip
            draft.set_top("household", name)
            self._add(None)
        while True:
            choice = q.choose(q.t("init_what_next"), [
                ("ajouter", q.t("init_add_person")),
                ("modifier", q.t("init_edit_person")),
                ("retirer", q.t("init_remove_person")),
                ("terminer", q.t("init_finish_read_back_save")),
            ], default="terminer")  # fmt: skip
            if choice == "ajouter":
                self._add(None)
            elif not self.draft.rows:
                q.say(q.t("init_nobody_entered_yet"))
            elif choice == "modifier":
                self._add(self._which())
            elif choice == "retirer":
                self._remove(self._which())
            else:
                return self._finish()

    def _which(self) -> dict[str, Any]:
        """A person of the household, by their number in the list or their label."""
        q = self.q
        rows = {str(row.get("id")): row for row in self.draft.rows}
        numbers = {str(n): who for n, who in enumerate(rows, start=1)}
        for number, (who, row) in enumerate(rows.items(), start=1):
            q.say(f"  {number}. {row.get('first_name')} {row.get('last_name')} ({who})")

        def check(answer: str) -> dict[str, Any]:
            text = answer.strip()
            who = numbers.get(text, text)
            if who not in rows:
                raise Refused(q.t("init_nobody_labelled_answer_choose", answer=text, rows=', '.join(rows)))  # fmt: skip
            return rows[who]

        return q.ask(q.t("init_who_rows", rows=", ".join(rows)), check)

    def _remove(self, row: dict[str, Any]) -> None:
        """The person leaves the household. A guardian's children go through their NIR
        and card: they leave with them when the person says so; otherwise nobody leaves,
        and the sentence says how to keep the children (another guardian first)."""
        q, who = self.q, str(row.get("id"))
        children = self.draft.children_of(who)
        if children:
            named = ", ".join(children)
            q.say(q.t("init_guardian_of_children", who=who, children=named))
            if not q.yes_no(q.t("init_remove_children_too", children=named), False):
                q.say(q.t("init_nobody_removed_give_guardian", who=who, children=named))  # fmt: skip
                return
        for leaving in [*children, who]:
            self.draft.remove(leaving)
            q.say(q.t("init_removed", who=leaving))

    def _add(self, before: dict[str, Any] | None) -> None:
        entered = self.person.ask(before)
        if entered is None:
            return
        problems = self.draft.problems_with(entered.row, entered.secrets, self.q.lang, self.today)
        if problems:
            for problem in problems:
                self.q.say(f"  ✗ {problem}")
            self.q.say(self.q.t("init_this_person_not_entered"))  # fmt: skip
            return
        self.draft.put(entered.row, entered.secrets)
        # Which secrets were typed shows as « saved »; their values never reach _line.
        self.q.say(f"  ✓ {self._line(entered.row | dict.fromkeys(entered.secrets, True))}")

    def _finish(self) -> ExitStatus:
        q, draft = self.q, self.draft
        self._code_source()
        q.say()
        q.say(q.t("init_read_back_numbers_are"))
        self._list()
        remaining = draft.remaining_problems(q.lang, self.today)
        if remaining:
            # Said before the save, not hidden behind « next: a dry run »: run would refuse.
            q.say(q.t("init_file_still_refused"))
            for problem in remaining:
                q.say(f"  ✗ {problem}")
        if not q.yes_no(q.t("init_save_folder", folder=draft.folder), True):
            q.say(q.t("init_nothing_was_written"))
            return ExitStatus.DONE
        try:
            household, secrets = draft.save(q.lang)
        except LinkRefused as link:
            q.say(q.t("link_refused", path=link.path))
            return ExitStatus.FAILED
        except OSError as error:
            why = messages.why(error)
            q.say(q.t("init_cannot_write_folder_why", folder=draft.folder, why=why))  # fmt: skip
            return ExitStatus.FAILED
        q.say(q.t("init_written_household_no_secret", household=household, secrets=secrets))  # fmt: skip
        if remaining:
            return ExitStatus.BAD_INPUT
        source = str(draft.document.get("code_from", ""))
        if source == "imap":
            q.say(q.t("init_before_running_set_mes"))  # fmt: skip
        q.say(q.t("init_next_dry_run_nothing"))  # fmt: skip
        q.say(f"  {command_line('run', str(household), '--dry-run')}")
        q.say(q.t("init_then_real"))
        q.say(f"  {command_line('run', str(household))}")
        return ExitStatus.DONE

    def _code_source(self) -> None:
        """How the robot reads the codes the site sends: asked when someone will need one
        (no code provisoire, or a sign-in code for a login)."""
        q, draft = self.q, self.draft
        if all(row.get("code") and not row.get("login") for row in draft.rows):
            return
        q.say(q.t("init_codes_site_will_send"))  # fmt: skip
        current = str(draft.document.get("code_from", "prompt"))
        kind = current.partition(":")[0]
        choice = q.choose(q.t("init_codes"), [
            ("prompt", q.t("init_you_will_type_them")),
            ("maildir", q.t("init_reads_them_maildir_folder")),
            ("imap", q.t("init_reads_them_your_mailbox")),
        ], default=kind if kind in ("prompt", "maildir", "imap") else "prompt")  # fmt: skip
        if choice == "maildir":

            def folder(answer: str) -> str:
                path = Path(answer.strip()).expanduser()
                if not answer.strip() or not path.is_dir():
                    raise Refused(q.t("init_folder_answer_does_not", answer=answer.strip()))  # fmt: skip
                return str(path.resolve())

            previous = current.partition(":")[2] if kind == "maildir" else None
            choice = "maildir:" + q.ask(q.t("init_maildir_folder"), folder,
                                        default=previous or None)  # fmt: skip
        draft.set_top("code_from", choice)

    def _list(self) -> None:
        for row in self.draft.rows:
            self.q.say(f"  - {self._line(row)}")

    def _line(self, row: dict[str, Any]) -> str:
        """A person as read back: who, what, and which secrets are saved, never their value."""
        q = self.q
        born = row.get("birth_date")
        parts = [f"{row.get('id')}{q.t('colon')}{row.get('first_name')} {row.get('last_name')}"
                 + (f", {french_date(born)}" if isinstance(born, date) else "")]  # fmt: skip
        if row.get("guardian"):
            parts.append(q.t("init_child_row_guardian", row_guardian=row["guardian"]))
        action = {"oppose": q.t("init_oppose"), "close": q.t("init_close"),
                  "auto": q.t("init_oppose_else_close")}  # fmt: skip
        parts.append(action.get(str(row.get("action")), str(row.get("action"))))
        if row.get("login"):
            parts.append(q.t("init_login_row_login_password", row_login=row['login']))  # fmt: skip
        if row.get("card_model"):
            model = {"avec_photo": q.t("init_photo"),
                     "sans_photo": q.t("init_without_photo")}[str(row["card_model"])]  # fmt: skip
            parts.append(q.t("init_card_model_nir_serial", model=model))  # fmt: skip
        if row.get("code"):
            parts.append(q.t("init_code_provisoire_saved"))
        elif row.get("channel"):
            parts.append(q.t("init_new_code_choice", choice='SMS' if row['channel'] == 'sms' else 'e-mail'))  # fmt: skip
        invited = row.get("invited_on")
        if isinstance(invited, date):
            parts.append(q.t("init_created_default_date", date=french_date(invited + SIX_WEEKS)))  # fmt: skip
        return q.t("semicolon").join(parts)
