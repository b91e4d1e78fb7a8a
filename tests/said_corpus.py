"""A small corpus of invented articles for /whosaid and /timeline: the same words from two
speakers, one quote reported by two outlets, and one speaker's statements over six months.

Every text here was written for these tests. Dates come from each article's sidecar and from
the day named in its text, so what each statement's date should be is known.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

# The shared slogan both ministers used, weeks apart; Varga first.
SLOGAN = "Water is life, and this river is our life"
SLOGAN_PHRASE = "water is life"
# Both ministers said these words inside different statements; Varga first.
SHARED_PHRASE = "a line in the sand"
VARGA = "Elena Varga"
WREN = "Tomas Wren"
# The months in which the articles below report Varga speaking (none in February to May).
VARGA_MONTHS = (date(2024, 1, 1), date(2024, 3, 1), date(2024, 6, 1))

ARTICLES: dict[str, tuple[dict[str, str], str]] = {
    "river-january": (
        {"outlet": "Harbour Herald", "published": "2024-01-16",
         "url": "https://herald.example/river-january"},
        """Varga opens talks on upstream dam

LINZ — Foreign Minister Elena Varga said on Tuesday that talks on the dam would begin next month.

"We want an agreement that protects the farmers on both banks," Varga told reporters in Linz.
""",
    ),
    "river-march": (
        {"outlet": "Harbour Herald", "published": "2024-03-05",
         "url": "https://herald.example/river-march"},
        f"""Varga warns neighbours over dam

LINZ — Foreign Minister Elena Varga said on Tuesday that the dam was a matter of survival.

"{SLOGAN}," Varga told a crowd of farmers in Linz.

"This dam is a line in the sand for every farmer in the valley," she added.

"We will not accept a project that takes water from our fields," Varga said.
""",
    ),
    "river-march-ledger": (
        {"outlet": "Daily Ledger", "published": "2024-03-06",
         "url": "https://ledger.example/varga-dam"},
        """Minister rejects dam plan

LINZ — Foreign Minister Elena Varga on Tuesday rejected the upstream dam plan outright.

"We will not accept a project that takes water from our fields," Varga said.
""",
    ),
    "river-april": (
        {"outlet": "Valley Courier", "published": "2024-04-10",
         "url": "https://courier.example/wren-dam"},
        f"""Wren joins dam protest

GRAZ — Energy Minister Tomas Wren said on Wednesday that the government stood with the farmers.

"{SLOGAN}," Wren told protesters in Graz.

"Our position is clear and it is a line in the sand," Wren said.
""",
    ),
    "river-june": (
        {"outlet": "Harbour Herald", "published": "2024-06-12",
         "url": "https://herald.example/river-june"},
        """Dam talks end without agreement

LINZ — Foreign Minister Elena Varga said on Wednesday that the talks had ended without agreement.

"The door remains open, but our patience is not endless," Varga said.
""",
    ),
}


def write_said_corpus(folder: Path) -> Path:
    """Write the articles (NAME.txt with NAME.meta.json) into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (meta, text) in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder
