"""`pathfinder board-pack`: write a body's pack as at a date to a PDF (or HTML) file."""

import datetime as dt
from pathlib import Path

from pathfinder.core.errors import UserError


def write_board_pack(body_id: str, as_at: dt.date, out: str, *, html: bool = False) -> Path:
    from pathfinder.reports.document import pack_html, pack_pdf

    target = Path(out)
    if not target.parent.is_dir():
        raise UserError(f"no folder {str(target.parent)!r} to write {target.name!r} in")
    if html:
        data = pack_html(body_id, as_at, for_pdf=True).encode("utf-8")
    else:
        data = pack_pdf(body_id, as_at)
    # Written whole beside the target and renamed, so a failed build leaves no half file.
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    partial.replace(target)
    return target
