"""`mes-optout init [FOLDER]`: the household file, built by a conversation at the terminal.

One person at a time, each answer checked as it is typed; at the end a summary read back
(no secret shown), then household.toml (no secret in it) and secrets.toml (0600) in a
private folder, and the command to run next. Run again on the same folder, it adds or
edits a person and keeps the others. Nothing is written before the person says so.
"""

from __future__ import annotations

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
from automation.run.exit_status import ExitStatus
from flows.member import SIX_WEEKS


def run_init(folder: Path, lang: str, today: date | None = None) -> ExitStatus:
    q = Questions(lang)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        click.echo(q.tr(
            "mes-optout init pose des questions : lancez-le dans un terminal. Sans terminal, "
            "écrivez le fichier du foyer vous-même (modèle : household.example.toml).",
            "mes-optout init asks questions: run it in a terminal. Without one, write the "
            "household file yourself (model: household.example.toml).",
        ), err=True)  # fmt: skip
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
        click.echo(q.tr("\nAbandon : rien n'a été écrit.", "\nStopped: nothing was written."))
        return ExitStatus.INTERRUPTED


class Conversation:
    def __init__(self, q: Questions, draft: HouseholdDraft, today: date) -> None:
        self.q = q
        self.draft = draft
        self.today = today
        self.person = PersonQuestions(q, draft, today)

    def run(self) -> ExitStatus:
        q, draft = self.q, self.draft
        q.say(q.tr(
            "Préparons le fichier du foyer, une personne à la fois. Les numéros (NIR, numéro de "
            "série, codes, mots de passe) sont saisis masqués et rangés à part, dans un fichier "
            "que vous seul pouvez lire. Ctrl-C pour abandonner sans rien écrire.",
            "Let us prepare the household file, one person at a time. Numbers (NIR, serial, "
            "codes, passwords) are typed hidden and kept apart, in a file only you can read. "
            "Ctrl-C to stop without writing anything.",
        ))  # fmt: skip
        if draft.rows:
            q.say(q.tr(f"Déjà dans {draft.folder / HOUSEHOLD_FILE} :",
                       f"Already in {draft.folder / HOUSEHOLD_FILE}:"))  # fmt: skip
            self._list()
        else:
            name = q.ask(q.tr("Nom du foyer (pour le rapport)", "Household name (for the report)"),
                         required(q.tr("Saisir un nom", "Enter a name")),
                         default=draft.name or q.tr("Mon foyer", "My household"))  # fmt: skip
            draft.set_top("household", name)
            self._add(None)
        while True:
            choice = q.choose(q.tr("Que faire ?", "What next?"), [
                ("ajouter", q.tr("ajouter une personne ;", "add a person;")),
                ("modifier", q.tr("modifier une personne ;", "edit a person;")),
                ("terminer", q.tr("terminer : relire et enregistrer.", "finish: read back and save.")),
            ], default="terminer")  # fmt: skip
            if choice == "ajouter":
                self._add(None)
            elif choice == "modifier":
                self._add(self._which())
            elif self.draft.rows:
                return self._finish()
            else:
                q.say(q.tr("  Personne n'est encore enregistré.", "  Nobody is entered yet."))

    def _which(self) -> dict[str, Any]:
        q = self.q
        rows = {str(row.get("id")): row for row in self.draft.rows}

        def check(answer: str) -> dict[str, Any]:
            if answer.strip() not in rows:
                raise Refused(q.tr(f"Aucune personne « {answer.strip()} » : choisissez parmi {', '.join(rows)}.",
                                   f"Nobody labelled « {answer.strip()} »: choose among {', '.join(rows)}."))  # fmt: skip
            return rows[answer.strip()]

        return q.ask(q.tr(f"Qui ({', '.join(rows)})", f"Who ({', '.join(rows)})"), check)

    def _add(self, before: dict[str, Any] | None) -> None:
        entered = self.person.ask(before)
        if entered is None:
            return
        problems = self.draft.problems_with(entered.row, entered.secrets, self.q.lang, self.today)
        if problems:
            for problem in problems:
                self.q.say(f"  ✗ {problem}")
            self.q.say(self.q.tr("  Cette personne n'est pas enregistrée.",
                                 "  This person is not entered."))  # fmt: skip
            return
        self.draft.put(entered.row, entered.secrets)
        # Which secrets were typed shows as « saved »; their values never reach _line.
        self.q.say(f"  ✓ {self._line(entered.row | dict.fromkeys(entered.secrets, True))}")

    def _finish(self) -> ExitStatus:
        q, draft = self.q, self.draft
        self._code_source()
        q.say()
        q.say(
            q.tr(
                "Relisez (les numéros ne sont pas affichés) :", "Read back (numbers are not shown):"
            )
        )
        self._list()
        if not q.yes_no(
            q.tr(f"Enregistrer dans {draft.folder} ?", f"Save in {draft.folder}?"), True
        ):
            q.say(q.tr("Rien n'a été écrit.", "Nothing was written."))
            return ExitStatus.DONE
        try:
            household, secrets = draft.save()
        except OSError as error:
            why = messages.why(error)
            q.say(q.tr(f"Impossible d'écrire dans {draft.folder} : {why}. Le fichier du foyer n'a pas changé.",
                       f"Cannot write in {draft.folder}: {why}. The household file did not change."))  # fmt: skip
            return ExitStatus.FAILED
        q.say(q.tr(f"Écrit : {household} (sans aucun secret) et {secrets} (lisible par vous seul).",
                   f"Written: {household} (no secret in it) and {secrets} (only you can read it)."))  # fmt: skip
        source = str(draft.document.get("code_from", ""))
        if source == "imap":
            q.say(q.tr("Avant de lancer : définissez MES_IMAP_HOST, MES_IMAP_USER et MES_IMAP_PASSWORD.",
                       "Before running: set MES_IMAP_HOST, MES_IMAP_USER and MES_IMAP_PASSWORD."))  # fmt: skip
        q.say(q.tr("Ensuite, un essai à blanc (rien n'est changé sur le site) :",
                   "Next, a dry run (nothing is changed on the site):"))  # fmt: skip
        q.say(f"  mes-optout run {household} --dry-run")
        q.say(q.tr("puis pour de bon :", "then for real:"))
        q.say(f"  mes-optout run {household}")
        return ExitStatus.DONE

    def _code_source(self) -> None:
        """How the robot reads the codes the site sends: asked when someone will need one
        (no code provisoire, or a sign-in code for a login)."""
        q, draft = self.q, self.draft
        if all(row.get("code") and not row.get("login") for row in draft.rows):
            return
        q.say(q.tr("  Les codes que le site enverra (nouveau code provisoire, code de connexion) : "
                   "comment le robot les lira-t-il ?",
                   "  The codes the site will send (a new code provisoire, a sign-in code): "
                   "how will the robot read them?"))  # fmt: skip
        current = str(draft.document.get("code_from", "prompt"))
        kind = current.partition(":")[0]
        choice = q.choose(q.tr("Codes", "Codes"), [
            ("prompt", q.tr("vous les taperez quand il les demandera (restez devant le terminal) ;",
                            "you will type them when it asks (stay at the terminal);")),
            ("maildir", q.tr("il les lit dans un dossier Maildir où arrivent vos messages ;",
                             "it reads them in a Maildir folder where your messages arrive;")),
            ("imap", q.tr("il les lit dans votre boîte aux lettres, par IMAP.",
                          "it reads them in your mailbox, over IMAP.")),
        ], default=kind if kind in ("prompt", "maildir", "imap") else "prompt")  # fmt: skip
        if choice == "maildir":

            def folder(answer: str) -> str:
                path = Path(answer.strip()).expanduser()
                if not answer.strip() or not path.is_dir():
                    raise Refused(q.tr(f"Le dossier « {answer.strip()} » n'existe pas.",
                                       f"The folder « {answer.strip()} » does not exist."))  # fmt: skip
                return str(path.resolve())

            previous = current.partition(":")[2] if kind == "maildir" else None
            choice = "maildir:" + q.ask(q.tr("Dossier Maildir", "Maildir folder"), folder,
                                        default=previous or None)  # fmt: skip
        draft.set_top("code_from", choice)

    def _list(self) -> None:
        for row in self.draft.rows:
            self.q.say(f"  - {self._line(row)}")

    def _line(self, row: dict[str, Any]) -> str:
        """A person as read back: who, what, and which secrets are saved, never their value."""
        q = self.q
        born = row.get("birth_date")
        parts = [f"{row.get('id')} : {row.get('first_name')} {row.get('last_name')}"
                 + (f", {french_date(born)}" if isinstance(born, date) else "")]  # fmt: skip
        if row.get("guardian"):
            parts.append(q.tr(f"enfant de {row['guardian']}", f"child of {row['guardian']}"))
        action = {"oppose": q.tr("s'opposer", "oppose"), "close": q.tr("clôturer", "close"),
                  "auto": q.tr("s'opposer, sinon clôturer", "oppose, else close")}  # fmt: skip
        parts.append(action.get(str(row.get("action")), str(row.get("action"))))
        if row.get("login"):
            parts.append(q.tr(f"identifiant {row['login']}, mot de passe enregistré",
                              f"login {row['login']}, password saved"))  # fmt: skip
        if row.get("card_model"):
            model = {"avec_photo": q.tr("avec photo", "with a photo"),
                     "sans_photo": q.tr("sans photo", "without a photo")}[str(row["card_model"])]  # fmt: skip
            parts.append(q.tr(f"carte {model}, NIR et numéro de série enregistrés",
                              f"card {model}, NIR and serial saved"))  # fmt: skip
        if row.get("code"):
            parts.append(q.tr("code provisoire enregistré", "code provisoire saved"))
        elif row.get("channel"):
            parts.append(q.tr(f"nouveau code par {'SMS' if row['channel'] == 'sms' else 'e-mail'}",
                              f"new code by {'SMS' if row['channel'] == 'sms' else 'e-mail'}"))  # fmt: skip
        invited = row.get("invited_on")
        if isinstance(invited, date):
            parts.append(q.tr(f"créé d'office le {french_date(invited + SIX_WEEKS)}",
                              f"created by default on {french_date(invited + SIX_WEEKS)}"))  # fmt: skip
        return " ; ".join(parts)
