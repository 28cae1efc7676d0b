"""Database models, one module per aggregate."""

from app.models.audit import AuditEntry
from app.models.catalogue import (
    CatalogueVersion,
    Category,
    Group,
    GroupSession,
    Programme,
    Provider,
)
from app.models.outbox import OutboxEmail
from app.models.profile import Document, EmailConfirmation, RegisterExtract
from app.models.registration import BasketEntry, Registration
from app.models.user import Consent, User
from app.models.waitlist import WaitlistEntry

__all__ = [
    "AuditEntry",
    "BasketEntry",
    "CatalogueVersion",
    "Category",
    "Consent",
    "Document",
    "EmailConfirmation",
    "Group",
    "GroupSession",
    "OutboxEmail",
    "Programme",
    "Provider",
    "RegisterExtract",
    "Registration",
    "User",
    "WaitlistEntry",
]
