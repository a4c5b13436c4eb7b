"""What inference holds for each edition it is given: measured with tracemalloc as the
growth of its peak memory from N to 4N editions of the bench corpus, read from files as
`canonlint template infer` reads them, against the size of those files. A ratio, not
a number of bytes: it holds on any machine and any Python."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

from canonlint.infer import infer, read_editions
from tests.benchmarks.corpus import write_corpus

FEW = 20
# Bytes inference may hold for each byte of an edition's file. Holding every edition's
# Document as read cost about 30 (0.34 MB an edition of the bench corpus); the compact
# form (canonlint.infer.editions) about 9.
HELD_PER_BYTE = 16


def _peak_of_inference(folder: Path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        editions, errors = read_editions([str(folder)])
        assert not errors
        infer(editions)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_inference_holds_a_few_times_the_size_of_each_edition(tmp_path):
    paths = write_corpus(tmp_path / "corpus", 4 * FEW)
    folders = {}
    for count in (FEW, 4 * FEW):
        folders[count] = tmp_path / f"first-{count}"
        folders[count].mkdir()
        for path in paths[:count]:
            (folders[count] / path.name).write_bytes(path.read_bytes())
    _peak_of_inference(folders[FEW])  # the first reading fills the memo of shared text
    few, many = _peak_of_inference(folders[FEW]), _peak_of_inference(folders[4 * FEW])
    edition_bytes = sum(path.stat().st_size for path in paths[FEW:]) / (3 * FEW)
    held = (many - few) / (3 * FEW) / edition_bytes
    assert held < HELD_PER_BYTE, f"inference holds {held:.1f} bytes for each byte of an edition"
