"""Spanish words of Faro's rules: every list of rag/lexicon/en.py, under the same names.

What each list is for, and which module reads it, is in rag/lexicon/__init__.py. Words are lower
case and accent-folded ("dias", "segun") unless a list's comment says otherwise; a list named
*_PATTERNS holds regular-expression alternatives ("cu[áa]ndo": with or without its accent).
"""

# The sets are laid out several words to a line, not one per line as ruff would lay them.
# fmt: off

# --- Which language a text is in, and the keyword index (rag/text/language.py) ---

# Words frequent in Spanish text: detect_language counts them (lower case with accents, as typed).
LANGUAGE_HINTS = {
    "el", "la", "los", "las", "de", "del", "que", "en", "un", "una", "por", "para", "con", "es", "qué",
    "cuántos", "cuántas", "cuál", "cuándo", "cómo", "dónde", "quién", "puedo", "tengo", "hay", "se", "mi",
    "mis", "al", "días", "son", "está", "debo", "según", "sobre", "y", "o",
}
# Words that say nothing about a passage; bm25 would weigh them little, dropping them keeps the
# query short.
STOP_WORDS = {
    "al", "como", "con", "cual", "cuales", "cuando", "cuanto", "cuantos", "cuantas", "de", "del", "donde",
    "el", "ella", "en", "es", "esta", "este", "esto", "hay", "la", "las", "le", "les", "lo", "los", "me",
    "mi", "mis", "mas", "muy", "o", "para", "pero", "por", "puedo", "que", "quien", "se", "si", "sin",
    "sobre", "son", "su", "sus", "te", "tengo", "tiene", "un", "una", "uno", "unos", "unas", "y", "ya",
    "yo", "debo", "segun", "hasta", "ser", "estar", "nos", "estoy", "estas", "estamos", "soy", "eres",
    "somos", "era", "fue", "he", "ha", "has", "han", "hemos", "mio", "mia", "tu", "tus", "ellos", "ellas",
    "ese", "esa", "eso", "algo", "algun", "alguna", "algunos", "algunas", "otro", "otra", "otros", "otras",
    # the forms of "have", "can" and "must" a question and its answer use ("¿Tengo…?" "Sí, tienes…")
    "tienes", "tenemos", "tienen", "puedes", "puede", "podemos", "pueden", "debes", "debe", "debemos",
    "deben",
}
# Words only Spanish questions contain: none listed yet (rag/answer/rewrite.py asks only for English ones).
LANGUAGE_MARKERS = set()

# --- Figures (rag/text/figures.py, ingest/versions.py) ---

# Number words a passage may write where an answer writes digits.
NUMBER_WORDS = {
    "uno": "1", "una": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6",
    "siete": "7", "ocho": "8", "nueve": "9", "diez": "10", "doce": "12", "quince": "15", "veinte": "20",
    "treinta": "30", "medio": "0.5", "media": "0.5",
}
# Words that scale the figure before them: "1,5 millones" es 1.500.000 ("mil millones", mil millones).
SCALE_WORDS = {"mil millones": 10**9, "millon": 10**6, "millones": 10**6, "mil": 10**3}
# The months, January first.
MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
    "noviembre", "diciembre",
)
# The days of the week, Monday first (folded: no accents).
WEEKDAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
# Other ways a date writes a month (abbreviations, other spellings), with the month's number.
MONTH_VARIANTS = {"setiembre": 9}
# Words that frame an answer rather than state a fact from the passage.
FRAMING = {
    "segun", "politica", "pasaje", "pasajes", "documento", "documentos", "indica", "establece", "dice",
    "si", "tambien", "sin", "embargo", "empleado", "empleados", "informacion", "encuentra", "menciona",
    "parrafo", "pagina", "respuesta", "apoya", "respalda", "seccion",
}
# Words that say a document replaces another: a date after them is the other one's (ingest/versions.py).
REPLACES_PATTERNS = (
    "sustituy[ea]n?", "sustituido", "reemplaza[n]?", "reemplazado", "deroga[n]?", "derogado", "anterior",
)

# --- Amounts (rag/answer/conflicts.py) ---

# Words that come with any amount and say nothing about what it is an amount of.
AMOUNT_WORDS = {"mas", "menos", "cada", "hasta", "maximo", "minimo", "por", "total", "persona"}
# The units a policy states amounts in, by the unit they are (a symbol, or a unit's name).
UNIT_PATTERNS = {
    "%": ("por ciento",), "€": ("eur(?:os?)?",), "£": ("libras?",), "day": ("d[ií]as?",), "week": ("semanas?",),
    "month": ("mes(?:es)?",), "hour": ("horas?",), "year": ("a[nñ]os?",), "km": ("kil[oó]metros?",),
}
# A unit's name, whole, and the symbol it stands for.
UNIT_NAMES = {"por ciento": "%", "eur": "€", "euro": "€", "euros": "€", "libra": "£", "libras": "£"}
# How a unit's name begins, and the unit it is.
UNIT_PREFIXES = {"dia": "day", "semana": "week", "mes": "month", "hora": "hour", "ano": "year", "kilo": "km"}
# Who approves, decides or is told, by the word that says what they are ("tu responsable"), folded.
ROLE_PATTERNS = {
    r"responsables?": "manager", r"supervisor(?:a|es|as)?": "supervisor", r"director(?:a|es|as)?": "director",
    r"jef[ea]s?": "head", r"gerentes?": "manager", r"comite": "committee",
}

# --- The question beside the answer (rag/answer/question.py) ---

# The words a question asking for something starts from ("¿Cuántos días…?"); read only before a "?".
QUESTION_WORD_PATTERNS = (
    "qu[ée]", "cu[áa]nt[oa]s?", "cu[áa]ndo", "d[óo]nde", "c[óo]mo", "qui[ée]n(?:es)?", "cu[áa]l(?:es)?",
)
# The verbs a yes/no question asks with ("¿Tengo derecho…?"), as Snowball stems.
ASKING_STEMS = {"derech", "pued", "necesit", "usar", "qued", "recib"}
# Stems of the words that frame what a question asks rather than name it ("¿Cómo se llama…?",
# "¿Cuál es el propósito…?"), and of the light words any paraphrase may use ("llevar", "hacer").
FRAME_STEMS = {"conoc", "llam", "nombr", "proposit", "razon", "tipo", "llev", "pon", "hac", "dar", "ven", "nuev"}
# Stems of how a question refers to the organisation whose policy answers it ("la empresa").
REFERRING_STEMS = {"empresa", "compañi", "compani", "sitio", "web"}
# What turns a statement round: "no se permite", "nunca", "ningún".
NEGATION_PATTERNS = ("no", "nunca", "ningun[oa]?", "nadie", "ni", "nada", "prohibid[oa]s?", "tampoco")
# Where a clause of a sentence ends: "Salvo que…", "…, pero…".
CLAUSE_PATTERNS = ("pero", "salvo", "excepto", "aunque", "si")
# "¿Se puede hacer sin consentimiento escrito?" and "solo con consentimiento escrito", "requiere…".
WITHOUT_PATTERNS = ("sin",)
NEEDS_PATTERNS = ("con", "requier(?:e|en)", "requerid[oa]s?", "necesit(?:a|an)", "exig(?:e|en)")
# The particles of phrasal verbs: Spanish has none.
PARTICLES = set()
# Words a policy uses for one another (see the English list).
SAME_MEANING = (
    ("datos", "informacion"),
    ("recopilar", "recoger", "obtener", "recabar"),
    ("compartir", "ceder", "divulgar", "comunicar"),
    ("eliminar", "borrar", "suprimir"),
    ("cambiar", "actualizar", "modificar", "corregir", "rectificar"),
    ("ninos", "menores"),
)
# Un límite dicho con otras palabras: "el plazo mínimo" es "no menos de 5 años".
BOUND_PHRASES = {
    "minimo": ("no menos de", "al menos", "por lo menos", "como minimo"),
    "maximo": ("no mas de", "como maximo", "hasta"),
}
# Las palabras que ofrecen alternativas en una pregunta: "¿Puedo cambiar o borrar mis datos?"
OR_WORDS = ("o", "u")
# Dónde una pregunta nombra la clase de cosa que pide: "¿De qué idioma…?", "¿Qué fruta es…?" (no
# "¿Qué significa…?", un verbo).
KIND_PATTERNS = (
    r"\b(?:de|en|a|con|para|desde|hasta)\s+(?:qué|cuál|cuáles)\s+([^\W\d_]+)",
    r"(?:qué|cuál|cuáles)\s+([^\W\d_]+)(?=\s+(?:es|son|fue|fueron|era|eran|se|tiene|tienen|hay)\b)",
)

# --- Answers and replies (rag/answer/question.py, rag/answer/rewrite.py, rag/ops/passages.py) ---

# Yes and no, as a reply opens with them ("Sí, tienes derecho…"), with and without the accent.
YES_NO = ("sí", "si", "no")
# Other words a reply, not a question, opens with (rag/answer/rewrite.py: the model answered): none yet.
REPLY_WORDS = ()
# How a question without its "?" may start: none, a Spanish question always carries "¿?".
QUESTION_STARTS = set()
# A reply that says the passages lack the answer (rag/answer/prompt.py; lower case, as written).
NO_ANSWER_PHRASES = (
    "no lo sé", "no lo se", "no lo indican", "no lo dicen", "no contienen", "no se indica", "no dicen",
    "no mencionan", "no se menciona", "no especifican", "no se especifica", "no hay información",
    "no hay informacion", "no cubren", "no indican",
)

# --- Follow-up questions (rag/search/follow_up.py) ---

# A follow-up starts by continuing the previous turn.
FOLLOW_UP_OPENERS = {
    ("y",), ("e",), ("pero",), ("tambien",), ("tampoco",), ("o",), ("u",), ("entonces",), ("ademas",),
    ("igual",), ("que", "tal"), ("que", "hay", "de"), ("lo", "mismo"),
}
# Politeness before the follow-up proper: "Vale, ¿y los becarios?"
LEAD_IN_PATTERNS = ("vale", "gracias", "perfecto", "genial", "de acuerdo", "entendido")
# What points back at the previous answer.
BACK_REFERENCES = (
    "mencionaste", "dijiste", "has dicho", "has mencionado", "tu respuesta", "la respuesta anterior",
    "lo anterior",
)
# How a follow-up may end: none in Spanish ("también" counts wherever it stands: ALSO_WORDS).
FOLLOW_UP_ENDINGS = ()
# Words that say the question adds to the previous one wherever they stand.
ALSO_WORDS = {"tambien", "tampoco"}
# Demonstratives and personal pronouns, which point back wherever they stand; lower case, not
# folded: "él" keeps its accent ("el" = the). "este/esta" are left out: "este año" is standalone,
# and "esta" is how many type "está".
POINTERS = {
    "eso", "esto", "ello", "aquello", "ese", "esa", "esos", "esas", "aquel", "aquella", "aquellos",
    "aquellas", "estos", "estas", "ellos", "ellas", "él", "ella",
}
# "The same", pointing back.
SAME_WORDS = {"mismo", "misma", "mismos", "mismas"}
# Demonstratives, which before a time word name a time, not an earlier turn ("estos días").
DEMONSTRATIVES = {"estos", "estas"}
# A time, not a reference to an earlier turn ("estos días").
TIME_WORDS = {"dias", "meses", "anos", "semanas", "fechas"}
# An "it" that points forward ("Is it possible to…"): English only.
FORWARD_IT = set()
# The words after which "lo" is no pronoun: "lo que", "lo mismo", "lo antes posible".
LO_NOT_CLITIC = {
    "que", "de", "del", "cual", "cuales", "mismo", "mas", "menos", "maximo", "minimo", "mejor", "peor",
    "antes", "posible", "normal", "general", "siguiente", "largo", "tanto", "demas", "suficiente", "unico",
    "primero", "contrario", "habitual",
}
# Words that carry no content: a question of one other word cannot stand alone ("¿Y por qué?").
FUNCTION_WORDS = {
    "el", "la", "los", "las", "lo", "le", "les", "un", "una", "unos", "unas", "de", "del", "al", "en", "con",
    "por", "para", "sin", "sobre", "entre", "hasta", "desde", "y", "e", "o", "u", "pero", "que", "cual",
    "cuales", "cuanto", "cuantos", "cuanta", "cuantas", "como", "donde", "cuando", "quien", "quienes",
    "porque", "es", "son", "esta", "estan", "ser", "estar", "hay", "tengo", "tiene", "tienen", "puedo",
    "puede", "pueden", "debo", "debe", "deben", "mi", "mis", "tu", "tus", "su", "sus", "me", "te", "se",
    "nos", "yo", "usted", "si", "ya", "mas", "muy", "tambien", "tampoco", "solo", "entonces", "igual",
    "pasa", "tal", "mismo", "misma", "mismos", "mismas",
}

# --- Documents' names (rag/text/naming.py) ---

# "Y" in a name: "Política de vacaciones y permisos".
AND_WORDS = {"y", "e"}
# What ties a document's kind to what it is about: "Código de conducta".
OF_WORDS = {"de", "del"}
# What a document is, as the last word of its name: "la Política de viajes".
DOCUMENT_KINDS = {
    "politica", "politicas", "procedimiento", "procedimientos", "codigo", "reglamento", "normas", "guia",
}
# What a document's title calls it, beyond the kinds above: "Manual de procesos", "Acuerdo laboral".
TITLE_KINDS = {"manual", "plan", "contrato", "acuerdo", "convenio", "resolucion", "decreto", "estatuto", "protocolo"}
# What tells versions and copies of one document apart rather than names it: "borrador".
VERSION_WORD_PATTERNS = (
    "borrador", "definitiv[oa]", "actualizad[oa]", "revisad[oa]", "nuev[oa]", "antigu[oa]", "copia",
)

# What a numbered part of a document is called before its number: "apartado 4.1", "artículo 3.2"
# (rag/text/sections.py). Folded, singular; the rule allows a plural. Not words a quantity follows
# ("medida 2.5 m").
SECTION_WORDS = {
    "seccion", "apartado", "articulo", "clausula", "parrafo", "parte", "capitulo", "anexo", "epigrafe",
    "titulo", "regla", "paso", "punto", "meta", "objetivo", "estrategia", "norma", "requisito",
    "principio", "control",
}

# --- Sentences of an answer (rag/answer/sentences.py) ---

# Abbreviations whose stop ends no sentence: "art. 5", "Sr. García" (case aside).
ABBREVIATION_PATTERNS = (
    "dr", "art", "arts", "n[uú]m", "aprox", "p", "pp", "sr", "sra", "srs", "ud", "uds", "fig", "ref", "ext",
    "tel", "p[aá]g", "rr",
)
# What an answer calls the places it cites: "Esta información está en el párrafo 3." (case aside)
DOCUMENT_PART_PATTERNS = ("pasajes?", "documentos?", "p[aá]rrafos?", "p[aá]ginas?")
# What carries "los documentos no lo dicen" on into a claim: "…, así que…", "…; sin embargo…".
GOES_ON_PATTERNS = (
    "as[ií] que", "pero", "aunque", "sin embargo", "por lo que", "por tanto", "de modo que", "en cambio", "no obstante",
)

# fmt: on
