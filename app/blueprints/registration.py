"""Registering into a group: the registration window and the congratulation."""

from flask import Blueprint, abort, flash, render_template, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from app.blueprints.catalogue import group_or_404
from app.extensions import db
from app.htmx import see_other
from app.models import Registration
from app.models.registration import FUNDING_LABELS, Funding
from app.services import DomainError
from app.services.registration import (
    CONTACTS_MISSING,
    AlreadyRegistered,
    active_registration,
    quote_registration,
    register_for_group,
)
from app.timeutil import local_today

bp = Blueprint("registration", __name__)


class RegistrationForm(FlaskForm):
    funding = RadioField(
        "Mokymų finansavimas",
        choices=[SelectChoice(value, label) for value, label in FUNDING_LABELS.items()],
        validators=[DataRequired("Pasirinkite, kaip mokėsite už mokymus.")],
    )


@bp.route("/grupes/<int:group_id>/registracija", methods=["GET", "POST"])
@login_required
def register(group_id: int):
    group = group_or_404(group_id)
    if not current_user.contacts_complete:
        flash(CONTACTS_MISSING, "error")
        return see_other(url_for("learner.information") + "#kontaktai")

    today = local_today()
    quote = quote_registration(current_user, group, today)
    db.session.commit()  # keep what the registers just said
    existing = active_registration(current_user, group)
    form = RegistrationForm(
        funding=Funding.BASKET if quote.basket_allowed else Funding.OWN
    )

    if form.validate_on_submit() and existing is None:
        if form.funding.data == Funding.BASKET and not quote.basket_allowed:
            form.funding.errors.append("IMP krepšelio lėšomis mokytis negalite.")
        else:
            try:
                registration = register_for_group(
                    current_user, group, Funding(form.funding.data), today
                )
            except DomainError as error:
                db.session.rollback()
                flash(str(error), "error")
                if isinstance(error, AlreadyRegistered):
                    return see_other(url_for("learner.trainings"))
                return see_other(
                    url_for("catalogue.programme", programme_id=group.programme_id)
                )
            db.session.commit()
            return see_other(
                url_for("registration.done", registration_id=registration.id)
            )

    return render_template(
        "registration/register.html",
        group=group,
        quote=quote,
        form=form,
        existing=existing,
    )


@bp.get("/registracijos/<int:registration_id>")
@login_required
def done(registration_id: int):
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        abort(404)
    if registration.learner_id != current_user.id:
        abort(403)
    return render_template("registration/done.html", registration=registration)
