"""The learner's main window: "Mano informacija" and "Mano mokymai"."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from app.blueprints.profile import render_information
from app.extensions import db
from app.models import Group, Programme, Registration
from app.models.registration import ACTIVE_STATUSES

bp = Blueprint("learner", __name__, url_prefix="/mano")


@bp.before_request
@login_required
def require_login():
    """Every page here belongs to the logged-in learner."""


@bp.get("/")
def home():
    return render_template("learner/home.html")


@bp.get("/informacija")
def information():
    return render_information()


@bp.get("/mokymai")
def trainings():
    registrations = db.session.scalars(
        db.select(Registration)
        .join(Registration.group)
        .join(Group.programme)
        .where(Registration.learner_id == current_user.id)
        .order_by(Group.start_date, Programme.title_sort)
    ).all()
    ongoing = [r for r in registrations if r.status in ACTIVE_STATUSES]
    finished = [r for r in registrations if r.status not in ACTIVE_STATUSES]
    return render_template("learner/trainings.html", ongoing=ongoing, finished=finished)
