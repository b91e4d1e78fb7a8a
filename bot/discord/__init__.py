"""The Discord transport: the client, slash commands, embeds, views and error replies.

- `app.create_bot(settings, service)`: the entry point; `app.OnRecordBot` answers each command
  in a worker thread within Discord's 3 s.
- `slash_commands`: the commands' names, options, checks and cooldowns, typed against
  `host.CommandHost`; `autocomplete`: speaker and outlet choices.
- `render`: an `Answer` as embeds; `views`: the paging buttons and the Context menu;
  `replies`: private lines, placeholders and chart files; `timing`: when to defer.
- `errors`: the one error handler; `endpoints`: where discord.py connects (tests use a double);
  `command_sync`: `onrecord sync`.

Imports `bot.commands`, `bot.answers`, `bot.settings` and the search library's models.
"""
