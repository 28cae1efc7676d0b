"""The state e-ID gateway (VIISP) and its simulator.

The gateway hands the browser back with a ticket; the app redeems it for the
person's code. The simulator signs tickets with the app's secret so any web
process can redeem them, and binds each to the login attempt's state value.
"""

from flask import url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

TICKET_MAX_AGE_SECONDS = 120


class SimulatedGateway:
    """Plays VIISP: a page where one chooses a test person and a method."""

    def __init__(self, secret_key: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="viisp-ticket")

    def login_url(self, state: str) -> str:
        return url_for("viisp.gateway", state=state)

    def issue_ticket(self, personal_code: str, state: str, method: str) -> str:
        return self._serializer.dumps(
            {"code": personal_code, "state": state, "method": method}
        )

    def redeem_ticket(self, ticket: str, state: str) -> str | None:
        """Return the personal code a valid, fresh ticket for this state carries."""
        try:
            payload = self._serializer.loads(ticket, max_age=TICKET_MAX_AGE_SECONDS)
        except BadSignature:
            return None

        if payload.get("state") != state:
            return None
        return payload.get("code")
