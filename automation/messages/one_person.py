"""What `oppose`, `close` and `auto` tell the person at the keyboard about codes (which one
to type, and why an earlier one no longer works), and what their --help says of the
MES_* variables they read."""

from __future__ import annotations

ONE_PERSON = {
    "one_no_letter_code": ("  Sans le code du courrier, le robot demandera au site d'en envoyer un nouveau ({channel}) ; il remplacera celui du courrier.",
                           "  Without the letter's code, the robot will ask the site to send a new one ({channel}); it will replace the letter's."),
    "one_channel_email": ("par e-mail", "by e-mail"),
    "one_channel_sms": ("par SMS", "by SMS"),
    "one_new_code_sent": ("Un nouveau code provisoire vient d'être envoyé pour {name} {channel}, à l'adresse ou au numéro que le site connaît. Il remplace celui du courrier, qui ne marche plus.",
                          "A new code provisoire has just been sent for {name} {channel}, to the address or number the site holds. It replaces the letter's, which no longer works."),
    "one_another_code_sent": ("Le code saisi n'a pas été accepté. Un autre code provisoire vient d'être envoyé pour {name} {channel} : il remplace les précédents ; tapez celui du dernier message reçu.",
                              "The code typed was not accepted. Another code provisoire has just been sent for {name} {channel}: it replaces the earlier ones; type the one from the last message received."),
    "one_env_help": ("\b\nVariables d'environnement lues (les secrets ne sont jamais des options) :\n"
                     "  MES_NIR, MES_CARD_SERIAL : numéro de sécurité sociale, numéro de série de la carte Vitale\n"
                     "  MES_CODE : code provisoire du courrier d'invitation\n"
                     "  MES_PASSWORD : mot de passe du compte (avec --login)\n"
                     "  MES_ID, MES_FIRST_NAME, MES_LAST_NAME, MES_BIRTH_DATE, MES_CARD_MODEL, MES_CHANNEL,\n"
                     "  MES_LOGIN, MES_ACCOUNT_HOLDER, MES_MINOR, MES_BASE_URL, MES_CODE_FROM, MES_OUT : comme les options\n"
                     "  MES_IMAP_HOST, MES_IMAP_PORT, MES_IMAP_USER, MES_IMAP_PASSWORD, MES_IMAP_TLS,\n"
                     "  MES_IMAP_CA_FILE, MES_IMAP_FOLDER, MES_IMAP_TIMEOUT_S : la boîte aux lettres de --code-from imap\n"
                     "  MES_LANG : langue des messages (fr ou en)\n"
                     "  MES_BROWSER_PATH : le Chromium à utiliser\n"
                     "  MES_LOAD_TIMEOUT_S, MES_RECOGNISE_TIMEOUT_S, MES_MEMBER_DEADLINE_S, MES_CODE_TIMEOUT_S,\n"
                     "  MES_RETRIES, MES_BACKOFF_S, MES_SLOW_MO_MS : attentes et essais (secondes, nombre)\n\n"
                     "Ce qui manque est demandé au clavier, le code du courrier avant que le site en envoie un autre.",
                     "\b\nEnvironment variables read (secrets are never options):\n"
                     "  MES_NIR, MES_CARD_SERIAL: social security number, carte Vitale serial number\n"
                     "  MES_CODE: the code provisoire from the invitation letter\n"
                     "  MES_PASSWORD: the account's password (with --login)\n"
                     "  MES_ID, MES_FIRST_NAME, MES_LAST_NAME, MES_BIRTH_DATE, MES_CARD_MODEL, MES_CHANNEL,\n"
                     "  MES_LOGIN, MES_ACCOUNT_HOLDER, MES_MINOR, MES_BASE_URL, MES_CODE_FROM, MES_OUT: as the options\n"
                     "  MES_IMAP_HOST, MES_IMAP_PORT, MES_IMAP_USER, MES_IMAP_PASSWORD, MES_IMAP_TLS,\n"
                     "  MES_IMAP_CA_FILE, MES_IMAP_FOLDER, MES_IMAP_TIMEOUT_S: the mailbox of --code-from imap\n"
                     "  MES_LANG: language of the messages (fr or en)\n"
                     "  MES_BROWSER_PATH: the Chromium to use\n"
                     "  MES_LOAD_TIMEOUT_S, MES_RECOGNISE_TIMEOUT_S, MES_MEMBER_DEADLINE_S, MES_CODE_TIMEOUT_S,\n"
                     "  MES_RETRIES, MES_BACKOFF_S, MES_SLOW_MO_MS: waits and tries (seconds, count)\n\n"
                     "What is missing is asked at the keyboard, the letter's code before the site sends another."),
}  # fmt: skip
