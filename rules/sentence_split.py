from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from canonlint.align import LOCATED, Status
from canonlint.document import BlockKind
from canonlint.exact_tokens import scan_exact_tokens
from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.rule import Context, Option, Rule, at_least
from canonlint.template import Template, TemplateBlock

__all__ = ["SentenceSplit"]

_ENDINGS = frozenset(".!?:;)]\"'’”…")


class SentenceSplit(Rule):
    r"""A sentence split across two paragraphs by a stray paragraph break.

    What it checks:
        In shared text, a template paragraph or list item whose words were found in two
        paragraphs of the edition (a template paragraph whose lines the edition wrote as
        list items, several copyright lines say, is a list, not a split). In local text,
        a paragraph that ends without closing punctuation (and not with an address or
        number) and is followed by another paragraph, when it has at least `min_words`
        words or the next one starts with a small letter — Westminster's "… who have
        recently" / "started secondary education …".
    Why it matters:
        Readers see a sentence break off mid-thought and a new paragraph start in the
        middle of it; a conversion usually did this at a page or column break.
    Example:
        Fails: `who have recently\n\nstarted secondary education` → `who have recently\n\nstarted secondary\n\neducation`
        Passes: `who have recently\n\nstarted secondary education` → `who have recently started secondary education`
    Options:
        min_words: shortest local paragraph that counts (shorter ones may be headings).
    Fix:
        Join the two paragraphs (offered as a safe fix).
    """

    code = "CL703"
    name = "sentence-split"
    title = "Sentence split in two"
    severity = Severity.WARNING
    prose = True
    fixable = True
    options = {"min_words": Option(int, 8, "shortest local paragraph judged", validate=at_least(0))}

    def check(self, ctx: Context) -> Iterator[Report]:
        document, alignment, text = ctx.document, ctx.alignment, ctx.text
        word_blocks, matches = document.word_blocks, alignment.matches
        reported: set[int] = set()
        # The paragraphs and list items not written verbatim (a verbatim one is a whole
        # paragraph of the edition), located, whose first and last words stand in different
        # paragraphs of the edition (those in one paragraph have nothing to report).
        prose = alignment.not_verbatim(ctx.per_template(self.code, _prose_blocks)) if word_blocks else ()
        for block in prose:
            index = block.index
            match = matches[index]
            if match.status not in LOCATED or word_blocks[match.first_word] == word_blocks[match.last_word]:
                continue
            lines = sorted(set(map(word_blocks.__getitem__, alignment.words_of(index, match.first_word, match.last_word))))
            paragraph = block.kind is BlockKind.PARAGRAPH
            for before, after in pairwise(lines):
                if paragraph and BlockKind.LIST_ITEM in (document.blocks[before].kind, document.blocks[after].kind):
                    continue  # a paragraph's lines laid out as list items (copyright lines): a list, not a stray break
                if after == before + 1 and before not in reported:
                    reported.add(before)
                    yield self._split(ctx, before, after)
        minimum = ctx.option("min_words")
        blocks = document.blocks
        # A paragraph with words, ending without closing punctuation, followed by a
        # paragraph of local text: the paragraph after it holds local words.
        for index in _before_local_text(ctx):
            block, following = blocks[index], blocks[index + 1]
            words, next_words = document.block_words[index], document.block_words[index + 1]
            if index in reported or block.kind is not BlockKind.PARAGRAPH or \
                    following.kind is not BlockKind.PARAGRAPH or text[block.end - 1] in _ENDINGS or \
                    len(words) < min(3, minimum) or not next_words:
                continue
            lowercase = text[following.content_start : following.content_start + 1].islower()
            if len(words) < (3 if lowercase else minimum) or \
                    not alignment.all_local(words):
                continue  # shared text is judged against the template above; other text is not prose
            tokens = scan_exact_tokens(text, max(block.content_start, block.end - 80), block.end)
            if tokens and tokens[-1][2] + len(tokens[-1][1]) == block.end:
                continue
            if not alignment.all_local(next_words):
                continue
            yield self._split(ctx, index, index + 1)

    def _split(self, ctx: Context, before: int, after: int) -> Report:
        first, second = ctx.document.blocks[before], ctx.document.blocks[after]
        tail = " ".join(ctx.text[max(first.content_start, first.end - 40) : first.end].split())
        head = " ".join(ctx.text[second.content_start : min(second.end, second.content_start + 40)].split())
        return ctx.report(first.end, second.content_start,
                          f"sentence split across two paragraphs: '…{tail}' / '{head}…'",
                          fix=Fix("Join the paragraphs", (Edit(first.end, second.content_start, " "),), safe=True),
                          subject=f"{tail}|{head}")


def _prose_blocks(template: Template) -> tuple[TemplateBlock, ...]:
    """The template's paragraphs and list items, in order (once per run)."""
    return tuple(b for b in template.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM))


def _before_local_text(ctx: Context) -> list[int]:
    """The edition blocks followed by a block that holds a local word, in order. The
    alignment marks words local only in the places of the template's local blocks: only
    those are searched."""
    alignment, document = ctx.alignment, ctx.document
    word_blocks, block_words = document.word_blocks, document.block_words
    found = set()
    for local in ctx.blocks_with_status(Status.LOCAL):
        match = ctx.alignment.matches[local.index]
        words = document.words_in(match.start, match.end)
        word = words.start - 1
        while word + 1 < words.stop:
            word = alignment.next_local(word + 1, words.stop)
            if word is None:
                break
            block = word_blocks[word]
            if block > 0:
                found.add(block - 1)
            word = block_words[block].stop - 1  # on to the next block
    return sorted(found)
