"""Where a dry run stopped (the flow's detail: before a code is asked for, before a
sign-in that sends one, before the final step), and what the real run will do there."""

from __future__ import annotations

DRY_RUN = {
    "dry_run_before_code_request": ("essai à blanc : arrêté avant de demander un code provisoire (la vraie exécution fera envoyer un nouveau code par e-mail ou SMS, qui remplace celui de la lettre)",
                                    "dry run: stopped before asking for a code provisoire (the real run will have a new code sent by e-mail or SMS, which replaces the letter's)"),
    "dry_run_before_sign_in": ("essai à blanc : arrêté avant de se connecter (la vraie exécution se connectera, et le site enverra un code de connexion)",
                               "dry run: stopped before signing in (the real run will sign in, and the site will send a sign-in code)"),
    "dry_run_before_final_step": ("essai à blanc : arrêté juste avant l'étape définitive (la vraie exécution l'enverra au site)",
                                  "dry run: stopped just before the final step (the real run will send it to the site)"),
}  # fmt: skip


def dry_run_key(detail: str | None) -> str:
    """The sentence for where a dry run stopped, from the flow's detail: before a code is
    asked for or a sign-in sends one, or (no detail) the final step."""
    if detail == "before_code_request":
        return "dry_run_before_code_request"
    if detail == "before_sign_in":
        return "dry_run_before_sign_in"
    return "dry_run_before_final_step"
