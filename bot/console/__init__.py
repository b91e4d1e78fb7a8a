"""The local console: the same slash commands answered as terminal text.

- `session.run_console()`: the prompt (`next`, `prev`, `/context N`, `help`, `quit`);
  `session.ask()` answers one line for `onrecord ask`.
- `parse`: a console line read the way Discord's command box reads it.
- `render`: an `Answer` as wrapped terminal text.

Imports `bot.commands`, `bot.answers` and the search library; never discord.
"""
