from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.rule import Context, Rule

__all__ = ["LookAlikeCharacter"]

# Characters that look like ASCII ones but are not: they break search, copy-paste of
# numbers, and the sign of a figure. Curly quotes and dashes are typography, not listed.
_REPLACEMENT = {
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u00ad": "", "\u00a0": " ", "\u202f": " ",
    "\u2007": " ", "\u2009": " ", "\u200b": "", "\ufeff": "",
}
_LOOK_ALIKE = re.compile("[" + "".join(_REPLACEMENT) + "\ufb00-\ufb06\uff01-\uff5e]")
_CYRILLIC_GREEK = dict(zip("аеорсхуіјѕАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοι",
                           "aeopcxyijsABEKMHOPCTXIJSABEZHIKMNOPTYXoi", strict=True))
# The letter first, then what stands around it: the scan jumps from one such letter to the next.
_HOMOGLYPH = re.compile(r"[\u0400-\u04ff\u0370-\u03ff](?:(?<=[A-Za-z][\u0400-\u04ff\u0370-\u03ff])|(?=[A-Za-z]))")
# Everyday typography that neither pattern finds (checked here): a text that is ASCII once
# these are taken out holds nothing to report, and str methods tell that far quicker than
# the patterns' scan of every character.
_TYPOGRAPHY = tuple(c for c in "\u2022\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00a3"
                    if not _LOOK_ALIKE.match(c) and not _HOMOGLYPH.match(c + "a"))


class LookAlikeCharacter(Rule):
    r"""A character that looks like a plain one but is not: U+2212 minus, a no-break space, `ﬁ`.

    What it checks:
        The minus sign U+2212 and other non-ASCII hyphens, no-break and thin spaces, soft
        hyphens, zero-width spaces, ligatures (`ﬁ`, `ﬂ`), full-width letters, digits and
        signs (`＋`), and Cyrillic or Greek letters inside a Latin word (`Wеstminster` with a
        Cyrillic `е`). Curly quotes and dashes are ordinary typography and are not reported.
        The character is claimed: a rule that would read it as missing (a sign) leaves it here.
    Why it matters:
        They look right in print but break searching, copying numbers into a spreadsheet
        (`−1.4` is not a number there) and comparison with other editions.
    Example:
        Fails: `or -11.1%` → `or −11.1%`
        Passes: `Londoners' concerns` → `Londoners’ concerns`
    Fix:
        Replace it with the plain character (offered as a safe fix).
    """

    code = "CL706"
    name = "look-alike-character"
    title = "Look-alike character"
    severity = Severity.WARNING
    fixable = True
    claims = True

    def check(self, ctx: Context) -> Iterator[Report]:
        text = ctx.text
        if _plain(text):
            return
        for hit in sorted([*_LOOK_ALIKE.finditer(text), *_HOMOGLYPH.finditer(text)], key=lambda m: m.start()):
            char = hit.group(0)
            if hit.start() == 0 and char == "\ufeff":
                continue
            plain = _REPLACEMENT.get(char, _CYRILLIC_GREEK.get(char))
            if plain is None:
                plain = unicodedata.normalize("NFKC", char)
                plain = None if plain == char else plain
            name = unicodedata.name(char, f"U+{ord(char):04X}")
            context = " ".join(text[max(0, hit.start() - 12) : hit.end() + 12].split())
            fix = Fix(f"Write '{plain}'", (Edit(hit.start(), hit.end(), plain),), safe=True) if plain is not None else None
            yield ctx.report(hit.start(), hit.end(),
                             f"look-alike character U+{ord(char):04X} {name} in '{context}'"
                             + (f"; write '{plain}'" if plain else ""),
                             found=char, fix=fix, subject=f"{ord(char)}|{context}")


def _plain(text: str) -> bool:
    """Whether text is ASCII but for everyday typography: then it has no look-alike."""
    for char in _TYPOGRAPHY:
        if text.isascii():
            break
        text = text.replace(char, "")
    return text.isascii()
