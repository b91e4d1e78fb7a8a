"""Stage 1, article files -> `Article`: the text with its furniture set aside, the title,
byline and outlet read from the header, the publication date with its basis, and the body's
prose paragraphs as offsets into the text.

- `loading.load_article(path)`: the entry point for one file (plain text or a saved page).
- `discovery.collect_files(paths)`: which files under the corpus folders are articles (the
  one rule every command uses).
- `files`: size caps, binary detection, decoding, the NAME.meta.json sidecar.
- `corpus_meta`: what the operator knows: a folder's sources.csv and the sidecars.
- `parse.parse_article(text)`: decoded text -> Article; `furniture` classifies each line,
  `page_header` finds the body and reads the header, `outlets` names the outlet and its wire
  credit, `publication` dates the article.
- `html_pages`: saved web pages, read with trafilatura.
- `fetch`: downloading pages and feeds into a corpus folder; `polite_http` makes each request
  (delay per host, size cap, timeouts, urllib3 retries for a busy server).

Imports only `text`, `models` and `errors`.
"""

from search_index.articles.loading import load_article
from search_index.articles.parse import parse_article

__all__ = ["load_article", "parse_article"]
