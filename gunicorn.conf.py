"""gunicorn reads this file from the working directory by itself."""

from app.services.catalogue_index import warm_catalogue_index


def post_worker_init(worker) -> None:
    """Build the catalogue index before the worker takes its first request."""
    warm_catalogue_index(worker.wsgi)
