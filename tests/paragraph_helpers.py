"""Build paragraphs from short test texts: one paragraph a non-blank line."""

import re

from search_index.models import Paragraph


def paragraphs_of(text: str) -> list[Paragraph]:
    return [Paragraph(index=i, text=m.group(), start=m.start(), end=m.end())
            for i, m in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text))]
