"""Periodic jobs for `rq cron jobs.cron` (production and CI).

One sweep delivers outbox e-mails whose job could not be queued (Redis was
down at commit time) or whose retries ran out while SMTP was down; another
closes expired waiting-list offers (pages also close them lazily when read).
"""

from rq import cron

from app.config import Config
from jobs.email import deliver_pending_emails
from jobs.waitlist import expire_waitlist_offers

cron.register(deliver_pending_emails, queue_name=Config.RQ_QUEUE_NAME, interval=300)
cron.register(expire_waitlist_offers, queue_name=Config.RQ_QUEUE_NAME, interval=300)
