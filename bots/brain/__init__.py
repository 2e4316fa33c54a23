"""The bot's brain, independent of Slack: what a question asks (intents) and the answer to it (router, handlers).

The Slack app and the console chat both call ``router.respond`` and render the ``reply.Answer`` it returns; only
the rendering differs.
"""
