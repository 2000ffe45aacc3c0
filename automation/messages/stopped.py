"""A run stopped on its way (Ctrl-C, SIGTERM): what became of the members it had not
finished, in the terminal's lines and in report.html (part of the catalogue;
automation/messages/__init__.py reads it)."""

from __future__ import annotations

STOPPED = {
    "browser_lost": ("Le navigateur s'est arrêté et aucun autre n'a pu démarrer : le journal est intact ; relancez la même commande.",
                     "The browser stopped and no other could start: the journal is intact; run the same command again."),
    "stopped_interrupted": ("interrompu", "interrupted"),
    "stopped_not_reached": ("pas encore traité : l'exécution s'est arrêtée avant cette personne",
                            "not done yet: the run stopped before this person"),
    "stopped_at": ("arrêté à l'écran « {screen} » ; la prochaine exécution reprend cette personne",
                   "stopped at the « {screen} » screen; the next run takes this person up again"),
    "stopped_answer_not_seen": ("{step} a été envoyée au site, sa réponse n'a pas été vue : la prochaine exécution vérifiera sur le site, sans cliquer une seconde fois",
                                "{step} was sent to the site, its answer not seen: the next run will check on the site, without clicking again"),
    "stopped_step_opposition": ("l'opposition", "the opposition"),
    "stopped_step_closure": ("la clôture", "the closure"),
    "stopped_deadline": ("date limite : {day}", "deadline: {day}"),
    "report_interrupted_one": ("personne interrompue : relancez la même commande",
                               "person interrupted: run the same command again"),
    "report_interrupted_many": ("personnes interrompues : relancez la même commande",
                                "people interrupted: run the same command again"),
    "report_not_reached": ("pas encore traité(s) : l'exécution s'est arrêtée avant, relancez la même commande",
                           "not done yet: the run stopped before them, run the same command again"),
}  # fmt: skip
