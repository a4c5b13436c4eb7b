"""The review notes printed beside an inferred template: how many editions carry each
shared block, where the majority was thin, and which editions were left out."""

from __future__ import annotations

from collections import Counter

from canonlint.slot_syntax import slot_markers, type_of

MAX_LISTED = 20


def _excerpt(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def summary(inference) -> list[str]:
    votes = inference.votes
    voters = len(votes.voters)
    shared = inference.shared
    slots = Counter(type_of(m) for b in shared for m in slot_markers(b.text))
    local = sum(1 for b in inference.blocks if b.draft.local)
    lines = [f"inferred from {voters} editions (pivot {votes.pivot.name}): {len(shared)} shared blocks, "
             f"{sum(slots.values())} slots ({', '.join(f'{t} {n}' for t, n in sorted(slots.items())) or 'none'}), "
             f"{local} local sections"]
    whole = sum(1 for b in shared if round(b.draft.agreement * voters) == voters)
    lines.append(f"  {whole} of {len(shared)} shared blocks are in every edition")
    partial = [b for b in shared if round(b.draft.agreement * voters) < voters]
    for block in partial[:MAX_LISTED]:
        carried = round(block.draft.agreement * voters)
        thin = " (thin majority: review)" if block in inference.thin else ""
        lines.append(f"  line {block.line}: in {carried} of {voters} editions{thin}: {_excerpt(block.text)}")
    if len(partial) > MAX_LISTED:
        lines.append(f"  … and {len(partial) - MAX_LISTED} more shared blocks not in every edition")
    for name, share in votes.left_out:
        lines.append(f"  left out {name}: it matches only {share:.0%} of the pivot's words (another document?)")
    return lines
