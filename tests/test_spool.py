"""The spool the HTML report's edition views wait in (canonlint.run.spool): each value read
back as it was kept, in any order; a Spooled is never pickled into the result cache; and
where no temporary file can be written, the values stay in memory and the run goes on."""

from __future__ import annotations

import pickle
import tempfile

import pytest

from canonlint.run.spool import Spool, Spooled, unspooled


def test_values_come_back_as_they_were_kept_in_any_order():
    spool = Spool()
    values = [{"text": "é" * n, "rows": list(range(n))} for n in range(0, 3000, 250)]
    kept = [spool.keep(value) for value in values]
    assert all(isinstance(k, Spooled) for k in kept)
    for k, value in reversed(list(zip(kept, values))):
        assert k.load() == value and unspooled(k) == value
    assert kept[3].load() is not kept[3].load()  # a fresh copy each time: nothing held


def test_a_spooled_value_is_not_pickled_by_reference():
    spooled = Spool().keep("the view")
    with pytest.raises(TypeError):
        pickle.dumps(spooled)


def test_without_a_temporary_file_values_stay_in_memory(monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_space)
    spool = Spool()
    value = {"text": "kept"}
    assert spool.keep(value) is value and unspooled(value) is value
    assert spool.keep("another") == "another"
