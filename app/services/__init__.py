"""Domain rules: verb_noun functions that flush but never commit."""


class DomainError(Exception):
    """A rule refused the action; the message is shown to the person as is."""
