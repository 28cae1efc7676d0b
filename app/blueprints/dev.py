"""Development mailbox: read the e-mails the product sent (embedded default only)."""

from flask import Blueprint, abort, render_template

from app.extensions import db
from app.models import OutboxEmail

bp = Blueprint("dev", __name__, url_prefix="/dev")


@bp.get("/pastas")
def mailbox():
    emails = db.session.scalars(
        db.select(OutboxEmail).order_by(OutboxEmail.id.desc()).limit(50)
    ).all()
    return render_template("dev/mailbox.html", emails=emails)


@bp.get("/pastas/<int:email_id>")
def email(email_id: int):
    email = db.session.get(OutboxEmail, email_id)
    if email is None:
        abort(404)
    return render_template("dev/email.html", email=email)
