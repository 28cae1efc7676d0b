"""Small helpers for answering htmx requests."""

from flask import Response, redirect, request


def is_htmx() -> bool:
    """Tell whether htmx asked for a fragment.

    Boosted links and forms swap the whole body and a history restore rebuilds
    the whole page, so both get the full page like a plain browser request.
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
