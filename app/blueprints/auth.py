"""Login through the state e-ID gateway, with the privacy rules accepted first."""

import secrets

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import login_required, login_user, logout_user
from wtforms import BooleanField, HiddenField
from wtforms.validators import DataRequired

from app.extensions import db, login_manager
from app.forms import Form
from app.htmx import see_other
from app.integrations import identity_provider
from app.models import User
from app.services import DomainError
from app.services.accounts import log_in_from_gateway
from app.urls import safe_next

bp = Blueprint("auth", __name__)


class ConsentForm(Form):
    accept = BooleanField(
        "Susipažinau ir sutinku su asmens privatumo ir duomenų tvarkymo taisyklėmis",
        validators=[
            DataRequired(
                "Pažymėkite, kad sutinkate su taisyklėmis, kitaip prisijungti negalima."
            )
        ],
    )
    next = HiddenField()


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


@bp.get("/prisijungti")
def login():
    return render_template("auth/login.html", next=safe_next(request.args.get("next")))


@bp.route("/prisijungti/asmuo", methods=["GET", "POST"])
def learner_consent():
    form = ConsentForm(next=safe_next(request.args.get("next")))
    if not form.validate_on_submit():
        return render_template("auth/consent.html", form=form)

    state = secrets.token_urlsafe(16)
    session["login"] = {
        "state": state,
        "next": safe_next(form.next.data),
        "consent": True,
    }
    return see_other(identity_provider().login_url(state))


@bp.get("/prisijungti/grizti")
def gateway_return():
    attempt = session.pop("login", None)
    if not attempt:
        flash("Prisijungimo laikas baigėsi. Pradėkite iš naujo.", "error")
        return redirect(url_for("auth.login"))

    code = identity_provider().redeem_ticket(
        request.args.get("ticket", ""), attempt["state"]
    )
    if code is None:
        abort(403)

    try:
        user = log_in_from_gateway(code, current_app.config["PRIVACY_RULES_VERSION"])
    except DomainError as error:
        flash(str(error), "error")
        return redirect(url_for("auth.login"))
    db.session.commit()

    session.clear()
    login_user(user)
    return redirect(attempt["next"] or url_for("learner.home"))


@bp.post("/atsijungti")
@login_required
def logout():
    logout_user()
    session.clear()
    flash("Atsijungėte.", "info")
    return see_other(url_for("public.index"))
