"""Issue 10: quotes from sources nobody names are kept with their kind, and the pieces of one
utterance are one statement. Every sentence here is written for the test."""

from pathlib import Path

from search_index.articles.parse import parse_article
from search_index.extraction.evaluate import GoldStatement, evaluate
from search_index.extraction.paragraph_reader import is_display
from search_index.extraction.parallel import extract_paths_parallel
from search_index.extraction.pipeline import extract_article, extract_paths
from search_index.extraction.sources import source_kind
from search_index.models import Paragraph, Statement

HEADER = "Council votes on the harbour plan\n\nBy Jane Roe\n\nPORTSMOUTH — The council voted on " \
         "Tuesday to approve the harbour plan after a long night.\n\n"


def statements(body: str, tmp_path: Path) -> list[Statement]:
    return extract_article(parse_article(HEADER + body, tmp_path / "story.txt"))


def by_text(found: list[Statement], start: str) -> Statement:
    return next(s for s in found if s.text.startswith(start))


def test_unnamed_people_documents_groups_and_organisations_keep_their_quotes(tmp_path):
    found = statements(
        '"We will not accept this deal," a senior harbour official told reporters.\n\n'
        '"The figures do not add up," the audit says.\n\n'
        '"No more cranes," protesters chanted outside the hall.\n\n'
        '"We are reviewing the decision," the company said in a statement.\n', tmp_path)
    official = by_text(found, "We will not accept")
    assert official.speaker.endswith("official") and official.speaker_kind == "unnamed"
    assert by_text(found, "The figures").speaker_kind == "document"
    chant = by_text(found, "No more cranes")
    assert (chant.speaker, chant.speaker_kind) == ("protesters", "group")
    assert by_text(found, "We are reviewing").speaker_kind == "organisation"


def test_a_named_person_stays_a_person(tmp_path):
    found = statements('"The plan is sound," said Mayor Ellen Tovey.\n', tmp_path)
    assert (found[0].speaker, found[0].speaker_kind) == ("Ellen Tovey", "person")


def test_an_unnamed_source_is_never_the_antecedent_of_a_pronoun(tmp_path):
    found = statements(
        'Mayor Ellen Tovey opened the meeting.\n\n'
        '"It will cost more," a council engineer said. "We warned them," she added.\n',
        tmp_path)
    assert by_text(found, "We warned").speaker == "Ellen Tovey"


def test_source_kinds_by_head_noun():
    assert source_kind("the indictment") == "document"
    assert source_kind("supporters") == "group"
    assert source_kind("a supporter") == "unnamed"
    assert source_kind("the campaign") == "organisation"


def test_a_quote_split_around_its_cue_is_one_statement(tmp_path):
    found = statements('"The harbour is ready," said Tom Baker, a 45-year-old fisherman who lost '
                       'his boat in the 2019 storm. "We only need the cranes."\n', tmp_path)
    quotes = [s for s in found if s.kind != "indirect"]
    assert len(quotes) == 1
    joined = quotes[0]
    assert joined.text == "The harbour is ready, … We only need the cranes."
    assert len(joined.pieces) == 2
    assert joined.start == joined.pieces[0][0] and joined.end == joined.pieces[1][1]


def test_inverted_split_quote_is_one_statement(tmp_path):
    found = statements('"It is a good day," Baker said, "and we will celebrate it."\n', tmp_path)
    quotes = [s for s in found if s.kind != "indirect"]
    assert [q.text for q in quotes] == ["It is a good day, … and we will celebrate it."]


def test_two_verbs_of_speech_give_two_statements(tmp_path):
    found = statements('Mayor Ellen Tovey called the plan "reckless" and said the council had '
                       '"no money at all" for it.\n', tmp_path)
    quotes = sorted(s.text for s in found if s.kind != "indirect")
    assert quotes == ["no money at all", "reckless"]


def test_a_reporter_sentence_between_quotes_keeps_them_apart(tmp_path):
    found = statements('"We have bigger problems," says Ann Lee, a nurse from Dover. She says '
                       'the vote came too late. "It is their harbour, not ours."\n', tmp_path)
    quotes = [s.text for s in found if s.kind != "indirect"]
    assert "We have bigger problems," in quotes


def test_gold_that_records_each_piece_scores_the_pieces(tmp_path):
    found = statements('"It is a good day," Baker said, "and we will celebrate it."\n', tmp_path)
    gold = [GoldStatement(file="story.txt", quote="It is a good day,", speaker="Baker"),
            GoldStatement(file="story.txt", quote="and we will celebrate it.", speaker="Baker")]
    report = evaluate(gold, found)
    assert report.recall == 1.0 and report.precision == 1.0


def test_a_pool_gives_the_single_pass_output(tmp_path):
    for n in range(30):
        (tmp_path / f"{n:02d}.txt").write_text(
            HEADER + f'"Berth {n} is ready," said Harbour Master Ruth Kale.\n\n'
            f'"We start on Monday," Kale added.\n', encoding="utf-8")
    single = [s.model_dump() for o in extract_paths([tmp_path]) for s in o.statements]
    pooled = [s.model_dump() for o in extract_paths_parallel([tmp_path], 2)
              for s in o.statements]
    assert pooled == single and len(single) == 60


def test_a_quote_with_no_verb_of_speech_is_its_named_subjects(tmp_path):
    found = statements('Mayor Ellen Tovey spoke after the vote.\n\n'
                       'Tovey went on to call the plan "a harbour for nobody."\n', tmp_path)
    assert [(s.speaker, s.text) for s in found if s.kind != "indirect"] == [
        ("Ellen Tovey", "a harbour for nobody.")]


def test_a_capitalised_opener_or_a_passive_subject_is_no_speaker(tmp_path):
    found = statements('Citing the cost, the plan was called "a harbour for nobody."\n\n'
                       'Tom Hale was accused of "wasting public money" by the auditors.\n',
                       tmp_path)
    assert not [s for s in found if s.kind != "indirect"]


def test_modifiers_before_an_unnamed_source_and_more_cues(tmp_path):
    found = statements('"The kids run the show now," said the second official.\n\n'
                       'The cuts were "particularly harsh" on small ports, the lawsuit alleges.\n',
                       tmp_path)
    speakers = {s.text: (s.speaker, s.speaker_kind) for s in found if s.kind != "indirect"}
    assert speakers["The kids run the show now,"] == ("the second official", "unnamed")
    assert speakers["particularly harsh"] == ("the lawsuit", "document")


def test_where_words_were_said_is_not_who_said_them(tmp_path):
    found = statements('The union said in a statement that growth would stay "slow and uneven" '
                       'this year.\n', tmp_path)
    assert all(s.speaker != "in a statement" for s in found)



def test_a_title_case_line_is_a_headline_even_with_a_full_stop():
    headline = "Harbour Chief Caught In Yet Another Budget Storm."
    sentence = "The harbour chief was caught in yet another budget storm."
    assert is_display(Paragraph(index=0, text=headline, start=0, end=len(headline)))
    assert not is_display(Paragraph(index=0, text=sentence, start=0, end=len(sentence)))


def test_an_initial_in_a_long_subject_adds_no_distance_to_the_cue(tmp_path):
    found = statements('"These are hard days for the port," former Henry W. Ford speechwriter '
                       'Noam Kale wrote in a column.\n', tmp_path)
    assert [(s.speaker, s.kind) for s in found if s.kind != "indirect"] == [("Noam Kale",
                                                                              "direct")]


def test_a_cue_after_an_adjunct_takes_the_subject_after_it(tmp_path):
    found = statements('"This will be a test" for the council, said Ann Cole.\n', tmp_path)
    assert [s.speaker for s in found if s.kind != "indirect"] == ["Ann Cole"]


def test_more_unnamed_people(tmp_path):
    found = statements('"Nobody would come to help," the investor said.\n', tmp_path)
    assert [(s.speaker, s.speaker_kind) for s in found] == [("the investor", "unnamed")]


def test_a_capitalised_opener_before_a_cue_is_nobody(tmp_path):
    found = statements('Between the two votes, the mayor stayed silent.\n\n'
                       'Between sessions said "no deal" was likely.\n', tmp_path)
    assert all(s.speaker != "Between" for s in found)


def test_a_long_description_between_the_name_and_told_keeps_the_name(tmp_path):
    found = statements(
        'Mayor Ellen Tovey opened the meeting.\n\n'
        '"The tides will not wait for a second vote," Rafael Okonjo, a marine engineer at the '
        'Southern Coastal Institute, told the Harbour Gazette.\n', tmp_path)
    quote = by_text(found, "The tides")
    assert (quote.speaker, quote.speaker_kind) == ("Rafael Okonjo", "person")


def test_the_one_told_is_never_the_speaker(tmp_path):
    found = statements(
        'Mayor Ellen Tovey opened the meeting.\n\n'
        'As one employee told the Harbour Gazette, "They want us scared, and it worked."\n',
        tmp_path)
    quote = by_text(found, "They want us")
    assert quote.speaker_mention.endswith("employee") and quote.speaker_kind == "unnamed"
    assert "Gazette" not in quote.speaker


def test_a_state_or_party_before_a_role_noun_is_no_name(tmp_path):
    found = statements(
        'Sooner or later, the Oregon senator told reporters, "the harbour will pay for '
        'itself."\n\n'
        'Two weeks ago, the Republican governor said, the harbour was "a lost cause."\n',
        tmp_path)
    senator = by_text(found, "the harbour will pay")
    assert (senator.speaker_mention, senator.speaker_kind) == ("the Oregon senator", "unnamed")
    governor = by_text(found, "a lost cause")
    assert governor.speaker_mention == "the Republican governor"


def test_an_inverted_subject_reads_past_the_stops_of_us(tmp_path):
    found = statements(
        'Mayor Ellen Tovey opened the meeting.\n\n'
        'Tovey "was let off far too lightly for what she did," said a former U.S. harbour '
        'official who led the inquiry.\n', tmp_path)
    quote = by_text(found, "was let off")
    assert quote.speaker_mention == "a former U.S. harbour official"
    assert quote.speaker_kind == "unnamed"


def test_a_city_and_its_state_between_commas_are_one_place_not_the_speaker(tmp_path):
    found = statements(
        'Mayor Ellen Tovey, during a town hall meeting in Dayton, Ohio, said she was "going '
        'to close a lot of old yards."\n', tmp_path)
    quote = by_text(found, "going to close")
    assert quote.speaker == "Ellen Tovey"


def test_a_state_and_party_among_the_modifiers_of_an_unnamed_source(tmp_path):
    found = statements(
        '"Nobody has shown me a figure that says so," said one unaligned Oregon Republican '
        'strategist.\n', tmp_path)
    quote = by_text(found, "Nobody has shown")
    assert quote.speaker_mention == "one unaligned Oregon Republican strategist"
    assert quote.speaker_kind == "unnamed"
