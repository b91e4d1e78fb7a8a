import datetime

from search_index.extraction.speakers import SpeakerRegistry, normalise_name


def test_normalise_drops_honorifics_and_punctuation():
    assert normalise_name("Mr. Matthew Miller") == "matthew miller"
    assert normalise_name("Gen. Asim Munir's") == "asim munir"


def test_surname_resolves_to_the_one_full_name():
    registry = SpeakerRegistry()
    registry.observe("Laura Chen")
    assert registry.resolve("Chen") == "Laura Chen"
    registry.observe("David Chen")
    assert registry.resolve("Chen") is None  # ambiguous: left as written


def test_typo_and_shorter_form_are_tolerated_only_when_safe():
    registry = SpeakerRegistry()
    registry.observe("Michael Kugelman")
    registry.observe("Mumtaz Zahra Baloch")
    assert registry.resolve("Micheal Kugelman") == "Michael Kugelman"
    assert registry.resolve("Mumtaz Baloch") == "Mumtaz Zahra Baloch"
    assert registry.resolve("Michael Jordan") is None


def test_roles_kept_with_dates_and_acronym_alias():
    registry = SpeakerRegistry()
    registry.observe("Sam Okafor", "Foreign Minister", date=datetime.date(2017, 10, 4))
    registry.observe("Okafor", "Defence Minister", date=datetime.date(2024, 11, 6))
    speaker = registry.speakers["Sam Okafor"]
    assert [r.role for r in speaker.roles] == ["Foreign Minister", "Defence Minister"]
    assert registry.role_on("Sam Okafor", datetime.date(2017, 10, 5)).role == "Foreign Minister"
    registry.observe("Inter-Services Public Relations", institution=True, alias="ISPR")
    assert registry.resolve("ISPR") == "Inter-Services Public Relations"


def test_registry_round_trips_through_json():
    registry = SpeakerRegistry()
    registry.observe("Laura Chen", "Spokesperson", date=datetime.date(2024, 1, 2))
    again = SpeakerRegistry.model_validate_json(registry.model_dump_json())
    assert again.resolve("Chen") == "Laura Chen"


def test_aliases_are_name_forms_only():
    registry = SpeakerRegistry()
    registry.observe("Mumtaz Zahra Baloch", "Foreign Office Spokesperson")
    for mention in ("he", "she", "Pakistan", "the spokesperson", "Spokesperson"):
        registry.observe("Mumtaz Zahra Baloch", alias=mention)
    registry.observe("Mumtaz Zahra Baloch", alias="Mumtaz Baloch")
    registry.observe("Inter-Services Public Relations", institution=True, alias="ISPR")
    assert registry.speakers["Mumtaz Zahra Baloch"].aliases == ["Baloch", "Mumtaz Baloch"]
    assert registry.speakers["Inter-Services Public Relations"].aliases == ["ISPR"]
    assert registry.resolve("Pakistan") is None and registry.resolve("he") is None
