"""Who is a "she" and who a "he": what the article writes beside each name."""

from paragraph_helpers import paragraphs_of

from search_index.extraction.gender import first_name_gender, learn_genders


def genders(text: str, quotes: list[tuple[int, int]] | None = None) -> dict[str, str]:
    return learn_genders(text, paragraphs_of(text), quotes or [])


def test_honorifics_say_who_is_a_man_or_a_woman():
    found = genders("Mr Okonjo met Ms. Vance and Dame Rhoda Quill in Lagos on Monday.")
    assert found["okonjo"] == "m" and found["vance"] == "f" and found["quill"] == "f"


def test_gendered_role_nouns_before_or_after_the_name():
    found = genders("Council spokeswoman Lina Ferro declined to comment.\n"
                    "Tomas Rehn, the chairman of the board, was not available.")
    assert found == {"ferro": "f", "rehn": "m"}


def test_possessives_and_reflexives_after_the_name():
    found = genders("Ines Marlow praised her squad after the match.\n"
                    "Olek Brandt said he had considered resigning himself.")
    assert found == {"marlow": "f", "brandt": "m"}


def test_a_pronoun_after_someone_else_is_named_says_nothing_of_the_first():
    found = genders("Ines Marlow confirmed that Olek Brandt had hurt his knee.")
    assert found == {"brandt": "m"}


def test_words_inside_a_quote_are_not_the_reporters():
    text = "Ines Marlow said: “He told us to leave.”"
    start = text.index("He told")
    assert genders(text, [(start, start + len("He told us to leave."))]) == {}


def test_common_first_names_are_only_a_fallback_and_need_a_surname():
    assert first_name_gender("Margaret Oduya") == "f"
    assert first_name_gender("Robert Lenz") == "m"
    assert first_name_gender("Sasha Lenz") is None  # not sure: unknown
    assert first_name_gender("Margaret") is None
