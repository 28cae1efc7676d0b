"""The audit trail: every state change records who, when and why."""

from app.extensions import db
from app.models import AuditEntry, User


def record_audit(
    actor: User | None,
    action: str,
    target: db.Model,
    **detail: object,
) -> AuditEntry:
    """Add an audit entry for an action on a target object."""
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        action=action,
        object_type=type(target).__name__,
        object_id=target.id,
        detail={key: str(value) for key, value in detail.items()},
    )
    db.session.add(entry)
    return entry
