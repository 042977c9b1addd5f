"""Follow-up questions rewritten into standalone ones: the heuristic, and the real Ollama adapter
talking over loopback HTTP to the OllamaDouble, which replays the model's side."""

import json

import pytest

from conftest import SAMPLE
from http_doubles import closed_port_url
from rag.answer.rewrite import Rewrite, standalone_question
from rag.models.generator import OllamaGenerator
from rag.search.follow_up import looks_like_follow_up

LIMITS = dict(temperature=0.1, context_tokens=4096, max_tokens=200, timeout=5.0)

VACATION = [
    {"role": "user", "content": "How many vacation days do I get?"},
    {
        "role": "assistant",
        "content": "Full-time employees get 25 days of paid annual leave a year [1]. "
        "After five years it rises to 26 days [1][2].\n\nSources: leave-policy-2025.pdf",
    },
]
VACACIONES = [
    {"role": "user", "content": "¿Cuántos días de vacaciones tengo al año?"},
    {"role": "assistant", "content": "Tienes 23 días laborables de vacaciones al año [1]."},
]
FALLBACK = "How many vacation days do I get? And for part-time staff?"


@pytest.fixture
def generator(ollama_double):
    return OllamaGenerator(ollama_double.url, "qwen2.5:3b", **LIMITS)


class CountingGenerator:
    """The real generator, counting the pieces taken from its stream and whether it was closed."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.taken = 0
        self.closed = False

    def stream(self, messages):
        try:
            for piece in self.inner.stream(messages):
                self.taken += 1
                yield piece
        finally:
            self.closed = True


# --- the heuristic ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "And for part-time staff?",
        "What about contractors?",
        "How about interns?",
        "But what if I'm sick?",
        "Thanks! What about contractors?",
        "Does that apply to interns?",
        "Is it paid?",
        "How do I request it?",
        "Can they work from home?",
        "What's that?",
        "Is it the same for contractors?",
        "Do contractors get it too?",
        "Where is the form you mentioned?",
        "Why?",
        "Contractors?",
        "¿Y para los de media jornada?",
        "Vale, ¿y los becarios?",
        "¿Pero si estoy de baja?",
        "¿Eso aplica a los becarios?",
        "¿Cómo lo solicito?",
        "¿Puedo solicitarlo online?",
        "¿Es lo mismo para los becarios?",
        "¿Los becarios también?",
        "¿Por qué?",
    ],
)
def test_follow_ups_are_recognised(question):
    assert looks_like_follow_up(question)


@pytest.mark.parametrize(
    "question",
    [
        "How many vacation days can I carry over to next year?",
        "What is the policy on remote work?",
        "Is it possible to work from home on Fridays?",  # an "it" that points forward
        "How long does it take to get reimbursed for travel?",
        "Is it true that managers must approve overtime?",  # "that" as a conjunction
        "Who do I contact in IT about a broken laptop?",  # the department, not a pronoun
        "What is this year's carry-over limit?",
        "What happens to my days if they expire?",  # the antecedent is in the question
        "It's freezing in my office. Can I bring a heater?",
        "HR-104",  # one word, but a form number
        "¿Cuántos días de vacaciones tengo este año?",
        "¿Qué es lo que cubre el seguro médico?",
        "¿Puedo tomar vacaciones el mismo día que las pido?",
        "He perdido el portátil. ¿A quién aviso?",  # Spanish "he", not English
    ],
)
def test_standalone_questions_are_left_alone(question):
    assert not looks_like_follow_up(question)


def test_no_question_of_the_sample_evaluation_set_looks_like_a_follow_up():
    # 175 real standalone questions in English and Spanish, several of them two sentences long.
    questions = [json.loads(line)["question"] for line in (SAMPLE / "questions.jsonl").open(encoding="utf-8")]
    assert [q for q in questions if looks_like_follow_up(q)] == []


# --- rewriting through the model -------------------------------------------------------------------


def test_a_follow_up_is_rewritten_with_the_models_question(ollama_double, generator):
    ollama_double.reply("How many vacation days do part-time staff get?")

    rewrite = standalone_question("And for part-time staff?", VACATION, generator)

    assert rewrite == Rewrite("How many vacation days do part-time staff get?", "model", "And for part-time staff?")
    assert rewrite.changed


def test_the_prompt_carries_the_earlier_question_the_answer_and_the_follow_up(ollama_double, generator):
    standalone_question("And for part-time staff?", VACATION, generator)

    [sent] = ollama_double.requests
    assert [m["role"] for m in sent["messages"]] == ["system", "user"]
    user = sent["messages"][1]["content"]
    assert "User: How many vacation days do I get?" in user
    assert "Assistant: Full-time employees get 25 days of paid annual leave a year." in user
    assert "Follow-up question: And for part-time staff?" in user
    assert "in English" in user
    assert "[1]" not in user and "Sources" not in user  # markers and closing notes are stripped


def test_only_the_last_turns_reach_the_prompt(ollama_double, generator):
    history = []
    for n in range(1, 6):
        history += [
            {"role": "user", "content": f"Question number {n} about leave?"},
            {"role": "assistant", "content": f"Answer number {n}."},
        ]

    standalone_question("And for part-time staff?", history, generator, max_turns=2)

    user = ollama_double.requests[0]["messages"][1]["content"]
    assert "number 3" not in user
    assert "Question number 4" in user and "Question number 5" in user
    assert "Answer number 5" in user and "Answer number 4" not in user


def test_a_standalone_question_is_not_sent_to_the_model(ollama_double, generator):
    rewrite = standalone_question("What is the policy on remote work?", VACATION, generator)

    assert rewrite == Rewrite("What is the policy on remote work?", "unchanged", "What is the policy on remote work?")
    assert not rewrite.changed
    assert ollama_double.calls == []


def test_without_history_nothing_is_rewritten(ollama_double, generator):
    assert standalone_question("And for part-time staff?", [], generator).how == "unchanged"
    assert ollama_double.calls == []


def test_the_current_question_already_in_the_history_is_not_counted_as_an_earlier_one(ollama_double, generator):
    history = [{"role": "user", "content": "And for part-time staff?"}]

    assert standalone_question("And for part-time staff?", history, generator).how == "unchanged"
    assert ollama_double.calls == []


def test_mode_always_rewrites_even_a_standalone_looking_question(ollama_double, generator):
    ollama_double.reply("What is the policy on remote work for part-time staff?")

    rewrite = standalone_question("What is the policy on remote work?", VACATION, generator, mode="always")

    assert (rewrite.question, rewrite.how) == ("What is the policy on remote work for part-time staff?", "model")
    assert len(ollama_double.requests) == 1


def test_mode_off_never_calls_the_model(ollama_double, generator):
    rewrite = standalone_question("And for part-time staff?", VACATION, generator, mode="off")

    assert rewrite.how == "unchanged" and rewrite.question == "And for part-time staff?"
    assert ollama_double.calls == []


def test_an_unknown_mode_is_refused(generator):
    with pytest.raises(ValueError, match="auto, always, off"):
        standalone_question("And for part-time staff?", VACATION, generator, mode="sometimes")


def test_a_spanish_follow_up_stays_spanish(ollama_double, generator):
    ollama_double.reply("¿Cuántos días de vacaciones al año tienen los empleados de media jornada?")

    rewrite = standalone_question("¿Y los de media jornada?", VACACIONES, generator)

    assert rewrite.how == "model"
    assert rewrite.question == "¿Cuántos días de vacaciones al año tienen los empleados de media jornada?"
    assert "in Spanish" in ollama_double.requests[0]["messages"][1]["content"]


def test_a_one_word_follow_up_takes_the_conversations_language(ollama_double, generator):
    ollama_double.reply("¿Cuántos días de vacaciones al año tienen los becarios?")

    rewrite = standalone_question("Becarios?", VACACIONES, generator)

    assert rewrite.how == "model"
    assert "in Spanish" in ollama_double.requests[0]["messages"][1]["content"]


def test_labels_and_quotes_around_the_models_question_are_stripped(ollama_double, generator):
    ollama_double.reply('Standalone question: "How many vacation days do part-time staff get?"')

    rewrite = standalone_question("And for part-time staff?", VACATION, generator)

    assert (rewrite.question, rewrite.how) == ("How many vacation days do part-time staff get?", "model")


def test_only_the_first_line_is_read_and_the_stream_is_closed(ollama_double, generator):
    counting = CountingGenerator(generator)
    ollama_double.reply(
        "How many vacation days do part-time staff get?\n"
        + "Part-time staff get a pro-rata entitlement based on their contracted hours [1]. " * 10
    )

    rewrite = standalone_question("And for part-time staff?", VACATION, counting)

    assert (rewrite.question, rewrite.how) == ("How many vacation days do part-time staff get?", "model")
    assert counting.closed
    assert counting.taken <= 10  # the question's words and the newline, not the 130 words after it


@pytest.mark.parametrize(
    "output, why",
    [
        ("Part-time staff get a pro-rata entitlement [1].", "answered"),
        ("Yes, they get pro-rata leave.", "answered"),
        ("12 days.", "not a question"),
        ("", "empty"),
        ("¿Cuántos días de vacaciones tienen los empleados a media jornada?", "did not write in English"),
        ("How many vacation days " + "and public holidays " * 30 + "do part-time staff get?", "longer than"),
        ("How many vacation days do I get?", "repeated an earlier question"),
        ("And for part-time staff?", "follow-up unchanged"),
        ("The double has no queued reply, so it says this.", "not a question"),
    ],
)
def test_bad_model_output_falls_back_to_both_questions(ollama_double, generator, output, why):
    ollama_double.reply(output)

    rewrite = standalone_question("And for part-time staff?", VACATION, generator)

    assert rewrite == Rewrite(FALLBACK, "fallback", "And for part-time staff?", note=rewrite.note)
    assert why in rewrite.note
    assert rewrite.changed


def test_an_english_answer_to_a_spanish_follow_up_falls_back(ollama_double, generator):
    ollama_double.reply("How many vacation days do part-time employees get?")

    rewrite = standalone_question("¿Y los de media jornada?", VACACIONES, generator)

    assert rewrite.how == "fallback"
    assert rewrite.question == "¿Cuántos días de vacaciones tengo al año? ¿Y los de media jornada?"


def test_an_unreachable_server_falls_back():
    generator = OllamaGenerator(closed_port_url(), "qwen2.5:3b", **LIMITS)

    rewrite = standalone_question("And for part-time staff?", VACATION, generator)

    assert (rewrite.question, rewrite.how) == (FALLBACK, "fallback")
    assert "`ollama serve`" in rewrite.note  # GeneratorUnavailable's advice, kept for the logs


def test_a_server_error_falls_back(ollama_double, generator):
    ollama_double.fail_next(500, {"error": "llama runner process has terminated"})

    rewrite = standalone_question("And for part-time staff?", VACATION, generator)

    assert (rewrite.question, rewrite.how) == (FALLBACK, "fallback")
    assert "llama runner process has terminated" in rewrite.note
