"""Closed word classes the extraction rules lean on: reporting verbs, role and organisation words,
places, honorifics. Kept in one place so the rules read as grammar and the lists can grow."""

from __future__ import annotations

import re

# Reporting verbs, every inflection spelled out: a regex over a fixed set is fast and exact.
# Base forms that introduce the words of a speaker, quoted or reported.
_CUE_BASES: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "add": ("add", "adds", "added", "adding"),
    "state": ("states", "stated", "stating"),
    "affirm": ("affirms", "affirmed", "affirming"),
    "reaffirm": ("reaffirms", "reaffirmed", "reaffirming"),
    "conclude": ("concludes", "concluded", "concluding"),
    "note": ("notes", "noted", "noting"),
    "stress": ("stresses", "stressed", "stressing"),
    "reiterate": ("reiterates", "reiterated", "reiterating"),
    "tell": ("tells", "told", "telling"),
    "explain": ("explains", "explained", "explaining"),
    "insist": ("insists", "insisted", "insisting"),
    "warn": ("warns", "warned", "warning"),
    "argue": ("argues", "argued", "arguing"),
    "claim": ("claims", "claimed", "claiming"),
    "announce": ("announces", "announced", "announcing"),
    "declare": ("declares", "declared", "declaring"),
    "confirm": ("confirms", "confirmed", "confirming"),
    "acknowledge": ("acknowledges", "acknowledged", "acknowledging"),
    "assert": ("asserts", "asserted", "asserting"),
    "emphasise": ("emphasises", "emphasised", "emphasising", "emphasizes", "emphasized",
                  "emphasizing"),
    "underline": ("underlines", "underlined", "underlining"),
    "underscore": ("underscores", "underscored", "underscoring"),
    "maintain": ("maintains", "maintained", "maintaining"),
    "write": ("writes", "wrote", "writing"),
    "tweet": ("tweets", "tweeted", "tweeting"),
    "post": ("posted",),
    "reply": ("replies", "replied", "replying"),
    "respond": ("responded",),
    "remark": ("remarks", "remarked", "remarking"),
    "observe": ("observed",),
    "opine": ("opines", "opined", "opining"),
    "contend": ("contends", "contended", "contending"),
    "caution": ("cautions", "cautioned", "cautioning"),
    "quip": ("quips", "quipped"),
    "urge": ("urges", "urged", "urging"),
    "vow": ("vows", "vowed", "vowing"),
    "pledge": ("pledges", "pledged", "pledging"),
    "recall": ("recalls", "recalled", "recalling"),
    "describe": ("describes", "described", "describing"),
    "term": ("terms", "termed", "terming"),
    "call": ("called", "calling"),
    "continue": ("continued", "continues"),  # "The letter continues: “…”"
    "predict": ("predicts", "predicted", "predicting"),
    "deny": ("denies", "denied", "denying"),
    "admit": ("admits", "admitted", "admitting"),
    "suggest": ("suggests", "suggested", "suggesting"),
    "comment": ("commented",),
    # "accused ministers of having ‘lost control’", "countered that the bill lacked safeguards"
    "accuse": ("accuses", "accused", "accusing"),
    "counter": ("countered",),
    "concede": ("concedes", "conceded", "conceding"),
    "retort": ("retorted",),
    "complain": ("complains", "complained", "complaining"),
    # speech cues of news copy beyond "said": `"…?" she asked`, `protesters chanted "…"`
    "ask": ("asks", "asked"),
    "joke": ("jokes", "joked"),
    "shout": ("shouts", "shouted"),
    "chant": ("chant", "chants", "chanted", "chanting"),
    "yell": ("yells", "yelled"),
    "exclaim": ("exclaims", "exclaimed"),
    "boast": ("boasts", "boasted"),
    "testify": ("testifies", "testified"),
    "report": ("reports", "reported"),  # "The Post reported that he left “at the urging …”"
    "charge": ("charged",),  # "“…,” Kelly charged"; "was charged with" is passive, no cue
    # "a sign that reads “…”", "“…,” read the statement"
    "read": ("reads", "read"),
    "allege": ("alleges", "alleged"),  # "…, the lawsuit alleges"; "the alleged" is no cue
    # `"…?" he wondered`, `"…," she lamented`: verbs that only ever frame words said
    "wonder": ("wondered",),
    "proclaim": ("proclaims", "proclaimed", "proclaiming"),
    "lament": ("laments", "lamented"),
    "muse": ("mused",),
    "scoff": ("scoffed",),
    "gush": ("gushed",),
}
CUE_FORMS: dict[str, str] = {form: base for base, forms in _CUE_BASES.items() for form in forms}

# Verbs that report a clause ("X said (that) ...") precisely enough for indirect statements.
# The rest (described, called, urged, vowed...) take objects or infinitives, not clauses.
INDIRECT_CUE_BASES = frozenset({
    "say", "add", "state", "affirm", "reaffirm", "note", "stress", "reiterate", "tell",
    "explain", "insist", "warn", "argue", "claim", "announce", "declare", "confirm",
    "acknowledge", "assert", "emphasise", "underline", "underscore", "maintain", "write",
    "conclude", "deny", "admit", "contend", "predict", "counter", "concede", "retort",
    "complain",
})

# Words between a subject and its cue that do not change who speaks ("Miller also said").
ADVERBS = frozenset({
    "also", "further", "then", "later", "again", "earlier", "previously", "once", "reportedly",
    "separately", "too", "publicly", "recently", "only", "simply", "repeatedly", "firmly",
    "clearly", "flatly", "bluntly", "categorically", "strongly", "quickly", "candidly", "finally",
    "however", "meanwhile", "additionally", "specifically", "sharply", "openly", "privately",
})
AUXILIARIES = frozenset({"has", "have", "had", "was", "were", "is", "are", "would", "will",
                         "did", "does", "do", "could", "might", "may"})

PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None, "we": None, "i": None}

# Heads of anonymous attributions ("a senior official said", "officials said", "sources told"):
# nobody on the record, so never resolved to a named speaker.
ANONYMOUS_NOUNS = frozenset({
    "official", "officials", "source", "sources", "diplomat", "diplomats", "analysts",
    "observers", "insiders", "aides", "witnesses", "residents", "people", "person", "someone",
    "critics", "experts", "sources'", "officials'",
})
# Single-word institution heads that a definite "the ministry" refers back with.
GENERIC_INSTITUTION_HEADS = frozenset({
    "ministry", "embassy", "department", "office", "commission", "agency", "government",
    "military", "army", "council", "mission", "consulate", "court", "party", "authority",
    "directorate", "secretariat", "administration", "bureau", "command",
})

HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "gen", "general", "lt", "col",
    "colonel", "maj", "major", "capt", "captain", "adm", "admiral", "sen", "senator", "rep",
    "sir", "dame", "lord", "lady", "hon", "honourable", "honorable", "rev", "sheikh", "sardar",
    "justice", "judge", "ambassador", "secretary", "president", "minister", "chief", "mayor",
    "governor", "gov", "pm", "retd", "retired", "brig", "brigadier", "air", "marshal", "vice",
    "deputy", "acting", "former", "ex", "the", "spokesperson", "spokesman", "spokeswoman",
    "barrister", "advocate", "engr", "maulana", "mufti", "allama",
})

# Nouns a story uses to describe again someone it has named ("the Republican nominee told", "the
# billionaire business mogul said", "the retired neurosurgeon told"): no office to look up,
# so "the <description>" stands for the person speaking in the story just then.
DESCRIPTION_NOUNS = frozenset({
    "nominee", "candidate", "front-runner", "frontrunner", "challenger", "incumbent",
    "contender", "hopeful", "tycoon", "mogul", "billionaire", "businessman", "businesswoman",
    "neurosurgeon", "surgeon", "heckler", "host", "anchor", "commentator", "columnist",
    "pollster", "consultant", "historian", "author", "entrepreneur",
})
# Words that make a noun phrase a role ("State Department Spokesperson", "the defence minister").
ROLE_WORDS = frozenset({
    "spokesperson", "spokesman", "spokeswoman", "spokespeople", "spox", "secretary", "minister",
    "president", "vice-president", "premier", "pm", "chancellor", "adviser", "advisor",
    "ambassador", "envoy", "chief", "commissioner", "director", "chairman", "chairwoman",
    "chair", "chairperson", "general", "leader", "senator", "sen", "rep", "representative",
    "governor", "mayor", "official", "officer", "expert", "analyst", "spokesperson's",
    "commander", "admiral", "colonel", "lieutenant", "captain", "major", "head", "deputy",
    "undersecretary", "under-secretary", "coordinator", "counsellor", "counselor", "consul",
    "attaché", "attache", "diplomat", "lawmaker", "legislator", "congressman", "congresswoman",
    "mp", "mna", "mpa", "founder", "co-founder", "ceo", "executive", "economist", "professor",
    "researcher", "fellow", "scholar", "editor", "correspondent", "judge", "justice",
    "prosecutor", "attorney", "lawyer", "king", "queen", "prince", "emir", "sheikh", "army",
    "press", "aide", "negotiator", "strategist", "member", "speaker", "councillor", "delegate",
    "administrator", "manager", "president-elect", "monarch", "cleric", "imam", "activist",
    # the descriptions put before a member of the public: "Retiree NAME, 62, said"
    "retiree", "pensioner", "commuter", "student", "teacher", "shopkeeper", "trader", "voter",
    "volunteer", "homeowner", "resident",
    # a campaign's people: "Republican front-runner NAME", "the Democratic nominee said"
    "candidate", "front-runner", "frontrunner", "nominee", "pollster", "alderman",
    "councilmember", "councilman", "councilwoman",
}) | DESCRIPTION_NOUNS
# Heads of organisation names ("Foreign Office", "Inter-Services Public Relations").
ORG_WORDS = frozenset({
    "department", "office", "ministry", "embassy", "commission", "council", "agency", "house",
    "pentagon", "relations", "government", "administration", "party", "court", "parliament",
    "senate", "congress", "assembly", "bank", "fund", "organisation", "organization", "union",
    "nations", "forces", "army", "navy", "police", "bureau", "service", "services", "command",
    "committee", "authority", "institute", "university", "foundation", "corporation", "company",
    "group", "board", "cabinet", "secretariat", "kremlin", "directorate", "wing", "mission",
    "consulate", "affairs", "defense", "defence", "state", "treasury", "justice", "foreign",
    "interior", "high", "tribunal", "network", "magazine", "news", "times", "post", "journal",
    "agency's", "press", "media", "tv", "radio", "channel", "centre", "center", "alliance",
    "coalition", "movement", "front", "league", "federation", "association", "society",
})
# Institution heads that speak by themselves ("the embassy said", "the ministry said").
SPEAKING_INSTITUTION_HEADS = frozenset({
    "office", "ministry", "embassy", "commission", "council", "agency", "pentagon", "house",
    "relations", "government", "department", "army", "police", "military", "kremlin",
    "secretariat", "mission", "consulate", "party", "court", "administration", "bureau",
    "command", "directorate", "authority", "high commission",
})
# Last words of capitalised names that are organisations, places or titles, never people
# ("Brookings Institution", "Water Resources", "Capital Talk"): such names are not learned as
# people.
NON_PERSON_NAME_WORDS = frozenset({
    "institution", "institute", "university", "college", "school", "academy", "hospital",
    "times", "news", "talk", "show", "resources", "programme", "program", "project", "mosque",
    "church", "temple", "city", "town", "county", "province", "district", "motors", "energy",
    "logistics", "sports", "airlines", "airways", "bay", "sea", "strait", "river", "island",
    "act", "bill", "system", "systems", "response", "action", "initiative", "campaign", "club",
    "inc", "llc", "plc", "group", "holdings", "partners", "capital", "fund", "trust", "watch",
    "international", "global", "online", "today", "daily", "herald", "tribune", "gazette",
    "express", "review", "monitor", "radio", "television", "agriculture", "affairs",
    "cup", "league", "championship", "games", "olympics", "summit", "forum", "conference",
})
NON_SPEAKING_NOUNS = frozenset({"statement", "report", "letter", "article", "study", "survey",
                                "post", "tweet", "release", "communique", "communiqué"})

MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday"})

# Countries and their adjectives, capitals and large cities: a capitalised word from this list
# is a place, never part of a person's name ("US envoy in Islamabad Donald Blome").
COUNTRY_ADJECTIVES: dict[str, str] = {
    "american": "United States", "us": "United States", "u.s": "United States",
    "usa": "United States", "pakistani": "Pakistan", "indian": "India", "afghan": "Afghanistan",
    "chinese": "China", "british": "United Kingdom", "uk": "United Kingdom",
    "russian": "Russia", "iranian": "Iran", "saudi": "Saudi Arabia", "turkish": "Turkey",
    "french": "France", "german": "Germany", "japanese": "Japan", "israeli": "Israel",
    "palestinian": "Palestine", "ukrainian": "Ukraine", "canadian": "Canada",
    "australian": "Australia", "bangladeshi": "Bangladesh", "qatari": "Qatar",
    "emirati": "United Arab Emirates", "egyptian": "Egypt", "iraqi": "Iraq", "syrian": "Syria",
    "italian": "Italy", "spanish": "Spain", "korean": "Korea", "european": "Europe",
}
COUNTRIES = frozenset({
    "afghanistan", "albania", "algeria", "argentina", "armenia", "australia", "austria",
    "azerbaijan", "bahrain", "bangladesh", "belarus", "belgium", "bhutan", "bolivia", "bosnia",
    "brazil", "bulgaria", "cambodia", "canada", "chile", "china", "colombia", "croatia", "cuba",
    "cyprus", "czechia", "denmark", "egypt", "estonia", "ethiopia", "finland", "france",
    "georgia", "germany", "ghana", "greece", "hungary", "india", "indonesia", "iran", "iraq",
    "ireland", "israel", "italy", "japan", "jordan", "kazakhstan", "kenya", "korea", "kuwait",
    "kyrgyzstan", "latvia", "lebanon", "libya", "lithuania", "malaysia", "maldives", "mexico",
    "moldova", "mongolia", "morocco", "myanmar", "nepal", "netherlands", "nigeria", "norway",
    "oman", "pakistan", "palestine", "peru", "philippines", "poland", "portugal", "qatar",
    "romania", "russia", "serbia", "singapore", "somalia", "spain", "sudan", "sweden",
    "switzerland", "syria", "taiwan", "tajikistan", "thailand", "tunisia", "turkey", "turkiye",
    "turkmenistan", "uganda", "ukraine", "uzbekistan", "venezuela", "vietnam", "yemen",
    "zimbabwe", "america", "britain", "england", "scotland", "europe", "africa", "asia",
    "washington", "islamabad", "kabul", "new", "delhi", "beijing", "moscow", "london", "paris",
    "berlin", "tokyo", "tehran", "riyadh", "ankara", "doha", "dubai", "cairo", "baghdad",
    "damascus", "jerusalem", "kyiv", "kiev", "brussels", "geneva", "vienna", "rome", "madrid",
    "ottawa", "canberra", "dhaka", "lahore", "karachi", "peshawar", "quetta", "rawalpindi",
    "mumbai", "kolkata", "york", "seoul", "pyongyang", "bangkok", "jakarta", "manila", "hanoi",
    "tashkent", "dushanbe", "baku", "tbilisi", "yerevan", "minsk", "warsaw", "prague",
    "budapest", "bucharest", "sofia", "athens", "lisbon", "dublin", "amsterdam", "stockholm",
    "oslo", "copenhagen", "helsinki", "abu", "dhabi", "muscat", "manama", "amman", "beirut",
    "gaza", "tripoli", "tunis", "algiers", "rabat", "nairobi", "addis", "ababa", "khartoum",
    "balochistan", "punjab", "sindh", "khyber", "pakhtunkhwa", "kashmir", "gilgit", "baltistan",
    "california", "texas", "florida", "virginia", "geo", "united", "states", "kingdom",
    "arab", "emirates", "south", "north", "east", "west", "central", "middle",
})

# Sentence-initial words that are capitalised without being names.
FUNCTION_WORDS = frozenset({
    "the", "a", "an", "in", "on", "at", "for", "of", "to", "from", "by", "with", "after",
    "before", "during", "when", "while", "as", "but", "and", "or", "so", "if", "this", "that",
    "these", "those", "it", "its", "his", "her", "their", "our", "we", "i", "he", "she",
    "they", "however", "meanwhile", "also", "speaking", "responding", "asked", "according",
    "earlier", "later", "last", "next", "both", "all", "some", "many", "most", "there", "here",
    "despite", "although", "though", "because", "since", "until", "over", "under", "about",
    "through", "amid", "against", "without", "within", "reacting", "addressing", "talking",
    "writing", "separately", "still", "yet", "then", "now", "today", "yesterday", "tomorrow",
    "mr", "mrs", "ms", "dr", "not", "no", "yes", "what", "who", "why", "how", "where",
})

# Acronyms widely used for institutions in news copy; "(ISPR)" after a name teaches more.
KNOWN_INSTITUTIONS: dict[str, str] = {
    "ispr": "Inter-Services Public Relations",
    "inter-services public relations": "Inter-Services Public Relations",
    "inter services public relations": "Inter-Services Public Relations",
    "fo": "Foreign Office",
    "foreign office": "Foreign Office",
    "mofa": "Ministry of Foreign Affairs",
    "pentagon": "Pentagon",
    "the pentagon": "Pentagon",
    "white house": "White House",
    "state department": "State Department",
    "us state department": "State Department",
    "u.s. state department": "State Department",
    "department of state": "State Department",
    "us department of state": "State Department",
    "kremlin": "Kremlin",
    "nato": "NATO",
    "un": "United Nations",
    "united nations": "United Nations",
    "imf": "International Monetary Fund",
    "eu": "European Union",
    "european union": "European Union",
}

# Organisation implied by a role's words, for Statement.organisation.
ROLE_ORGANISATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bstate department\b|\bdepartment of state\b", re.I), "US Department of State"),
    (re.compile(r"\bdepartment of defen[cs]e\b|\bpentagon\b|\bdefen[cs]e department\b", re.I),
     "US Department of Defense"),
    (re.compile(r"\bwhite house\b", re.I), "White House"),
    (re.compile(r"\bforeign office\b", re.I), "Foreign Office"),
)


def word_set_pattern(words: frozenset[str] | set[str] | list[str]) -> str:
    """An alternation that prefers the longest word, for compiling into a bigger regex."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))

# Capitalised words that describe a role without naming anyone: "the Vermont governor", "the
# Republican senator", "a New Jersey lawmaker". Before a lower-case role noun they are its
# modifiers, never a person's name.
US_STATES = frozenset({
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
    "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "hampshire",
    "jersey", "mexico", "york", "carolina", "dakota", "ohio", "oklahoma", "oregon",
    "pennsylvania", "rhode", "island", "tennessee", "texas", "utah", "vermont", "virginia",
    "washington", "wisconsin", "wyoming", "new", "north", "south", "west",
})
ROLE_MODIFIERS = US_STATES | frozenset({
    "republican", "democratic", "democrat", "gop", "independent", "conservative", "liberal",
    "progressive", "libertarian", "tea", "party", "senate", "house", "congressional",
    "federal", "state", "white",
})
