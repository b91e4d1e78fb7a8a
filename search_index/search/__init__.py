"""Stage 4, queries over the index: what the bot and the console ask.

- `service.SearchService`: the entry point (search, latest, speakers, outlets, suggest,
  statement, related, sources, stats, whosaid, timeline, refresh).
- `interface.SearchBackend`: that service's interface, the one description callers type against.
- `searcher`: the open Whoosh searcher and when to swap in a newer one; `suggestions`:
  speakers as people type them, and did-you-mean.
- `querying`: user text -> Whoosh queries, never a syntax error; `ranking`: which statements
  match and in what order.
- `whosaid`: which statements hold a half-remembered phrase; `timeline`: statements over time.

Imports `index`, `models` and `errors`.
"""

from search_index.search.interface import SearchBackend
from search_index.search.service import SearchService

__all__ = ["SearchBackend", "SearchService"]
