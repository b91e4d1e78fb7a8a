"""Text utilities shared by every stage above: nothing here knows what an article is.

- `dates`: find date expressions in a text ("on Tuesday", "December 15") and resolve them
  against an anchor day.
- `speech_dates`: of the dates around a quote, the one tied to the act of speaking.
- `lexicon`: the closed word classes the rules lean on (reporting verbs, roles, places...).

Imports only `search_index.models` and `search_index.errors`.
"""
