"""Stage 2, `Article` -> `Statement`s: direct quotes, partial quotes and reported speech, each
with its speaker, the speaker's role at the time, the day it was said and its offsets.

- `pipeline.extract_article(article)` / `pipeline.extract_paths(paths)`: the entry points.
- `quotes`: quoted spans; `transcripts` and `hansard`: speaker turns of briefings and records.
- `tokens`, `mentions`, `discourse`: a paragraph's words, the speaker mentions in it, and who
  the article has named and heard so far.
- `paragraph_reader`: who said each quote of a paragraph; `reported_speech`: which sentences
  report speech without quoting it, and whose (`content_clauses`: where the reported clause
  begins and ends in each frame); `cues`: the reporting-verb grammar both share;
  `attributed`: what they produce (`Attributed`); `attribution`: the article-level pass.
- `statement_dates`: the day each statement was said (or plainly none), as a careful reader
  would give it.
- `speakers`, `institutions`, `gender`, `notables`: one speaker across the corpus, whose
  "Foreign Office" it is, "she said", well-known office holders.
- `evaluate`: scoring against hand-checked gold statements.

Imports `articles`, `text`, `models` and `errors`; never the index.
"""

from search_index.extraction.pipeline import extract_article, extract_paths

__all__ = ["extract_article", "extract_paths"]
