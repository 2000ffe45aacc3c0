"""Every sentence the user reads, in French (the default) and in English. Sentences
name the member and the field, never a secret value."""

from __future__ import annotations

from pydantic import ValidationError

from automation.messages.command_line import COMMAND_LINE
from automation.messages.conversation import CONVERSATION
from automation.messages.dry_run import DRY_RUN
from automation.messages.one_person import ONE_PERSON
from automation.messages.reasons import REASONS, WITH_DETAIL, with_detail
from automation.messages.report_lines import REPORT_LINES
from automation.messages.screens import PROGRESS, SCREENS
from automation.messages.stopped import STOPPED

LANGS = ("fr", "en")

FIELDS = {
    "id": ("l'identifiant court (id)", "the short label (id)"),
    "first_name": ("le prénom", "the first name"),
    "last_name": ("le nom", "the last name"),
    "birth_date": ("la date de naissance", "the date of birth"),
    "action": ("l'action (oppose, close ou auto)", "the action (oppose, close or auto)"),
    "card_model": ("le modèle de carte Vitale (avec_photo ou sans_photo)",
                   "the carte Vitale model (avec_photo or sans_photo)"),
    "nir": ("le numéro de sécurité sociale (NIR)", "the social security number (NIR)"),
    "card_serial": ("le numéro de série de la carte Vitale", "the carte Vitale serial number"),
    "code": ("le code provisoire", "the code provisoire"),
    "login_code": ("le code de connexion", "the sign-in code"),
    "channel": ("le canal du nouveau code (sms ou email)", "the channel for a new code (sms or email)"),
    "login": ("l'identifiant de connexion", "the login"),
    "password": ("le mot de passe", "the password"),
    "delete_data": ("la suppression des données (delete_data)", "data deletion (delete_data)"),
    "invited_on": ("la date d'invitation", "the invitation date"),
}  # fmt: skip

PROBLEMS = {
    "empty": ("est vide", "is empty"),
    "missing": ("manque", "is missing"),
    "length": ("n'a pas la bonne longueur", "has the wrong length"),
    "format": ("n'a pas un format valide", "is not in a valid format"),
    "not_digits": ("doit contenir uniquement des chiffres", "must contain digits only"),
    "bad_character": ("contient un caractère non autorisé (lettres et chiffres seulement)",
                      "contains a character that is not allowed (letters and digits only)"),
    "future": ("est dans le futur", "is in the future"),
    "label": ("doit faire 1 à 32 caractères parmi lettres, chiffres, - et _",
              "must be 1 to 32 letters, digits, - or _"),
    "choice": ("n'est pas une valeur possible", "is not one of the possible values"),
    "with_login": ("manque : il va avec l'identifiant de connexion",
                   "is missing: it goes with the login"),
    "with_password": ("manque : il va avec le mot de passe", "is missing: it goes with the password"),
    "unknown": ("n'est pas une clé connue", "is not a known key"),
}  # fmt: skip

DETAILS = {
    "birth_date:format": ("n'est pas une date qui existe, écrite jj/mm/aaaa (par exemple 14/07/1986)",
                          "is not a date that exists, written dd/mm/yyyy (for example 14/07/1986)"),
    "invited_on:format": ("n'est pas une date qui existe, écrite jj/mm/aaaa (par exemple 16/11/2026)",
                          "is not a date that exists, written dd/mm/yyyy (for example 16/11/2026)"),
    "nir:length": ("doit contenir 15 caractères, clé comprise", "must have 15 characters, key included"),
    "nir:format": ("n'est pas valide (vérifiez les chiffres et la clé)",
                   "is not valid (check the digits and the key)"),
}  # fmt: skip

# The site's own words for a refused input (screens.md, "Inputs and their rules"), where the
# contract gives them, so that `mes-optout init` says what the site would; ours otherwise.
INPUT_ERRORS = {
    "nir:empty": ("Saisir le numéro de sécurité sociale", "Enter the social security number"),
    "nir:length": ("Le numéro de sécurité sociale doit contenir 15 caractères",
                   "The social security number must have 15 characters"),
    "nir:format": ("Format invalide, vérifier le format du numéro de sécurité sociale "
                   "(ses chiffres, et la clé : les deux derniers)",
                   "Invalid format, check the social security number "
                   "(its digits, and the key: the last two)"),
    "card_serial:empty": ("Saisir le numéro de série", "Enter the serial number"),
    "card_serial:not_digits": ("Saisir uniquement des chiffres", "Digits only"),
    "card_serial:length:avec_photo": ("Format invalide, le numéro de série doit contenir 11 chiffres",
                                      "Invalid format, the serial number must have 11 digits"),
    "card_serial:length:sans_photo": ("Format invalide, le numéro de série doit contenir entre 8 et 13 chiffres",
                                      "Invalid format, the serial number must have 8 to 13 digits"),
    "birth_date:empty": ("Saisir la date de naissance", "Enter the date of birth"),
    "birth_date:format": ("Date invalide : écrivez-la jj/mm/aaaa, par exemple 12/03/1984",
                          "Invalid date: write it dd/mm/yyyy, for example 12/03/1984"),
    "birth_date:future": ("Cette date est dans le futur", "This date is in the future"),
    "code:length": ("Le code doit contenir 12 caractères", "The code must have 12 characters"),
    "code:bad_character": ("Cette saisie contient un caractère non autorisé",
                           "This entry contains a character that is not allowed"),
}  # fmt: skip


def input_error(field: str, problem: str, lang: str, card_model: str | None = None) -> str:
    """The sentence for an input `flows.inputs` refused."""
    key = f"{field}:{problem}"
    if f"{key}:{card_model}" in INPUT_ERRORS:
        key = f"{key}:{card_model}"
    if key in INPUT_ERRORS:
        return pick(INPUT_ERRORS[key], lang)
    label = pick(FIELDS.get(field, (field, field)), lang)
    return f"{label} {pick(PROBLEMS[problem], lang)}".capitalize()


OUTCOMES = {
    "opposed": ("opposition enregistrée", "opposition recorded"),
    "already_opposed": ("déjà opposé(e)", "already opposed"),
    "closed": ("profil clôturé", "profile closed"),
    "already_closed": ("profil déjà clôturé", "profile already closed"),
    "dry_run": ("essai à blanc : arrêté avant de rien envoyer ni changer", "dry run: stopped before sending or changing anything"),
    "needs_human": ("une personne doit intervenir", "a person is needed"),
    "failed": ("échec", "failed"),
}  # fmt: skip

ACTIONS = {
    "oppose": ("s'opposer à la création de Mon espace santé", "refuse the creation of Mon espace santé"),
    "close": ("clôturer le profil", "close the profile"),
    "auto": ("s'opposer, ou clôturer si le profil existe déjà", "oppose, or close if the profile already exists"),
}  # fmt: skip

TEXTS = {
    # Punctuation: French puts a space before « : » and « ; », English does not.
    "colon": (" : ", ": "),
    "semicolon": (" ; ", "; "),
    "time_format": ("%d/%m/%Y à %H:%M", "%d/%m/%Y %H:%M (Paris time)"),  # strftime's
    "confirm_oppose": ("Confirmer l'opposition à Mon espace santé pour {name} ? C'est définitif.",
                       "Confirm the opposition to Mon espace santé for {name}? This is final."),
    "confirm_close": ("Confirmer la clôture du profil de {name} ? C'est définitif.",
                      "Confirm closing the profile of {name}? This is final."),
    "handover": ("{what}\nFaites-le dans la fenêtre du navigateur, puis appuyez sur Entrée ici.",
                 "{what}\nDo it in the browser window, then press Enter here."),
    "handover_unknown_screen": ("Le robot ne reconnaît pas cet écran (ou une vérification demande une personne).",
                         "The robot does not recognise this screen (or a check needs a person)."),
    "ask_code": ("Code provisoire reçu pour {name} (12 caractères) : ",
                 "Code provisoire received for {name} (12 characters): "),
    "ask_login_code": ("Code de connexion reçu (6 chiffres) : ", "Sign-in code received (6 digits): "),
    "bad_input": ("Entrée invalide pour {who} : {field} {problem}.",
                  "Invalid input for {who}: {field} {problem}."),
    "result": ("{who} : {outcome}", "{who}: {outcome}"),
    "because": (" ({reason})", " ({reason})"),
    "evidence_in": ("Preuves : {folder}", "Proof: {folder}"),
    "diagnostic_in": ("diagnostic de l'écran inconnu (données personnelles masquées, à partager pour mettre à jour la description du site) : {files}",
                      "diagnostic of the unknown screen (personal data masked, to share so the description of the site can be updated): {files}"),
    # the browser
    "browser_path_missing": ("Le navigateur indiqué par MES_BROWSER_PATH est introuvable : {path}",
                             "The browser MES_BROWSER_PATH points to cannot be found: {path}"),
    "no_chromium": ("Aucun Chromium trouvé : lancez « playwright install chromium », installez le paquet chromium de votre système, ou indiquez son chemin dans MES_BROWSER_PATH.",
                    "No Chromium found: run « playwright install chromium », install your system's chromium package, or give its path in MES_BROWSER_PATH."),
    # the report the family reads (automation/output/templates/report.html)
    "report_lang": ("fr", "en"),
    "report_title": ("Mon espace santé : ce qui a été fait", "Mon espace santé: what was done"),
    "report_household": ("Foyer", "Household"),
    "report_from": ("Dernière exécution : du", "Last run: from"),
    "report_to": ("au", "to"),
    "report_in_short": ("En bref", "In short"),
    "report_failed_members": ("en échec : relancez la même commande", "failed: run the same command again"),
    "report_dry_run": ("en essai à blanc", "dry run"),
    "report_nearest_deadline": ("Prochaine date limite", "Nearest deadline"),
    "report_no_deadline_pending": ("Aucune date limite en attente", "No deadline pending"),
    "report_deadline_passed": ("Date limite passée", "Deadline passed"),
    "report_action_asked": ("Action demandée", "Action asked"),
    "report_why": ("Pourquoi", "Why"),
    "report_when": ("Quand", "When"),
    "report_done_earlier": ("fait lors d'un passage précédent", "done in an earlier run"),
    "report_deadline": ("Date limite", "Deadline"),
    "report_deadline_rule": ("invitation + six semaines", "invitation + six weeks"),
    "report_deadline_passed_close": ("La date limite est passée : le profil a pu être créé automatiquement. Il faut maintenant le clôturer (action close ou auto).", "The deadline has passed: the profile may have been created automatically. It now has to be closed (action close or auto)."),
    "report_deadline_near": ("La date limite approche : au-delà, le profil sera créé automatiquement.", "The deadline is near: after it, the profile is created automatically."),
    "report_unchecked": ("Le site n'a pas été vérifié avant de commencer (--skip-check).", "The site was not checked before starting (--skip-check)."),
    "report_unofficial": ("Site non officiel, utilisé à votre demande (--site-non-officiel) :", "Unofficial site, used at your request (--site-non-officiel):"),
    "report_allowed": ("Origines autorisées à votre demande (--allow-origin) :", "Origins allowed at your request (--allow-origin):"),
    "report_blocked": ("Le site a demandé ces origines, bloquées par le robot :", "The site asked for these origins, blocked by the robot:"),
    "report_blocked_hint": (" (--allow-origin pour en autoriser une si vous lui faites confiance).", " (--allow-origin to allow one if you trust it)."),
    "report_diagnostic": ("Le robot a rencontré un écran qu'il ne connaît pas. Son diagnostic, données personnelles masquées, est dans", "The robot met a screen it does not know. Its diagnostic, personal data masked, is in"),
    "report_diagnostic_share": (" : vous pouvez le partager pour mettre à jour la description du site.", ": you can share it so the description of the site can be updated."),
    "report_attestation": ("Télécharger l'attestation d'opposition (PDF)", "Download the opposition attestation (PDF)"),
    "report_screenshot": ("Capture d'écran de la confirmation (données personnelles masquées)", "Screenshot of the confirmation (personal data masked)"),
    "report_confirmation_alt": ("Confirmation du site", "The site confirmation"),
    "report_done_one": ("personne traitée", "person done"),
    "report_done_many": ("personnes traitées", "people done"),
    "report_needs_you_one": ("demande votre intervention", "needs you"),
    "report_needs_you_many": ("demandent votre intervention", "need you"),
    # the demo
    "demo_mock": ("Site d'imitation ({personality}) : {url}", "Mock site ({personality}): {url}"),
    "demo_failed": ("La démo n'a pas donné le résultat attendu :", "The demo did not give the expected result:"),
    "demo_passed": ("Démo réussie : {count} personnes, résultats conformes. Dossier : {out}",
                    "Demo passed: {count} people, as expected. Folder: {out}"),
    # the household file
    "file_unreadable": ("Le fichier {path} est illisible : {why}.", "The file {path} cannot be read: {why}."),
    "file_toml": ("Le fichier {path} n'est pas un TOML valide, {where} : {why}.",
             "The file {path} is not valid TOML, {where}: {why}."),
    "file_open_perms": ("Le fichier {path} est lisible par d'autres utilisateurs : lancez « chmod 600 {path} ».",
                   "The file {path} can be read by other users: run « chmod 600 {path} »."),
    "file_open_acl": ("Le fichier {path} est lisible par d'autres utilisateurs de cet ordinateur : dans l'Explorateur, Propriétés, Sécurité, ne laissez que vous-même, ou lancez « icacls \"{path}\" /inheritance:r /grant:r \"{user}:F\" ».",
                      "The file {path} can be read by other users of this computer: in Explorer, Properties, Security, leave only yourself, or run « icacls \"{path}\" /inheritance:r /grant:r \"{user}:F\" »."),
    "file_privacy_unknown": ("Attention : ce système ne dit pas qui peut lire le fichier {path} ; vérifiez qu'il n'est lisible que par vous.",
                             "Warning: this system does not say who can read the file {path}; make sure only you can read it."),
    "file_id_device": ("Membre n°{index} : l'identifiant « {id} » est un nom réservé par Windows (con, prn, aux, nul, com1 à com9, lpt1 à lpt9) ; choisissez-en un autre.",
                       "Member n°{index}: the label « {id} » is a name Windows reserves (con, prn, aux, nul, com1 to com9, lpt1 to lpt9); choose another."),
    "file_id_character": ("Membre n°{index} : l'identifiant « {id} » ne peut pas nommer un fichier sous Windows (ni < > : \" / \\ | ? *, ni caractère de contrôle, ni point ou espace à la fin) ; choisissez-en un autre.",
                          "Member n°{index}: the label « {id} » cannot name a file on Windows (no < > : \" / \\ | ? *, no control character, no dot or space at the end); choose another."),
    "file_duplicate_case": ("Les membres n°{first_index} « {first} » et n°{index} « {id} » ont le même identifiant à la casse près, un seul dossier sous Windows et macOS : changez l'un des deux.",
                            "Members n°{first_index} « {first} » and n°{index} « {id} » have the same label but for case, one folder on Windows and macOS: change one of them."),
    "file_top_unknown": ("Clé inconnue en tête du fichier : « {key} ».", "Unknown key at the top of the file: « {key} »."),
    "file_no_members": ("Le fichier ne décrit aucun membre ([[member]]).", "The file describes no member ([[member]])."),
    "file_unknown_key": ("Membre {who} : clé inconnue « {key} ».", "Member {who}: unknown key « {key} »."),
    "file_duplicate": ("Deux membres ont le même identifiant « {who} ».", "Two members share the label « {who} »."),
    "file_duplicate_at": ("Les membres n°{first_index} et n°{index} ont le même identifiant « {id} » : changez l'un des deux.",
                          "Members n°{first_index} and n°{index} share the label « {id} »: change one of them."),
    "file_env_unset": ("Membre {who} : {field} renvoie à la variable {name}, qui n'est pas définie.",
                  "Member {who}: {field} refers to the variable {name}, which is not set."),
    "file_secret_missing": ("Membre {who} : {field} renvoie à la clé « {key} », absente du fichier de secrets.",
                       "Member {who}: {field} refers to the key « {key} », missing from the secrets file."),
    "file_no_secrets_file": ("Membre {who} : {field} renvoie à un fichier de secrets, mais « secrets_file » n'est pas indiqué.",
                        "Member {who}: {field} refers to a secrets file, but « secrets_file » is not given."),
    "file_literal": ("Attention : membre {who}, {field} est écrit en clair dans le fichier ; préférez env:NOM ou secret:CLÉ.",
                "Warning: member {who}, {field} is written in clear in the file; prefer env:NAME or secret:KEY."),
    "file_unknown_guardian": ("Membre {who} : le représentant légal « {guardian} » n'est pas un membre du foyer.",
                         "Member {who}: the guardian « {guardian} » is not a member of the household."),
    "file_guardian_minor": ("Membre {who} : le représentant légal « {guardian} » est lui-même mineur.",
                       "Member {who}: the guardian « {guardian} » is a minor too."),
    "file_guardian_cycle": ("Membres {who} : les représentants légaux forment une boucle.",
                       "Members {who}: the guardians form a loop."),
    "file_minor_without_guardian": ("Membre {who} : mineur(e) (moins de 18 ans) sans représentant légal (guardian).",
                               "Member {who}: a minor (under 18) with no guardian."),
    "file_own_card": ("Membre {who} : un mineur utilise le NIR et la carte de son représentant légal ; retirez « {field} ».",
                 "Member {who}: a minor uses the guardian's NIR and card; remove « {field} »."),
    "file_missing": ("Membre {who} : {field} manque.", "Member {who}: {field} is missing."),
    "file_allow_origins": ("« allow_origins = {value} » : attendu une liste d'adresses comme \"https://exemple.fr\".",
                      "« allow_origins = {value} »: expected a list of addresses like \"https://example.fr\"."),
    "file_code_from": ("« code_from = {value} » : attendu prompt, maildir:DOSSIER ou imap.",
                  "« code_from = {value} »: expected prompt, maildir:DIR or imap."),
    "file_code_from_command": ("« code_from = {value} » : un fichier du foyer ne peut pas lancer de programme ; donnez-le vous-même au lancement, avec --code-from ou la variable MES_CODE_FROM.",
                               "« code_from = {value} »: a household file cannot start a program; give it yourself when you start the run, with --code-from or the MES_CODE_FROM variable."),
    # the household file's shape (automation/config/file_shape.py)
    "file_too_big": ("Le fichier {path} est trop gros ({limit} octets au plus) : est-ce bien un fichier du foyer ?",
                     "The file {path} is too large (at most {limit} bytes): is it a household file?"),
    "file_too_deep": ("Le fichier {path} imbrique plus de {limit} niveaux de crochets ou d'accolades : un fichier du foyer n'en a que deux.",
                      "The file {path} nests more than {limit} levels of brackets or braces: a household file has two."),
    "file_shape_kind": ("{where} : « {key} » doit être {expected}, pas {found}.",
                        "{where}: « {key} » must be {expected}, not {found}."),
    "file_shape_unknown": ("{where} : clé inconnue « {key} ».", "{where}: unknown key « {key} »."),
    "file_shape_too_long": ("{where} : « {key} » dépasse {limit} caractères.",
                            "{where}: « {key} » is longer than {limit} characters."),
    "file_shape_control": ("{where} : « {key} » contient un caractère de contrôle invisible (retour à la ligne, tabulation, NUL…).",
                           "{where}: « {key} » holds an invisible control character (line break, tab, NUL…)."),
    "file_shape_other": ("{where} : « {key} » n'a pas la forme attendue.",
                         "{where}: « {key} » is not in the expected form."),
    "where_top": ("En tête du fichier", "At the top of the file"),
    "where_secrets": ("Dans le fichier de secrets", "In the secrets file"),
    "where_member": ("Membre n°{number}", "Member no. {number}"),
    "where_member_id": ("Membre n°{number} ({id})", "Member no. {number} ({id})"),
    "kind_text": ("un texte entre guillemets", "text in quotes"),
    "kind_date": ("une date (1984-03-12)", "a date (1984-03-12)"),
    "kind_bool": ("true ou false", "true or false"),
    "kind_boolean": ("un booléen (true ou false)", "a boolean (true or false)"),
    "kind_list": ("une liste [ … ]", "a list [ … ]"),
    "kind_table": ("une table", "a table"),
    "kind_number": ("un nombre", "a number"),
    "kind_datetime": ("une date avec une heure", "a date with a time"),
    "kind_time": ("une heure", "a time"),
    "kind_other": ("autre chose", "something else"),
    "kind_or": (" ou ", " or "),
    "dry_run_no_program": ("essai à blanc : le programme de --code-from command: n'est pas lancé",
                           "dry run: the --code-from command: program is not started"),
    # the IMAP code reader: nothing was sent when one of these is said
    "imap_plain_refused": ("IMAP sans chiffrement (MES_IMAP_TLS=false) refusé vers {host} : il n'est permis que vers cette machine, et rien n'y a été envoyé.",
                           "Plain IMAP (MES_IMAP_TLS=false) refused to {host}: it is allowed only to this machine, and nothing was sent there."),
    "imap_certificate_refused": ("Le certificat du serveur IMAP {host} n'est pas reconnu : rien n'y a été envoyé (si vous faites confiance à ce serveur, indiquez son autorité dans MES_IMAP_CA_FILE).",
                                 "The IMAP server {host}'s certificate is not trusted: nothing was sent there (if you trust this server, name its authority in MES_IMAP_CA_FILE)."),
    "imap_ca_file_unusable": ("Le fichier d'autorité MES_IMAP_CA_FILE={path} est inutilisable ({why}) : rien n'a été envoyé au serveur IMAP.",
                              "The authority file MES_IMAP_CA_FILE={path} cannot be used ({why}): nothing was sent to the IMAP server."),
    "file_login_for_close": ("Membre {who} : l'identifiant (login) est indiqué sans le mot de passe.",
                        "Member {who}: a login is given without the password."),
    # a run, and the look before it
    "yes_needed": ("Sans terminal, l'étape définitive doit être confirmée d'avance : ajoutez --yes (ou --dry-run).",
                   "Without a terminal, the final step must be confirmed in advance: add --yes (or --dry-run)."),
    "unknown_only": ("--only : « {id} » n'est pas un membre du foyer.", "--only: « {id} » is not a member of the household."),
    "nothing_to_do": ("Rien à faire : chaque membre est déjà traité (voir le rapport). --force pour refaire.",
                      "Nothing to do: every member is already done (see the report). --force to do it again."),
    "report": ("Rapport : {path}", "Report: {path}"),
    "out_unusable": ("Le dossier de sortie {path} n'est pas utilisable ({why}) : choisissez-en un autre avec --out.",
                     "The output folder {path} cannot be used ({why}): choose another with --out."),
    "report_failed": ("Le rapport n'a pas pu être écrit dans {path} ({why}) ; le journal garde ce qui a été fait.", "The report could not be written in {path} ({why}); the journal keeps what was done."),
    "report_kept": ("Le rapport précédent est resté intact et lisible : {path}", "The previous report is kept, whole and readable: {path}"),
    "link_refused": ("{path} est un lien symbolique : le robot n'écrit jamais à travers un lien, et le fichier vers lequel il pointe est resté intact. Supprimez ce lien, puis relancez.",
                     "{path} is a symbolic link: the robot never writes through a link, and the file it points to is left untouched. Remove the link, then run again."),
    "interrupted": ("Interrompu : le journal est intact, relancez la même commande pour reprendre.",
                    "Interrupted: the journal is intact, run the same command again to resume."),
    "skipped": ("déjà fait lors d'un passage précédent", "done in an earlier run"),
    "folder_busy": ("Une autre exécution (processus {pid}) utilise déjà le dossier {path} : attendez qu'elle se termine, ou choisissez un autre dossier avec --out.",
                    "Another run (process {pid}) is already using the folder {path}: wait for it to finish, or choose another folder with --out."),
    "site_no_scheme": ("L'adresse {url} est écrite sans « https:// » devant : écrivez-la en entier, {written}.",
                       "The address {url} is written without « https:// » in front: write it in full, {written}."),
    "site_refused": ("L'adresse {url} n'est ni le site officiel ({official}) ni cette machine : le robot n'y enverra pas vos données. Si vous êtes sûr(e) de ce site, ajoutez --site-non-officiel.",
                     "The address {url} is neither the official site ({official}) nor this machine: the robot will not send your data there. If you are sure of this site, add --site-non-officiel."),
    "tried_for": ("essayé {tries} fois en {seconds} s", "tried {tries} times over {seconds} s"),
    "unreachable_tried": ("site injoignable, essayé {tries} fois en {seconds} s", "site unreachable, tried {tries} times over {seconds} s"),
    "origin_refused": ("« {origin} » ne peut pas être autorisée (--allow-origin, allow_origins) : il faut une origine https seule, comme « https://exemple.fr », ou http seulement sur cette machine (localhost, 127.0.0.1) pour un site d'essai.",
                       "« {origin} » cannot be allowed (--allow-origin, allow_origins): it takes an https origin alone, like « https://example.fr », or http only on this machine (localhost, 127.0.0.1) for a test site."),
    "unofficial": ("site non officiel : {url}", "unofficial site: {url}"),
    "unchecked": ("site non vérifié avant de commencer (--skip-check)", "site not checked before starting (--skip-check)"),
    "allowed": ("origines autorisées à votre demande : {origins}", "origins allowed at your request: {origins}"),
    "blocked": ("le site a demandé des origines bloquées par le robot : {origins} (--allow-origin pour en autoriser une)",
                "the site asked for origins the robot blocked: {origins} (--allow-origin to allow one)"),
    "site_unreachable": ("Site injoignable à l'adresse {url} : aucun membre n'a été traité, rien n'a été saisi ; vérifiez l'adresse et la connexion.",
                         "The site cannot be reached at {url}: no member was processed, nothing was typed; check the address and the connection."),
    "site_unavailable": ("Site indisponible ({why}) : aucun membre n'a été traité, rien n'a été saisi ; réessayez plus tard.",
                         "Site unavailable ({why}): no member was processed, nothing was typed; try again later."),
    "site_changed": ("Le site a changé là où le robot s'appuie : aucun membre n'a été traité, rien n'a été saisi. Voir ci-dessus ; --skip-check pour passer outre.",
                     "The site changed where the robot relies on it: no member was run, nothing was typed. See above; --skip-check to go on anyway."),
    "settled": ("interrompu la dernière fois : état vérifié sur le site", "interrupted last time: state checked on the site"),
    "check_screen_ok": ("✓ {screen} : reconnu, {count} libellés trouvés", "✓ {screen}: recognised, {count} labels found"),
    "check_screen_missing": ("✗ {screen} : pas reconnu", "✗ {screen}: not recognised"),
    "check_seen_as": (" (vu comme {seen})", " (seen as {seen})"),
    "check_label_missing": ("    ✗ {kind} « {label} » : introuvable", "    ✗ {kind} « {label} »: not found"),
    "check_diagnostic": ("    diagnostic (données masquées) : {files}", "    diagnostic (data masked): {files}"),
    "check_all_found": ("Le site correspond à ce que le robot connaît.", "The site matches what the robot knows."),
    "check_blocked": ("  bloqué : {origin} ({count} requêtes) ; --allow-origin {origin} pour l'autoriser",
                "  blocked: {origin} ({count} requests); --allow-origin {origin} to allow it"),
    "check_unreachable": ("Site injoignable : rien n'a été saisi ; vérifiez l'adresse et la connexion.",
                          "The site cannot be reached: nothing was typed; check the address and the connection."),
    "check_unavailable": ("Site indisponible ({why}) : rien n'a été saisi ; réessayez plus tard.",
                    "Site unavailable ({why}): nothing was typed; try again later."),
    "check_some_missing": ("Le site a changé là où le robot s'appuie : rien n'a été saisi ; ne lancez pas le robot avant une mise à jour.",
                     "The site changed where the robot relies on it: nothing was typed; do not run the robot before an update."),
}  # fmt: skip


TEXTS.update({**CONVERSATION, **PROGRESS, **DRY_RUN, **COMMAND_LINE, **REPORT_LINES, **STOPPED,
              **ONE_PERSON})  # fmt: skip


def lang_of(asked: str | None) -> str:
    """The language a person asked for (MES_LANG, --lang): English when it says so,
    French otherwise (our users are French)."""
    return "en" if (asked or "fr").strip().lower().startswith("en") else "fr"


def pick(pair: tuple[str, str], lang: str) -> str:
    """The one way a sentence is chosen: (French, English), by the run's language."""
    return pair[1] if lang == "en" else pair[0]


def text(key: str, lang: str = "fr", /, **values: object) -> str:
    return pick(TEXTS[key], lang).format(**values)


def screen(name: str, lang: str = "fr") -> str:
    """A screen as a person names it (« choix », not « decision »); an unknown name as it is."""
    return pick(SCREENS[name], lang) if name in SCREENS else name


def reason(key: str | None, lang: str = "fr", detail: str | None = None) -> str:
    """The sentence for a reason key, with the flow's fact about it (a screen's name, a day)."""
    sentence = pick(REASONS.get(key, (key, key)), lang) if key else ""
    if detail and key in WITH_DETAIL:  # the fact said within a sentence of its own
        return with_detail(key, lang, sentence, detail)
    if detail and key in ("stuck", "site_changed"):  # a screen's name, or a list of them
        detail = ", ".join(screen(name.strip(), lang) for name in detail.split(","))
    return f"{sentence}{text('colon', lang)}{detail}" if detail and key else sentence


def action(key: str, lang: str = "fr") -> str:
    return pick(ACTIONS[key], lang) if key in ACTIONS else key


def outcome(key: str, lang: str = "fr") -> str:
    return pick(OUTCOMES[key], lang)


def why(error: BaseException) -> str:
    """What failed, for a sentence or a report: the system's own short words (« No space
    left on device »), never the text of the error, which may quote what was sent."""
    return getattr(error, "strerror", None) or type(error).__name__


def explain_validation(error: ValidationError, who: str, lang: str = "fr") -> list[str]:
    """One sentence per problem, naming the member and the field, never the value."""
    sentences = []
    for item in error.errors(include_input=False):
        location = [str(part) for part in item["loc"]]
        message = str(item.get("msg", "")).removeprefix("Value error, ")
        field, _, problem = message.partition(":") if ":" in message else ("", "", message)
        problem = problem.strip()
        field = field or (location[-1] if location else "")
        kind = item.get("type", "")
        if kind == "missing":
            problem = "missing"
        elif kind == "extra_forbidden":
            problem = "unknown"
        elif kind in ("literal_error", "enum"):
            problem = "choice"
        elif kind.startswith(("date", "bool", "string")) or problem not in PROBLEMS:
            problem = "format"
        detail = DETAILS.get(f"{field}:{problem}")
        field_text = pick(FIELDS[field], lang) if field in FIELDS else f"« {field} »"
        problem_text = pick(detail or PROBLEMS[problem], lang)
        sentences.append(text("bad_input", lang, who=who, field=field_text, problem=problem_text))
    return sentences
