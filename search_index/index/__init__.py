"""Stage 3, `Statement`s -> the Whoosh index on disk: incremental, locked, crash-safe.

- `ingest.ingest(paths, index_dir)`: the entry point; it reads only new and changed files and
  commits once (`IngestReport` says what changed).
- `lock`: one ingest at a time per index folder (a `filelock` lock); `update.IndexUpdate`:
  one run's changes, written in one commit.
- `schema`: the index's fields; `records`: what is stored as JSON beside them.
- `speaker_store`: the speaker registry kept beside the index; `directory`: each speaker's
  roles, aliases, counts and date span.
- `postings` and `whoosh_internals`: the only places that read or patch Whoosh's private parts.

Imports `extraction`, `articles`, `models` and `errors`; never the search service.
"""

from search_index.index.ingest import IngestReport, ingest

__all__ = ["IngestReport", "ingest"]
