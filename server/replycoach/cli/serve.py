"""`replycoach serve`: run the HTTP service under gunicorn."""

from __future__ import annotations

import gc
import logging
import sys
from typing import TYPE_CHECKING

import click

from replycoach.cli.common import fail

if TYPE_CHECKING:
    from replycoach.grammar import Grammar

# One line on stderr when the service takes calls from other hosts with no proxy in front.
UNPROXIED_WARNING = (
    "replycoach: warning: listening on {host} with no proxy in front (--forwarded-allow-ips not set): "
    "each slow client holds one of the few workers, so a handful can stall the service; put a buffering "
    'proxy such as nginx in front, see "Running in production" in the README'
)

# The web layer and gunicorn are imported inside the command: every `replycoach check` loads this module,
# and it should not pay a second for a server it does not start.


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1), help="Worker processes.")
@click.option(
    "--timeout",
    default=30,
    show_default=True,
    type=click.IntRange(1),
    help="Seconds a request may hold a worker before it is stopped (answered 503).",
)
@click.option(
    "--forwarded-allow-ips",
    metavar="ADDRESSES",
    help="Comma-separated addresses (or networks) of the proxies in front: X-Forwarded-For and "
    "X-Forwarded-Proto are read from them only. Default: REPLYCOACH_FORWARDED_ALLOW_IPS, else no one.",
)
def serve(host: str, port: int, workers: int, timeout: int, forwarded_allow_ips: str | None) -> None:
    """Run the HTTP service under gunicorn (configuration: REPLYCOACH_* variables, see the README)."""
    from replycoach.errors import ConfigError
    from replycoach.settings import networks
    from replycoach.web.app import create_app
    from replycoach.web.proxies import TrustedProxies, is_loopback
    from replycoach.web.server import Gunicorn

    try:
        named = None if forwarded_allow_ips is None else networks(forwarded_allow_ips)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="'--forwarded-allow-ips'") from None
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        app = create_app()
    except ConfigError as err:
        fail(err)
    proxies: list[str] = app.config["FORWARDED_ALLOW_IPS"] if named is None else named
    app.wsgi_app = TrustedProxies(app.wsgi_app, proxies)  # type: ignore[method-assign]
    click.echo(f"replycoach: serving on http://{host}:{port} (docs: http://{host}:{port}/v1/docs)", err=True)
    if not proxies and not is_loopback(host):
        click.echo(UNPROXIED_WARNING.format(host=host), err=True)
    click.echo(f"replycoach: grammar: {_grammar_state(app.extensions['replycoach.grammar'])}", err=True)
    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "accesslog": None,  # replycoach.access logs each request, as JSON without any text
        "errorlog": "-",
        "timeout": timeout,
        # Gunicorn reads X-Forwarded-Proto itself (for the scheme): from the same proxies only.
        "forwarded_allow_ips": ",".join(proxies),
        # Gunicorn's own error answers (unreadable requests, timeouts) in the service's JSON error shape.
        "worker_class": "replycoach.web.worker.JsonErrorWorker",
        "control_socket_disable": True,
        # Each worker writes the insight counts it still holds as it exits.
        "worker_exit": lambda _arbiter, _worker: app.extensions["replycoach.insights"].flush(),
    }
    # What the app has loaded (the lexicons, the bank's engine) lives as long as the service: out of the
    # garbage collector's sight before the workers fork, so no full collection walks it again while a draft
    # waits (one over it took about 50 ms and fell on one 20,000-character draft in five), and the workers
    # keep sharing its memory pages. An engine built later, for a changed bank, is collected as usual.
    gc.collect()
    gc.freeze()
    Gunicorn(app, options).run()


def _grammar_state(grammar: Grammar) -> str:
    """Which grammar backend is in use and whether it answers now, in a few words."""
    if grammar.backend == "off":
        return "off (set LANGUAGETOOL_URL to check grammar with a LanguageTool server)"
    probe = grammar.probe()
    where = f"{grammar.describe()} ({grammar.backend} backend)"
    if probe.status == "ok":
        return f"{where}, answering"
    return f"{where}, not answering ({probe.detail}); drafts get grammar status unavailable until it does"
