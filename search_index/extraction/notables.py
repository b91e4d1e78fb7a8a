"""Well-known office holders, so a surname the article never expands ("Tillerson said") still
gets its full name when the name and the date leave only one candidate.

Public knowledge, kept small and regular: heads of government and foreign policy officials and
their spokespeople for the countries this corpus covers most. A surname resolves only when
exactly one entry carries it (within its years of office, when the date is known); anything
ambiguous stays as written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Notable:
    name: str
    role: str
    first_year: int
    last_year: int


def _n(name: str, role: str, first: int, last: int) -> Notable:
    return Notable(name, role, first, last)


NOTABLES: tuple[Notable, ...] = (
    # United States: presidents, vice presidents, secretaries of state and defense
    _n("George W. Bush", "President of the United States", 2001, 2009),
    _n("Barack Obama", "President of the United States", 2009, 2017),
    _n("Donald Trump", "President of the United States", 2017, 2026),
    _n("Joe Biden", "President of the United States", 2021, 2025),
    _n("Mike Pence", "Vice President of the United States", 2017, 2021),
    _n("Kamala Harris", "Vice President of the United States", 2021, 2025),
    _n("Condoleezza Rice", "US Secretary of State", 2005, 2009),
    _n("Hillary Clinton", "US Secretary of State", 2009, 2013),
    _n("John Kerry", "US Secretary of State", 2013, 2017),
    _n("Rex Tillerson", "US Secretary of State", 2017, 2018),
    _n("Mike Pompeo", "US Secretary of State", 2018, 2021),
    _n("Antony Blinken", "US Secretary of State", 2021, 2025),
    _n("Marco Rubio", "US Secretary of State", 2025, 2026),
    _n("Robert Gates", "US Secretary of Defense", 2006, 2011),
    _n("Leon Panetta", "US Secretary of Defense", 2011, 2013),
    _n("Chuck Hagel", "US Secretary of Defense", 2013, 2015),
    _n("Ashton Carter", "US Secretary of Defense", 2015, 2017),
    _n("James Mattis", "US Secretary of Defense", 2017, 2019),
    _n("Mark Esper", "US Secretary of Defense", 2019, 2020),
    _n("Lloyd Austin", "US Secretary of Defense", 2021, 2025),
    _n("Pete Hegseth", "US Secretary of Defense", 2025, 2026),
    _n("Jake Sullivan", "US National Security Adviser", 2021, 2025),
    _n("Zalmay Khalilzad", "US Special Representative for Afghanistan Reconciliation", 2018, 2021),
    # United States: spokespeople
    _n("Heather Nauert", "State Department Spokesperson", 2017, 2018),
    _n("Morgan Ortagus", "State Department Spokesperson", 2019, 2020),
    _n("Ned Price", "State Department Spokesperson", 2021, 2023),
    _n("Matthew Miller", "State Department Spokesperson", 2023, 2025),
    _n("Tammy Bruce", "State Department Spokesperson", 2025, 2026),
    _n("Jen Psaki", "White House Press Secretary", 2021, 2022),
    _n("Karine Jean-Pierre", "White House Press Secretary", 2022, 2025),
    _n("Karoline Leavitt", "White House Press Secretary", 2025, 2026),
    _n("Sarah Huckabee Sanders", "White House Press Secretary", 2017, 2019),
    _n("Sean Spicer", "White House Press Secretary", 2017, 2017),
    _n("Kayleigh McEnany", "White House Press Secretary", 2020, 2021),
    _n("John Kirby", "Pentagon Press Secretary", 2021, 2025),
    _n("Pat Ryder", "Pentagon Press Secretary", 2022, 2025),
    # Pakistan
    _n("Imran Khan", "Prime Minister of Pakistan", 2018, 2022),
    _n("Shehbaz Sharif", "Prime Minister of Pakistan", 2022, 2026),
    _n("Nawaz Sharif", "Prime Minister of Pakistan", 2013, 2017),
    _n("Shahid Khaqan Abbasi", "Prime Minister of Pakistan", 2017, 2018),
    _n("Anwaar-ul-Haq Kakar", "Caretaker Prime Minister of Pakistan", 2023, 2024),
    _n("Shah Mahmood Qureshi", "Foreign Minister of Pakistan", 2018, 2022),
    _n("Bilawal Bhutto Zardari", "Foreign Minister of Pakistan", 2022, 2023),
    _n("Jalil Abbas Jilani", "Caretaker Foreign Minister of Pakistan", 2023, 2024),
    _n("Ishaq Dar", "Foreign Minister of Pakistan", 2024, 2026),
    _n("Mumtaz Zahra Baloch", "Foreign Office Spokesperson", 2022, 2025),
    _n("Asim Iftikhar Ahmad", "Foreign Office Spokesperson", 2022, 2022),
    _n("Zahid Hafeez Chaudhri", "Foreign Office Spokesperson", 2020, 2022),
    _n("Mohammad Faisal", "Foreign Office Spokesperson", 2017, 2020),
    _n("Shafqat Ali Khan", "Foreign Office Spokesperson", 2025, 2026),
    _n("Asim Munir", "Chief of Army Staff", 2022, 2026),
    _n("Qamar Javed Bajwa", "Chief of Army Staff", 2016, 2022),
    _n("Ahmed Sharif Chaudhry", "Director General ISPR", 2022, 2026),
    _n("Babar Iftikhar", "Director General ISPR", 2020, 2022),
    _n("Asif Ghafoor", "Director General ISPR", 2016, 2020),
    # India, Afghanistan, United Kingdom, United Nations
    _n("Narendra Modi", "Prime Minister of India", 2014, 2026),
    _n("Subrahmanyam Jaishankar", "External Affairs Minister of India", 2019, 2026),
    _n("Ashraf Ghani", "President of Afghanistan", 2014, 2021),
    _n("Zabihullah Mujahid", "Taliban Spokesman", 2021, 2026),
    _n("Boris Johnson", "Prime Minister of the United Kingdom", 2019, 2022),
    _n("Rishi Sunak", "Prime Minister of the United Kingdom", 2022, 2024),
    _n("Keir Starmer", "Prime Minister of the United Kingdom", 2024, 2026),
    _n("David Lammy", "UK Foreign Secretary", 2024, 2025),
    _n("David Cameron", "UK Foreign Secretary", 2023, 2024),
    _n("Antonio Guterres", "UN Secretary-General", 2017, 2026),
    _n("Stephane Dujarric", "Spokesman for the UN Secretary-General", 2014, 2026),
)


def resolve_notable(mention: str, when: datetime.date | None = None) -> str | None:
    """The one notable a surname (or a shorter form of a full name) can mean, or None."""
    words = mention.replace(".", " ").split()
    if not words:
        return None
    last = words[-1].lower()
    candidates = [n for n in NOTABLES if n.name.lower().split()[-1] == last
                  and all(w.lower() in n.name.lower().split() for w in words[:-1])]
    if when is not None:
        in_office = [n for n in candidates if n.first_year - 1 <= when.year <= n.last_year + 1]
        candidates = in_office
    names = {n.name for n in candidates}
    return next(iter(names)) if len(names) == 1 else None
