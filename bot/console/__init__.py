"""The local console: the same slash commands answered as terminal text."""
