"""The agency's minimal workplace: reviewing uploaded documents."""

from flask import Blueprint, abort, flash, render_template, url_for
from flask_login import current_user, login_required
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from app.extensions import db
from app.forms import Form
from app.htmx import see_other
from app.models import Document
from app.services import DomainError
from app.services.documents import (
    approve_document,
    documents_to_review,
    reject_document,
)

bp = Blueprint("admin", __name__, url_prefix="/administravimas")


class RejectForm(Form):
    reason = StringField(
        "Atmetimo priežastis",
        validators=[
            InputRequired("Nurodykite, kodėl dokumentas atmetamas."),
            Length(max=500, message="Priežastis per ilga (daugiausia 500 ženklų)."),
        ],
    )


@bp.before_request
@login_required
def require_admin():
    """Only the agency's administrators work here."""
    if not current_user.is_admin:
        abort(403)


@bp.get("/dokumentai")
def documents():
    return render_template(
        "admin/documents.html", documents=documents_to_review(), form=RejectForm()
    )


@bp.post("/dokumentai/<int:document_id>/tvirtinti")
def approve(document_id: int):
    document = _document_or_404(document_id)

    try:
        approve_document(current_user, document)
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "error")
        return see_other(url_for("admin.documents"))
    db.session.commit()
    flash(f"Dokumentas „{document.original_name}“ patvirtintas.", "success")
    return see_other(url_for("admin.documents"))


@bp.post("/dokumentai/<int:document_id>/atmesti")
def reject(document_id: int):
    document = _document_or_404(document_id)
    form = RejectForm()
    if not form.validate_on_submit():
        flash(" ".join(form.reason.errors), "error")
        return see_other(url_for("admin.documents"))

    try:
        reject_document(current_user, document, form.reason.data)
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "error")
        return see_other(url_for("admin.documents"))
    db.session.commit()
    flash(f"Dokumentas „{document.original_name}“ atmestas.", "success")
    return see_other(url_for("admin.documents"))


def _document_or_404(document_id: int) -> Document:
    document = db.session.get(Document, document_id)
    if document is None:
        abort(404)
    return document
