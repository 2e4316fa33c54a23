"""The Slack front-end: a Bolt app (HTTP in the service, or Socket Mode) over the brain."""
