"""Conversation state the chat front ends share: which requirement profile a channel uses, and which incoming
events were already handled (so a retried or doubled event is acted on once)."""
