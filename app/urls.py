"""URL helpers."""

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str:
    """Keep a post-login target only if it is a path on this site."""
    if not target:
        return ""
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
    ):
        return ""
    return target
