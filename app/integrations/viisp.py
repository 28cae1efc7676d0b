"""The state e-ID gateway (VIISP) and its simulator.

The gateway hands the browser back with a ticket; the app redeems it for the
person's code. The simulator's ticket is an opaque random string: what it stands
for (code, login state, method, time) stays in the signed session, so no
personal code appears in a URL, a browser history or an access log. A ticket is
redeemed once, only for the login attempt it was issued to, and only while fresh.
"""

import hmac
import secrets
import time

from flask import session, url_for

TICKET_MAX_AGE_SECONDS = 120
SESSION_KEY = "viisp_ticket"


class SimulatedGateway:
    """Plays VIISP: a page where one chooses a test person and a method."""

    def login_url(self, state: str) -> str:
        return url_for("viisp.gateway", state=state)

    def issue_ticket(self, personal_code: str, state: str, method: str) -> str:
        """Keep who logged in for this login attempt; return the ticket for it."""
        ticket = secrets.token_urlsafe(32)
        session[SESSION_KEY] = {
            "ticket": ticket,
            "code": personal_code,
            "state": state,
            "method": method,
            "issued_at": time.time(),
        }
        return ticket

    def redeem_ticket(self, ticket: str, state: str) -> str | None:
        """Return the personal code behind a fresh ticket of this login attempt,
        once; any later try with the same ticket gets nothing."""
        issued = session.pop(SESSION_KEY, None)
        if not issued or not ticket:
            return None

        if not hmac.compare_digest(issued["ticket"], ticket):
            return None
        if not hmac.compare_digest(issued["state"], state):
            return None
        if time.time() - issued["issued_at"] > TICKET_MAX_AGE_SECONDS:
            return None
        return issued["code"]
