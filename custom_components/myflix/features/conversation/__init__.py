"""Conversation: Myflix's LLM tools and the sentences HA's own agent answers."""
