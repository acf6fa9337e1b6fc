"""The `tonkoll` command's subcommands (tonkoll/cli.py parses arguments and dispatches here)."""
