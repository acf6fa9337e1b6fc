"""tonkoll check FILE|- [--format json] [--jsonl]."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from tonkoll.commands.common import EXIT_OK, jsonl_records, load, read_text
from tonkoll.commands.report_io import render_text, report_json
from tonkoll.engine import check
from tonkoll.rulebook.model import Rulebook


def run_check(source: str, fmt: str, jsonl: bool, language: str, channel: str,
              rules: list[str] | None, out: TextIO | None = None) -> int:
    """Check one text (or one JSON object per line with --jsonl) and print the report(s)."""
    out = out or sys.stdout
    book = load(rules)
    text = read_text(source)
    if jsonl:
        return _run_jsonl(text, book, language, channel, out)
    report = check(text, book, language=language, channel=channel)
    if fmt == "json":
        out.write(report_json(report) + "\n")
    else:
        color = out.isatty() and not os.environ.get("NO_COLOR")
        out.write(render_text(report, text, color) + "\n")
    return EXIT_OK


def _run_jsonl(data: str, book: Rulebook, language: str, channel: str, out: TextIO) -> int:
    write = out.write
    for number, record in jsonl_records(data.splitlines()):
        lang = record.get("language", record.get("lang", language))
        lang = lang if lang in ("auto", "sv", "en") else language
        chan = record.get("channel", channel)
        report = check(record["text"], book, language=lang, channel=str(chan))
        extra = {"id": record["id"]} if "id" in record else {"line": number}
        write(report_json(report, extra) + "\n")
    return EXIT_OK
