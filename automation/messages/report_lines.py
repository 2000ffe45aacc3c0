"""The report's words for what was done before this run: the first proof, and the later
checks beside it (a forced run, or a later run into the same folder)."""

from __future__ import annotations

REPORT_LINES = {
    "report_first_proof": ("Première preuve", "First proof"),
    "report_first_proof_line": ("{outcome}, le {when}", "{outcome}, on {when}"),
    "report_receipt": ("reçu", "receipt"),
    "report_later_checks": ("Vérifications suivantes", "Later checks"),
    "report_checked_on": ("{outcome}, vérifié le {when}", "{outcome}, checked on {when}"),
}  # fmt: skip
