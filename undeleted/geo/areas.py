"""An area given by a person: an adcode, or a place name in English or Chinese looked up in the gazetteer."""

from __future__ import annotations

from collections.abc import Callable

from undeleted.errors import BadInput
from undeleted.geo.gazetteer import Gazetteer


def area_code(area: str | None, gazetteer: Callable[[], Gazetteer]) -> str | None:
    """An adcode from an area given as a code or as a place name in English or Chinese ('Dandong', '丹东',
    'Liaoning Province'); the best-known division of that name is taken. `gazetteer` is called only for a name."""
    text = (area or "").strip()
    if not text:
        return None
    if not text.strip("0123456789"):
        return text  # a code: the query checks its form (store.queries.ADCODE)
    candidates = [division for division in gazetteer().lookup(text) if not division.obsolete]
    if not candidates:
        raise BadInput(
            f"adcode: no province, prefecture or county named {text!r} in the gazetteer "
            "(give its English or Chinese name, or its adcode)"
        )
    return str(candidates[0].adcode)
