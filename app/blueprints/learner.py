"""The learner's main window: "Mano informacija" and "Mano mokymai"."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from app.extensions import db
from app.integrations import registers
from app.models import Group, Programme, Registration
from app.models.registration import ACTIVE_STATUSES
from app.services.basket import basket_balance
from app.timeutil import local_today

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
    snapshot = registers().snapshot(current_user.personal_code)
    balance = basket_balance(current_user, local_today())
    return render_template(
        "learner/information.html", snapshot=snapshot, balance=balance
    )


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
