"""Command-line tasks: demo data and the outbox."""

import click
from flask import Flask

from app.extensions import db


def register_cli(app: Flask) -> None:
    @app.cli.command("seed")
    @click.option("--if-empty", is_flag=True, help="Do nothing if programmes exist.")
    def seed(if_empty: bool) -> None:
        """Load the real catalogue with synthetic groups as demo data."""
        from app.models import Programme
        from app.seed import seed_demo

        if if_empty and db.session.scalar(db.select(Programme.id).limit(1)):
            click.echo("Demo data already loaded.")
            return
        summary = seed_demo()
        db.session.commit()
        click.echo(summary)

    @app.cli.command("send-outbox")
    def send_outbox() -> None:
        """Deliver every pending outbox e-mail now."""
        from jobs.email import deliver_pending_emails

        click.echo(f"Sent {deliver_pending_emails()} e-mail(s).")
