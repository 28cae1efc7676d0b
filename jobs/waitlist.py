"""Waiting-list sweeps."""

from app.extensions import db
from app.queue import dispatch_committed_jobs
from app.services.waitlist import expire_offers
from app.timeutil import utcnow
from jobs import job


@job
def expire_waitlist_offers() -> int:
    """Close expired waiting-list offers and pass their seats on."""
    count = expire_offers(utcnow())
    db.session.commit()
    dispatch_committed_jobs()
    return count
