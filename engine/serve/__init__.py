"""juece serve: the reviewer workbench — an HTTP API for OA systems and a web page, over a database.

    app.py       FastAPI app: settings, start-up (migrations, worker pool), limits, errors, auth
    api.py       /api/v1 (JSON; OpenAPI at /api/v1/docs)
    web.py       / (server-rendered Jinja2 pages, vanilla JS, no build step)
    service.py   what both do: store, re-check, diff, dispositions, audit log, summary
    pool.py      checks in a bounded process pool with a time limit
    auth.py      users (argon2), signed session cookies, CSRF, API tokens
    db.py        connect, migrate (Alembic, migrations/ shipped in the package), refuse unknown schemas
    models.py    the tables
    cli.py       `juece serve`, `juece users add|list|disable|token`
"""

from .app import Settings, create_app  # noqa: F401
