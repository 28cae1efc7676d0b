"""Jinja filters and globals shared by every template."""

from datetime import date, datetime, time

from flask import Flask, current_app, request, url_for

from app.text import count_of
from app.timeutil import to_local

WEEKDAYS = [
    "pirmadienis",
    "antradienis",
    "trečiadienis",
    "ketvirtadienis",
    "penktadienis",
    "šeštadienis",
    "sekmadienis",
]


def format_eur(cents: int | None) -> str:
    """Format cents as Lithuanian euro: 1 234,50 Eur."""
    if cents is None:
        return "—"
    whole, rest = divmod(abs(cents), 100)
    text = f"{whole:,}".replace(",", "\u00a0") + (f",{rest:02d}" if rest else "")
    return ("-" if cents < 0 else "") + text + "\u00a0Eur"


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return to_local(value).strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def format_time(value: time) -> str:
    return value.strftime("%H:%M")


def weekday(value: date) -> str:
    return WEEKDAYS[value.weekday()]


# Lithuanian names of the fields that demo data invents (`synthetic_fields`).
FIELD_LABELS = {
    "address": "adresas",
    "city": "miestas",
    "competences": "įgyjamos kompetencijos",
    "content": "turinys",
    "description": "aprašymas",
    "email": "el. paštas",
    "hours": "trukmė",
    "language": "kalba",
    "min_education": "reikalaujamas išsilavinimas",
    "mode": "mokymosi būdas",
    "phone": "telefonas",
    "price_cents": "kaina",
    "requirements": "reikalavimai dalyviui",
    "special_needs": "pritaikymas specialiųjų poreikių turintiems",
}


def field_labels(names: list[str]) -> str:
    """Name fields in Lithuanian, in the order given: "kaina, trukmė"."""
    return ", ".join(FIELD_LABELS.get(name, name) for name in names)


def public_url(endpoint: str, **values: object) -> str:
    """Build an absolute link for e-mails, with or without a request."""
    path = current_app.url_map.bind("").build(endpoint, values)
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


_fixed_urls: dict[tuple, str] = {}


def fixed_url(endpoint: str, **values: object) -> str:
    """Build the link of an endpoint with fixed arguments (the menu, static files)
    once per process and application root: every page of the layout needs them."""
    key = (request.script_root, endpoint, *values.items())
    url = _fixed_urls.get(key)
    if url is None:
        url = _fixed_urls[key] = url_for(endpoint, **values)
    return url


def register(app: Flask) -> None:
    app.jinja_env.globals["public_url"] = public_url
    app.jinja_env.globals["fixed_url"] = fixed_url
    app.jinja_env.filters["eur"] = format_eur
    app.jinja_env.filters["lt_date"] = format_date
    app.jinja_env.filters["hhmm"] = format_time
    app.jinja_env.filters["weekday"] = weekday
    app.jinja_env.filters["count_of"] = count_of
    app.jinja_env.filters["field_labels"] = field_labels
    app.jinja_env.globals["HTMX_JS"] = "js/htmx-2.0.11.min.js"
