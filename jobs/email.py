"""Delivery of outbox e-mails."""

import logging

from app.extensions import db
from app.models import OutboxEmail
from app.models.outbox import OutboxStatus
from app.services import mail
from jobs import job

logger = logging.getLogger(__name__)


@job
def deliver_email(email_id: int) -> bool:
    """Send one outbox e-mail; on failure keep it pending and let RQ retry."""
    email = db.session.get(OutboxEmail, email_id, with_for_update=True)
    if email is None or email.status == OutboxStatus.SENT:
        db.session.rollback()
        return False

    try:
        mail.deliver_email(email)
    except Exception as error:
        db.session.rollback()
        _record_failure(email_id, error)
        raise

    db.session.commit()
    return True


@job
def deliver_pending_emails() -> int:
    """Send every e-mail still pending in the outbox; return how many were sent."""
    ids = db.session.scalars(
        db.select(OutboxEmail.id).where(OutboxEmail.status == OutboxStatus.PENDING)
    ).all()
    db.session.rollback()

    sent = 0
    for email_id in ids:
        try:
            sent += deliver_email(email_id)
        except Exception:
            logger.exception("Outbox e-mail %s could not be sent", email_id)
    return sent


def _record_failure(email_id: int, error: Exception) -> None:
    email = db.session.get(OutboxEmail, email_id)
    email.attempts += 1
    email.last_error = f"{type(error).__name__}: {error}"[:500]
    db.session.commit()
    logger.warning("Outbox e-mail %s not sent: %s", email_id, type(error).__name__)
