"""JSON text indented by two spaces, made faster than the standard library makes it."""

from __future__ import annotations

import json


class _Unusual(Exception):
    pass


def dumps_indented(data) -> str:
    """json.dumps(data, indent=2, ensure_ascii=False), the same text: json's encoder with an
    indent is the one written in Python, several times slower than this one way through
    the dicts, lists, strings, numbers, booleans and nulls a report is made of (anything
    else goes to json.dumps itself)."""
    from json.encoder import encode_basestring

    out: list[str] = []
    append = out.append

    def write(o, newline: str) -> None:
        if isinstance(o, str):
            append(encode_basestring(o))
        elif o is None:
            append("null")
        elif o is True:
            append("true")
        elif o is False:
            append("false")
        elif isinstance(o, int):
            append(int.__repr__(o))
        elif isinstance(o, (list, tuple)):
            if not o:
                append("[]")
                return
            inner = newline + "  "
            separator = "[" + inner
            for item in o:
                append(separator)
                separator = "," + inner
                write(item, inner)
            append(newline + "]")
        elif isinstance(o, dict):
            if not o:
                append("{}")
                return
            inner = newline + "  "
            separator = "{" + inner
            for key, value in o.items():
                if not isinstance(key, str):
                    raise _Unusual
                append(separator + encode_basestring(key) + ": ")
                separator = "," + inner
                write(value, inner)
            append(newline + "}")
        else:  # floats, other types: json.dumps decides
            raise _Unusual

    try:
        write(data, "\n")
    except (_Unusual, RecursionError):
        return json.dumps(data, indent=2, ensure_ascii=False)
    return "".join(out)
