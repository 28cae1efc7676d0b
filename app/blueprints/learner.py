"""The learner's main window: "Mano informacija" and "Mano mokymai"."""

from flask import Blueprint, abort, flash, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import contains_eager, selectinload

from app.blueprints.profile import render_information
from app.extensions import db
from app.forms import Form
from app.htmx import see_other
from app.models import Group, Programme, Registration, WaitlistEntry
from app.models.registration import ACTIVE_STATUSES
from app.models.waitlist import OPEN_STATUSES
from app.services.basket import basket_balance, basket_statement
from app.services.ics import issue_calendar_token, revoke_calendar_token
from app.services.registration import LEAVABLE_STATUSES
from app.services.waitlist import expire_offers, place_in_line
from app.timeutil import local_today, utcnow
from app.urls import safe_next

bp = Blueprint("learner", __name__, url_prefix="/mano")


class CalendarForm(Form):
    """Turning the calendar feed on or off needs only the CSRF token."""


@bp.before_request
@login_required
def require_login():
    """Every page here belongs to the logged-in learner."""


@bp.get("/")
def home():
    return render_template("learner/home.html")


@bp.get("/informacija")
def information():
    return render_information(next_url=safe_next(request.args.get("next")))


@bp.get("/mokymai")
def trainings():
    expire_offers(utcnow())
    db.session.commit()

    registrations = db.session.scalars(
        db.select(Registration)
        .join(Registration.group)
        .join(Group.programme)
        .options(
            contains_eager(Registration.group).options(
                contains_eager(Group.programme).joinedload(Programme.provider),
                selectinload(Group.sessions),
            )
        )
        .where(Registration.learner_id == current_user.id)
        .order_by(Group.start_date, Programme.title_sort)
    ).all()
    waiting = db.session.scalars(
        db.select(WaitlistEntry)
        .where(WaitlistEntry.learner_id == current_user.id)
        .where(WaitlistEntry.status.in_(OPEN_STATUSES))
        .order_by(WaitlistEntry.created_at)
    ).all()
    return render_template(
        "learner/trainings.html",
        ongoing=[r for r in registrations if r.status in ACTIVE_STATUSES],
        finished=[r for r in registrations if r.status not in ACTIVE_STATUSES],
        waiting=[(entry, place_in_line(entry)) for entry in waiting],
        leavable=LEAVABLE_STATUSES,
        balance=basket_balance(current_user, local_today()),
    )


@bp.get("/krepselis")
def basket():
    return render_template(
        "learner/basket.html",
        balance=basket_balance(current_user, local_today()),
        entries=basket_statement(current_user),
    )


@bp.route("/kalendorius", methods=["GET", "POST"])
def calendar():
    form = CalendarForm()
    if form.validate_on_submit():
        replaced = current_user.calendar_token is not None
        issue_calendar_token(current_user)
        db.session.commit()
        flash(
            "Sukūrėte naują kalendoriaus nuorodą. Senoji nebegalioja."
            if replaced
            else "Kalendoriaus nuoroda sukurta.",
            "info",
        )
        return see_other(url_for("learner.calendar"))
    return render_template("learner/calendar.html", form=form)


@bp.post("/kalendorius/isjungti")
def revoke_calendar():
    if not CalendarForm().validate_on_submit():
        abort(400)
    revoke_calendar_token(current_user)
    db.session.commit()
    flash("Kalendoriaus nuoroda išjungta.", "info")
    return see_other(url_for("learner.calendar"))
