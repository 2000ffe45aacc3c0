"""A bare, labels-only script doing what `mes-optout run` does for the benchmark's household
of seven (flow 1: codes from the letter, a child, twins, one without a code, one opposed
earlier): a fixed sequence of clicks per member, no detection, no journal, no look at the
site first. The yardstick the whole command is measured against (scripts/benchmark.py).

    python scripts/bare_household.py BASE_URL OUTBOX OUT_DIR

The same headless browser as the robot's, one context per member; each attestation saved.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from automation.browser.chromium import QUIET_FLAGS, chromium_executable
from automation.cli.demo import demo_environment
from automation.codes.readers import MaildirReader
from flows.ports import CodeRequest

# id, whose card (a child uses the guardian's), first name for the twins' choice, code?
MEMBERS = [
    ("alice", "alice", None, True),
    ("chloe", "alice", None, True),
    ("bruno", "bruno", None, False),
    ("camille", "camille", None, True),
    ("lea", "camille", "Léa", True),
    ("hugo", "camille", "Hugo", True),
    ("denise", "denise", None, False),
]
BIRTH = {"alice": "12/03/1984", "chloe": "20/06/2015", "bruno": "02/11/1979",
         "camille": "21/02/1990", "lea": "01/09/2019", "hugo": "01/09/2019",
         "denise": "03/10/1956"}  # fmt: skip
MODEL = {"alice": "avec photo", "bruno": "sans photo", "camille": "avec photo",
         "denise": "sans photo"}  # fmt: skip


def name(label: str) -> re.Pattern[str]:
    return re.compile(re.escape(label), re.IGNORECASE)


def member(page: Page, base_url: str, outbox: Path, who: str, card: str, twin: str | None,
           has_code: bool, out: Path) -> None:  # fmt: skip
    env = demo_environment()
    page.goto(base_url)
    page.get_by_role("button", name="Tout refuser").click()
    page.get_by_role("link", name=name("Activer mon espace santé")).click()
    page.get_by_role("button", name="Commencer").click()
    page.get_by_role("radio", name=f"Carte Vitale {MODEL[card]}").check()
    page.get_by_role("button", name="Suivant").click()
    page.get_by_label("Date de naissance").fill(BIRTH[who])
    page.get_by_label(name("numéro de sécurité sociale")).fill(env[f"DEMO_{card.upper()}_NIR"])
    page.get_by_label(name("numéro de série")).fill(env[f"DEMO_{card.upper()}_SERIAL"])
    page.get_by_role("button", name="Valider").click()
    if who == "denise":  # opposed earlier: the attestation again
        download_attestation(page, out / who)
        return
    if twin:
        page.get_by_role("radio", name=twin).check()
        page.get_by_role("button", name="Suivant").click()
    if has_code:
        code = env[f"DEMO_{who.upper()}_CODE"]
    else:
        page.get_by_role("link", name=name("Je n'ai pas de code provisoire")).click()
        page.get_by_role("radio", name="Par SMS").check()
        asked_at = datetime.now(UTC)
        page.get_by_role("button", name="Envoyer le code").click()
        read = MaildirReader(outbox, timeout_s=10).read(CodeRequest("provisoire", "sms",
                                                                    asked_at, who))  # fmt: skip
        assert read is not None
        code = read.get_secret_value()
    page.get_by_label(name("Saisir le code provisoire")).fill(code)
    page.get_by_role("button", name="Valider").click()
    if card != who:  # a minor: the guardian certifies
        page.get_by_role("radio", name=name("Je certifie")).check()
        page.get_by_role("button", name="Continuer").click()
    page.get_by_role("checkbox", name=name("Je m'oppose")).check()
    page.get_by_role("button", name="Continuer").click()
    download_attestation(page, out / who)


def download_attestation(page: Page, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with page.expect_download() as download:
        page.get_by_role("link", name=name("Télécharger l'attestation")).click()
    download.value.save_as(folder / "attestation.pdf")
    (folder / "outcome.png").write_bytes(page.screenshot(full_page=True))


def main() -> None:
    base_url, outbox, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    with sync_playwright() as playwright:
        executable = chromium_executable(playwright, os.environ.get("MES_BROWSER_PATH"), True)
        browser = playwright.chromium.launch(executable_path=executable, args=QUIET_FLAGS)
        for who, card, twin, has_code in MEMBERS:
            context = browser.new_context(accept_downloads=True, locale="fr-FR")
            member(context.new_page(), base_url, outbox, who, card, twin, has_code, out)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
