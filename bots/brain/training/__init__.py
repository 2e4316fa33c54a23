"""The bot's intent classifier: the question corpus the project writes, and the script that trains on it.

``python -m bots.brain.training.train`` rebuilds ``bots/brain/model/`` from ``corpus.py`` with fixed seeds; nothing
is downloaded (``spacy.blank("en")``).
"""
