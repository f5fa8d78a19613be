"""Run the packaged Alembic migrations on an open engine (Store.open calls this)."""

from __future__ import annotations

from importlib import resources

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from undeleted.store.locks import begin_exclusive


def alembic_config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("undeleted.store").joinpath("migrations")))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` in one transaction. Only a database behind takes the write lock, so
    concurrent first openers wait their turn (saying so) and the later ones find the schema done."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    with engine.connect() as connection:
        begin_exclusive(connection, "migrate")
        command.upgrade(alembic_config(connection), revision)
        connection.commit()


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def head_revision() -> str:
    """The newest revision shipped with the package."""
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(resources.files("undeleted.store").joinpath("migrations")))
    return ScriptDirectory.from_config(config).get_current_head() or "base"
