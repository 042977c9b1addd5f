"""The page in a real browser: `faro ui` on the sample corpus, driven by Playwright in Chromium.

The server is a real `faro ui` process (local sign-in, an access file that keeps hr/ to the hr
group) answering from an Ollama double that writes at a model's pace: 4 s to read the prompt,
then 20 pieces a second. Debian's chromium is launched by path (Playwright's own browser download
cannot reach its host); without it these tests are skipped with one line. A failing test leaves a
screenshot under the test's tmp folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from conftest import SAMPLE
from http_doubles import OllamaDouble
from ui_process import FARO, faro_ui

CHROMIUM = Path("/usr/bin/chromium")
QUESTION = "How many vacation days can I carry over to next year?"
ANSWER = "Employees may carry over up to 8 unused vacation days to the next year [1]."
FOUND = re.compile(r"^(Reading \d+ passages?|Leyendo \d+ pasajes?)$")  # the passages found, before the answer
PASSWORDS = {
    "emma": "emma-staff-pw",
    "hannah": "hannah-hr-pw",
    "henry": "henry-hr-pw",
    "root": "root-admin-pw",
    "sofia": "sofia-staff-pw",
}
CHAT_INPUT = "[data-testid='stChatInputTextArea']"

pytestmark = pytest.mark.slow

if not CHROMIUM.exists():
    pytest.skip(f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


class Server:
    def __init__(self, url: str, double: OllamaDouble, data_dir: Path):
        self.url, self.double, self.data_dir = url, double, data_dir


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("ui")
    access = root / "access.txt"
    access.write_text("hr/**  hr\n**     *\n", encoding="utf-8")
    with OllamaDouble() as double:
        double.first_piece_after, double.pieces_per_second = 4.0, 20.0
        env = {k: v for k, v in os.environ.items() if not k.startswith("FARO_")}
        env.update(
            FARO_DATA_DIR=str(root / "data"),
            FARO_DOCS_DIR=str(SAMPLE),
            FARO_ACCESS_FILE=str(access),
            FARO_USERS_FILE=str(root / "users.toml"),
            FARO_AUTH="local",
            FARO_GENERATOR="ollama",
            OLLAMA_HOST=double.url,
            FARO_OLLAMA_MODEL="qwen2.5:3b",
            HF_HUB_OFFLINE="1",
            FARO_EXAMPLE_QUESTIONS=f"{QUESTION}|¿Cuántos días a la semana puedo teletrabajar?",
        )
        subprocess.run([str(FARO), "ingest", str(SAMPLE)], env=env, check=True, capture_output=True, timeout=900)
        for name, groups in (
            ("emma", "staff"),
            ("hannah", "hr"),
            ("henry", "hr"),
            ("root", "faro-admins"),
            ("sofia", "staff"),
        ):
            subprocess.run(
                [str(FARO), "users", "add", name, "--groups", groups, "--password-stdin"],
                env=env,
                input=PASSWORDS[name] + "\n",
                text=True,
                check=True,
                capture_output=True,
                timeout=60,
            )
        with faro_ui(env, root / "ui.log") as url:
            yield Server(url, double, root / "data")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser, request, tmp_path):
    locale = getattr(request, "param", "en-US")  # the browser's language: the page's until a question is asked
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale=locale)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
        pg.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
        print(f"screenshot: {tmp_path / 'failure.png'}")
    context.close()


@pytest.fixture
def shot(request):
    """shot(page, name): with --screenshots DIR, keep what the page shows now as DIR/name.png."""
    folder = request.config.getoption("--screenshots")

    def take(page, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"))

    return take


def sign_in(page, server: Server, name: str) -> None:
    page.goto(server.url)
    page.get_by_label("User name").fill(name)
    page.get_by_role("textbox", name="Password").fill(PASSWORDS[name])
    page.get_by_role("button", name="Sign in").click()
    page.locator(CHAT_INPUT).wait_for()


def ask(page, question: str) -> float:
    """Ask; return when the passages found are on screen, with the seconds that took."""
    box = page.locator(CHAT_INPUT)
    box.fill(question)
    start = time.perf_counter()
    box.press("Enter")
    page.get_by_text(FOUND).wait_for()
    return time.perf_counter() - start


def count_at_most(page, selector: str):
    """Watch the page from now on; the returned function gives the most elements matching
    `selector` it has held at any one moment (a copy shown for an instant counts)."""
    page.evaluate(
        """(selector) => { window.faroMost = 0; new MutationObserver(() => {
            window.faroMost = Math.max(window.faroMost, document.querySelectorAll(selector).length);
        }).observe(document.body, {childList: true, subtree: true}); }""",
        selector,
    )
    return lambda: page.evaluate("window.faroMost")


def wait_for_input(page) -> None:
    page.wait_for_function("() => document.querySelector('textarea') && !document.querySelector('textarea').disabled")


def test_the_passages_show_before_the_answer_and_the_input_waits(page, server):
    sign_in(page, server, "hannah")  # hr: the leave policy is hers to read
    server.double.reply(ANSWER)
    seconds = ask(page, QUESTION)
    assert seconds <= 2.0, f"the passages took {seconds:.2f} s to show"
    answer = page.get_by_text("8 unused vacation days").filter(visible=True)  # not the collapsed passages
    assert answer.count() == 0  # the model is still reading
    assert page.get_by_placeholder("Ask a question about company policy").is_disabled()
    assert page.locator("[data-testid='stBottom'] textarea").count() == 1  # pinned below the chat
    answer.first.wait_for()
    page.get_by_text("Sources", exact=True).wait_for()
    assert page.get_by_text(FOUND).count() == 0  # the answer's own sources replace them
    wait_for_input(page)  # back once the answer is done

    # A marker is a link to its source, numbered from 1.
    page.get_by_role("link", name="[1]").first.click()
    page.wait_for_function("() => location.hash.endsWith('-source-1')")
    assert page.locator("[id$='-source-1']").first.is_visible() or page.locator("[id$='-source-1']").count()


def test_an_employee_page_has_no_operator_text(page, server):
    sign_in(page, server, "emma")
    text = page.locator("body").inner_text()
    for operator_text in ("qwen", "Ollama", "Generator", "FARO_", "Chunks", "llama.cpp", "Deploy"):
        assert operator_text not in text
    assert page.get_by_text("Index", exact=True).count() == 0 and page.get_by_text("Audit", exact=True).count() == 0


def test_before_sign_in_no_page_is_listed(page, server):
    page.goto(server.url)
    page.get_by_label("User name").wait_for()
    text = page.locator("body").inner_text().lower()
    assert "admin" not in text and "audit" not in text and "streamlit" not in text


def test_a_cited_document_downloads_as_the_file_itself(page, server, shot):
    sign_in(page, server, "henry")  # no conversation yet: the example questions are offered
    server.double.reply(ANSWER)
    most = count_at_most(page, "[data-testid='stChatMessage']")
    page.get_by_role("button", name=QUESTION).click()  # an example question
    page.get_by_text("Sources", exact=True).wait_for()
    wait_for_input(page)
    assert most() == 2  # the question and its answer, never a second copy while the page catches up
    page.get_by_text(re.compile(r"^\[1\] ")).first.click()
    page.get_by_role("button", name=re.compile(r"^Download ")).first.scroll_into_view_if_needed()
    shot(page, "answer-with-sources")
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile(r"^Download ")).first.click()
    download = info.value
    source = next(SAMPLE.rglob(download.suggested_filename))
    assert Path(download.path()).read_bytes() == source.read_bytes()


def test_an_outsider_never_sees_hr(page, server, shot):
    sign_in(page, server, "emma")
    server.double.reply("Parental leave is 14 weeks [1].")
    box = page.get_by_placeholder("Ask a question about company policy")
    box.fill("How many weeks of parental leave do I get?")
    box.press("Enter")
    page.locator("[data-testid='stChatMessage']").nth(1).wait_for()
    wait_for_input(page)
    text = page.locator("body").inner_text()
    assert "hr/" not in text and "parental-leave-policy" not in text and "leave-policy-2025" not in text
    shot(page, "decline")
    page.get_by_text("Search in").click()
    assert "hr" not in page.locator("section[data-testid='stSidebar']").inner_text().split()


def test_a_reload_and_a_new_tab_keep_the_sign_in_and_the_conversation(page, server):
    sign_in(page, server, "hannah")
    server.double.reply(ANSWER)
    ask(page, QUESTION)
    page.get_by_text("8 unused vacation days").filter(visible=True).first.wait_for()
    wait_for_input(page)
    cookie = next(c for c in page.context.cookies() if c["name"] == "faro_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"

    page.reload()
    page.get_by_text("Signed in as").wait_for()
    page.get_by_text("8 unused vacation days").filter(visible=True).first.wait_for()
    assert page.get_by_label("User name").count() == 0

    tab = page.context.new_page()
    tab.goto(server.url)
    tab.get_by_text("8 unused vacation days").filter(visible=True).first.wait_for()
    tab.close()

    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("User name").wait_for()
    page.reload()
    page.get_by_label("User name").wait_for()  # signed out stays signed out
    assert page.get_by_text("Signed in as").count() == 0


@pytest.mark.parametrize("page", ["es-ES"], indirect=True)
def test_a_spanish_question_gets_spanish_labels(page, server, shot):
    page.goto(server.url)  # a browser set to Spanish: the sign-in form is in Spanish
    page.get_by_role("heading", name="Iniciar sesión en Faro").wait_for()
    page.get_by_label("Usuario").fill("sofia")
    page.get_by_role("textbox", name="Contraseña").fill(PASSWORDS["sofia"])
    page.get_by_role("button", name="Iniciar sesión").click()
    page.get_by_placeholder("Haga una pregunta sobre las normas de la empresa").wait_for()
    server.double.reply("El personal a jornada completa tiene 23 días laborables de vacaciones al año [1].")
    seconds = ask(page, "¿Cuántos días de vacaciones tengo al año?")  # "Leyendo N pasajes" first
    page.get_by_text("23 días laborables").filter(visible=True).first.wait_for()
    wait_for_input(page)
    answer = page.locator("[data-testid='stChatMessage']").last
    answer.get_by_text("Fuentes", exact=True).wait_for()
    assert answer.get_by_text("Sources", exact=True).count() == 0
    assert answer.get_by_role("link", name="[1]").count() == 1
    assert answer.get_by_text(re.compile(r", páginas? \d")).count() >= 1  # where each source is, in Spanish
    assert answer.get_by_text(re.compile(r", pages? \d")).count() == 0
    assert seconds <= 2.0
    sidebar = page.locator("section[data-testid='stSidebar']").inner_text()
    assert "Nueva conversación" in sidebar and "Sesión iniciada como" in sidebar and "Documentos" in sidebar
    assert "New conversation" not in sidebar and "Signed in as" not in sidebar
    answer.scroll_into_view_if_needed()
    shot(page, "spanish")


def test_the_admin_index_uses_the_width_and_local_times(page, server, shot):
    sign_in(page, server, "root")
    page.get_by_role("link", name="Index").click()
    page.get_by_role("heading", name="Index").wait_for()
    table = page.locator("[data-testid='stDataFrame']").last
    table.wait_for()
    box = table.bounding_box()
    assert box["width"] > 800 and box["x"] + box["width"] <= 1280  # wider than the centred 736 px, nothing cut off
    assert page.get_by_text(re.compile(r"^Generator: ollama qwen2.5:3b")).count() == 1
    shot(page, "admin-index")


def test_rating_an_answer_keeps_the_open_source_open(page, server):
    sign_in(page, server, "root")  # reads the open folders; no conversation yet
    server.double.reply("Form FIN-220 is the expense claim form [1].")
    ask(page, "What is form FIN-220?")
    wait_for_input(page)
    page.get_by_text(re.compile(r"^\[1\] ")).first.click()
    download = page.get_by_role("button", name=re.compile(r"^Download "))
    download.first.wait_for()
    page.locator("[data-testid='stFeedbackButton']").first.click()  # thumbs up
    page.get_by_text(re.compile("your rating is recorded")).wait_for()
    assert download.first.is_visible()  # the passage the user was reading is still open
