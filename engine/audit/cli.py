"""`juece audit` and `juece sample` (wired into engine/cli/__init__.py by the lead)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Callable, List, Optional

import typer

from .. import __version__

EXIT_OK, EXIT_VIOLATION, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130
HEARTBEAT = 10.0  # seconds between two heartbeats in audit.json


def _say_fn(lang: str, quiet: bool = False) -> Callable[[str, str], None]:
    def say(zh: str, en: str) -> None:
        if not quiet:
            print(en if lang == "en" else zh, file=sys.stderr, flush=True)
    return say


class _Sink:
    """Collects finished lines; appends (and fsyncs) them at most every 0.5 s or 2,000 lines."""

    def __init__(self, store, progress, running=None, list_limit: int = 500, beat=None) -> None:  # noqa: ANN001
        self.store, self.progress, self.running, self.list_limit = store, progress, running, list_limit
        self.beat, self.last_beat = beat, time.monotonic()
        self.r: list[str] = []
        self.e: list[str] = []
        self.last = time.monotonic()
        self.results = self.errors = 0

    def __call__(self, recs: list[tuple[str, str, str]], part=None) -> None:  # noqa: ANN001
        if self.running is not None:  # counted in the order the lines are written
            from .summary import Part
            self.running.add(part if part is not None else Part.of_lines(recs, self.list_limit))
        errs = 0
        for kind, _key, line in recs:
            if kind == "result":
                self.r.append(line)
            else:
                self.e.append(line)
                errs += 1
        self.results += len(recs) - errs
        self.errors += errs
        self.progress.advance(len(recs), errs)
        if time.monotonic() - self.last > 0.5 or len(self.r) + len(self.e) >= 2000:
            self.flush()

    def flush(self) -> None:
        if self.r or self.e:
            self.store.append(self.r, self.e)
            self.r, self.e = [], []
        self.last = time.monotonic()
        if self.beat is not None and self.last - self.last_beat > HEARTBEAT:
            self.last_beat = self.last
            self.beat()


class _Stop:
    """SIGINT/SIGTERM set a flag the executors poll between chunks; a second Ctrl-C stops at once."""

    def __init__(self) -> None:
        self.flag = False
        self.old: dict = {}

    def __call__(self) -> bool:
        return self.flag

    def _handler(self, signum, frame) -> None:  # noqa: ANN001
        if self.flag and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.flag = True

    def __enter__(self) -> "_Stop":
        if threading.current_thread() is threading.main_thread():
            for s in (signal.SIGINT, signal.SIGTERM):
                self.old[s] = signal.signal(s, self._handler)
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        for s, h in self.old.items():
            signal.signal(s, h)


def run_audit(paths: list[str], out: Path, jobs: Optional[int] = None, ruleset: Optional[str] = None,
              executor: str = "local", scheduler: Optional[str] = None, resume: bool = False,
              mapping: Optional[Path] = None, lang: str = "zh", list_limit: int = 500, quiet: bool = False,
              tty: Optional[bool] = None, chunk: Optional[int] = None,
              time_limit: Optional[float] = None) -> tuple[int, Optional[dict]]:
    """The whole audit; → (exit code, summary). Used by the CLI and the tests.

    `time_limit`: seconds one dossier may take (default worker.TIME_LIMIT); a dossier that takes
    longer is stopped and reported (engine.timeout), and the audit goes on."""
    from . import runner
    from .store import LOCK, Busy, Store

    say = _say_fn(lang, quiet)

    def fail(zh: str, en: str) -> tuple[int, None]:
        print(en if lang == "en" else zh, file=sys.stderr, flush=True)
        return EXIT_UNUSABLE, None

    if lang not in ("zh", "en"):
        return fail(f"--lang 只能是 zh 或 en，收到“{lang}”", f"--lang must be zh or en, got '{lang}'")
    if executor not in ("local", "dask"):
        return fail(f"--executor 只能是 local 或 dask，收到“{executor}”", f"--executor must be local or dask, got '{executor}'")
    if scheduler and executor != "dask":
        return fail("--scheduler 需与 --executor dask 同用", "--scheduler needs --executor dask")
    jobs = jobs or runner.default_jobs()
    if jobs < 1:
        return fail("--jobs 至少为 1", "--jobs must be at least 1")
    if time_limit is not None and not time_limit > 0:
        return fail("--time-limit 应为正数（秒）", "--time-limit must be a positive number of seconds")
    out = Path(out).resolve()
    if out.exists() and not out.is_dir():
        return fail(f"--out 须为目录（输出目录，审核结果写在其中），而 {out} 是一个文件；请换一个目录名",
                    f"--out must be a folder (the audit writes its files into it), but {out} is a file; give another name")
    created = not out.exists()
    store = Store(out)
    try:
        store.lock()
    except Busy as b:
        return fail(f"{out} 正由另一个审核使用（进程 {b.pid}，{b.started} 开始）：等它结束后再续审，或换一个输出目录",
                    f"{out} is in use by another audit (process {b.pid}, started {b.started}): wait for it to end, or use another folder")
    except OSError as e:
        return fail(f"无法使用输出目录 {out}：{e.strerror or e}", f"cannot use the output folder {out}: {e.strerror or e}")
    try:
        return _audit(store, paths, out, jobs, ruleset, executor, scheduler, resume, mapping, lang, list_limit, quiet, tty, chunk,
                      time_limit)
    finally:
        store.unlock()
        if created and {p.name for p in out.iterdir()} <= {LOCK}:  # nothing was written: leave no trace
            try:
                (out / LOCK).unlink()
                out.rmdir()
            except OSError:
                pass


def _audit(store, paths: list[str], out: Path, jobs: int, ruleset: Optional[str], executor: str, scheduler: Optional[str],  # noqa: ANN001, C901
           resume: bool, mapping: Optional[Path], lang: str, list_limit: int, quiet: bool, tty: Optional[bool],
           chunk: Optional[int], time_limit: Optional[float]) -> tuple[int, Optional[dict]]:
    """run_audit with the folder locked."""
    from ..core.errors import MappingError, RulesetErrors, UsageError
    from . import runner, worker
    from .ledger import Mapping
    from .progress import Progress
    from .sources import check_inputs, count_items, iter_items
    from .summary import Running, summarize

    say = _say_fn(lang, quiet)

    def fail(zh: str, en: str) -> tuple[int, None]:
        print(en if lang == "en" else zh, file=sys.stderr, flush=True)
        return EXIT_UNUSABLE, None

    prev = store.read_run()
    if resume:
        if prev.get("state") == "running":  # we hold the lock: the run that wrote this is gone
            say(f"上次审核（进程 {prev.get('pid', '?')}，最后心跳 {prev.get('heartbeat') or prev.get('started')}）已不在运行，从中断处继续",
                f"the previous audit (process {prev.get('pid', '?')}, last heartbeat {prev.get('heartbeat') or prev.get('started')}) is no longer running; continuing where it stopped")
        stale = store.remove_stale_temporaries()
        if stale:
            say(f"已删除上次中断留下的 {stale} 个临时文件", f"removed {stale} temporary file(s) left by the interruption")
    if resume:
        if not prev and not store.has_results():
            say(f"{out} 中没有可续审的记录，从头开始", f"nothing to resume in {out}; starting afresh")
        if not paths and prev.get("inputs"):
            paths = list(prev["inputs"])
            if prev.get("cwd") and Path(prev["cwd"]).is_dir():
                os.chdir(prev["cwd"])  # the keys are the paths as first given
        if ruleset is None:
            ruleset = prev.get("ruleset")
        elif prev and prev.get("ruleset") != ruleset:
            return fail(f"此前以规则集 {prev.get('ruleset') or '（自动选用）'} 审核，续审须使用同一规则集",
                        f"this audit ran with ruleset {prev.get('ruleset') or '(chosen per dossier)'}; resume it with the same one")
        if mapping is None and prev.get("mapping"):
            mapping = Path(prev["mapping"])
    elif store.has_results():
        return fail(f"{out} 中已有审核结果：用 --resume 继续，或换一个空目录", f"{out} already holds audit results: use --resume to continue, or another folder")
    try:
        check_inputs(paths)
    except UsageError as e:
        return fail(e.zh, e.en)
    if ruleset:
        from ..check import compiled_for
        from ..rulesets import given
        try:  # compiled here, so a loosening overlay (`--ruleset my-overlay/`) is refused before any worker starts
            compiled_for(given(ruleset), "findings")
        except RulesetErrors as e:
            return fail(e.text("zh"), e.text("en"))
    try:
        mp = Mapping.load(mapping)
    except MappingError as e:
        return fail(e.zh, e.en)

    retried = store.forget() if resume else set()
    if retried:
        say(f"续审：重新检查上次因工作进程异常或超时未能检查的 {len(retried)} 件", f"resuming: checking again {len(retried)} dossiers a dead worker or the time limit cost last time")
    store.open()
    done = store.done_keys() if resume else set()
    if store.cut:
        say(f"上次中断时有写了一半的记录（{store.cut} 字节），已截去，相应案卷将重新检查",
            f"cut {store.cut} bytes of a half-written record left by the interruption; that dossier is checked again")
    if done:
        say(f"续审：跳过已完成的 {len(done)} 件", f"resuming: skipping {len(done)} finished dossiers")
    started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    run = {"engine": __version__, "inputs": list(paths), "cwd": os.getcwd(), "ruleset": ruleset,
           "mapping": str(Path(mapping).resolve()) if mapping else None, "executor": executor, "scheduler": scheduler,
           "jobs": jobs, "started": prev.get("started", started) if resume else started, "resumed": resume,
           "state": "running", "pid": os.getpid(), "host": _host(), "heartbeat": started}
    store.write_run(run)

    def beat() -> None:  # audit.json says when this run was last alive (the lock says whether it still is)
        run["heartbeat"] = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        store.write_run(run)

    total = count_items(paths, mp)
    if total is not None:
        total = max(0, total - len(done))
    warned: set[str] = set()

    def warn(zh: str, en: str) -> None:
        if zh not in warned:
            warned.add(zh)
            say(zh, en)

    items = (it for it in iter_items(paths, mp, warn=warn) if it[0] not in done)
    progress = Progress(total, lang, quiet, tty=tty)
    # A fresh output folder: the summary is counted as results stream in. A resumed one is
    # summarized by re-reading its files at the end, which hold what earlier runs did too.
    running = Running(out, list_limit) if not done else None
    sink = _Sink(store, progress, running, list_limit, beat=beat)
    wopts = {"ruleset": ruleset, "list_limit": list_limit, "time_limit": time_limit or worker.TIME_LIMIT}
    if os.environ.get(worker.HANG_ENV):  # testing hook: the engine hangs on that dossier
        wopts["hang"] = os.environ[worker.HANG_ENV]
    if os.environ.get(worker.CRASH_ONCE_ENV):  # testing hook: a worker is killed once while it holds that dossier
        wopts["crash_once"] = os.environ[worker.CRASH_ONCE_ENV]
    if os.environ.get(worker.CRASH_ENV):  # testing hook (tests/audit/test_audit.py): a worker segfaults on that dossier
        wopts["crash"] = os.environ[worker.CRASH_ENV]
    t0 = time.monotonic()
    s = None
    with _Stop() as stop:
        try:
            if executor == "dask":
                finished = runner.run_dask(items, jobs, wopts, sink, stop, scheduler, chunk=chunk or 250, say=say)
            else:
                finished = runner.run_local(items, jobs, wopts, sink, stop, chunk=chunk or 50)
        except KeyboardInterrupt:
            finished = False
        except BaseException:
            if running is not None:
                running.abandon()
            raise
        finally:
            sink.flush()
            store.close()
            progress.close()
        elapsed = time.monotonic() - t0
        # The final phase (ordering the files, the summary, the dashboard, audit.json) is inside
        # the signal handler too: an interrupt there is an interrupt like any other.
        if finished and not stop():
            run.update({"state": "finished", "finished": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                        "this_run": {"dossiers": sink.results + sink.errors, "seconds": round(elapsed, 2),
                                     "per_second": round((sink.results + sink.errors) / elapsed, 1) if elapsed > 0 else None}})
            try:
                _final_pause(out, stop)
                store.normalize()
                if stop():
                    raise KeyboardInterrupt
                s = running.finish(run, lang) if running is not None else summarize(out, list_limit, run, lang)
                running = None
                if stop():
                    raise KeyboardInterrupt
                store.write_run(run)
            except KeyboardInterrupt:
                finished = False
                run["state"] = "running"
        else:
            finished = False
    if not finished:
        if running is not None:
            running.abandon()
        for name in ("summary.json", "summary.csv", "report.html", "dossiers.csv"):  # an interrupted audit has no summary
            try:
                (out / name).unlink()
            except OSError:
                pass
        store.write_run({**run, "state": "interrupted", "interrupted": dt.datetime.now().astimezone().isoformat(timespec="seconds")})
        say(f"已中断：本次完成的 {sink.results + sink.errors} 件已保存。用 juece audit --out {out} --resume 继续",
            f"interrupted: the {sink.results + sink.errors} dossiers finished in this run are saved. Continue with juece audit --out {out} --resume")
        return EXIT_INTERRUPTED, None
    if not quiet:
        _print_summary(s, out, lang)
    return exit_for(s), s


FINAL_PAUSE_ENV = "JUECE_AUDIT_TEST_FINAL_PAUSE"  # testing hook: seconds to wait at the start of the final phase


def _final_pause(out: Path, stop: Callable[[], bool]) -> None:
    """Testing hook: mark the final phase (a `.final-phase` file) and wait there, so that a test can
    interrupt or kill the audit at that moment."""
    seconds = float(os.environ.get(FINAL_PAUSE_ENV) or 0)
    if seconds <= 0:
        return
    (out / ".final-phase").write_text(str(os.getpid()), encoding="utf-8")
    end = time.monotonic() + seconds
    while time.monotonic() < end and not stop():
        time.sleep(0.05)
    try:
        (out / ".final-phase").unlink()
    except OSError:
        pass


def _host() -> str:
    import socket
    try:
        return socket.gethostname()
    except OSError:  # pragma: no cover
        return ""


def _exit_if_stuck(code: int) -> None:
    """Everything is written and audit.json says how the run ended. If a thread of a killed pool is
    still waiting (a worker died mid-message), the interpreter would wait for it forever at exit:
    leave at once instead, with the audit's exit code."""
    for t in threading.enumerate():
        if t is not threading.main_thread() and not t.daemon:
            t.join(timeout=3)
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def summarize_only_command(out: Path, list_limit: int, lang: str, quiet: bool) -> int:
    """--summarize-only: the summary and dashboard again from the jsonl files (ordered, each key once),
    with the folder locked; → the exit code the audit itself would give."""
    from .store import Busy, Store
    from .summary import summarize
    store = Store(out)
    if not store.has_results():
        print("没有可汇总的结果" if lang == "zh" else "no results to summarize", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        store.lock()
    except Busy as b:
        print(f"{out} 正由另一个审核使用（进程 {b.pid}）：等它结束后再汇总" if lang == "zh"
              else f"{out} is in use by another audit (process {b.pid}): summarize when it has ended", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        store.remove_stale_temporaries()
        store.normalize()
        s = summarize(store.out, list_limit, store.read_run() or None, lang)
    finally:
        store.unlock()
    if not quiet:
        _print_summary(s, store.out, lang)
    return exit_for(s)


def exit_for(s: dict) -> int:
    """A finished audit's exit code, from its summary (the audit and --summarize-only agree)."""
    t = s["totals"]
    return EXIT_UNUSABLE if t["errors"] else EXIT_VIOLATION if t["noncompliant"] else EXIT_OK


def _pct(r: Optional[float]) -> str:
    return "—" if r is None else f"{r * 100:.1f}%"


def _print_summary(s: dict, out: Path, lang: str) -> None:
    t, o = s["totals"], s["overall"]
    zh = lang == "zh"
    lines = [("审核完成" if zh else "audit finished") + f": {t['inputs']} " + ("件" if zh else "dossiers")
             + (f"（检查 {t['checked']}，无法读取或检查 {t['errors']}，不适用条例 {t['not_applicable']}）" if zh
                else f" ({t['checked']} checked, {t['errors']} could not be checked, {t['not_applicable']} outside the Regulation)"),
             ("总体合规率" if zh else "overall compliance") + f"  {_pct(o['rate'])}  ({o['numerator']}/{o['denominator']})"
             + (f"，含无法判定事项 {t['with_indeterminate']} 件" if zh else f"; {t['with_indeterminate']} with indeterminate items")]
    for r in s["rates"]:
        name = r["zh"] if zh else r["en"]
        ind = f"，无法判定 {r['indeterminate']}" if zh else f", indeterminate {r['indeterminate']}"
        lines.append(f"  {name:<10} {_pct(r['rate']):>7}  ({r['numerator']}/{r['denominator']}{ind})")
    lines.append(("输出" if zh else "output") + f": {out}/results.jsonl, errors.jsonl, summary.json, summary.csv, dossiers.csv, report.html")
    typer.echo("\n".join(lines))


def audit_command(
    paths: Optional[List[str]] = typer.Argument(None, help="案卷目录、文件、通配符、.jsonl、.xlsx 台账 / dossier folders, files, globs, .jsonl, .xlsx ledgers"),
    out: Path = typer.Option(..., "--out", "-o", help="输出目录 / output folder"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="并行进程数（默认：全部 CPU）/ worker processes (default: all cores)"),
    ruleset: Optional[str] = typer.Option(None, "--ruleset", "-r", help="规则集编号（默认逐件按区划和日期选用）/ ruleset id"),
    executor: str = typer.Option("local", "--executor", help="local | dask"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask 调度器地址，如 tcp://10.0.0.5:8786（默认启动本机集群）/ Dask scheduler address"),
    resume: bool = typer.Option(False, "--resume", help="继续中断的审核，已完成的不重做 / continue an interrupted audit"),
    mapping: Optional[Path] = typer.Option(None, "--mapping", help="Excel 台账列对照表（YAML；重大执法决定台账写 重大执法决定）/ ledger column mapping (major_enforcement_decision for an enforcement ledger)"),
    lang: str = typer.Option("zh", "--lang", "-l", help="zh | en（报告默认语言与提示语言）"),
    list_limit: int = typer.Option(500, "--list-limit", help="报告中列出的不合规案卷上限 / non-compliant dossiers listed in the report"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度 / no progress"),
    summarize_only: bool = typer.Option(False, "--summarize-only", help="只由已有 jsonl 重新生成汇总和报告 / only rebuild summary and report from the jsonl files"),
    rectification: Optional[Path] = typer.Option(None, "--rectification", help="整改清单（.xlsx 或 .docx），按责任单位分组 / rectification list by responsible unit"),
    annual_report: Optional[int] = typer.Option(None, "--annual-report", help="写出该年度法治政府建设年度报告的决策部分（.docx、.md）/ annual report section for this year"),
    rectification_status: Optional[Path] = typer.Option(None, "--rectification-status", help="各单位已填写状态的整改清单（.xlsx），年度报告据此统计整改情况 / a filled-in rectification list for the annual report"),
    time_limit: Optional[float] = typer.Option(None, "--time-limit", help="每件案卷的检查时限（秒，默认 120）；超时的记入 errors.jsonl，审核继续 / seconds one dossier may take"),
) -> None:
    """批量审核归档决策：合规率、看板、可续审 / Audit an archive: compliance rates, dashboard, resumable.

    退出码 Exit codes: 0 全部合规 all compliant · 1 有不合规案卷 some non-compliant · 2 有案卷无法读取或检查、或参数错误
    some dossiers could not be checked, or bad options · 130 已中断（可 --resume）interrupted (--resume continues)
    """
    if rectification is not None and rectification.suffix.lower() not in (".xlsx", ".docx"):
        typer.echo(f"整改清单只能写为 .xlsx 或 .docx：{rectification}" if lang == "zh" else f"the rectification list is written as .xlsx or .docx: {rectification}", err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    if annual_report is not None and not 1949 <= annual_report <= 2200:
        typer.echo(f"--annual-report 应为年份，如 2023，收到 {annual_report}" if lang == "zh" else f"--annual-report takes a year such as 2023, got {annual_report}", err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    if rectification_status is not None and (annual_report is None or not rectification_status.is_file()):
        typer.echo("--rectification-status 需与 --annual-report 同用，并指向已填写的整改清单 .xlsx" if lang == "zh"
                   else "--rectification-status goes with --annual-report and names a filled-in .xlsx list", err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    if summarize_only:
        code = summarize_only_command(Path(out).resolve(), list_limit, lang, quiet)
        if code in (EXIT_OK, EXIT_VIOLATION, EXIT_UNUSABLE) and Path(out, "results.jsonl").exists():
            code = _documents(Path(out).resolve(), rectification, annual_report, lang, code, rectification_status)
        raise typer.Exit(code)
    from ..cli.kit import use_vocabulary
    use_vocabulary(ruleset or _resumed_ruleset(out, resume), lang)  # a ruleset folder's own facts, before any model is built
    try:
        code, _ = run_audit(list(paths or []), out, jobs, ruleset, executor, scheduler, resume, mapping, lang, list_limit, quiet,
                            time_limit=time_limit)
    except OSError as e:  # disk full, output folder not writable: a message, not a traceback
        typer.echo(f"无法写入输出：{e}（已写入的结果保持完整，可用 --resume 继续）" if lang == "zh"
                   else f"cannot write the output: {e} (what was written is intact; --resume continues)", err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    if code in (EXIT_OK, EXIT_VIOLATION, EXIT_UNUSABLE) and (rectification or annual_report) and Path(out, "results.jsonl").exists():
        code = _documents(Path(out).resolve(), rectification, annual_report, lang, code, rectification_status)
    _exit_if_stuck(code)
    raise typer.Exit(code)


def _resumed_ruleset(out: Path, resume: bool) -> Optional[str]:
    """The `--ruleset` a resumed audit ran with (a folder as a path from here), so that its folder's
    vocabulary is declared before the models are built (workers inherit it: models/vocabulary.ENV)."""
    if not resume:
        return None
    import json
    from .store import RUN
    try:
        prev = json.loads(Path(out, RUN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    rs, cwd = prev.get("ruleset"), prev.get("cwd")
    if isinstance(rs, str) and isinstance(cwd, str) and not Path(rs).is_absolute():
        return str(Path(cwd) / rs)
    return rs if isinstance(rs, str) else None


def _documents(out: Path, rectification: Optional[Path], year: Optional[int], lang: str, code: int,
               status_file: Optional[Path] = None) -> int:
    """--rectification / --annual-report [--rectification-status] (engine/documents/audit_docs.py); → the exit code."""
    if not (rectification or year):
        return code
    from ..documents.annual import StatusFileProblem
    from ..documents.audit_docs import write_audit_documents
    try:
        for p in write_audit_documents(out, rectification, year, lang, status_file):
            typer.echo(("已写出 " if lang == "zh" else "wrote ") + str(p), err=True)
    except StatusFileProblem as e:
        typer.echo(e.en if lang == "en" else e.zh, err=True)
        return EXIT_UNUSABLE
    except ValueError:
        typer.echo("整改清单只能写为 .xlsx 或 .docx" if lang == "zh" else "the rectification list is written as .xlsx or .docx", err=True)
        return EXIT_UNUSABLE
    except OSError as e:
        typer.echo(f"无法写入：{e}" if lang == "zh" else f"cannot write: {e}", err=True)
        return EXIT_UNUSABLE
    return code


def sample_command(
    count: int = typer.Option(100, "--count", "-n", help="案卷数 / number of dossiers"),
    out: Path = typer.Option(..., "--out", "-o", help="输出目录 / output folder"),
    seed: int = typer.Option(1, "--seed", help="随机种子 / random seed"),
    defects: float = typer.Option(0.1, "--defects", help="每项义务未履行或履行不当的概率（0 = 程序齐全）/ chance each duty is skipped or done wrong"),
    unknown: float = typer.Option(0.05, "--unknown", help="每项情形未载明的概率（→ 无法判定）/ chance a trigger is left out"),
    broken: float = typer.Option(0.0, "--broken", help="故意损坏的文件比例 / share of deliberately unreadable files"),
    fmt: str = typer.Option("yaml", "--format", "-f", help="yaml | json | jsonl"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="并行进程数 / processes"),
    kind: str = typer.Option("重大行政决策", "--kind", "-k", help="案卷类型：重大行政决策 | 重大执法决定 / dossier kind: mad | major_enforcement_decision"),
) -> None:
    """生成模拟案卷（演示、基准测试）/ Write realistic synthetic dossiers for demos and benchmarks."""
    from .runner import default_jobs
    from .sample import generate
    if fmt not in ("yaml", "json", "jsonl"):
        typer.echo(f"--format 只能是 yaml、json 或 jsonl，收到“{fmt}”", err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    for name, v in (("--defects", defects), ("--unknown", unknown), ("--broken", broken)):
        if not 0 <= v <= 1:
            typer.echo(f"{name} 应在 0 到 1 之间 / {name} must be between 0 and 1", err=True)
            raise typer.Exit(EXIT_UNUSABLE)
    if count < 0:
        typer.echo("--count 不能为负 / --count must not be negative", err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    from ..models.dossier import DocumentKind
    k = DocumentKind.parse(kind.strip())
    if k not in (DocumentKind.mad, DocumentKind.major_enforcement_decision):
        typer.echo(f"--kind 只能是 重大行政决策 或 重大执法决定，收到“{kind}” / --kind must be mad or major_enforcement_decision", err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    t0 = time.monotonic()
    n = generate(count, out, seed, defects, unknown, broken, fmt, jobs or default_jobs(), kind=k.value)
    typer.echo(f"已生成 {n} 件模拟案卷：{out}（{time.monotonic() - t0:.1f} 秒）/ wrote {n} synthetic dossiers to {out}", err=True)
