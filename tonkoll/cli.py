"""tonkoll: the comms team's command line.

    tonkoll check FILE|- [--format text|json] [--jsonl] [--language auto|sv|en] [--channel C]
    tonkoll rules test | rules lint | rules docs [--out docs/rules.md] [--check]
    tonkoll eval FILE.jsonl … [--format text|json] [--channel C]
    tonkoll serve [--host H] [--port P] [--workers N] [--open]
    tonkoll db upgrade | db cleanup [--days N]    [--database-url URL]
    tonkoll stats [--weeks N] [--channel C] [--language L] [--sort S] [--format text|csv]

Every command takes --rules DIR (repeatable; default TONKOLL_RULES_DIRS or the bundled rules/).
Exit codes: 0 ok, 1 a check failed (rules test, lint, docs --check), 2 an error (one line).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from collections.abc import Sequence

from tonkoll.channels import CHANNELS
from tonkoll.commands.common import EXIT_ERROR, CliError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, f"tonkoll: {message} (se tonkoll --help)\n")


def _rules_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", action="append", metavar="DIR",
                   help="regelmapp (kan upprepas; senare mappar lägger till eller ersätter)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tonkoll", description="Tonkoll: tonråd för inlägg i sociala medier.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("check", help="granska en text (FILE eller - för stdin)")
    p.add_argument("source", metavar="FILE|-")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--jsonl", action="store_true",
                   help="en JSON-rad med fältet text per inlägg in, en rapport per rad ut")
    p.add_argument("--language", choices=("auto", "sv", "en"), default="auto")
    p.add_argument("--channel", choices=CHANNELS, default="generic")
    _rules_arg(p)

    rules = sub.add_parser("rules", help="testa, granska och dokumentera regelfilerna")
    rsub = rules.add_subparsers(dest="rules_command", required=True, parser_class=_Parser)
    t = rsub.add_parser("test", help="kör alla exempel i regelfilerna")
    t.add_argument("ids", nargs="*", metavar="REGEL-ID", help="kör bara dessa reglers exempel")
    _rules_arg(t)
    _rules_arg(rsub.add_parser("lint", help="leta efter dubbletter och mönster som aldrig slår"))
    d = rsub.add_parser("docs", help="skriv regelreferensen (Markdown)")
    d.add_argument("--out", default="docs/rules.md")
    d.add_argument("--check", action="store_true", help="kontrollera bara att filen är aktuell")
    _rules_arg(d)

    e = sub.add_parser("eval", help="mät reglerna på märkta texter (JSON Lines)")
    e.add_argument("sources", nargs="+", metavar="FILE.jsonl",
                   help="en eller flera filer; varje text hamnar i trimnings- eller kontrolldelen")
    e.add_argument("--format", choices=("text", "json"), default="text")
    e.add_argument("--channel", choices=CHANNELS, default="generic",
                   help="kanalen texterna mäts för (kanalregler gäller bara sina kanaler)")
    _rules_arg(e)

    s = sub.add_parser("serve", help="starta webbtjänsten")
    s.add_argument("--host", default=None)
    s.add_argument("--port", type=int, default=None)
    s.add_argument("--workers", type=int, default=None)
    s.add_argument("--open", action="store_true",
                   help="tillåt en adress utanför datorn utan API-nyckel (öppen för alla)")
    _rules_arg(s)
    _feedback_parsers(sub)
    return parser


def _feedback_parsers(sub: argparse._SubParsersAction[_Parser]) -> None:
    url_help = "databasens adress (standard: TONKOLL_DATABASE_URL eller SQLite-filen)"
    db = sub.add_parser("db", help="feedbackdatabasen: uppgradera schemat, rensa gamla dagar")
    dsub = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    up = dsub.add_parser("upgrade", help="skapa eller uppgradera tabellerna (Alembic)")
    up.add_argument("--database-url", default=None, help=url_help)
    clean = dsub.add_parser("cleanup", help="ta bort dagar äldre än TONKOLL_FEEDBACK_DAYS")
    clean.add_argument("--database-url", default=None, help=url_help)
    clean.add_argument("--days", type=int, default=None)
    st = sub.add_parser("stats", help="hur skribenterna använder tipsen, per regel")
    st.add_argument("--database-url", default=None, help=url_help)
    st.add_argument("--weeks", type=int, default=12, help="antal veckor bakåt (standard 12)")
    st.add_argument("--channel", choices=CHANNELS, default=None)
    st.add_argument("--language", choices=("sv", "en"), default=None)
    st.add_argument("--sort", choices=("regel", "visad", "tillampad", "ignorerad", "avstangd"),
                    default="visad")
    st.add_argument("--format", choices=("text", "csv"), default="text")


# asyncio's own event loop, not uvloop: checks run on the event loop, and under uvloop a
# saturated worker kept starting new requests before sending finished answers, so a few
# waited 0.4-1.6 s (p99 at 64 connections; MagicStack/uvloop#123 describes the same). With
# asyncio p99 stayed under 60 ms at the same throughput (bench/README.md).
EVENT_LOOP = "asyncio"


def is_loopback(host: str) -> bool:
    """True for an address only this computer reaches (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from tonkoll.config import Settings

    if args.rules:
        os.environ["TONKOLL_RULES_DIRS"] = ":".join(args.rules)
    host = args.host or os.environ.get("TONKOLL_HOST", "127.0.0.1")
    port = args.port if args.port is not None else int(os.environ.get("TONKOLL_PORT", "8000"))
    workers = args.workers or int(os.environ.get("TONKOLL_WORKERS", "1"))
    # Secure by default (issue 13): reachable from other computers means a key is required,
    # unless whoever starts it says --open.
    if not is_loopback(host) and not Settings().api_tokens and not args.open:
        raise CliError(
            f"startar inte på {host} utan API-nyckel: då når alla i nätet tjänsten. "
            "Sätt TONKOLL_API_TOKENS, lyssna på 127.0.0.1, eller lägg till --open "
            "om tjänsten ska vara öppen."
        )
    # After SIGTERM the app first fails readiness for TONKOLL_SHUTDOWN_DELAY seconds
    # (api/shutdown.py); uvicorn then gives requests in flight TONKOLL_SHUTDOWN_GRACE seconds.
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers,
                loop=EVENT_LOOP, http="api.server:HeaderTimeoutProtocol",
                timeout_graceful_shutdown=Settings().shutdown_grace)
    return 0


def dispatch(args: argparse.Namespace) -> int:
    if args.command == "check":
        from tonkoll.commands.check_cmd import run_check

        return run_check(args.source, args.format, args.jsonl, args.language, args.channel,
                         args.rules)
    if args.command == "rules":
        from tonkoll.commands import docs, rules_cmd

        if args.rules_command == "test":
            return rules_cmd.run_rules_test(args.rules, ids=args.ids)
        if args.rules_command == "lint":
            return rules_cmd.run_rules_lint(args.rules)
        return docs.run_docs(args.rules, args.out, args.check)
    if args.command == "eval":
        from tonkoll.commands.evaluate import run_eval

        return run_eval(args.sources, args.format, args.rules, channel=args.channel)
    if args.command in ("db", "stats"):
        from tonkoll.commands import stats_cmd

        if args.command == "stats":
            return stats_cmd.run_stats(args.database_url, args.weeks, args.channel,
                                       args.language, args.sort, args.format)
        if args.db_command == "upgrade":
            return stats_cmd.run_db_upgrade(args.database_url)
        return stats_cmd.run_db_cleanup(args.database_url, args.days)
    return _serve(args)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return dispatch(args)
    except CliError as exc:
        sys.stderr.write(f"tonkoll: {exc}\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
