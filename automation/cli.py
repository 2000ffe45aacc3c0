"""The `mes-optout` command line."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from mock_site.server import MockServer


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Refuse Mon espace santé, or close it, for a person or a household."""


@main.command("mock-site")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--outbox",
    type=click.Path(file_okay=False, path_type=Path),
    help="Maildir folder where the codes the site sends are delivered (default: a new one).",
)
@click.option(
    "--seed",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON file of the people the mock starts with (default: fixtures/mock_seed.json).",
)
def mock_site(host: str, port: int, outbox: Path | None, seed: Path | None) -> None:
    """Serve the imitation of Mon espace santé, to explore it or to test against it."""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(
            f"Attention : le site d'imitation écoute sur {host}, hors de cette machine.", err=True
        )
    try:
        server = MockServer(host, port, outbox, seed)
    except OSError as error:
        message = f"Impossible d'écouter sur {host}:{port} : {error.strerror}."
        raise click.ClickException(message) from None
    click.echo(f"Site d'imitation de Mon espace santé : {server.url}")
    click.echo(f"Codes envoyés (Maildir) : {server.outbox}")
    click.echo("Ctrl-C pour arrêter.")
    server.serve_forever()
