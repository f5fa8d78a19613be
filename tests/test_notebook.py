"""`undeleted.open(db).events()` in a notebook: a pandas DataFrame, one row per event, lists as lists, dates as
datetimes, the export's filters (a place name too), and a plain error for a database that does not exist."""

from __future__ import annotations

from pathlib import Path

import pandas
import pytest

import undeleted
from undeleted.errors import ConfigError
from undeleted.export.tables import COLUMNS

from serve_data import open_filled_store


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = Path(tmp_path_factory.mktemp("notebook"))
    store = open_filled_store(folder)
    count = store.count_events()
    store.close()
    return folder / "events.db", count


def test_events_dataframe_has_one_row_per_event_with_lists(database):
    path, count = database
    with undeleted.open(str(path)) as db:
        frame = db.events()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == count and list(frame.columns) == COLUMNS
    assert (
        all(isinstance(value, list) for value in frame["tactics"]) and frame["documents"].map(len).min() >= 1
    )
    assert pandas.api.types.is_datetime64_any_dtype(frame["date_start"])
    assert frame["event_id"].is_unique


def test_events_dataframe_takes_the_export_filters(database):
    path, _ = database
    with undeleted.open(str(path)) as db:
        by_name, by_code = db.events(adcode="丹东"), db.events(adcode="2106")
        protests = db.events(type="protest")
        documents = db.documents()
    assert len(by_name) == len(by_code) > 0 and set(by_name["admin2"]) == {"Dandong"}
    assert len(protests) > 0 and set(protests["type"]) == {"protest"}
    assert {"doc_id", "url", "outlet", "published"} <= set(documents.columns) and len(documents) > 5


def test_open_refuses_a_missing_database(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        undeleted.open(str(tmp_path / "typo.db"))
    assert not (tmp_path / "typo.db").exists()
