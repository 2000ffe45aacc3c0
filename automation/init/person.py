"""One person of the household, asked at the terminal: who, what to do, the carte Vitale,
the code. Each answer is checked with the rules the household loader applies
(`flows.inputs`, the loader's guardian sentences), as soon as it is typed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from automation.config.household import ADULT_AGE, age, birth_of
from automation.init.draft import HouseholdDraft
from automation.init.questions import Questions, Refused, required
from automation.messages import text as say
from flows.inputs import (
    check_code_provisoire,
    normalize_nir,
    normalize_serial,
    parse_birth_date,
)
from flows.member import LABEL, SIX_WEEKS


@dataclass
class Entered:
    """A person as entered: `row` is what household.toml holds (no secret), `secrets`
    the values typed now, by field (a field in neither keeps what the file had)."""

    row: dict[str, Any]
    secrets: dict[str, str] = field(default_factory=dict)


def french_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def label_from(name: str, taken: set[str]) -> str:
    """A short label from a first name: « Chloé » → chloe, then chloe2 if taken."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:28] or "personne"
    label, number = base, 2
    while label in taken:
        label, number = f"{base}{number}", number + 1
    return label


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
        row["first_name"] = q.ask(q.tr("Prénom", "First name"),
                                  required(q.tr("Saisir le prénom", "Enter the first name")),
                                  default=before.get("first_name"))  # fmt: skip
        row["last_name"] = q.ask(q.tr("Nom", "Last name"),
                                 required(q.tr("Saisir le nom", "Enter the last name")),
                                 default=before.get("last_name"))  # fmt: skip
        born_before = birth_of(before.get("birth_date"), self.today)
        born = q.ask(q.tr("Date de naissance (jj/mm/aaaa)", "Date of birth (dd/mm/yyyy)"),
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
                q.tr("À la clôture, demander aussi la suppression des données ?",
                     "When closing, also ask for the data to be deleted?"),
                default=bool(before.get("delete_data", True)),
            )  # fmt: skip
        login = self._login(entered, guardian, before) if row["action"] != "oppose" else None
        if row["action"] == "oppose" or login is None:
            if guardian is None:
                self._card(entered, before)
            else:
                q.say(q.tr(f"  Pour un enfant, le robot utilise le NIR et la carte Vitale du représentant légal ({guardian['id']}), avec la date de naissance de l'enfant.",
                           f"  For a child the robot uses {guardian['id']}'s NIR and carte Vitale, with the child's date of birth."))  # fmt: skip
            self._code(entered, before)
        return entered

    def _label(self, first_name: str) -> str:
        q = self.q
        taken = {str(row.get("id")) for row in self.draft.rows}

        def check(answer: str) -> str:
            text = answer.strip()
            if not LABEL.fullmatch(text):
                raise Refused(q.tr("1 à 32 caractères parmi lettres sans accent, chiffres, - et _.",
                                   "1 to 32 characters among unaccented letters, digits, - and _."))  # fmt: skip
            if text in taken:
                raise Refused(say("file_duplicate", q.lang, who=text))
            return text

        q.say(q.tr("  Un libellé court nomme la personne dans les résultats (jamais son NIR).",
                   "  A short label names the person in every output (never their NIR)."))  # fmt: skip
        return q.ask(q.tr("Libellé", "Label"), check, default=label_from(first_name, taken))

    def _guardian(self, label: str, before: dict[str, Any]) -> dict[str, Any] | None:
        q = self.q
        rows = {str(row.get("id")): row for row in self.draft.rows if row.get("id") != label}
        adults = [who for who, row in rows.items() if not row.get("guardian")]
        if not adults:
            q.say(q.tr("  Un enfant passe par le NIR et la carte Vitale de son représentant légal : "
                       "enregistrez d'abord ce parent, puis l'enfant.",
                       "  A child goes through their guardian's NIR and carte Vitale: "
                       "enter that parent first, then the child."))  # fmt: skip
            return None

        def check(answer: str) -> dict[str, Any]:
            who = answer.strip()
            if who not in rows:
                raise Refused(say("file_unknown_guardian", q.lang, who=label, guardian=who))
            if rows[who].get("guardian"):
                raise Refused(say("file_guardian_minor", q.lang, who=label, guardian=who))
            return rows[who]

        q.say(q.tr(f"  Moins de 18 ans : son représentant légal, parmi {', '.join(adults)}.",
                   f"  Under 18: their guardian, one of {', '.join(adults)}."))  # fmt: skip
        default = before.get("guardian") or (adults[0] if len(adults) == 1 else None)
        return q.ask(q.tr("Représentant légal", "Guardian"), check, default=default)

    def _invited(self, before: dict[str, Any]) -> date | None:
        q = self.q

        def check(answer: str) -> date | None:
            return parse_birth_date(answer, self.today) if answer.strip() else None

        previous = before.get("invited_on")
        return q.ask(q.tr("Date de l'invitation (lettre ou e-mail), jj/mm/aaaa, Entrée si vous ne l'avez pas",
                          "Date of the invitation (letter or e-mail), dd/mm/yyyy, Enter if you don't have it"),
                     check, default=french_date(previous) if isinstance(previous, date) else None)  # fmt: skip

    def _action(self, invited: date | None, before: dict[str, Any]) -> str:
        q = self.q
        deadline = invited + SIX_WEEKS if invited else None
        if deadline is None:
            q.say(q.tr("  Sauf opposition, le profil est créé automatiquement six semaines après l'invitation. Que faire ?",
                       "  Unless opposed, the profile is created automatically six weeks after the invitation. What to do?"))  # fmt: skip
        elif deadline > self.today:
            q.say(q.tr(f"  Sauf opposition, le profil sera créé automatiquement le {french_date(deadline)}. Que faire ?",
                       f"  Unless opposed, the profile will be created automatically on {french_date(deadline)}. What to do?"))  # fmt: skip
        else:
            q.say(q.tr(f"  Le profil a dû être créé automatiquement le {french_date(deadline)} (date passée) : il existe sans doute déjà. Que faire ?",
                       f"  The profile was due to be created automatically on {french_date(deadline)} (passed): it probably exists already. What to do?"))  # fmt: skip
        options = [
            ("oppose", q.tr("s'opposer (oppose) : refuser la création du profil, possible tant qu'il n'existe pas ;",
                            "oppose: refuse the profile's creation, possible while it does not exist;")),
            ("close", q.tr("clôturer (close) : fermer un profil qui existe déjà ;",
                           "close: close a profile that already exists;")),
            ("auto", q.tr("auto : s'opposer si c'est encore possible, sinon clôturer (dans le doute, c'est le bon choix).",
                          "auto: oppose while still possible, else close (when in doubt, the right choice).")),
        ]  # fmt: skip
        default = str(before.get("action") or "auto")
        return q.choose(q.tr("Action", "Action"), options, default)

    def _login(
        self, entered: Entered, guardian: dict[str, Any] | None, before: dict[str, Any]
    ) -> str | None:
        """The login of an account that exists, for a closure through it. A child's
        profile is closed through the guardian's account when the guardian has one."""
        q = self.q
        if guardian is not None:
            if guardian.get("login"):
                q.say(q.tr(f"  Le profil sera clôturé depuis le compte de {guardian['id']}.",
                           f"  The profile will be closed through {guardian['id']}'s account."))  # fmt: skip
                return str(guardian["login"])
            return None
        if not q.yes_no(q.tr("Ce profil a-t-il déjà un identifiant et un mot de passe (profil activé) ?",
                             "Does this profile already have a login and a password (activated profile)?"),
                        default=bool(before.get("login"))):  # fmt: skip
            return None
        login = q.ask(q.tr("Identifiant de connexion", "Login"),
                      required(q.tr("Saisir l'identifiant", "Enter the login")),
                      default=before.get("login"))  # fmt: skip
        entered.row["login"] = login
        self._secret(entered, before, "password", q.tr("Mot de passe", "Password"),
                     required(q.tr("Saisir le mot de passe", "Enter the password")), confirm=True)  # fmt: skip
        return login

    def _card(self, entered: Entered, before: dict[str, Any]) -> None:
        q = self.q
        q.say(q.tr("  Quel modèle de carte Vitale ?", "  Which carte Vitale model?"))
        options = [
            ("avec_photo", q.tr("avec photo : le numéro de série commence par 8025000002 ; vous taperez les 11 chiffres qui suivent ;",
                                "with a photo: the serial starts with 8025000002; you will type the 11 digits after it;")),
            ("sans_photo", q.tr("sans photo : le numéro de série, au dos de la carte, a de 8 à 13 chiffres.",
                                "without a photo: the serial, on the back of the card, has 8 to 13 digits.")),
        ]  # fmt: skip
        previous = before.get("card_model")
        model = q.choose(q.tr("Modèle", "Model"), options, str(previous) if previous else None)
        entered.row["card_model"] = model
        kept_serial = model == previous  # a serial checked for another model is asked again
        self._secret(entered, before, "nir",
                     q.tr("Numéro de sécurité sociale, 15 caractères clé comprise (saisie masquée)",
                          "Social security number, 15 characters key included (hidden input)"),
                     normalize_nir)  # fmt: skip
        self._secret(entered, before if kept_serial else {}, "card_serial",
                     q.tr("Numéro de série de la carte (saisie masquée)",
                          "Card serial number (hidden input)"),
                     lambda answer: normalize_serial(answer, model), card_model=model)  # fmt: skip

    def _code(self, entered: Entered, before: dict[str, Any]) -> None:
        q = self.q

        def check(answer: str) -> str | None:
            return check_code_provisoire(answer) if answer.strip() else None

        q.say(q.tr("  Le code provisoire est dans la lettre ou l'e-mail d'invitation (12 lettres et chiffres).",
                   "  The code provisoire is in the invitation letter or e-mail (12 letters and digits)."))  # fmt: skip
        if before.get("code"):
            keep = q.tr("Entrée : garder celui enregistré", "Enter: keep the one saved")
        else:
            keep = q.tr("Entrée si vous n'en avez pas", "Enter if you have none")
        code = q.ask(q.tr(f"Code provisoire (saisie masquée ; {keep})",
                          f"Code provisoire (hidden input; {keep})"), check, hidden=True)  # fmt: skip
        if code is not None:
            entered.secrets["code"] = code
            return
        if before.get("code"):
            entered.row["code"] = before["code"]
            return
        q.say(q.tr("  Sans code, le robot en demande un nouveau au site. Où le site l'enverra-t-il ?",
                   "  Without a code, the robot asks the site for a new one. Where will the site send it?"))  # fmt: skip
        options = [
            ("email", q.tr("par e-mail ;", "by e-mail;")),
            ("sms", q.tr("par SMS.", "by SMS.")),
        ]
        entered.row["channel"] = q.choose(q.tr("Canal", "Channel"), options,
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
            prompt += q.tr(" ; Entrée : garder celui enregistré", "; Enter: keep the one saved")

            def keep_or_check(answer: str) -> str:
                return "" if not answer.strip() else check(answer)

            value = q.ask(prompt, keep_or_check, hidden=True, card_model=card_model)
            if not value:
                entered.row[name] = before[name]
                return
        else:
            value = q.ask(prompt, check, hidden=True, card_model=card_model)
        while confirm:
            again = q.ask(
                q.tr("Le même, une seconde fois", "The same, once more"), str, hidden=True
            )
            if again == value:
                break
            q.say(q.tr("  ✗ Les deux saisies diffèrent.", "  ✗ The two entries differ."))
            value = q.ask(prompt, check, hidden=True)
        entered.secrets[name] = value
