"""English words of Faro's rules: every list of rag/lexicon/es.py, under the same names.

What each list is for, and which module reads it, is in rag/lexicon/__init__.py. Words are lower
case and accent-folded unless a list's comment says otherwise; a list named *_PATTERNS holds
regular-expression alternatives.
"""

# The sets are laid out several words to a line, not one per line as ruff would lay them.
# fmt: off

# --- Which language a text is in, and the keyword index (rag/text/language.py) ---

# Words frequent in English text: detect_language counts them (lower case, as typed).
LANGUAGE_HINTS = {
    "the", "of", "and", "to", "in", "is", "for", "on", "with", "what", "how", "many", "can", "i", "do",
    "does", "my", "when", "where", "who", "which", "are", "be", "an", "a", "should", "must",
}
# Words that say nothing about a passage; bm25 would weigh them little, dropping them keeps the
# query short.
STOP_WORDS = {
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "could", "do", "does", "for", "from", "get",
    "have", "how", "i", "if", "in", "is", "it", "its", "may", "me", "much", "my", "of", "on", "or", "our",
    "should", "so", "than", "that", "the", "their", "there", "this", "to", "us", "was", "we", "what",
    "when", "where", "which", "who", "will", "with", "would", "you", "your", "many", "am", "any", "about",
    "been", "has", "had", "were", "them", "they", "not", "no", "up", "he", "she", "him", "her", "his",
    "hers", "mine", "myself", "ours", "im", "ive",
    # what is left of a contraction once the apostrophe splits it: don't -> don + t ("I'm", "it's"
    # leave "m" and "s", which also stand for metres and seconds: kept)
    "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "haven", "hasn", "hadn", "couldn", "wouldn",
    "shouldn", "won", "t", "ll", "ve", "re", "d",
}
# Words only English questions contain (rag/answer/rewrite.py: a short follow-up without one takes the
# conversation's language).
LANGUAGE_MARKERS = {
    "the", "and", "what", "how", "for", "about", "is", "are", "do", "does", "can", "of", "to", "in", "with",
    "it", "they", "them", "that", "this", "those", "these", "why", "when", "where", "who", "which", "if",
    "but", "also", "or", "so", "my", "i", "you", "too", "same", "else",
}

# --- Figures (rag/text/figures.py, ingest/versions.py) ---

# Number words a passage may write where an answer writes digits.
NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20",
    "thirty": "30", "half": "0.5",
}
# Words that scale the figure before them: "19.9 million" is 19,900,000. Several words are longest first.
SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "millions": 10**6, "billion": 10**9, "billions": 10**9}
# The months, January first.
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)
# The days of the week, Monday first.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Other ways a date writes a month (abbreviations, other spellings), with the month's number.
MONTH_VARIANTS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
# Words that frame an answer rather than state a fact from the passage.
FRAMING = {
    "according", "policy", "passage", "passages", "document", "documents", "states", "says", "stated",
    "yes", "also", "however", "employee", "employees", "supported", "support", "supports", "information",
    "found", "provided", "mentioned", "paragraph", "page", "above", "below", "answer", "section",
}
# Words that say a document replaces another: a date after them is the other one's (ingest/versions.py).
REPLACES_PATTERNS = ("supersed(?:es|ed|ing)", "replac(?:es|ed|ing)", "previous")

# --- Amounts (rag/answer/conflicts.py) ---

# Words that come with any amount and say nothing about what it is an amount of.
AMOUNT_WORDS = {
    "more", "less", "per", "each", "every", "up", "least", "most", "maximum", "minimum", "total", "head",
    "person",
}
# The units a policy states amounts in, by the unit they are (a symbol, or a unit's name).
UNIT_PATTERNS = {
    "%": ("per ?cent", "percent"), "€": ("eur(?:os?)?",), "£": ("gbp", "pounds?"),
    "day": ("days?", "(?:working|calendar|business) days?"), "week": ("weeks?",), "month": ("months?",),
    "hour": ("hours?",), "year": ("years?",),
    "km": ("kilometres?",),
}
# A unit's name, whole, and the symbol it stands for.
UNIT_NAMES = {
    "per cent": "%", "percent": "%", "percent ": "%", "eur": "€", "euro": "€", "euros": "€", "pound": "£",
    "pounds": "£", "gbp": "£",
}
# How a unit's name begins, and the unit it is.
UNIT_PREFIXES = {"day": "day", "week": "week", "month": "month", "hour": "hour", "year": "year", "kilo": "km"}
# Who approves, decides or is told, by the word that says what they are ("your line manager",
# "the Head of People", "a Director"), folded: pattern -> the role.
ROLE_PATTERNS = {
    r"(?:line |site |shift )?managers?": "manager", r"(?:shift |line )?supervisors?": "supervisor",
    r"directors?": "director", r"head of": "head", r"controllers?": "controller", r"officers?": "officer",
    r"budget holders?": "holder", r"secretary": "secretary", r"committee": "committee",
}

# --- The question beside the answer (rag/answer/question.py) ---

# The words a question asking for something starts from ("How many days…?").
QUESTION_WORD_PATTERNS = ("how", "what", "when", "where", "which", "who", "whom", "whose", "why")
# The verbs a yes/no question asks with ("Am I allowed…", "Can I keep it?"), as Snowball stems.
ASKING_STEMS = {
    "allow", "permit", "entitl", "keep", "need", "take", "use", "receiv", "requir", "ok", "okay", "fine",
    "possibl",
}
# Stems of the words that frame what a question asks rather than name it ("better known as what?",
# "What is the purpose of…"), and of the light words any paraphrase may use ("come back").
FRAME_STEMS = {
    "known", "better", "call", "name", "purpos", "signific", "mean", "role", "reason", "type", "kind",
    "come", "go", "put", "get", "make", "give", "want", "new", "even", "now", "refer",
}
# Stems of how a question refers to the organisation whose policy answers it ("the company").
REFERRING_STEMS = {"compani", "websit", "site", "organis", "organiz", "firm"}
# What turns a statement round: "may not", "cannot", "is not eligible".
NEGATION_PATTERNS = (
    "no", "not", "never", "none", "nor", "neither", "cannot", "nothing", "prohibited", "forbidden",
    "ineligible",
)
# Where a clause of a sentence ends: "Where this is not possible, employees may…".
CLAUSE_PATTERNS = ("but", "unless", "except", "although", "whereas", "where", "if")
# "Can it be done without written consent?": what a question asks to do without, and the words that
# say a thing is needed ("only with written consent", "requires a written consent").
WITHOUT_PATTERNS = ("without",)
NEEDS_PATTERNS = ("with", "requir(?:es?|ed|ing)", "needs?", "needed")
# The particles of phrasal verbs: "carry over" (leave) is not "carry" (a phone). "up" is a stop word.
PARTICLES = {"over", "out", "off", "back", "forward", "down", "away"}
# Words a policy uses for one another: an answer that says "collects your data" where the policy says
# "gathers information" says the same thing. Each group is one meaning.
SAME_MEANING = (
    ("data", "information", "info"),
    ("collect", "gather", "obtain"),
    ("share", "disclose"),
    ("delete", "remove", "erase"),
    ("change", "update", "modify", "edit", "correct"),
    ("track", "monitor"),
    ("children", "child", "kids", "minors"),
)
# A bound said in other words: "the minimum retention period" is "not less than 5 years".
BOUND_PHRASES = {
    "minimum": ("not less than", "no less than", "at least", "a minimum of"),
    "maximum": ("not more than", "no more than", "at most", "up to", "a maximum of"),
}
# The words that offer alternatives in a question: "Can I update, change or modify my data?"
OR_WORDS = ("or",)
# Where a question names the kind of thing it asks for: "Which metal…", "What colour is…" (not
# "What causes…", a verb).
KIND_PATTERNS = (
    r"\bwhich\s+([^\W\d_]+)",
    r"\bwhat\s+([^\W\d_]+)(?=\s+(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|of)\b)",
)

# --- Answers and replies (rag/answer/question.py, rag/answer/rewrite.py, rag/ops/passages.py) ---

# Yes and no, as a reply opens with them ("Yes, you can…").
YES_NO = ("yes", "no")
# Other words a reply, not a question, opens with (rag/answer/rewrite.py: the model answered).
REPLY_WORDS = ("yeah", "nope", "correct", "sure")
# How an English question without its "?" may start.
QUESTION_STARTS = {
    "what", "how", "when", "where", "who", "whom", "whose", "which", "why", "is", "are", "am", "was",
    "were", "do", "does", "did", "can", "could", "should", "shall", "must", "may", "might", "will",
    "would", "has", "have", "had",
}
# A reply that says the passages lack the answer (rag/answer/prompt.py; lower case, as written).
NO_ANSWER_PHRASES = (
    "i don't know", "i do not know", "documents do not say", "do not contain", "does not say",
    "do not mention", "does not mention", "not mentioned", "no information", "do not specify",
    "does not specify", "do not cover",
)

# --- Follow-up questions (rag/search/follow_up.py) ---

# A follow-up starts by continuing the previous turn.
FOLLOW_UP_OPENERS = {
    ("and",), ("but",), ("also",), ("or",), ("so",), ("then",), ("plus",), ("what", "about"),
    ("how", "about"), ("what", "if"), ("even", "if"), ("same", "for"), ("what", "else"),
}
# Politeness before the follow-up proper: "Thanks! What about contractors?"
LEAD_IN_PATTERNS = ("ok(?:ay)?", "thanks", "thank you", "got it", "i see")
# What points back at the previous answer.
BACK_REFERENCES = (
    "you mentioned", "you said", "you just said", "your answer", "your last answer",
    "your previous answer", "the previous answer", "the last answer", "mentioned above",
)
# How a follow-up may end: "Do contractors get it too?"
FOLLOW_UP_ENDINGS = (("too",), ("as", "well"), ("either",))
# Words that say the question adds to the previous one wherever they stand (English says "too" at
# the end, "also" at the start: FOLLOW_UP_ENDINGS, FOLLOW_UP_OPENERS).
ALSO_WORDS = set()
# Pronouns that point back. "he" is left out: it is also Spanish ("He perdido el portátil").
POINTERS = {"it", "they", "them", "this", "that", "these", "those", "she", "him", "her"}
# "The same", pointing back.
SAME_WORDS = {"same"}
# Demonstratives, which before a time word name a time, not an earlier turn ("this year").
DEMONSTRATIVES = {"this", "that", "these", "those"}
# A time, not a reference to an earlier turn ("this year").
TIME_WORDS = {
    "year", "month", "week", "weekend", "quarter", "summer", "winter", "spring", "autumn", "fall",
    "morning", "afternoon", "evening", "time", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}
# "Is it possible to...", "How long does it take to...": an "it" that points forward, not back.
FORWARD_IT = {
    "true", "possible", "ok", "okay", "allowed", "permitted", "necessary", "required", "mandatory",
    "compulsory", "legal", "fine", "acceptable", "normal", "usual", "common", "worth", "better", "take",
    "takes", "cost", "costs",
}
# The words after which Spanish "lo" is no pronoun: Spanish only.
LO_NOT_CLITIC = set()
# Words that carry no content: a question of one other word cannot stand alone ("And why?").
FUNCTION_WORDS = {
    "a", "an", "the", "and", "or", "but", "so", "if", "then", "than", "of", "to", "in", "on", "at", "by",
    "for", "from", "with", "about", "as", "into", "during", "after", "before", "over", "under", "i", "me",
    "my", "we", "us", "our", "you", "your", "what", "how", "when", "where", "who", "whom", "whose", "which",
    "why", "is", "are", "am", "was", "were", "be", "been", "do", "does", "did", "can", "could", "should",
    "shall", "must", "may", "might", "will", "would", "have", "has", "had", "get", "gets", "got", "not",
    "no", "yes", "there", "long", "much", "many", "often", "soon", "far", "else", "also", "too", "just",
    "only", "still", "really", "exactly", "please", "need", "mean", "come", "ok", "okay", "any", "some",
    "all", "same", "either", "well", "even",
}

# --- Documents' names (rag/text/naming.py) ---

# "And" in a name: "Expenses and Travel Policy" (and the Latin "et" some names keep).
AND_WORDS = {"and", "et"}
# What ties a document's kind to what it is about: "Code of Conduct".
OF_WORDS = {"of"}
# What a document is, as the last word of its name: "the Travel Policy".
DOCUMENT_KINDS = {
    "policy", "policies", "procedure", "procedures", "handbook", "guide", "manual", "plan", "code",
    "rules", "regulations",
}
# What a document's title calls it, beyond the kinds above: "Contract of Employment" is a title,
# "cleardocs.com" or "Contoso Electronics" on the line above it is not (ingest/parse.py).
TITLE_KINDS = {"contract", "agreement", "charter", "standard", "standards", "statement", "bylaws"}
# What tells versions and copies of one document apart rather than names it: "draft", "final".
VERSION_WORD_PATTERNS = ("draft", "final", "updated", "revised", "current", "old", "new", "copy")

# What a numbered part of a document is called before its number: "Section 4.1", "Strategy 1.2.3"
# (rag/text/sections.py). Folded, singular; the rule allows a plural. Not words a quantity follows
# ("standard 37.5 hours", "measure 2.5 m").
SECTION_WORDS = {
    "section", "clause", "article", "paragraph", "part", "chapter", "schedule", "annex", "appendix",
    "rule", "step", "item", "point", "goal", "objective", "strategy", "requirement", "principle",
    "control",
}

# --- Sentences of an answer (rag/answer/sentences.py) ---

# Abbreviations whose stop ends no sentence: "e.g.", "No. 5" (case aside).
ABBREVIATION_PATTERNS = (
    r"e\.g", r"i\.e", r"u\.s", r"u\.k", "dr", "mr", "mrs", "ms", "st", "art", "arts", "no", "nos", "approx", "p",
    "pp", "vs", "fig", "ref", "ext", "tel", "cf", "ca", "pty",
)
# What an answer calls the places it cites: "This is supported by passage [2]." (case aside)
DOCUMENT_PART_PATTERNS = ("passages?", "documents?", "paragraphs?", "pages?")
# What carries "the documents do not say" on into a claim: "…, so you can…", "…, but…".
GOES_ON_PATTERNS = (
    "so", "but", "however", "therefore", "thus", "hence", "which means", "meaning", "although", "though", "yet",
    "instead",
)

# fmt: on
