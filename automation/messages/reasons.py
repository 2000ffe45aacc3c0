"""Why a member did not come to its outcome, said to the person, French and English: one
sentence per key of flows.outcome.REASONS (part of the catalogue; automation/messages/
__init__.py reads it)."""

from __future__ import annotations

import re
from datetime import date

REASONS = {
    "identity_not_found": ("le site n'a pas reconnu cette identité (date de naissance, NIR ou numéro de série)",
                           "the site did not recognise this identity (birth date, NIR or serial)"),
    "code_expired": ("le code provisoire a expiré", "the code provisoire has expired"),
    "code_replaced": ("le code provisoire saisi a été remplacé par un code plus récent que le robot a fait envoyer : seul le dernier reçu est valable",
                      "the code provisoire typed was replaced by a newer one the robot had sent: only the last one received is valid"),
    "code_used": ("le code provisoire a déjà été utilisé", "the code provisoire was already used"),
    "code_wrong": ("le code provisoire a été refusé", "the code provisoire was refused"),
    "code_unreadable": ("aucun code n'a pu être lu", "no code could be read"),
    "code_needed": ("il faut un code provisoire, et aucun moyen de le lire n'est configuré",
                    "a code provisoire is needed, and no way to read one is set up"),
    "rate_limited": ("le site a refusé la demande trois fois en demandant d'attendre, malgré deux attentes : réessayez plus tard",
                     "the site refused three times asking to wait, after two waits: try again later"),
    "locked": ("le site a bloqué l'accès après plusieurs essais : réessayez plus tard",
               "the site locked access after several tries: try again later"),
    "wrong_password": ("identifiant ou mot de passe refusé (le profil est ouvert : le mot de passe est faux)",
                       "login or password refused (the profile is open: the password is wrong)"),
    "sign_in_refused_before": ("connexion non retentée : elle a été refusée pour ce compte, et un nouvel essai compterait pour son blocage ; "
                               "vérifiez le mot de passe dans le fichier (un profil clôturé refuse aussi la connexion), puis relancez avec --force",
                               "sign-in not tried again: it was refused for this account, and another try would count towards its lock; "
                               "check the password in the file (a closed profile refuses sign-in too), then run again with --force"),
    "sign_in_refused": ("connexion refusée avec les mots d'un mot de passe faux ; un profil clôturé est refusé de la même façon : "
                        "une personne doit vérifier, avec la carte Vitale sur le site (« clôturer ou m'opposer ») ou au 3422, "
                        "et ne pas réessayer le mot de passe plusieurs fois (le compte serait bloqué)",
                        "sign-in refused in a wrong password's words; a closed profile is refused the same way: "
                        "a person must check, with the carte Vitale on the site (« clôturer ou m'opposer ») or on 3422, "
                        "without trying the password again and again (the account would be blocked)"),
    "login_code_wrong": ("le code de connexion a été refusé", "the sign-in code was refused"),
    "login_code_expired": ("le code de connexion a expiré", "the sign-in code has expired"),
    "not_activatable": ("ce profil ne peut pas être activé : appelez le 3422",
                        "this profile cannot be activated: call 3422"),
    "not_representative": ("le site ne reconnaît pas ce représentant légal : appelez le 3422",
                           "the site does not recognise this legal representative: call 3422"),
    "profile_exists": ("le profil existe déjà : il ne peut plus être refusé, seulement clôturé (action close ou auto)",
                       "the profile already exists: it can no longer be refused, only closed (action close or auto)"),
    "profile_not_found": ("le profil de cette personne n'apparaît pas dans le compte",
                          "this person's profile is not in the account"),
    "twin_not_found": ("le prénom ne figure pas parmi les profils proposés",
                       "the first name is not among the profiles offered"),
    "site_unavailable": ("le site est indisponible (maintenance ou erreur répétée)",
                         "the site is unavailable (maintenance or repeated errors)"),
    "session_expired": ("la session a expiré trop de fois", "the session expired too many times"),
    "unknown_screen": ("un écran inconnu est apparu", "an unknown screen appeared"),
    "timeout": ("le site n'a pas répondu à temps", "the site did not answer in time"),
    "foreign_origin": ("le site a envoyé le navigateur vers une adresse qui n'est pas la sienne ; rien n'y a été saisi (--allow-origin ADRESSE pour l'autoriser si vous lui faites confiance)",
                       "the site sent the browser to an address that is not its own; nothing was typed there (--allow-origin ADDRESS to allow it if you trust it)"),
    "site_changed": ("le site a changé sur un écran dont cette personne a besoin ; rien n'a été saisi pour elle (voir la vérification du site)",
                     "the site changed on a screen this person needs; nothing was typed for them (see the site check)"),
    "stuck": ("le site est resté sur le même écran", "the site stayed on the same screen"),
    "not_confirmed": ("l'étape définitive n'a pas été confirmée", "the final step was not confirmed"),
    "identity_needed": ("le site demande la carte Vitale et le NIR, qui n'ont pas été donnés",
                        "the site asks for the carte Vitale and the NIR, which were not given"),
    "no_login": ("la clôture sans identifiant passe par le code provisoire", "closing without a login needs the code provisoire"),
    "network": ("la connexion au site a été interrompue", "the connection to the site was lost"),
    "browser": ("le navigateur s'est arrêté", "the browser stopped"),
    "journal": ("le journal n'a pas pu être écrit (disque plein ?) : rien de définitif n'a été fait",
                "the journal could not be written (disk full?): nothing final was done"),
    "evidence": ("la preuve n'a pas pu être enregistrée", "the proof could not be saved"),
    "no_contact_details": ("la caisse n'a ni téléphone ni e-mail pour envoyer un code : utilisez le code provisoire du courrier d'invitation, ou appelez le 3422 pour donner vos coordonnées",
                           "the caisse has no phone or e-mail to send a code to: use the code provisoire from the invitation letter, or call 3422 to give your contact details"),
    "no_answer": ("le site n'a pas répondu à l'étape définitive, cliquée une seule fois : la prochaine exécution vérifiera sur le site ce qui a été fait",
                  "the site did not answer the final step, clicked once: the next run will check on the site what was done"),
    "press_lost": ("le clic sur l'étape définitive n'a pas atteint son bouton (un panneau s'est ouvert par-dessus) ; il n'a pas été refait : la prochaine exécution vérifiera sur le site ce qui a été fait",
                   "the click on the final step never reached its button (a panel opened over it); it was not made again: the next run will check on the site what was done"),
    "login_code_invalid": ("le code de connexion a été refusé", "the sign-in code was refused"),
    "login_code_refused": ("le code de connexion a été refusé", "the sign-in code was refused"),
    "card_model_empty": ("le site n'a pas pris le modèle de carte Vitale", "the site did not take the carte Vitale model"),
    "password_needed": ("le site demande un mot de passe, qui n'a pas été donné", "the site asks for a password, which was not given"),
    "nir_empty": ("le site n'a pas reçu le numéro de sécurité sociale", "the site did not get the social security number"),
    "nir_length": ("le site a refusé la longueur du numéro de sécurité sociale", "the site refused the length of the social security number"),
    "nir_format": ("le site a refusé le numéro de sécurité sociale : vérifiez-le sur la carte Vitale", "the site refused the social security number: check it on the carte Vitale"),
    "birth_date_empty": ("le site n'a pas reçu la date de naissance", "the site did not get the date of birth"),
    "serial_empty": ("le site n'a pas reçu le numéro de série de la carte Vitale", "the site did not get the carte Vitale serial number"),
    "serial_digits": ("le site a refusé le numéro de série : uniquement des chiffres", "the site refused the serial number: digits only"),
    "code_length": ("le site a refusé la longueur du code provisoire", "the site refused the length of the code provisoire"),
    "code_characters": ("le site a refusé un caractère du code provisoire", "the site refused a character of the code provisoire"),
    "serial_format": ("le site a refusé le numéro de série : vérifiez le modèle de carte et les chiffres", "the site refused the serial number: check the card model and the digits"),
}  # fmt: skip


# Reasons whose detail (a fact from the flow) is said in a sentence of its own.
WITH_DETAIL = {
    "sign_in_refused_before": ("{sentence} (refusée le {detail})", "{sentence} (refused on {detail})"),
    "sign_in_refused": ("{sentence} (une clôture a été envoyée le {detail})",
                        "{sentence} (a closure was sent on {detail})"),
}  # fmt: skip


def with_detail(key: str, lang: str, sentence: str, detail: str) -> str:
    """A reason said with its fact; a day (the journal's ISO day) as people write it."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", detail):
        detail = date.fromisoformat(detail).strftime("%d/%m/%Y")
    return WITH_DETAIL[key][0 if lang == "fr" else 1].format(sentence=sentence, detail=detail)
