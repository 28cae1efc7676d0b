"""E-mail through the outbox, a real RQ worker process and a real SMTP server."""

import os
import subprocess
import sys
import time
import uuid
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from app.models import OutboxEmail
from jobs.email import deliver_pending_emails
from tests.conftest import csrf_token, free_port, start_smtp_server

ROOT = Path(__file__).resolve().parent.parent


def wait_for(condition, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


@pytest.fixture
def queue_app(app, postgres, redis_url):
    """The app enqueueing to real Redis on a queue of its own."""
    queue_name = f"kursuok-test-{uuid.uuid4().hex[:8]}"
    saved = {k: app.config[k] for k in ("REDIS_URL", "RQ_QUEUE_NAME")}
    app.config.update(REDIS_URL=redis_url, RQ_QUEUE_NAME=queue_name)
    app.extensions.pop("kursuok.queue", None)
    yield app
    app.config.update(saved)
    app.extensions.pop("kursuok.queue", None)


@pytest.fixture
def start_worker(queue_app, database_url, redis_url):
    """Start `rq worker --with-scheduler` as a separate process for the app's queue."""
    workers = []

    def start(smtp_port: int) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "RQ_QUEUE_NAME": queue_app.config["RQ_QUEUE_NAME"],
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(smtp_port),
            "MAIL_SUPPRESS_SEND": "0",
            "JOB_RETRY_INTERVALS": "1,1,2",
            "PYTHONPATH": str(ROOT),
        }
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rq.cli",
                "worker",
                "--with-scheduler",
                "--url",
                redis_url,
                queue_app.config["RQ_QUEUE_NAME"],
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.terminate()
        worker.wait(timeout=20)


def register_once(client, group):
    page = client.get(f"/grupes/{group.id}/registracija")
    response = client.post(
        f"/grupes/{group.id}/registracija",
        data={"funding": "basket", "csrf_token": csrf_token(page.text)},
    )
    assert response.status_code == 303


def received_for(inbox, recipient):
    return [m for m in inbox.messages if recipient in m["To"]]


def test_worker_delivers_registration_email_over_smtp(
    queue_app, postgres, client, make_group, login_as, smtp_server, start_worker
):
    group = make_group()
    login_as(client, contacts=True)
    start_worker(smtp_server.port)

    register_once(client, group)

    message = wait_for(lambda: received_for(smtp_server, "ona@example.lt"))[-1]
    assert "Registracija į mokymus" in str(
        make_header(decode_header(message["Subject"]))
    )
    parts = {p.get_content_type(): p for p in message.walk()}
    text = parts["text/plain"].get_payload(decode=True).decode()
    assert group.code in text
    assert "18:00–21:00" in text
    assert "text/html" in parts
    calendar = parts["text/calendar"]
    assert calendar.get_filename() == f"kursuok-{group.code}.ics"
    assert b"BEGIN:VEVENT" in calendar.get_payload(decode=True)
    email = wait_for(
        lambda: postgres.session.scalar(
            postgres.select(OutboxEmail).where(OutboxEmail.status == "sent")
        )
    )
    assert email.sent_at is not None


def test_smtp_outage_is_retried_until_the_server_is_back(
    queue_app, postgres, client, make_group, login_as, start_worker
):
    group = make_group()
    login_as(client, contacts=True)
    port = free_port()
    start_worker(port)

    register_once(client, group)

    def failed_once():
        postgres.session.rollback()
        return postgres.session.scalar(
            postgres.select(OutboxEmail).where(OutboxEmail.attempts >= 1)
        )

    email = wait_for(failed_once)
    assert email.status == "pending"
    assert "ConnectionRefusedError" in email.last_error
    inbox, controller = start_smtp_server(port)
    try:
        wait_for(lambda: inbox.messages, timeout=40)
    finally:
        controller.stop()

    def sent():
        postgres.session.rollback()
        return postgres.session.get(OutboxEmail, email.id).status == "sent"

    # The server has the message a moment before the worker records it as sent.
    wait_for(sent)


def test_redis_down_at_commit_keeps_the_email_for_the_sweep(
    app, db, client, make_group, login_as, smtp_server
):
    group = make_group()
    login_as(client, contacts=True)
    saved = app.config["REDIS_URL"]
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{free_port()}/0"
    app.extensions.pop("kursuok.queue", None)
    try:
        register_once(client, group)
    finally:
        app.config["REDIS_URL"] = saved
        app.extensions.pop("kursuok.queue", None)

    email = db.session.scalar(db.select(OutboxEmail))
    assert email.status == "pending"
    app.config.update(MAIL_SUPPRESS_SEND=False, MAIL_PORT=smtp_server.port)
    try:
        assert deliver_pending_emails() == 1
    finally:
        app.config.update(MAIL_SUPPRESS_SEND=True, MAIL_PORT=25)
    assert received_for(smtp_server, "ona@example.lt")
    db.session.rollback()
    assert db.session.get(OutboxEmail, email.id).status == "sent"
