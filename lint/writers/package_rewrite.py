"""A zipped document package written again with some parts replaced: every other part's
bytes, and every entry's name, order, date and compression, as they were."""

from __future__ import annotations

import io
import zipfile


def replace_parts(package: bytes, parts: dict[str, bytes], content_types: bytes | None = None) -> bytes:
    """package with each part named in parts holding its new bytes (a part it lacks is added
    at the end); content_types, if given, replaces [Content_Types].xml."""
    replaced = dict(parts)
    if content_types is not None:
        replaced["[Content_Types].xml"] = content_types
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as original, zipfile.ZipFile(out, "w") as copy:
        for info in original.infolist():
            data = replaced.pop(info.filename, None)
            copy.writestr(info, data if data is not None else original.read(info))
        for name, data in replaced.items():
            copy.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data,
                          compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
