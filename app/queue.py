"""Background jobs: RQ over Redis, or in-process in the embedded default.

Services ask for a job with `enqueue_after_commit`; the job is handed to the
queue only once the surrounding transaction has committed, so a rolled-back
request starts nothing and a job never looks for a row that is not there yet.
"""

import logging

from flask import current_app
from redis import Redis
from rq import Queue, Retry
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db

logger = logging.getLogger(__name__)


def get_queue() -> Queue:
    """Return the app's queue; in-process and synchronous when no Redis is set."""
    queue = current_app.extensions.get("kursuok.queue")
    if queue is not None:
        return queue

    url = current_app.config["REDIS_URL"]
    name = current_app.config["RQ_QUEUE_NAME"]
    if url:
        connection = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        queue = Queue(name, connection=connection)
    else:
        from fakeredis import FakeStrictRedis

        queue = Queue(name, connection=FakeStrictRedis(), is_async=False)
    current_app.extensions["kursuok.queue"] = queue
    return queue


def enqueue_after_commit(function_path: str, *args) -> None:
    """Ask for a job to run once the current transaction commits."""
    db.session.info.setdefault("pending_jobs", []).append((function_path, args))


def dispatch_committed_jobs() -> None:
    """Hand the jobs of committed transactions to the queue; never raise."""
    ready = db.session.info.pop("ready_jobs", [])
    intervals = current_app.config["JOB_RETRY_INTERVALS"]
    for function_path, args in ready:
        try:
            retry = Retry(max=len(intervals), interval=list(intervals))
            get_queue().enqueue(function_path, *args, retry=retry)
        except Exception:
            # The outbox row stays pending; `flask send-outbox` delivers it later.
            logger.exception("Could not enqueue %s", function_path)


@event.listens_for(Session, "after_commit")
def _promote_jobs(session: Session) -> None:
    pending = session.info.pop("pending_jobs", [])
    session.info.setdefault("ready_jobs", []).extend(pending)


@event.listens_for(Session, "after_soft_rollback")
def _drop_jobs(session: Session, previous_transaction) -> None:
    session.info.pop("pending_jobs", None)
