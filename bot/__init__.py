"""OnRecord's transports: the Discord bot, the local console and the `onrecord` command.

Holds no search logic: every answer comes from `search_index`.
"""
