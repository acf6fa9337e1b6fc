"""The `tonkoll` command's subcommands (api/cli.py parses arguments and dispatches here)."""
