"""The site's screens as a person names them, French and English: one entry per page
object's `name` in flows/pages (part of the catalogue; automation/messages/__init__.py
reads it), and what a run says as it goes. The journal and report.json keep the robot's own names, for machines; what a
person reads (the terminal, report.html) says these words."""

SCREENS = {
    # on top of everything
    "confirm_dialog": ("fenêtre de confirmation", "confirmation dialog"),
    "leave_dialog": ("fenêtre « quitter la page »", "« leave the page » dialog"),
    "cookie_panel": ("bandeau des cookies", "cookie banner"),
    # what the site says
    "maintenance": ("page de maintenance", "maintenance page"),
    "session_expired": ("session expirée", "session expired"),
    "generic_error": ("page d'erreur", "error page"),
    "no_contact_details": ("pas de coordonnées pour envoyer un code", "no contact details to send a code to"),
    "code_expired_page": ("code provisoire expiré", "code provisoire expired"),
    "code_used_page": ("code provisoire déjà utilisé", "code provisoire already used"),
    "profile_exists": ("profil déjà créé", "profile already created"),
    "not_activatable": ("profil impossible à activer", "profile that cannot be activated"),
    "not_representative": ("représentant légal non reconnu", "legal representative not recognised"),
    "attestation": ("attestation d'opposition", "opposition attestation"),
    # the steps
    "closure": ("clôture du profil", "profile closure"),
    "deletion_step": ("suppression des données", "data deletion"),
    "closure_choice": ("choix de la clôture", "closure choice"),
    "settings": ("paramètres du compte", "account settings"),
    "profile_closed": ("profil clôturé", "profile closed"),
    "decision": ("choix", "choice"),
    "representative": ("représentant légal", "legal representative"),
    "twins_choice": ("choix entre jumeaux", "choice between twins"),
    "contact": ("envoi d'un nouveau code", "sending a new code"),
    "code_provisoire": ("code provisoire", "code provisoire"),
    "identity": ("identité", "identity"),
    "card_model": ("modèle de carte Vitale", "carte Vitale model"),
    "second_factor": ("code de connexion", "sign-in code"),
    "sign_in": ("connexion", "sign-in"),
    "signed_in_home": ("accueil connecté", "signed-in home"),
    "close_or_oppose_entry": ("entrée clôture ou opposition", "closure or opposition entry"),
    "activation_welcome": ("accueil de l'activation", "activation welcome"),
    "home": ("accueil", "home"),
    "rate_limited_page": ("demande d'attendre", "request to wait"),
    # the robot's own, around the screens
    "unknown": ("écran inconnu", "unknown screen"),
    "start": ("démarrage", "starting"),
}  # fmt: skip

# What a run says as it goes: at once, as each long look or wait begins (silence for
# several seconds looks like a hang).
PROGRESS = {
    "starting": ("Départ : {count} personne(s) à traiter, ouverture du navigateur…",
                 "Starting: {count} person(s) to do, opening the browser…"),
    "looking_at_site": ("Regard sur le site avant de commencer…", "Looking at the site before starting…"),
    "waiting": ("le site demande d'attendre {seconds} s avant de réessayer : attente en cours",
                "the site asks to wait {seconds} s before trying again: waiting"),
    "waiting_code": ("En attente du code provisoire envoyé par le site (jusqu'à {seconds} s)…",
                     "Waiting for the code provisoire the site sent (up to {seconds} s)…"),
    "waiting_login_code": ("En attente du code de connexion envoyé par le site (jusqu'à {seconds} s)…",
                           "Waiting for the sign-in code the site sent (up to {seconds} s)…"),
}  # fmt: skip
