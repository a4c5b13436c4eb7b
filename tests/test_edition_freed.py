"""What the rules keep of an edition once it is checked: nothing that holds its Alignment.

A reading a rule memoises on the Alignment (Alignment.memo, Context.per_edition) must not
refer back to it: the Alignment would then stand in a reference cycle with its own memo and
wait for the cyclic collector, every edition's word arrays with it, instead of going when
its edition is done."""

from __future__ import annotations

import gc
import weakref

from canonlint.config import Config
from canonlint.run.edition_rules import check_source
from canonlint.run.selection import resolve_rules
from canonlint.source import Source
from tests.conftest import sample_text


def _alignment_left_after_check(template, registry, text: str) -> bool:
    rules = resolve_rules(registry, Config(), ("ALL",))
    enabled = gc.isenabled()
    gc.disable()  # only reference counting frees what the check leaves
    try:
        result = check_source(Source.from_text("edition.txt", text), template, rules,
                              view=lambda source, document, tpl, alignment: weakref.ref(alignment))
        return result.view() is not None
    finally:
        if enabled:
            gc.enable()


def test_an_edition_checked_by_every_rule_leaves_no_alignment_behind(template, registry):
    assert not _alignment_left_after_check(template, registry, sample_text("westminster"))

