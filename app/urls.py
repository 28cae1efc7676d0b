"""URL helpers."""

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str:
    """Keep a redirect target only if it is a path on this site."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return ""
    # Browsers read a backslash as a slash and drop tabs and line breaks, so
    # "/\evil.example" or "/\t/evil.example" would lead off the site.
    if "\\" in target or any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return ""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return ""
    return target
