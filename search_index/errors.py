"""Errors the library raises on purpose. Each carries a one-line message fit for a user."""


class OnRecordError(Exception):
    """Base class: str(error) is a short sentence a user can read; details go to the log."""


class ArticleError(OnRecordError):
    """An article file that cannot be read as a news article (empty, binary, huge, unreadable)."""


class IndexUnavailable(OnRecordError):
    """The index is missing, being rebuilt, or damaged; `onrecord index` restores it."""


class IndexBusy(OnRecordError):
    """Another ingest holds the index's write lock."""


class SearchFailed(OnRecordError):
    """A search worker process died or overran its time limit while answering; it has been
    replaced, so asking again works."""
