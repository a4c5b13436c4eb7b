"""How canonlint's result classes travel by pickle between processes and to the result
cache: as a call of the class with the values of its fields. Slotted dataclasses otherwise
pickle as their class plus a list of field values that a loop over dataclasses.fields()
sets one by one, twice as slow to dump and to load, and loading that way skips
__post_init__, where a Finding shares its text with every other finding of the process
(canonlint.finding): a run of thousands of editions would hold each message many times."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter


def by_constructor(cls: type) -> Callable:
    """A reducer that makes an object of the dataclass cls again by calling cls with the
    values of its fields, in order (every field is an argument of its constructor)."""
    values = attrgetter(*(f.name for f in fields(cls)))
    return lambda obj: (cls, values(obj))


def result_reducers() -> dict[type, Callable]:
    """The reducer of each class a checked edition's outcome is made of."""
    from canonlint.finding import Edit, Finding, Fix
    from canonlint.run.findings import FileResult, Outcome

    return {cls: by_constructor(cls) for cls in (Finding, Fix, Edit, FileResult, Outcome)}
