"""Periodic jobs for `rq cron jobs.cron` (production and CI).

The sweep delivers outbox e-mails whose job could not be queued (Redis was
down at commit time) or whose retries ran out while SMTP was down.
"""

from rq import cron

from app.config import Config
from jobs.email import deliver_pending_emails

cron.register(deliver_pending_emails, queue_name=Config.RQ_QUEUE_NAME, interval=300)
