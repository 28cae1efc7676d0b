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


def keep_page_address(response: Response, page_url: str = "") -> Response:
    """Keep a form post's URL out of the address bar when htmx shows the answer.

    The post's URL answers a GET with 405, so reloading it or coming back to it
    through the history would show an error page. With `page_url` the address
    becomes the page's own (replaced, so no extra history entry); without it,
    the address stays that of the page the form was sent from.
    """
    if request.headers.get("HX-Request") != "true" or request.method == "GET":
        return response
    if page_url:
        response.headers["HX-Replace-Url"] = page_url
    else:
        response.headers["HX-Push-Url"] = "false"
    return response


def add_vary(response: Response) -> Response:
    """Keep caches from serving a fragment where a full page was asked for."""
    response.vary.add("HX-Request")
    return response
