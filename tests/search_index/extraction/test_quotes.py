from paragraph_helpers import paragraphs_of

from search_index.extraction.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text, paragraphs_of(text))]


def test_curly_and_straight_marks():
    assert quoted('“We will act,” she said. He said "we agree."') == ["We will act,", "we agree."]


def test_mixed_pair_curly_open_straight_close():
    assert quoted('“We have a strong relationship," he added.') == [
        "We have a strong relationship,"]


def test_split_quote_around_the_attribution():
    text = "“Talks went well,” said Lopez. “We meet again in May.”"
    assert quoted(text) == ["Talks went well,", "We meet again in May."]


def test_missing_opening_mark_before_the_attribution():
    text = "Voters turned out in large numbers,” said Lopez. “We welcome that.”"
    spans = find_quotes(text, paragraphs_of(text))
    assert [text[s.start:s.end] for s in spans] == ["Voters turned out in large numbers,",
                                                    "We welcome that."]
    assert spans[0].opened is False


def test_quote_running_over_two_paragraphs_without_closing_the_first():
    text = "“First point made here.\n\nSecond point made here,” Lopez added."
    assert quoted(text) == ["First point made here.\n\nSecond point made here,"]


def test_ap_style_continued_quote_reopens_the_next_paragraph():
    text = "“First point made here.\n“Second point,” Lopez added."
    [span] = find_quotes(text, paragraphs_of(text))
    assert span.paragraph == 0 and span.last_paragraph == 1


def test_nested_single_quotes_stay_inside_their_quote():
    text = "“They called it a ‘historic deal’ today,” she said."
    assert quoted(text) == ["They called it a ‘historic deal’ today,"]


def test_apostrophes_are_not_marks():
    text = "Pakistan’s envoy said the country's 'firm resolve' won't fade."
    assert quoted(text) == ["firm resolve"]


def test_guillemets():
    assert quoted("Le ministre a dit « nous restons » hier.") == ["nous restons"]
