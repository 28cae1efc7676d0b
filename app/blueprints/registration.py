"""Registering into a group: the registration window and the congratulation."""

from flask import Blueprint, Response, abort, flash, render_template, url_for
from flask_login import current_user, login_required
from wtforms import BooleanField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from app.blueprints.catalogue import group_or_404
from app.extensions import db
from app.forms import Form
from app.htmx import see_other
from app.models import Registration, WaitlistEntry
from app.models.registration import FUNDING_LABELS, Funding
from app.models.waitlist import WaitlistStatus
from app.services import DomainError
from app.services.ics import group_calendar
from app.services.registration import (
    CONTACTS_MISSING,
    AlreadyRegistered,
    active_registration,
    leave_group,
    quote_registration,
    register_for_group,
)
from app.services.waitlist import (
    accept_offer,
    decline_offer,
    expire_offers,
    join_waitlist,
    place_in_line,
)
from app.timeutil import local_today, utcnow

bp = Blueprint("registration", __name__)


class RegistrationForm(Form):
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
        today=today,
    )


@bp.get("/registracijos/<int:registration_id>")
@login_required
def done(registration_id: int):
    registration = _own(Registration, registration_id)
    return render_template("registration/done.html", registration=registration)


class LeaveForm(Form):
    confirm = BooleanField(
        "Taip, palikti grupę",
        validators=[
            DataRequired("Pažymėkite „Taip, palikti grupę“, jei tikrai norite išeiti.")
        ],
    )


class WaitlistForm(Form):
    """Joining or leaving the waiting list needs nothing but the CSRF token."""


class OfferForm(Form):
    funding = RadioField(
        "Mokymų finansavimas",
        choices=[SelectChoice(value, label) for value, label in FUNDING_LABELS.items()],
        validators=[DataRequired("Pasirinkite, kaip mokėsite už mokymus.")],
    )


def _own(model: type, object_id: int):
    """Load the current learner's object: 404 if missing, 403 if someone else's."""
    found = db.session.get(model, object_id)
    if found is None:
        abort(404)
    if found.learner_id != current_user.id:
        abort(403)
    return found


@bp.post("/registracijos/<int:registration_id>/palikti")
@login_required
def leave(registration_id: int):
    registration = _own(Registration, registration_id)
    form = LeaveForm()
    if not form.validate_on_submit():
        flash(
            " ".join(form.confirm.errors) or "Patvirtinkite, kad norite palikti grupę.",
            "error",
        )
        return see_other(
            url_for("learner.trainings") + f"#registracija-{registration.id}"
        )

    try:
        left = leave_group(current_user, registration, utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "error")
        return see_other(url_for("learner.trainings"))
    db.session.commit()

    if not left:
        flash("Šią grupę jau palikote anksčiau.", "info")
    elif registration.basket_cents:
        flash(
            "Palikote grupę. Rezervuotos krepšelio lėšos grąžintos į krepšelį.", "info"
        )
    else:
        flash("Palikote grupę.", "info")
    return see_other(url_for("learner.trainings"))


@bp.route("/grupes/<int:group_id>/laukti", methods=["GET", "POST"])
@login_required
def wait(group_id: int):
    group = group_or_404(group_id)
    form = WaitlistForm()
    if not form.validate_on_submit():
        return render_template("registration/wait.html", group=group, form=form)

    try:
        entry = join_waitlist(current_user, group, utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "error")
        return see_other(
            url_for("catalogue.programme", programme_id=group.programme_id)
        )
    db.session.commit()

    flash(f"Stojote į laukimo eilę. Jūsų vieta eilėje: {place_in_line(entry)}.", "info")
    return see_other(url_for("learner.trainings"))


@bp.route("/laukimo-eile/<int:entry_id>", methods=["GET", "POST"])
@login_required
def offer(entry_id: int):
    entry = _own(WaitlistEntry, entry_id)
    expire_offers(utcnow(), group=entry.group)
    db.session.commit()
    today = local_today()
    quote = quote_registration(current_user, entry.group, today)
    form = OfferForm(funding=Funding.BASKET if quote.basket_allowed else Funding.OWN)

    if entry.status == WaitlistStatus.OFFERED and form.validate_on_submit():
        try:
            registration = accept_offer(
                current_user, entry, Funding(form.funding.data), utcnow(), today
            )
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "error")
            return see_other(url_for("registration.offer", entry_id=entry.id))
        db.session.commit()
        return see_other(url_for("registration.done", registration_id=registration.id))

    return render_template(
        "registration/offer.html", entry=entry, quote=quote, form=form
    )


@bp.post("/laukimo-eile/<int:entry_id>/atsisakyti")
@login_required
def decline(entry_id: int):
    entry = _own(WaitlistEntry, entry_id)
    if not WaitlistForm().validate_on_submit():
        abort(400)

    decline_offer(current_user, entry, utcnow())
    db.session.commit()
    flash("Laukimo eilę palikote.", "info")
    return see_other(url_for("learner.trainings"))


@bp.get("/grupes/<int:group_id>/tvarkarastis.ics")
def group_ics(group_id: int):
    group = group_or_404(group_id)
    return Response(
        group_calendar(group),
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'attachment; filename="kursuok-{group.code}.ics"'
        },
    )
