"""Every message the mock prints, in one place, as the contract writes them.

Those marked (inferred) in screens.md are our best guess at the real wording; the robot
must treat them as likely, so keep them close to the contract's.
"""

from automation.identity import Problem

NIR = {
    Problem.EMPTY: "Saisir le numéro de sécurité sociale",
    Problem.LENGTH: "Le numéro de sécurité sociale doit contenir 15 caractères",
    Problem.FORMAT: "Format invalide, vérifier le format du numéro de sécurité sociale",
}
BIRTH_DATE = {
    Problem.EMPTY: "Saisir la date de naissance",
    # (inferred) the contract only gives the empty case.
    Problem.FORMAT: "Format invalide, saisir la date de naissance au format jj/mm/aaaa",
    Problem.FUTURE: "La date de naissance ne peut pas être dans le futur",
}
SERIAL_PHOTO = {
    Problem.EMPTY: "Saisir le numéro de série",
    Problem.NOT_DIGITS: "Saisir uniquement des chiffres",
    Problem.LENGTH: "Format invalide, le numéro de série doit contenir 11 chiffres",
}
SERIAL_NO_PHOTO = {
    Problem.EMPTY: "Saisir le numéro de série",
    Problem.NOT_DIGITS: "Saisir uniquement des chiffres",
    Problem.LENGTH: "Format invalide, le numéro de série doit contenir entre 8 et 13 chiffres",
}
CODE = {
    Problem.EMPTY: "Saisir le code provisoire",
    Problem.LENGTH: "Le code doit contenir 12 caractères",
    Problem.BAD_CHARACTER: "Cette saisie contient un caractère non autorisé",
}
LOGIN_CODE = {
    Problem.EMPTY: "Saisir le code à usage unique",
    Problem.NOT_DIGITS: "Le code doit contenir 6 chiffres",
    Problem.LENGTH: "Le code doit contenir 6 chiffres",
}

CARD_MODEL_MISSING = "Sélectionner le modèle de votre carte Vitale"
CHOICE_MISSING = "Veuillez faire un choix"
IDENTITY_NOT_FOUND = "Nous n'avons pas réussi à vous identifier. Veuillez vérifier votre saisie."
CODE_WRONG = "Le code provisoire saisi est incorrect. Veuillez vérifier votre saisie."
CODE_EXPIRED = "Votre code provisoire a expiré"
CODE_USED = "Votre code provisoire a déjà été utilisé"
CODE_SENT = {
    "sms": "Un nouveau code provisoire vous a été envoyé par SMS.",
    "email": "Un nouveau code provisoire vous a été envoyé par e-mail.",
}
RATE_LIMITED = (
    "Vous avez déjà demandé un code il y a peu de temps. "
    "Veuillez attendre 30 secondes puis réessayez."
)
LOCKED = "Trop de tentatives incorrectes. Votre accès est bloqué pendant {minutes} minutes."

ALREADY_OPPOSED = "Vous vous êtes déjà opposé(e) à la création de Mon espace santé le {date}."
PROFILE_EXISTS = "Un profil a déjà été créé pour cette personne."
CLOSED = "Ce profil a été clôturé le {date}."
NOT_ACTIVATABLE = "Ce profil ne peut pas être activé"
NOT_ACTIVATABLE_HELP = "Pour plus d'informations, contactez le 3422."
NOT_REPRESENTATIVE = "Je ne peux pas accéder au profil de {name}"

LOGIN_WRONG = "Identifiant ou mot de passe incorrect"
LOGIN_CODE_SENT = {
    "sms": "Un code à usage unique vous a été envoyé par SMS.",
    "email": "Un code à usage unique vous a été envoyé par e-mail.",
}
LOGIN_CODE_WRONG = "Le code saisi est incorrect."
LOGIN_CODE_EXPIRED = "Le code saisi a expiré. Vous pouvez demander un nouveau code."

CLOSURE_ACK_MISSING = "Cochez la case pour confirmer que vous avez compris."
DECISION_MISSING = "Cochez la case pour indiquer votre choix."

GENERIC_ERROR = "Une erreur est survenue, veuillez réessayer plus tard"
SESSION_EXPIRED = "Votre session a expiré"
MAINTENANCE = "Service momentanément indisponible"
