"""Public pages: the start page and the privacy rules."""

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import current_user

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
