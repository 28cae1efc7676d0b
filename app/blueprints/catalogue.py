"""Ieškoti mokymų: categories, the search with filters, programmes and providers."""

from typing import Any
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    get_template_attribute,
    make_response,
    render_template,
    request,
)
from markupsafe import Markup
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.htmx import is_htmx, see_other
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
from app.templating import fixed_url
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
    """Answer a search with the full page, or with its parts for htmx: the results
    in place, the filters, heading and title out of band."""
    view, chosen = _display_view()
    if chosen:
        return _remember_view(view)

    search, messages = read_search(request.args, fixed_category)
    if not messages and _has_empty_fields():
        return see_other(search_url(search))

    answer = search_catalogue(search, current_app.config["PAGE_SIZE"])
    context = _search_context(answer, messages + answer.messages, view)

    if is_htmx():
        response = make_response(
            render_template("catalogue/_search_parts.html", **context)
        )
        response.headers["HX-Push-Url"] = search_url(answer.search)
    else:
        response = make_response(render_template("catalogue/search.html", **context))
    return response


def _has_empty_fields() -> bool:
    """Whether the filter form was sent without JavaScript, every empty field in
    the address: such a search is sent on to its short, shareable address."""
    return not is_htmx() and any(not value for value in request.args.values())


def _remember_view(view: str) -> Response:
    """Keep the list or grid choice in a cookie and take it out of the address, so
    a link someone shares does not change the choice of whoever opens it."""
    args = request.args.copy()
    args.poplist("vaizdas")
    query = urlencode(list(args.items(multi=True)))
    response = see_other(request.path + (f"?{query}" if query else ""))
    response.set_cookie(
        current_app.config["CATALOGUE_VIEW_COOKIE"],
        view,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
    )
    return response


def _search_context(
    answer: CatalogueAnswer, messages: list[str], view: str
) -> dict[str, Any]:
    search = answer.search
    chosen = [c.label for c in answer.facets[0].choices if c.selected]
    if len(chosen) == 1:
        heading = f"{chosen[0]} kompetencija"
    elif chosen:
        heading = "Pasirinktų kategorijų mokymai"
    else:
        heading = "Visų kategorijų mokymai"
    return {
        "heading": heading,
        "page_title": f"{heading}: „{search.query}“" if search.query else heading,
        "one_category": len(chosen) == 1,
        "answer": answer,
        "search": answer.search,
        "messages": messages,
        "view": view,
        "sorts": SORTS,
        "views": VIEWS,
        "search_url": search_url,
        "links": _result_links(answer),
        "cards": _cards(answer),
        "choices": _choices(answer),
    }


def _result_links(answer: CatalogueAnswer) -> dict[str, str]:
    """Link the neighbouring pages and the list and grid views of this page.

    They add puslapis= and vaizdas= to the first page's address, whose last
    argument the page would be, instead of encoding the search four times.
    """
    first = search_url(answer.search, {"page": 1})
    joiner = "&" if "?" in first else "?"

    def page(number: int) -> str:
        return first if number == 1 else f"{first}{joiner}puslapis={number}"

    here = page(answer.results.page)
    view_joiner = "&" if "?" in here else "?"
    links = {view: f"{here}{view_joiner}vaizdas={view}" for view in VIEWS}
    links["previous"] = page(answer.results.page - 1)
    links["next"] = page(answer.results.page + 1)
    return links


def _cards(answer: CatalogueAnswer) -> list[Markup]:
    """Render each programme card of the page once per catalogue index."""
    index = current_index()
    card = get_template_attribute("macros/catalogue.html", "programme_card")
    return [
        index.fragment(("card", p), lambda p=p: card(index.card(p)))
        for p in answer.results.items
    ]


def _choices(answer: CatalogueAnswer) -> dict[str, Markup]:
    """Render each filter's choices, each distinct choice once per catalogue index.

    A choice is the same markup wherever its facet, value, count and state are
    the same, so most searches only put known pieces together.
    """
    index = current_index()
    choice = get_template_attribute("macros/catalogue.html", "filter_choice")
    rendered = {}
    for facet in answer.facets:
        name = facet.name
        pieces = [
            index.fragment((name, c), lambda name=name, c=c: choice(name, c))
            for c in facet.choices
        ]
        # Joined as plain text: every piece is already escaped markup.
        rendered[name] = Markup("\n".join(pieces))  # noqa: S704
    return rendered


def _display_view() -> tuple[str, bool]:
    """Return the list or grid display and whether the visitor just chose it."""
    asked = request.args.get("vaizdas", "")
    if asked in VIEWS:
        return asked, True
    remembered = request.cookies.get(current_app.config["CATALOGUE_VIEW_COOKIE"], "")
    return (remembered if remembered in VIEWS else "sarasas"), False


def search_url(search: Search, changes: dict | None = None, **extra: Any) -> str:
    """Build the URL of a search; one category reads as its category page.

    The paths are built once per process and the query string is encoded here:
    url_for costs more than the rest of the link, and a page holds several.
    """
    args = search.to_args(**(changes or {}))
    categories = args.pop("kategorija", [])
    if len(categories) == 1:
        path = fixed_url("catalogue.category", slug=categories[0])
    else:
        path = fixed_url("catalogue.search")
        args = {"kategorija": categories, **args} if categories else args
    query = urlencode({**args, **extra}, doseq=True)
    return f"{path}?{query}" if query else path


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
