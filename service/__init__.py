"""The intake service: API, storage, durable jobs, alerts, settings and the CLI."""
