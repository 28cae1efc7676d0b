"""Ieškoti mokymų: categories, the search with filters, programmes and providers."""

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.htmx import is_htmx
from app.models import Group, Programme, Provider
from app.models.catalogue import GroupStatus, ProgrammeStatus
from app.services.catalogue import (
    SORTS,
    VIEWS,
    CatalogueAnswer,
    Search,
    category_counts,
    read_search,
    search_catalogue,
)
from app.services.catalogue_index import current_index
from app.timeutil import local_today

bp = Blueprint("catalogue", __name__)


@bp.get("/mokymai")
def categories():
    return render_template(
        "catalogue/categories.html", categories=category_counts(), Search=Search
    )


@bp.get("/mokymai/paieska")
def search():
    return _search_page(fixed_category=None)


@bp.get("/mokymai/<slug>")
def category(slug: str):
    if not current_index().category_slug_known(slug):
        abort(404)

    return _search_page(fixed_category=slug)


def _search_page(fixed_category: str | None):
    """Answer a search with the full page, or with the results and filters for htmx."""
    search, messages = read_search(request.args, fixed_category)
    answer = search_catalogue(search, current_app.config["PAGE_SIZE"])
    view, chosen = _display_view()
    fragments = _search_fragments(answer, messages + answer.messages, view, is_htmx())

    if is_htmx():
        response = make_response(fragments["results"] + fragments["filters"])
        response.headers["HX-Push-Url"] = search_url(answer.search)
    else:
        response = make_response(render_template("catalogue/search.html", **fragments))
    if chosen:
        response.set_cookie(
            current_app.config["CATALOGUE_VIEW_COOKIE"],
            view,
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="Lax",
        )
    return response


def _search_fragments(
    answer: CatalogueAnswer, messages: list[str], view: str, oob: bool
) -> dict[str, Any]:
    """Render the results and the filters; the filters come out of band for htmx,
    which swaps only the results in place."""
    search = answer.search
    context = {
        "answer": answer,
        "search": search,
        "messages": messages,
        "view": view,
        "sorts": SORTS,
        "views": VIEWS,
        "search_url": search_url,
    }

    def render(template: str, **extra: Any) -> Markup:
        return Markup(render_template(template, **context, **extra))  # noqa: S704 (Jinja output)

    return {
        **context,
        "results": render("catalogue/_results.html"),
        "filters": render("catalogue/_facets.html", oob=oob),
    }


def _display_view() -> tuple[str, bool]:
    """Return the list or grid display and whether the visitor just chose it."""
    asked = request.args.get("vaizdas", "")
    if asked in VIEWS:
        return asked, True
    remembered = request.cookies.get(current_app.config["CATALOGUE_VIEW_COOKIE"], "")
    return (remembered if remembered in VIEWS else "sarasas"), False


def search_url(search: Search, changes: dict | None = None, **extra: Any) -> str:
    """Build the URL of a search; one category reads as its category page."""
    args = search.to_args(**(changes or {}))
    categories = args.pop("kategorija", [])
    if len(categories) == 1:
        return url_for("catalogue.category", slug=categories[0], **args, **extra)
    return url_for("catalogue.search", kategorija=categories, **args, **extra)


@bp.get("/programos/<int:programme_id>")
def programme(programme_id: int):
    programme = db.session.get(
        Programme,
        programme_id,
        options=[joinedload(Programme.provider), joinedload(Programme.category)],
    )
    if programme is None or programme.status != ProgrammeStatus.PUBLISHED:
        abort(404)

    today = local_today()
    groups = db.session.scalars(
        db.select(Group)
        .where(
            Group.programme_id == programme.id,
            Group.status == GroupStatus.OPEN,
            Group.end_date >= today,
        )
        .options(selectinload(Group.sessions))
        .order_by(Group.start_date, Group.id)
    ).all()
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
    provider_search = search_url(Search(providers=(provider.id,)))
    return render_template(
        "catalogue/provider.html",
        provider=provider,
        programmes=programmes,
        provider_search=provider_search,
    )


def group_or_404(group_id: int) -> Group:
    group = db.session.get(Group, group_id)
    if group is None or group.programme.status != ProgrammeStatus.PUBLISHED:
        abort(404)
    return group
