"""Registering into a group: the registration window and the congratulation."""

from flask import Blueprint, Response, abort, flash, render_template, url_for
from flask_login import current_user, login_required
from wtforms import BooleanField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, ValidationError

from app.blueprints.catalogue import group_or_404
from app.blueprints.profile import contacts_first
from app.extensions import db
from app.forms import Form
from app.htmx import see_other
from app.models import Group, Registration, WaitlistEntry
from app.models.registration import FUNDING_LABELS, Funding
from app.models.waitlist import WaitlistStatus
from app.services import DomainError
from app.services.ics import group_calendar
from app.services.registration import (
    CONTACTS_MISSING,
    AlreadyRegistered,
    ContactsMissing,
    RegistrationQuote,
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


class FundingForm(Form):
    """The funding choice of the registration window and of a waiting-list offer."""

    funding = RadioField(
        "Mokymų finansavimas",
        choices=[SelectChoice(value, label) for value, label in FUNDING_LABELS.items()],
        validators=[DataRequired("Pasirinkite, kaip mokėsite už mokymus.")],
    )

    def __init__(self, quote: RegistrationQuote) -> None:
        basket = Funding.BASKET if quote.basket_allowed else Funding.OWN
        super().__init__(funding=basket)
        self.quote = quote

    def validate_funding(self, field) -> None:
        if field.data == Funding.BASKET and not self.quote.basket_allowed:
            raise ValidationError("IMP krepšelio lėšomis mokytis negalite.")


@bp.route("/grupes/<int:group_id>/registracija", methods=["GET", "POST"])
@login_required
def register(group_id: int):
    group = group_or_404(group_id)
    if not current_user.contacts_complete:
        return _ask_for_contacts(group)

    today = local_today()
    quote = quote_registration(current_user, group, today)
    db.session.commit()  # keep what the registers just said
    existing = active_registration(current_user, group)
    form = FundingForm(quote)

    if existing is None and form.validate_on_submit():
        try:
            registration = register_for_group(
                current_user, group, Funding(form.funding.data), today
            )
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "error")
            return see_other(_after_refusal(error, group))
        db.session.commit()
        return see_other(url_for("registration.done", registration_id=registration.id))

    return render_template(
        "registration/register.html",
        group=group,
        quote=quote,
        form=form,
        existing=existing,
        today=today,
    )


def _ask_for_contacts(group: Group) -> Response:
    """Send a learner without confirmed contacts to them, and back here after."""
    flash(CONTACTS_MISSING, "error")
    back_here = url_for("registration.register", group_id=group.id)
    return see_other(contacts_first(back_here))


def _after_refusal(error: DomainError, group) -> str:
    """Where a refused registration sends the learner next."""
    if isinstance(error, AlreadyRegistered):
        return url_for("learner.trainings")
    return url_for("catalogue.programme", programme_id=group.programme_id)


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
        flash(form.confirm.errors[0], "error")
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

    flash(_left_message(left, registration), "info")
    return see_other(url_for("learner.trainings"))


def _left_message(left: bool, registration: Registration) -> str:
    if not left:
        return "Šią grupę jau palikote anksčiau."
    if registration.basket_cents:
        return "Palikote grupę. Rezervuotos krepšelio lėšos grąžintos į krepšelį."
    return "Palikote grupę."


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
    form = FundingForm(quote)

    if entry.status == WaitlistStatus.OFFERED and form.validate_on_submit():
        try:
            registration = accept_offer(
                current_user, entry, Funding(form.funding.data), utcnow(), today
            )
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "error")
            return see_other(_after_offer_refusal(error, entry))
        db.session.commit()
        return see_other(url_for("registration.done", registration_id=registration.id))

    return render_template(
        "registration/offer.html", entry=entry, quote=quote, form=form
    )


def _after_offer_refusal(error: DomainError, entry: WaitlistEntry) -> str:
    """Back to the offer, or first to the contacts it needs and then back."""
    here = url_for("registration.offer", entry_id=entry.id)
    if isinstance(error, ContactsMissing):
        return contacts_first(here)
    return here


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
