"""Public pages: the start page and the privacy rules."""

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    url_for,
)
from flask_login import current_user

from app.services.ics import learner_by_calendar_token, learner_calendar

bp = Blueprint("public", __name__)


@bp.get("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("learner.home"))
    return render_template("public/index.html")


@bp.get("/privatumo-taisykles")
def privacy_rules():
    version = current_app.config["PRIVACY_RULES_VERSION"]
    return render_template("public/privacy_rules.html", version=version)


@bp.get("/healthz")
def health():
    """Answer a load balancer's check (and the benchmark's ceiling); touch nothing."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/kalendorius/<token>.ics")
def calendar_feed(token: str):
    """Serve a learner's sessions to their calendar app by a secret URL."""
    learner = learner_by_calendar_token(token)
    if learner is None:
        abort(404)
    return Response(learner_calendar(learner), mimetype="text/calendar")
