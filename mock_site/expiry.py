"""The `expiring` personality: every session expires once, at a step drawn from a seed.

Once per session, not once per site or per person: a real session expires on its own
clock, whoever it serves, and the robot gives each member (and the look before the run)
a session of its own, so every one of them meets « Votre session a expiré » once. The
session that follows an expiry continues its lineage and does not expire again, so a
robot that starts again as the contract says always gets through. A person is known only
after the identity form, so an expiry per person could never fall in the look.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# The session expires as its k-th page of a step is asked for, k drawn in 1..EXPIRY_WITHIN:
# the look before the run asks for 2 to 9 of them, a member's flow about 6 to 10 (one
# opposing with a code: home, activation, card model, identity, code, decision).
EXPIRY_WITHIN = 6
# Pages shown once a final step was taken: an expiry there is another story (the step is
# done, the confirmation lost), not the one this personality tells.
AFTER_FINAL = frozenset({"confirmation", "cloture_confirmee"})


@dataclass
class Expiry:
    """One session lineage: when it expires, and whether it has."""

    due_at: int
    pages: int = 0
    spent: bool = False


class Expiries:
    """Draws each new session's expiry from the seed and the session's rank since the
    site's reset: the same seed, the same steps, run after run."""

    def __init__(self) -> None:
        self.sessions = 0

    def draw(self, seed: int) -> Expiry:
        self.sessions += 1
        return Expiry(random.Random(f"{seed}:{self.sessions}").randint(1, EXPIRY_WITHIN))

    def due(self, expiry: Expiry, step: str, method: str) -> bool:
        """True (once per lineage) when the page of this step is where it expires. Only
        pages asked for (GET): a form posted is never the one dropped, so no step is sent
        twice because of it."""
        if expiry.spent or method != "GET" or step in AFTER_FINAL:
            return False
        expiry.pages += 1
        expiry.spent = expiry.pages >= expiry.due_at
        return expiry.spent
