"""Built-in rules, one module per problem, loaded through the `canonlint.rules` entry point
exactly as third-party rules are."""

from __future__ import annotations

import importlib

_MODULES = (
    "not_an_edition", "encoding_not_utf8",
    "shared_text_missing", "shared_text_altered", "shared_text_moved", "unexpected_text",
    "exact_token_changed", "punctuation_lost", "shared_text_duplicated", "phone_format_inconsistent",
    "heading_missing", "heading_run_in", "edition_flattened",
    "list_reordered", "list_item_missing", "list_item_displaced",
    "status_contradicts_change", "change_sign_missing", "status_missing", "table_row_missing",
    "negative_zero", "table_value_unparseable", "table_columns_out_of_order", "priority_not_a_reduction",
    "table_rows_reordered",
    "wrong_borough", "slot_value_mismatch", "placeholder_in_slot",
    "markup_residue", "broken_hyphenation", "sentence_split", "stray_bullet",
    "whitespace_only_lines", "look_alike_character",
    "borough_claimed_twice", "commander_in_two_boroughs", "template_out_of_date", "slot_value_of_another_edition",
)


def all_rules() -> list[type]:
    """Every built-in rule class, in code order."""
    classes = []
    for name in _MODULES:
        module = importlib.import_module(f"rules.{name}")
        classes.extend(getattr(module, attr) for attr in getattr(module, "__all__", ()))
    return sorted(classes, key=lambda cls: cls.code)
