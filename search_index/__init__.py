"""OnRecord's library: article parsing, statement extraction, the index and its queries.

It never imports discord: the bot and the console are callers of this package, not parts of it.
"""
