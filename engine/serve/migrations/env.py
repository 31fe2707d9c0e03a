"""Alembic environment for the workbench database. Run by engine.serve.db.migrate (never by hand
needed): the connection is passed in config.attributes["connection"]."""

from alembic import context

from engine.serve.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    conn = config.attributes.get("connection")
    if conn is None:  # `alembic` on the command line: -x url=... or sqlalchemy.url
        from sqlalchemy import create_engine
        url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
        with create_engine(url).connect() as c:
            context.configure(connection=c, target_metadata=target_metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
