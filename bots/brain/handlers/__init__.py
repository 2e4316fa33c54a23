"""One module per kind of question the bot answers; each handler takes ``(Intent, Context)`` and returns an
``Answer``.

Below them: ``lookup`` (which vendor a question is about, its documents) and ``guidance`` (examples, help, the
refusal). A handler module may call one beside it (``frameworks`` uses ``assessment``'s verdict), never the router
above them (``bots.brain.router``).
"""
