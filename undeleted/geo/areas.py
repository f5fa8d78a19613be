"""An area given by a person: an adcode, or a place name in English or Chinese looked up in the gazetteer."""

from __future__ import annotations

import re
from collections.abc import Callable

from undeleted.errors import BadInput
from undeleted.geo.gazetteer import Gazetteer

ADCODE = re.compile(r"^(\d{2}|\d{4}|\d{6})$")


def area_code(area: str | None, gazetteer: Callable[[], Gazetteer]) -> str | None:
    """An adcode from an area given as a code or as a place name in English or Chinese ('Dandong', '丹东',
    'Liaoning Province'); the best-known division of that name is taken. `gazetteer` is called only for a name."""
    text = (area or "").strip()
    if not text:
        return None
    if text.isdigit() or not text.strip("0123456789"):
        if not ADCODE.match(text):
            raise BadInput(f"adcode: {text!r} is not a 2-, 4- or 6-digit division code")
        return text
    candidates = [division for division in gazetteer().lookup(text) if not division.obsolete]
    if not candidates:
        raise BadInput(
            f"adcode: no province, prefecture or county named {text!r} in the gazetteer "
            "(give its English or Chinese name, or its adcode)"
        )
    return str(candidates[0].adcode)
