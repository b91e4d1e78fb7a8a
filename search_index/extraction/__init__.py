"""Stage 2, `Article` -> `Statement`s: direct quotes, partial quotes and reported speech, each
with its speaker, the speaker's role at the time, the day it was said and its offsets.

- `pipeline.extract_article(article)` / `pipeline.extract_paths(paths)`: the entry points.
- `quotes`: quoted spans; `transcripts` and `hansard`: speaker turns of briefings and records.
- `tokens`, `mentions`, `discourse`: a paragraph's words, the speaker mentions in it, and who
  the article has named and heard so far.
- `paragraph_reader` and `attribution`: who said each quote, and which sentences report speech.
- `speakers`, `gender`, `notables`: one speaker across the corpus, "she said", well-known
  office holders.
- `evaluate`: scoring against hand-checked gold statements.

Imports `articles`, `text`, `models` and `errors`; never the index.
"""

from search_index.extraction.pipeline import extract_article, extract_paths

__all__ = ["extract_article", "extract_paths"]
