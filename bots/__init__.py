"""Chat front-ends (Slack, console) on the service."""
