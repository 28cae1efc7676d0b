"""E-mail: messages are written to the outbox, then delivered by a job."""

import logging

from flask import current_app, render_template
from flask_mail import Connection, Message

from app.extensions import db, mail
from app.models import OutboxEmail, User
from app.models.outbox import OutboxStatus
from app.queue import enqueue_after_commit
from app.timeutil import utcnow

logger = logging.getLogger(__name__)


def queue_email(user: User, kind: str, subject: str, **context: object) -> OutboxEmail:
    """Render an e-mail from emails/<kind>.txt and .html into the outbox."""
    email = OutboxEmail(
        user_id=user.id,
        recipient=user.email or "",
        subject=subject,
        body_text=render_template(f"emails/{kind}.txt", user=user, **context),
        body_html=render_template(f"emails/{kind}.html", user=user, **context),
        kind=kind,
    )
    db.session.add(email)
    db.session.flush()

    enqueue_after_commit("jobs.email.deliver_email", email.id)
    return email


def deliver_email(email: OutboxEmail) -> bool:
    """Send one outbox e-mail over SMTP; return False if it was sent before."""
    if email.status == OutboxStatus.SENT:
        return False

    if not current_app.config["MAIL_SUPPRESS_SEND"]:
        message = Message(
            subject=email.subject,
            recipients=[email.recipient],
            body=email.body_text,
            html=email.body_html,
        )
        if email.attachment_body:
            message.attach(
                email.attachment_name,
                email.attachment_type,
                email.attachment_body.encode(),
            )
        # Read the SMTP settings now rather than those captured at start-up.
        settings = mail.init_mail(current_app.config, current_app.debug, False)
        with Connection(settings) as connection:
            message.send(connection)

    email.status = OutboxStatus.SENT
    email.sent_at = utcnow()
    email.attempts += 1
    logger.info("Outbox e-mail %s (%s) sent", email.id, email.kind)
    return True
