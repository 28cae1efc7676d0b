"""Small helpers for answering htmx requests."""

from flask import Response, redirect, request


def is_htmx() -> bool:
    """Tell whether htmx asked for a fragment rather than a whole page.

    A boosted link or form and a history restore also send HX-Request, but they
    swap in the whole page, so they must get the full layout.
    """
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def see_other(location: str) -> Response:
    """Redirect with 303, which htmx and browsers follow with a GET."""
    return redirect(location, code=303)


def add_vary(response: Response) -> Response:
    """Keep caches from serving a fragment where a full page was asked for."""
    response.vary.add("HX-Request")
    return response
