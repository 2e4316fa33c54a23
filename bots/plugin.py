"""The bots' hooks into the service: CLI subcommands and the Slack HTTP endpoint (filled in by the Slack work)."""
