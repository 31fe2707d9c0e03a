"""Batch audit of archived decisions (`juece audit`, `juece sample`).

    sources.py   inputs (folders, globs, .jsonl, .xlsx ledgers) → a stream of items
    ledger.py    ledger rows → dossier mappings (ledger_mapping.yaml, --mapping)
    worker.py    item → one results.jsonl / errors.jsonl line (runs in worker processes)
    runner.py    executors: local process pool (dead-worker isolation) and Dask
    store.py     append-only jsonl with fsync, repair and done-set for --resume, atomic writes
    summary.py   jsonl → summary.json / summary.csv / dossiers.csv (rulesets/rates.yaml defines the rates)
    report.py    summary → report.html (templates/dashboard.html.j2, inline SVG)
    sample.py    synthetic dossiers
    cli.py       the two commands
"""
