"""Every message the mock prints, in one place, as the contract writes them.

Those marked (inferred) in screens.md are our best guess at the real wording; the robot
must treat them as likely, so keep them close to the contract's.
"""

from mock_site.rules import Problem

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
# 2.2's errors are sourced: « Saisir un code valide » for what is not a 6-digit code,
# « Vérifier le code à usage unique et réessayer » for a code the site refuses.
LOGIN_CODE = {
    Problem.EMPTY: "Saisir un code valide",
    Problem.NOT_DIGITS: "Saisir un code valide",
    Problem.LENGTH: "Saisir un code valide",
}

# Sourced (contract v2, "choices left empty"): the card model, the twins, the representative.
CARD_MODEL_MISSING = "Sélectionner un modèle de carte Vitale"
TWIN_MISSING = "Sélectionner un profil"
REPRESENTATIVE_MISSING = "Sélectionner un choix"
CHOICE_MISSING = "Veuillez faire un choix"  # (inferred) any other choice left empty
IDENTITY_NOT_FOUND = "Nous n'avons pas réussi à vous identifier. Veuillez vérifier votre saisie."
CODE_WRONG = "Le code provisoire saisi est incorrect. Veuillez vérifier votre saisie."
CODE_EXPIRED = "Votre code provisoire a expiré"
CODE_USED = "Votre code provisoire a déjà été utilisé"
CODE_SENT = {
    "sms": "Un nouveau code provisoire vous a été envoyé par SMS.",
    "email": "Un nouveau code provisoire vous a été envoyé par e-mail.",
}
# Sourced (v3): the official app's MIN_DELAY_ERROR, with the wait it names.
RATE_LIMITED = "Une erreur est survenue. Veuillez attendre {seconds} secondes puis réessayez."
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
LOGIN_CODE_WRONG = "Vérifier le code à usage unique et réessayer"
LOGIN_CODE_EXPIRED = "Le code saisi a expiré. Vous pouvez demander un nouveau code."

CLOSURE_ACK_MISSING = "Cochez la case pour confirmer que vous avez compris."
DECISION_MISSING = "Cochez la case pour indiquer votre choix."

GENERIC_ERROR = "Une erreur est survenue, veuillez réessayer plus tard"
SESSION_EXPIRED = "Votre session a expiré"
MAINTENANCE = "Service momentanément indisponible"

# v2, sourced maintenance headings (the official app's error screens).
MAINTENANCE_SOURCED = "Service indisponible"
ACTIVATION_UNAVAILABLE = "L'activation d'un profil est indisponible"
# v2: what the site says when no code can be sent (1.6b), and its code states as pages.
NEED_CONTACT_DETAILS = "Nous avons besoin de vos coordonnées"
NEED_CONTACT_DETAILS_HELP = (
    "Aucun numéro de téléphone ni aucune adresse e-mail ne sont connus de votre caisse. "
    "Utilisez le code provisoire reçu par courrier, ou contactez le 3422."
)
CLOSURE_PASSWORD_WRONG = "Mot de passe incorrect"  # noqa: S105 - a message, not a password

# The `reworded` personality: every sentence the contract marks (inferred) or does not
# give, said otherwise, as another implementation of the site might. Labels the contract
# sources are not here: they only vary in case, spaces and apostrophes.
REWORDED = {
    "Vous vous êtes déjà opposé(e) à la création de Mon espace santé le": "Une opposition à la création du profil est enregistrée depuis le",
    "Ce profil a été clôturé le": "Le profil de cette personne est clôturé depuis le",
    "Votre opposition a bien été prise en compte": "C'est enregistré : vous refusez Mon espace santé",
    "Votre profil a été clôturé": "C'est fait : profil clôturé",
    "Clôturer ou m'opposer à Mon espace santé": "Refuser ou fermer votre profil",
    "Ma décision": "Votre choix",
    "Code de sécurité": "Vérification en deux étapes",
    "Quel profil souhaitez-vous clôturer ?": "Choisissez le profil concerné",
    "Je comprends que mon profil sera clôturé et que je ne pourrai plus y accéder.": "J'ai noté que cette fermeture est définitive.",
    MAINTENANCE: "Le site est en cours de maintenance",
    CODE_WRONG: "Ce code provisoire n'est pas reconnu.",
    LOGIN_WRONG: "Les informations de connexion ne sont pas reconnues",
    LOGIN_CODE_EXPIRED: "Ce code n'est plus valable. Demandez-en un autre.",
    CODE_SENT["sms"]: "Consultez vos SMS.",
    CODE_SENT["email"]: "Consultez votre messagerie.",
    LOGIN_CODE_SENT["sms"]: "Un SMS vient de partir.",
    LOGIN_CODE_SENT["email"]: "Un e-mail vient de partir.",
    CLOSURE_ACK_MISSING: "Une case reste à cocher.",
    DECISION_MISSING: "Indiquez votre choix.",
    CHOICE_MISSING: "Sélectionner un choix",
    "Confirmer votre opposition ?": "Êtes-vous sûr(e) ?",
    "Confirmer la clôture ?": "Dernière étape avant la fermeture",
    "Renvoyer le code": "Recevoir un autre code",
}
