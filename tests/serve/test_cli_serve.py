"""`juece serve` refusals, `juece users add/list/disable/token`, and `juece check --baseline`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from engine.cli import app

from .conftest import CASES

runner = CliRunner()


def test_serve_refuses_a_public_address_without_users(tmp_path):
    db = f"sqlite:///{tmp_path / 'j.db'}"
    r = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--db", db])
    assert r.exit_code == 2
    assert "拒绝监听 0.0.0.0" in r.stderr and "no users are configured" in r.stderr


def test_serve_refuses_a_newer_database(tmp_path):
    import sqlalchemy as sa
    from engine.serve import db as dbmod
    url = f"sqlite:///{tmp_path / 'j.db'}"
    eng = dbmod.connect(url)
    dbmod.migrate(eng)
    with eng.begin() as c:
        c.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    eng.dispose()
    r = runner.invoke(app, ["serve", "--db", url])
    assert r.exit_code == 2 and "9999" in r.stderr and "upgrade juece" in r.stderr


def test_users_add_list_disable_token(tmp_path):
    db = f"sqlite:///{tmp_path / 'j.db'}"
    r = runner.invoke(app, ["users", "add", "zhou", "--role", "审查人员", "--display-name", "周文斌", "--password-stdin", "--db", db],
                      input="correct horse battery\n")
    assert r.exit_code == 0, r.output
    token = r.stdout.split("shown once): ")[1].strip()
    assert token.startswith("jc_")
    r = runner.invoke(app, ["users", "add", "zj", "--role", "承办单位", "--password-stdin", "--db", db], input="abcdefgh12\n")
    assert r.exit_code == 2 and "--unit" in r.stderr
    r = runner.invoke(app, ["users", "add", "x", "--role", "boss", "--password-stdin", "--db", db], input="abcdefgh12\n")
    assert r.exit_code == 2 and "未知角色" in r.stderr
    r = runner.invoke(app, ["users", "add", "y", "--role", "只读", "--password-stdin", "--db", db], input="short\n")
    assert r.exit_code == 2 and "8" in r.stderr
    assert runner.invoke(app, ["users", "add", "zj", "--role", "unit", "--unit", "宜兴市住房和城乡建设局", "--password-stdin", "--db", db],
                         input="abcdefgh12\n").exit_code == 0
    r = runner.invoke(app, ["users", "list", "--db", db])
    assert "zhou\t审查人员 reviewer" in r.stdout and "宜兴市住房和城乡建设局" in r.stdout
    # the password is stored as an argon2 hash, never in clear
    import sqlalchemy as sa
    from engine.serve import db as dbmod
    eng = dbmod.connect(db)
    with eng.connect() as c:
        h = c.execute(sa.text("SELECT password_hash FROM users WHERE name = 'zhou'")).scalar()
        toks = c.execute(sa.text("SELECT token_hash FROM api_tokens")).scalars().all()
    eng.dispose()
    assert h.startswith("$argon2id$") and "correct horse" not in h and token not in toks
    assert runner.invoke(app, ["users", "token", "zhou", "--db", db]).stdout.count("jc_") == 1
    assert runner.invoke(app, ["users", "disable", "zhou", "--db", db]).exit_code == 0
    assert "已停用" in runner.invoke(app, ["users", "list", "--db", db]).stdout
    assert runner.invoke(app, ["users", "token", "zhou", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["users", "disable", "nobody", "--db", db]).exit_code == 2


def test_check_baseline_reports_only_new_findings(tmp_path, monkeypatch):
    from .helpers import revised
    bad = CASES / "legality_review/bad/no-review.yaml"
    base = tmp_path / "基线.json"
    r = runner.invoke(app, ["check", str(bad), "--baseline", str(base)])
    assert r.exit_code == 2 and "基线文件不存在" in r.stderr
    r = runner.invoke(app, ["check", str(bad), "--baseline", str(base), "--write-baseline", "-f", "json"])
    assert r.exit_code == 1 and len(json.loads(r.stdout)[0]["findings"]) == 2
    b = json.loads(base.read_text(encoding="utf-8"))
    assert {e["rule"] for e in b["dossiers"]["YX-ZDJC-2022-011-LR0"]} == {"mad.legal.before-discussion", "mad.coll.meeting-package"}
    r = runner.invoke(app, ["check", str(bad), "--baseline", str(base), "-f", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["findings"] == [] and "2 项问题未列出" in r.stderr
    # a record moved elsewhere in the file keeps the fingerprints (matched by rule and evidence, not position)
    text = bad.read_text(encoding="utf-8")
    head, procs = text.split("程序:\n", 1)
    recs = ["  - 类型:" + x for x in procs.split("  - 类型:")[1:]]
    moved = tmp_path / "moved.yaml"
    moved.write_text(head + "程序:\n" + "".join(recs[::-1]), encoding="utf-8")
    r = runner.invoke(app, ["check", str(moved), "--baseline", str(base), "-f", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["findings"] == []
    # a new problem is reported: drop the meeting minutes from the revised dossier
    worse = tmp_path / "worse.yaml"
    worse.write_bytes(bad.read_bytes().replace("会议纪要: 是".encode(), "会议纪要: 否".encode()))
    r = runner.invoke(app, ["check", str(worse), "--baseline", str(base), "-f", "json"])
    new = json.loads(r.stdout)[0]["findings"]
    assert new and all(f["rule"] not in ("mad.legal.before-discussion",) for f in new)
    broken = tmp_path / "b.json"
    broken.write_text("{", encoding="utf-8")
    r = runner.invoke(app, ["check", str(bad), "--baseline", str(broken)])
    assert r.exit_code == 2 and "baseline" in r.stderr.lower() or "基线" in r.stderr
    r = runner.invoke(app, ["check", str(bad), "--write-baseline"])
    assert r.exit_code == 2 and "--baseline" in r.stderr
    _ = revised
