"""RQ jobs: each takes ids, re-reads its rows and is safe to run twice."""

import functools
from collections.abc import Callable

from flask import Flask, has_app_context

_app: Flask | None = None


def job(function: Callable) -> Callable:
    """Run a job inside an app context, creating the app once per worker process."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if has_app_context():
            return function(*args, **kwargs)

        global _app
        if _app is None:
            from app import create_app

            _app = create_app()
        with _app.app_context():
            return function(*args, **kwargs)

    return wrapper
