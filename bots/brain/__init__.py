"""The bot's brain, independent of Slack: what a question asks (intents) and the answer to it (answers).

The Slack app and the console chat both call ``answers.respond``; only the rendering differs.
"""
