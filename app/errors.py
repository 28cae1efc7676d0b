"""Error pages: Lithuanian, whole pages, shown by htmx as well as without it."""

import logging

from flask import Flask, Response, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.extensions import db
from app.htmx import keep_page_address

logger = logging.getLogger(__name__)

# Title and what to do next for the HTTP errors without a page of their own.
HTTP_ERRORS = {
    400: (
        "Neteisinga užklausa",
        "Puslapis gavo netinkamus duomenis. Grįžkite atgal, atnaujinkite puslapį "
        "ir pabandykite dar kartą.",
    ),
    401: (
        "Reikia prisijungti",
        "Prisijunkite ir pabandykite dar kartą.",
    ),
    405: (
        "Veiksmas negalimas",
        "Šiuo adresu šis veiksmas neatliekamas. Grįžkite į ankstesnį puslapį ir "
        "naudokite jame esantį mygtuką.",
    ),
    409: (
        "Duomenys pasikeitė",
        "Kol pildėte formą, duomenys pasikeitė. Atnaujinkite puslapį ir pabandykite "
        "dar kartą.",
    ),
    422: (
        "Duomenys nepriimti",
        "Pateiktų duomenų apdoroti nepavyko. Grįžkite atgal, patikrinkite juos ir "
        "pabandykite dar kartą.",
    ),
    429: (
        "Per daug užklausų",
        "Palaukite kelias minutes ir pabandykite dar kartą.",
    ),
    503: (
        "Paslauga laikinai neveikia",
        "Pabandykite dar kartą po kelių minučių.",
    ),
}
FALLBACK = (
    "Užklausos įvykdyti nepavyko",
    "Grįžkite į ankstesnį puslapį ir pabandykite dar kartą.",
)


def error_page(template: str, status: int, **context) -> Response:
    """Render a whole error page that htmx swaps in as it would any page.

    A fragment request's error replaces the whole body, since the error page is
    no fragment; a failed form post leaves the address bar on the form's page,
    where reloading shows the form again instead of repeating the post.
    """
    response = make_response(render_template(template, **context), status)
    if request.headers.get("HX-Request") != "true":
        return response

    if request.headers.get("HX-Boosted") != "true":
        response.headers["HX-Retarget"] = "body"
        response.headers["HX-Reswap"] = "innerHTML"
    return keep_page_address(response)


def register_error_pages(app: Flask) -> None:
    """Answer every HTTP error with a Lithuanian page."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        logger.info("CSRF check failed: %s", error.description)
        return error_page("errors/csrf.html", 400)

    @app.errorhandler(403)
    def forbidden(error):
        return error_page("errors/403.html", 403)

    @app.errorhandler(404)
    def not_found(error):
        return error_page("errors/404.html", 404)

    @app.errorhandler(413)
    def too_large(error):
        return error_page("errors/413.html", 413)

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return error_page("errors/500.html", 500)

    @app.errorhandler(HTTPException)
    def other_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        title, advice = HTTP_ERRORS.get(error.code, FALLBACK)
        response = error_page(
            "errors/http.html", error.code, title=title, advice=advice
        )
        if error.code == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response
