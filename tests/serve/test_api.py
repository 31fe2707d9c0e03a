"""The workbench API through httpx (TestClient), each test against SQLite and PostgreSQL."""

from __future__ import annotations

import json
import logging
import threading

import pytest
from typer.testing import CliRunner

from engine.cli import app as cli_app
from engine.core.errors import LoadError
from engine.load import load_dossier

from .conftest import CASES, case, make_client
from .helpers import ART25, NO_REVIEW, NUMBER, UNIT, bad, big, revised

YAML = {"content-type": "application/yaml"}


def cli_json(monkeypatch, rel: str) -> str:
    p = CASES / rel
    monkeypatch.chdir(p.parent)
    r = CliRunner().invoke(cli_app, ["check", p.name, "-f", "json"])
    assert r.exit_code in (0, 1), r.output
    return r.stdout


# ----------------------------------------------------------------------------- check

def test_check_answers_exactly_the_cli_json(client, monkeypatch):
    expected = cli_json(monkeypatch, NO_REVIEW)
    r = client.post("/api/v1/check", content=bad(), headers=YAML, params={"name": "no-review.yaml"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.text.strip() == expected.strip()
    res = r.json()[0]
    assert not res["compliant"]
    art25 = next(f for f in res["findings"] if f["rule"] == ART25)
    assert art25["basis"] == "《重大行政决策程序暂行条例》第二十五条第一款" and "合法性审查" in art25["article_text"]


def test_check_by_upload_json_and_gbk(client, monkeypatch):
    expected = json.loads(cli_json(monkeypatch, "examples/peng-yang-heating-price.yaml"))
    up = client.post("/api/v1/check", files={"file": ("../../etc/peng-yang-heating-price.yaml", case("examples/peng-yang-heating-price.yaml"))})
    assert up.status_code == 200
    assert up.json() == expected  # the uploaded name is only a label: its path is dropped
    import yaml
    obj = yaml.safe_load(case("examples/peng-yang-heating-price.yaml"))
    r = client.post("/api/v1/check", content=json.dumps(obj, ensure_ascii=False, default=str).encode(), headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()[0]["compliant"] is True and r.json()[0]["file"] == "dossier.json"
    gbk = case(NO_REVIEW).decode("utf-8").encode("gb18030")
    r = client.post("/api/v1/check", content=gbk, headers=YAML)
    assert r.status_code == 200 and r.json()[0]["title"] == "宜兴市老旧小区改造三年行动计划（2023—2025年）"


def test_unusable_dossier_is_422_with_every_problem(client):
    text = bad().decode("utf-8").replace("决策事项: 宜兴市", "决策事项名字: 宜兴市").replace("日期: 2022年9月5日", "日期: 2022年13月5日")
    with pytest.raises(LoadError) as cli:
        load_dossier("dossier.yaml", data=text.encode(), name="dossier.yaml")
    r = client.post("/api/v1/check", content=text.encode(), headers=YAML)
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "load.invalid" and len(err["problems"]) == len(cli.value.problems) >= 2
    assert err["problems"] == [p.to_dict() for p in cli.value.problems]
    assert err["text"] == cli.value.text("zh") and err["text_en"] == cli.value.text("en")
    assert all(p["line"] for p in err["problems"])
    syntax = client.post("/api/v1/check", content="编号: [".encode(), headers=YAML).json()["error"]["problems"][0]
    assert syntax["code"] == "load.syntax" and syntax["line"] == 2 and "YAML 语法错误" in syntax["message"]
    empty = client.post("/api/v1/check", content=b"", headers=YAML)
    assert empty.status_code == 422 and empty.json()["error"]["problems"][0]["code"] == "load.empty"


def test_stage_switch_and_bad_stage(client):
    r = client.post("/api/v1/check", content=bad(), headers=YAML, params={"stage": "集体讨论前"})
    assert r.status_code == 200 and r.json()[0]["stage"] == "discussion"
    r = client.post("/api/v1/check", content=bad(), headers=YAML, params={"stage": "开会"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "serve.stage" and "集体讨论前" in r.json()["error"]["message"]


def test_opinion_json(client):
    r = client.post("/api/v1/opinion", content=bad(), headers=YAML)
    assert r.status_code == 200
    o = r.json()
    assert o["kind"] == "审查意见" and o["compliant"] is False and "不合规" in o["conclusion"]
    item = next(i for i in o["items"] if i["rule"] == ART25)
    assert item["basis"].endswith("第二十五条第一款") and item["remedy"] and item["problem"]


def test_rulesets_and_schema(client):
    rows = client.get("/api/v1/rulesets").json()
    ids = {r["id"] for r in rows}
    assert "cn.mad.decree-713" in ids and all(r["rules"] > 0 for r in rows)
    one = client.get("/api/v1/rulesets/cn.mad.decree-713")
    assert one.status_code == 200 and any(r["id"] == ART25 for r in one.json()["rules"])
    missing = client.get("/api/v1/rulesets/cn.nope")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "ruleset.not-found"
    schema = client.get("/api/v1/schema/dossier").json()
    from engine.tools.docsgen import json_schema
    assert schema == json.loads(json.dumps(json_schema(), ensure_ascii=False))
    assert "编号" in schema["properties"] and "程序" in schema["properties"]
    api = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/check", "/api/v1/dossiers", "/api/v1/dossiers/{number}/findings/{fp}/dispositions", "/api/v1/summary"):
        assert path in api["paths"]


def test_limits_size(client):
    huge = b"# " + b"x" * (5 * 1024 * 1024 + 10) + b"\n"
    r = client.post("/api/v1/check", content=huge, headers=YAML)
    assert r.status_code == 413 and r.json()["error"]["code"] == "load.too-large" and "5 MB" in r.json()["error"]["message"]
    r = client.post("/api/v1/check", files={"file": ("big.yaml", huge)})
    assert r.status_code == 413


# ----------------------------------------------------------------------------- stored dossiers, re-runs, dispositions

def test_store_list_fetch_recheck(client):
    r = client.post("/api/v1/dossiers", files={"file": ("no-review.yaml", bad())})
    assert r.status_code == 201
    v = r.json()
    assert v["number"] == NUMBER and v["check"]["seq"] == 1 and v["unit"] == UNIT
    assert {f["rule"] for f in v["findings"]} >= {ART25} and all(f["change"] == "first" for f in v["findings"])
    client.post("/api/v1/dossiers", content=case("examples/peng-yang-heating-price.yaml"), headers=YAML, params={"name": "py.yaml"})
    all_ = client.get("/api/v1/dossiers").json()
    assert all_["total"] == 2
    assert [d["number"] for d in client.get("/api/v1/dossiers", params={"compliant": "false"}).json()["dossiers"]] == [NUMBER]
    assert client.get("/api/v1/dossiers", params={"q": "供热"}).json()["total"] == 1
    assert client.get("/api/v1/dossiers", params={"unit": UNIT}).json()["dossiers"][0]["number"] == NUMBER
    got = client.get(f"/api/v1/dossiers/{NUMBER}").json()
    assert got["result"]["dossier"] == NUMBER and got["check"]["compliant"] is False
    assert client.get(f"/api/v1/dossiers/{NUMBER}/content").content == bad()
    assert client.get("/api/v1/dossiers/NOPE").status_code == 404
    rc = client.post(f"/api/v1/dossiers/{NUMBER}/recheck")
    assert rc.status_code == 201 and rc.json()["check"]["seq"] == 2
    assert rc.json()["counts"] == {"new": 0, "persisting": 2, "resolved": 0}
    checks = client.get(f"/api/v1/dossiers/{NUMBER}/checks").json()
    assert [c["seq"] for c in checks] == [1, 2]
    one = client.get(f"/api/v1/dossiers/{NUMBER}/checks/1")
    assert one.json()[0]["dossier"] == NUMBER
    s = client.get("/api/v1/summary").json()
    assert s["totals"]["checked"] == 2 and s["totals"]["noncompliant"] == 1
    assert any(r["rule"] == ART25 and r["violated"] == 1 for r in s["rules"])


def test_rerun_diff_and_dispositions_follow_persisting_findings(client):
    v1 = client.post("/api/v1/dossiers", content=bad(), headers=YAML, params={"name": "v1.yaml"}).json()
    fps = {f["rule"]: f["fingerprint"] for f in v1["findings"]}
    base = f"/api/v1/dossiers/{NUMBER}/findings"
    no_reason = client.post(f"{base}/{fps[ART25]}/dispositions", json={"status": "rejected"})
    assert no_reason.status_code == 422 and no_reason.json()["error"]["code"] == "serve.disposition.reason"
    no_action = client.post(f"{base}/{fps[ART25]}/dispositions", json={"status": "已整改", "text": " "})
    assert no_action.status_code == 422
    ok = client.post(f"{base}/{fps[ART25]}/dispositions", json={"status": "不采纳", "text": "司法局已于会前口头审查，书面意见补正中"})
    assert ok.status_code == 201 and ok.json()["status"] == "rejected" and ok.json()["by"] == "本机"
    pkg = client.post(f"{base}/{fps['mad.coll.meeting-package']}/dispositions", json={"status": "accepted"})
    assert pkg.status_code == 201
    assert client.post(f"{base}/0000/dispositions", json={"status": "accepted"}).status_code == 404
    assert client.post(f"{base}/{fps[ART25]}/dispositions", json={"status": "maybe"}).status_code == 422
    # the revised dossier: same 编号, a legality review before the meeting
    v2 = client.post("/api/v1/dossiers", content=revised(), headers=YAML, params={"name": "v2.yaml"}).json()
    assert v2["check"]["seq"] == 2 and v2["previous"] == 1
    assert [f["rule"] for f in v2["resolved"]] == [ART25]
    assert ART25 not in {f["rule"] for f in v2["findings"]}
    assert v2["resolved"][0]["disposition"]["text"] == "司法局已于会前口头审查，书面意见补正中"
    persisting = next(f for f in v2["findings"] if f["rule"] == "mad.coll.meeting-package")
    assert persisting["change"] == "persisting" and persisting["disposition"]["status"] == "accepted"
    fixed = client.post(f"{base}/{persisting['fingerprint']}/dispositions", json={"status": "fixed", "text": "补报合法性审查意见"})
    assert fixed.status_code == 201
    hist = client.get(f"{base}/{persisting['fingerprint']}/dispositions").json()
    assert [h["status"] for h in hist] == ["accepted", "fixed"]  # nothing overwritten
    assert client.get(base).json()["findings"][0]["disposition"]["status"] == "fixed"
    disc = client.get(base, params={"stage": "discussion"}).json()
    assert all(f["rule"] != ART25 for f in disc["findings"])
    op = client.get(f"/api/v1/dossiers/{NUMBER}/opinion").json()
    assert op["items"][0]["disposition"]["status"] == "fixed"
    log = client.get("/api/v1/audit-log").json()
    assert [e["action"] for e in log][:3] == ["finding.dispose", "dossier.store", "finding.dispose"]
    assert all("宜兴市老旧小区" not in json.dumps(e, ensure_ascii=False) for e in log)  # no dossier content in the log


def test_cross_site_post_refused(client):
    r = client.post("/api/v1/check", content=bad(), headers={**YAML, "origin": "http://evil.example"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "serve.cross-origin"
    assert client.post("/api/v1/check", content=bad(), headers={**YAML, "origin": "http://127.0.0.1:8000"}).status_code == 200


def test_no_dossier_content_in_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/api/v1/dossiers", content=bad(), headers=YAML)
    client.post("/api/v1/check", content=b"x: [", headers=YAML)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "宜兴" not in text and "老旧小区" not in text


# ----------------------------------------------------------------------------- roles

def _users(client):
    from engine.serve import auth
    S = client.app.state.sessions
    toks = {}
    with S() as s:
        for name, role, unit in (("zhou", "reviewer", None), ("zhujian", "unit", UNIT), ("caizheng", "unit", "宜兴市财政局"),
                                 ("guest", "readonly", None), ("gone", "reviewer", None)):
            u = auth.add_user(s, name, "pw-" + name + "-123", role, unit)
            toks[name] = auth.new_token(s, u)
        s.commit()
    return {k: {"authorization": f"Bearer {v}"} for k, v in toks.items()}


def test_roles(client):
    t = _users(client)
    r = client.get("/api/v1/dossiers")
    assert r.status_code == 401 and r.json()["error"]["code"] == "serve.login-required"
    assert client.get("/api/v1/dossiers", headers={"authorization": "Bearer nope"}).status_code == 401
    assert client.get("/api/v1/me", headers=t["zhujian"]).json()["role_zh"] == "承办单位"
    # read-only: may check and look, not store
    assert client.post("/api/v1/check", content=bad(), headers={**YAML, **t["guest"]}).status_code == 200
    assert client.post("/api/v1/dossiers", content=bad(), headers={**YAML, **t["guest"]}).status_code == 403
    # a unit stores its own dossiers only
    other = client.post("/api/v1/dossiers", content=bad(), headers={**YAML, **t["caizheng"]})
    assert other.status_code == 403 and other.json()["error"]["code"] == "serve.other-unit"
    own = client.post("/api/v1/dossiers", content=bad(), headers={**YAML, **t["zhujian"]})
    assert own.status_code == 201 and own.json()["check"]["by"] == "zhujian"
    assert client.get("/api/v1/dossiers", headers=t["caizheng"]).json()["total"] == 0
    assert client.get(f"/api/v1/dossiers/{NUMBER}", headers=t["caizheng"]).status_code == 404
    assert client.get("/api/v1/summary", headers=t["caizheng"]).json()["totals"]["checked"] == 0
    assert client.get("/api/v1/dossiers", headers=t["guest"]).json()["total"] == 1
    fp = own.json()["findings"][0]["fingerprint"]
    path = f"/api/v1/dossiers/{NUMBER}/findings/{fp}/dispositions"
    assert client.post(path, json={"status": "accepted"}, headers=t["zhujian"]).status_code == 403
    assert client.post(path, json={"status": "accepted"}, headers=t["guest"]).status_code == 403
    assert client.post(path, json={"status": "accepted"}, headers=t["zhou"]).json()["by"] == "zhou"
    assert client.get("/api/v1/audit-log", headers=t["zhujian"]).status_code == 403
    assert [e["user"] for e in client.get("/api/v1/audit-log", headers=t["zhou"]).json()] == ["zhou", "zhujian"]
    # a disabled user's token stops working at once
    from sqlalchemy import select
    from engine.serve.models import User
    with client.app.state.sessions() as s:
        s.scalar(select(User).where(User.name == "gone")).active = False
        s.commit()
    assert client.get("/api/v1/me", headers=t["gone"]).status_code == 401


# ----------------------------------------------------------------------------- time limit and concurrency

def test_time_limit_stops_a_slow_check_and_others_go_on(db_url):
    with make_client(db_url, check_timeout=0.15, workers=1) as c:
        slow = c.post("/api/v1/check", content=big(), headers=YAML)
        assert slow.status_code == 504 and slow.json()["error"]["code"] == "serve.timeout"
        ok = c.post("/api/v1/check", content=bad(), headers=YAML)  # the killed worker was replaced
        assert ok.status_code == 200 and ok.json()[0]["dossier"] == NUMBER


def test_bounded_concurrency_refuses_beyond_the_limit(db_url):
    with make_client(db_url, check_timeout=120, workers=1, max_pending=1) as c:
        out = {}
        body = big(6000)

        def slow():
            out["slow"] = c.post("/api/v1/check", content=body, headers=YAML).status_code

        th = threading.Thread(target=slow)
        th.start()
        import time
        pool = c.app.state.pool
        while th.is_alive() and pool.in_flight == 0:
            time.sleep(0.005)
        busy = c.post("/api/v1/check", content=bad(), headers=YAML)  # while the slow one holds the only slot
        pages = c.get("/api/v1/rulesets")  # pages do not wait for the pool
        still = th.is_alive()
        th.join()
        assert still, "the slow check must still have been running"
        assert busy.status_code == 503 and busy.json()["error"]["code"] == "serve.busy"
        assert pages.status_code == 200 and out["slow"] == 200


# ----------------------------------------------------------------------------- sessions, CSRF, documents, streaming limit

def _login(client) -> str:
    """Log in through the page as the reviewer; → the CSRF token the page carries."""
    import re
    from engine.serve import auth
    with client.app.state.sessions() as s:
        auth.add_user(s, "zhou", "审查密码-2024", "reviewer", display_name="周文斌")
        s.commit()
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    bad_csrf = client.post("/login", data={"csrf": "forged", "name": "zhou", "password": "审查密码-2024"}, headers={"accept": "text/html"})
    assert bad_csrf.status_code == 403 and "CSRF" in bad_csrf.text and "<html" in bad_csrf.text
    wrong = client.post("/login", data={"csrf": token, "name": "zhou", "password": "nope"})
    assert wrong.status_code == 401
    r = client.post("/login", data={"csrf": token, "name": "zhou", "password": "审查密码-2024"}, follow_redirects=False)
    assert r.status_code == 303
    home = client.get("/")
    assert "周文斌" in home.text
    return re.search(r'data-csrf="([^"]+)"', home.text).group(1)


def test_session_cookie_needs_the_csrf_token_for_changes(client):
    csrf = _login(client)
    no = client.post("/api/v1/dossiers", content=bad(), headers=YAML)
    assert no.status_code == 403 and no.json()["error"]["code"] == "serve.csrf"
    ok = client.post("/api/v1/dossiers", content=bad(), headers={**YAML, "x-csrf-token": csrf})
    assert ok.status_code == 201 and ok.json()["check"]["by"] == "zhou"
    assert client.get("/api/v1/me").json()["name"] == "zhou"  # reading needs no token
    form = client.post(f"/dossiers/{NUMBER}/recheck", data={"csrf": "forged"}, headers={"accept": "text/html"})
    assert form.status_code == 403 and "CSRF" in form.text
    # a forged cookie is no session
    client.cookies.set("juece_session", "forged.cookie.value")
    assert client.get("/api/v1/me").status_code == 401


def test_documents_download(client):
    import io
    import zipfile
    client.post("/api/v1/dossiers", content=bad(), headers=YAML)
    docx = client.get(f"/api/v1/dossiers/{NUMBER}/opinion", params={"format": "docx"})
    assert docx.status_code == 200 and "attachment" in docx.headers["content-disposition"]
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode("utf-8")
    assert "第二十五条" in xml and "宜兴市老旧小区改造" in xml
    xlsx = client.get(f"/api/v1/dossiers/{NUMBER}/rectification")
    from openpyxl import load_workbook
    cells = [c.value for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows() for c in row if c.value]
    assert any("第二十五条" in str(c) for c in cells)
    md = client.post("/api/v1/opinion", content=bad(), headers=YAML, params={"format": "md"})
    assert md.status_code == 200 and "第二十五条" in md.text
    assert client.get(f"/api/v1/dossiers/{NUMBER}/opinion", params={"format": "pdf"}).status_code == 422


def test_streamed_body_over_the_limit_is_refused(client):
    def chunks():
        for _ in range(6):
            yield b"#" * (1024 * 1024)
    r = client.post("/api/v1/check", content=chunks(), headers=YAML)  # no Content-Length: counted as it arrives
    assert r.status_code == 413 and r.json()["error"]["code"] == "load.too-large"


def test_preload_stores_the_shipped_examples_once(db_url):
    from engine.serve.cli import _preload
    with make_client(db_url) as c:
        _preload(c.app, [str(CASES / "examples"), str(CASES / NO_REVIEW)])
        _preload(c.app, [str(CASES / "examples")])  # already stored: skipped
        rows = c.get("/api/v1/dossiers").json()
        assert rows["total"] == 2 and all(d["checks"] == 1 for d in rows["dossiers"])


def test_check_command_does_not_import_the_web_stack():
    import subprocess
    import sys
    code = ("import sys\nfrom engine.cli import main\nsys.argv=['juece','check',%r]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "bad=[m for m in ('fastapi','sqlalchemy','uvicorn','alembic','engine.serve') if m in sys.modules]\n"
            "assert not bad, bad\n") % str(CASES / "examples/peng-yang-heating-price.yaml")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(CASES.parent), timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]


def test_uploads_are_not_spooled_to_disk(client, monkeypatch):
    import tempfile
    made = []
    real = tempfile.SpooledTemporaryFile

    class Watch(real):  # type: ignore[misc,valid-type]
        def rollover(self):
            made.append(True)
            return super().rollover()

    monkeypatch.setattr("starlette.formparsers.SpooledTemporaryFile", Watch)
    body = big(12000)
    assert len(body) > 1024 * 1024
    r = client.post("/api/v1/dossiers", files={"file": ("big.yaml", body)})
    assert r.status_code in (201, 504) and not made  # a 1.3 MB upload never went to a temporary file
