"""Ieškoti mokymų: categories, programmes, groups and providers."""

from flask import Blueprint, abort, current_app, render_template, request

from app.extensions import db
from app.htmx import is_htmx
from app.models import Category, Group, Programme, Provider
from app.models.catalogue import GroupStatus, ProgrammeStatus
from app.services.catalogue import category_counts, search_programmes
from app.timeutil import local_today

bp = Blueprint("catalogue", __name__)


@bp.get("/mokymai")
def categories():
    return render_template("catalogue/categories.html", categories=category_counts())


@bp.get("/mokymai/<slug>")
def category(slug: str):
    category = db.session.scalar(db.select(Category).where(Category.slug == slug))
    if category is None:
        abort(404)

    query = request.args.get("q", "")[:200]
    page = request.args.get("puslapis", 1, type=int) or 1
    results = search_programmes(
        category, query, max(page, 1), current_app.config["PAGE_SIZE"]
    )
    template = "catalogue/_results.html" if is_htmx() else "catalogue/category.html"
    return render_template(template, category=category, query=query, results=results)


@bp.get("/programos/<int:programme_id>")
def programme(programme_id: int):
    programme = db.session.get(Programme, programme_id)
    if programme is None or programme.status != ProgrammeStatus.PUBLISHED:
        abort(404)

    today = local_today()
    groups = [
        g
        for g in programme.groups
        if g.status == GroupStatus.OPEN and g.end_date >= today
    ]
    return render_template(
        "catalogue/programme.html", programme=programme, groups=groups, today=today
    )


@bp.get("/teikejai/<int:provider_id>")
def provider(provider_id: int):
    provider = db.session.get(Provider, provider_id)
    if provider is None:
        abort(404)

    programmes = db.session.scalars(
        db.select(Programme)
        .where(Programme.provider_id == provider.id)
        .where(Programme.status == ProgrammeStatus.PUBLISHED)
        .order_by(Programme.title_sort)
    ).all()
    return render_template(
        "catalogue/provider.html", provider=provider, programmes=programmes
    )


def group_or_404(group_id: int) -> Group:
    group = db.session.get(Group, group_id)
    if group is None or group.programme.status != ProgrammeStatus.PUBLISHED:
        abort(404)
    return group
