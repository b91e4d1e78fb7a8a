"""Refusals as answers: bad input and an unavailable index come back as private error
answers that say what to try instead, never as exceptions in front of a user."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import ParamSpec

from bot.answers import Answer, error
from search_index.errors import IndexUnavailable

log = logging.getLogger(__name__)


class BadInput(Exception):
    """An argument a user can fix; the message says how."""

    def __init__(self, title: str, *lines: str) -> None:
        super().__init__(title)
        self.answer = error(title, *lines)


P = ParamSpec("P")


def answers_errors(command: Callable[P, Answer]) -> Callable[P, Answer]:
    """Turn bad input and an unavailable index into private answers instead of exceptions."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Answer:
        try:
            return command(*args, **kwargs)
        except BadInput as bad:
            return bad.answer
        except IndexUnavailable as unavailable:
            # The detail (a path on the server) is for the operator's log, not for members.
            log.warning("index unavailable for %s: %s", command.__name__, unavailable)
            return index_unavailable_answer()

    return wrapper


def index_unavailable_answer() -> Answer:
    return error(
        "The index is not available right now.",
        "It is being rebuilt or repaired: try again in a minute.",
        "If this lasts, a server manager can rebuild it with /reindex (or `onrecord index`).",
    )
