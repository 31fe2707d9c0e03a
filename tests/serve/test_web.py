"""The web page in real headless Chromium (Debian's /usr/bin/chromium driven by playwright; no browser
is ever downloaded), against a real uvicorn server on 127.0.0.1, on SQLite and on PostgreSQL.

A reviewer logs in, uploads a dossier whose draft skipped the legality review, sees the Art. 25
finding, rebuts it with a reason, uploads the revised dossier and sees the finding resolved with
the rebuttal kept. Locally, without chromium the test is skipped; with CI=true it fails instead.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import IN_CI, make_client
from .helpers import ART25, NUMBER, bad, revised

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).exists()), None)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage"]


def _need_browser():
    try:
        import playwright  # noqa: F401
    except ImportError:
        if IN_CI:
            pytest.fail("playwright (python) is not installed; pip install playwright (the browser is Debian's chromium)")
        pytest.skip("playwright not installed")
    if CHROMIUM is None:
        if IN_CI:
            pytest.fail("chromium is not installed; .ci/run must apt-get install -y chromium fonts-wqy-microhei")
        pytest.skip("chromium not installed (apt-get install -y chromium); required in CI")


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)  # a fresh profile each launch
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(db_url):
    """`juece serve` as it runs: uvicorn on 127.0.0.1, one reviewer configured."""
    import uvicorn
    from engine.serve import auth
    with make_client(db_url) as tc:  # migrate and add the user through the app's own session factory
        with tc.app.state.sessions() as s:
            auth.add_user(s, "zhou", "审查密码-2024", "reviewer", display_name="周文斌")
            s.commit()
    from engine.serve import Settings, create_app
    app = create_app(Settings(db_url=db_url, workers=1))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on", timeout_graceful_shutdown=2))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline and th.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    th.join(timeout=15)


def test_reviewer_rebuts_art25_and_sees_it_resolved(browser, server, tmp_path):
    shots = Path(os.environ.get("JUECE_SCREENSHOT_DIR", tmp_path))
    (tmp_path / "no-review.yaml").write_bytes(bad())
    (tmp_path / "revised.yaml").write_bytes(revised())
    ctx = browser.new_context(locale="zh-CN")
    page = ctx.new_page()
    page.set_default_timeout(20000)

    # log in
    page.goto(server + "/")
    assert page.url.startswith(server + "/login")
    page.fill("#login-name", "zhou")
    page.fill("#login-password", "wrong password")
    page.click("#login-submit")
    assert "用户名或密码错误" in page.inner_text("[role=alert]")
    page.fill("#login-name", "zhou")
    page.fill("#login-password", "审查密码-2024")
    page.click("#login-submit")
    assert "周文斌 · 审查人员" in page.inner_text("#whoami")

    # upload the bad dossier: the Art. 25 finding, with its article text and evidence
    page.set_input_files("#upload-file", str(tmp_path / "no-review.yaml"))
    page.click("#upload-submit")
    page.wait_for_selector("#group-violated")
    assert page.inner_text("#dossier-number") == NUMBER
    art25 = page.locator(f"#group-violated article[data-rule='{ART25}']")
    assert art25.count() == 1
    text = art25.inner_text()
    assert "第二十五条第一款" in text and "决策草案提交决策机关讨论前，应当由负责合法性审查的部门进行合法性审查" in text
    assert "不合规" in page.inner_text("#verdict") or "违法" in page.inner_text("#verdict")
    page.screenshot(path=str(shots / "workbench-finding.png"), full_page=True)

    # the filter hides what does not match
    page.fill("#finding-filter", "第二十九条")
    assert art25.is_hidden()
    page.fill("#finding-filter", "")
    assert art25.is_visible()

    # rebut it: 不采纳 needs a reason (the browser refuses the empty field; the server would too)
    art25.locator("input[value=rejected]").check()
    art25.locator("button[type=submit]").click()
    assert art25.locator(".current").get_attribute("data-status") is None  # nothing was recorded
    art25.locator(".dtext-input").fill("司法局已于会前出具书面审查意见，存档时遗漏")
    art25.locator("button[type=submit]").click()
    page.wait_for_selector(f"article[data-rule='{ART25}'] .current[data-status=rejected]")
    art25 = page.locator(f"#group-violated article[data-rule='{ART25}']")
    assert "不采纳" in art25.locator(".disposition").inner_text() and "存档时遗漏" in art25.inner_text()
    assert "周文斌" in art25.locator(".disposition").inner_text() or "zhou" in art25.locator(".disposition").inner_text()

    # the stage switch: the same dossier checked before the meeting
    page.click("#stage-pre")
    page.wait_for_selector("#stage-pre.on")
    page.click("#stage-post")

    # upload the revised dossier (same 编号): the Art. 25 finding is resolved, the rebuttal kept with it
    page.goto(server + "/")
    page.set_input_files("#upload-file", str(tmp_path / "revised.yaml"))
    page.click("#upload-submit")
    page.wait_for_selector("#group-resolved")
    assert page.locator(f"#group-violated article[data-rule='{ART25}']").count() == 0
    gone = page.locator(f"#group-resolved article[data-rule='{ART25}']")
    assert gone.count() == 1 and gone.get_attribute("data-change") == "resolved"
    assert "存档时遗漏" in gone.inner_text()
    diff = page.inner_text("#diff")
    assert re.search(r"已解决\s*1", diff), diff
    persisting = page.locator("#group-violated article[data-rule='mad.coll.meeting-package']")
    assert persisting.get_attribute("data-change") == "persisting"
    page.screenshot(path=str(shots / "workbench-resolved.png"), full_page=True)

    # English
    page.click("#lang-switch")
    page.wait_for_selector("#group-resolved")
    assert "Resolved (since the previous check)" in page.inner_text("#group-resolved h2")
    assert "Art. 25" in page.inner_text("#group-resolved")

    # downloads are real documents
    with page.expect_download() as dl:
        page.click("#dl-opinion")
    assert dl.value.suggested_filename.endswith(".docx")
    ctx.close()


def test_form_generated_from_the_schema(browser, server):
    ctx = browser.new_context(locale="zh-CN")
    page = ctx.new_page()
    page.set_default_timeout(20000)
    page.goto(server + "/login")
    page.fill("#login-name", "zhou")
    page.fill("#login-password", "审查密码-2024")
    page.click("#login-submit")
    page.goto(server + "/new")
    page.wait_for_selector("#schema-form[data-ready='1']")
    general = page.inner_text("#general")
    assert "编号" in general and "决策机关" in general and "决策日期" in general
    assert page.locator("#general input[data-key='决策日期'][type=date]").count() == 1
    page.fill("#general input[data-key='编号']", "FORM-2024-1")
    page.fill("#general input[data-key='标题']", "表单填写的决策")
    page.fill("#general input[data-key='决策机关']", "某县人民政府")
    page.select_option("#general select[data-key='阶段']", "completed")
    page.select_option("#record-type", label="集体讨论决定")
    page.click("#add-record")
    rec = page.locator("#records .record").first
    rec.locator("input[data-key='会议日期']").fill("2024-03-05")
    page.click("#preview")
    preview = page.inner_text("#preview-out")
    assert '"编号": "FORM-2024-1"' in preview and '"类型": "集体讨论决定"' in preview and '"会议日期": "2024-03-05"' in preview
    page.click("#form-submit")
    page.wait_for_selector("#dossier-number")
    assert page.inner_text("#dossier-number") == "FORM-2024-1"
    assert page.locator("#group-violated article[data-rule='mad.legal.before-discussion']").count() == 1
    ctx.close()
