"""A labelled corpus: clean editions rendered from the sample template with varied
boroughs, commanders, figures and local text; copies with defects injected at recorded
places; and harmless variants of clean editions that must raise nothing.

Everything is drawn from one seeded random generator, so a corpus is reproducible.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from canonlint.document import BlockKind
from canonlint.slots import LONDON_BOROUGHS, slug
from canonlint.slot_syntax import SLOT_PATTERN
from canonlint.template import Template, load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "samples" / "template.md"

FIRST_NAMES = ("Alan", "Beatrice", "Chidi", "Dorota", "Ewan", "Farah", "Gareth", "Helen", "Imran", "Julia",
               "Kwame", "Lucy", "Marek", "Nadia", "Owen", "Priya", "Rhys", "Sofia", "Tomasz", "Una")
LAST_NAMES = ("Abbott", "Bello", "Carter", "Dhillon", "Evans", "Fraser", "Gordon", "Hughes", "Iqbal", "Jones",
              "Kowalski", "Lewis", "Murray", "Nowak", "Okafor", "Patel", "Quinn", "Reid", "Singh", "Taylor")
LOCAL_SENTENCES = (
    "Our officers worked closely with the council to reduce anti-social behaviour on the estates.",
    "We opened two new contact points so that residents can report crime more easily.",
    "Burglary fell in every ward after a campaign of crime prevention visits.",
    "Safer Neighbourhoods teams held regular ward panel meetings with local people.",
    "A youth engagement programme ran through the summer holidays with local schools.",
    "We targeted the small number of offenders who commit most of the crime in the area.",
    "Licensed premises were visited every weekend to keep the night-time economy safe.",
    "Partnership work with housing providers helped us tackle repeat victimisation.",
    "The borough's cadets volunteered at community events throughout the year.",
    "Local people told us that visible patrols matter most, and we listened.",
)


@dataclass
class Part:
    """One block of a rendered edition."""

    kind: str              # heading, paragraph, item, row, local
    text: str
    block: int = -1        # template block index, -1 for local text
    section: int = -1      # template section


@dataclass
class Defect:
    kind: str
    code: str              # the rule expected to report it
    anchor: Part           # the part on whose line the finding is expected
    offset: int = 0        # character offset inside the anchor's text
    anywhere: bool = False  # an edition-wide finding: any line will do


@dataclass
class Edition:
    borough: str
    commander: str
    parts: list[Part]
    defects: list[Defect] = field(default_factory=list)
    flattened: bool = False
    newline: str = "\n"

    def render(self) -> tuple[str, dict[int, int]]:
        """The edition's text and, for each part (by id), the line it starts on."""
        return (_render_flat if self.flattened else _render)(self)

    def expected(self) -> list[tuple[str, str, int]]:
        _, lines = self.render()
        out = []
        for defect in self.defects:
            line = lines[id(defect.anchor)] + defect.anchor.text[: defect.offset].count("\n")
            out.append((defect.kind, defect.code, 0 if defect.anywhere else line))
        return out


def _render(edition: Edition) -> tuple[str, dict[int, int]]:
    chunks, lines, line = [], {}, 3
    previous = None
    for part in edition.parts:
        joined = previous is not None and part.kind in ("item", "row") and previous.kind == part.kind
        if chunks:
            chunks.append("\n" if joined else "\n\n")
            line += 1 if joined else 2
        lines[id(part)] = line
        chunks.append(part.text)
        line += part.text.count("\n")
        previous = part
    return ("\n\n" + "".join(chunks) + "\n").replace("\n", edition.newline), lines


def _render_flat(edition: Edition) -> tuple[str, dict[int, int]]:
    """Like the scraped Bexley copy: the title on its own, then one paragraph per section,
    list items run together behind asterisks, a table's labels before its figures."""
    groups: list[list[Part]] = []
    for part in edition.parts:
        if not groups or (part.kind == "heading" and _is_section_start(part)):
            groups.append([part])
        else:
            groups[-1].append(part)
    paragraphs, lines, line = [], {}, 1
    for group in groups:
        rows = [p for p in group if p.kind == "row"]
        words = []
        for part in group:
            if part.kind == "row":
                continue
            words.append(("* " if part.kind == "item" else "") + " ".join(part.text.split()))
            if part is _last_before_rows(group) and rows:
                cells = [r.text.split("\t") for r in rows]
                words.append(" ".join(c[0] for c in cells))
                words.append(" ".join(c[-2] for c in cells))
                words.append(" ".join(c[-1] for c in cells))
        for part in group:
            lines[id(part)] = line
        paragraphs.append(" ".join(w for w in words if w))
        line += 2
    return "\n\n".join(paragraphs) + "\n", lines


def _is_section_start(part: Part) -> bool:
    return part.block == part.section


def _last_before_rows(group: list[Part]) -> Part | None:
    previous = None
    for part in group:
        if part.kind == "row":
            return previous
        previous = part
    return None


class Generator:
    def __init__(self, seed: int = 2010, template: Template | None = None):
        self.rng = random.Random(seed)
        self.template = template or load_template(TEMPLATE)

    # ------------------------------------------------------------------ clean editions
    def clean(self, borough: str | None = None) -> Edition:
        rng, template = self.rng, self.template
        borough = borough or rng.choice(LONDON_BOROUGHS)
        commander = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        values = {"borough": borough, "slug": slug(borough), "commander": commander}
        for name in ("acquisitive", "violence", "youth_violence", "gun", "knife"):
            values[name] = f"{rng.randint(5, 50) / 10:.1f}%"
        parts: list[Part] = []
        for block in template.blocks:
            if block.local:
                parts.extend(self.local_text(borough))
                continue
            if block.kind is BlockKind.TABLE_ROW:
                change = rng.choice((-1, 1)) * rng.randint(1, 400) / 10
                status = "Target achieved" if change < 0 else "Target missed"
                row = {"offences": str(rng.randint(1, 900)), "change": f"{change:+.1f}%", "status": status}
                cells = [SLOT_PATTERN.sub(lambda m, row=row: row[m.group(1)], c) for c in block.cells]
                parts.append(Part("row", f"{cells[0]}\t\t{cells[1]}\t{cells[2]}", block.index, block.section))
                continue
            text = SLOT_PATTERN.sub(lambda m: values[m.group(1)], block.text)
            kind = {BlockKind.HEADING: "heading", BlockKind.LIST_ITEM: "item"}.get(block.kind, "paragraph")
            parts.append(Part(kind, f"- {text}" if kind == "item" else text, block.index, block.section))
        return Edition(borough, commander, parts)

    def local_text(self, borough: str, mention: str | None = None) -> list[Part]:
        paragraphs = []
        for _ in range(self.rng.randint(1, 3)):
            sentences = self.rng.sample(LOCAL_SENTENCES, self.rng.randint(2, 4))
            if self.rng.random() < 0.5:
                sentences.insert(0, f"In {borough} this year we focused on what residents told us matters.")
            paragraphs.append(" ".join(sentences))
        if mention:
            paragraphs.append(f"We shared what we learned with colleagues in {mention}, whose approach inspired ours.")
        return [Part("local", p) for p in paragraphs]

    # ------------------------------------------------------------------ defects
    def defective(self, kinds: list[str]) -> Edition:
        edition = self.clean()
        for kind in kinds:
            DEFECTS[kind](self, edition)
        return edition

    def parts_of(self, edition: Edition, kind: str, min_words: int = 0) -> list[Part]:
        return [p for p in edition.parts if p.kind == kind and p.block >= 0 and len(p.text.split()) >= min_words]

    # ------------------------------------------------------------------ harmless variants
    def harmless(self, edition: Edition, variant: str) -> Edition:
        HARMLESS[variant](self, edition)
        return edition


def _pick(gen: Generator, parts: list[Part]) -> Part:
    return gen.rng.choice(parts)


def _next(edition: Edition, part: Part) -> Part:
    return edition.parts[edition.parts.index(part) + 1]


def _missing_paragraph(gen, edition):
    part = _pick(gen, gen.parts_of(edition, "paragraph", 12))
    anchor = _next(edition, part)
    edition.parts.remove(part)
    edition.defects.append(Defect("paragraph missing", "CL101", anchor))


def _altered_paragraph(gen, edition):
    part = _pick(gen, gen.parts_of(edition, "paragraph", 12))
    words = part.text.split(" ")
    candidates = [i for i, w in enumerate(words) if w.isalpha() and w.islower() and len(w) > 3]
    i = gen.rng.choice(candidates)
    words[i] = gen.rng.choice(("remarkable", "various", "numerous", "additional"))
    part.text = " ".join(words)
    edition.defects.append(Defect("paragraph reworded", "CL102", part, part.text.index(words[i])))


def _moved_paragraph(gen, edition):
    part = _pick(gen, [p for p in gen.parts_of(edition, "paragraph", 12) if p.section < 40])
    edition.parts.remove(part)
    target = [p for p in edition.parts if p.kind == "heading" and p.block >= 0 and p.section > 60]
    at = edition.parts.index(gen.rng.choice(target)) + 1
    edition.parts.insert(at, part)
    edition.defects.append(Defect("paragraph moved", "CL103", part))


def _unexpected_text(gen, edition):
    heading = _pick(gen, [p for p in edition.parts if p.kind == "heading" and p.block >= 0 and p.section > 10
                          and _next(edition, p).block >= 0])  # a shared section, not a local one
    part = Part("paragraph", "Residents can also collect a free crime prevention pack from any library this year.")
    edition.parts.insert(edition.parts.index(heading) + 1, part)
    edition.defects.append(Defect("unexpected text", "CL104", part))


def _phone_changed(gen, edition):
    part = _pick(gen, [p for p in gen.parts_of(edition, "paragraph") if p.text.startswith(("tel:", "Minicom:"))])
    digits = [i for i, c in enumerate(part.text) if c.isdigit()]
    i = gen.rng.choice(digits[-3:])
    part.text = part.text[:i] + str((int(part.text[i]) + 1) % 10) + part.text[i + 1 :]
    edition.defects.append(Defect("phone number changed", "CL105", part))


def _url_broken(gen, edition):
    part = _pick(gen, [p for p in gen.parts_of(edition, "paragraph") if p.text.startswith("www.") and "{" not in p.text
                       and ("-" in p.text or "/" in p.text)])
    part.text = part.text.replace("-", " ", 1) if "-" in part.text else part.text.replace("/", " /", 1)
    edition.defects.append(Defect("web address broken", "CL105", part))


def _duplicated(gen, edition):
    """A later copy of an earlier paragraph (which of two copies is "the copy" is otherwise
    a matter of opinion; canonlint reports the later one)."""
    part = _pick(gen, [p for p in gen.parts_of(edition, "paragraph", 12) if p.section < 60])
    copy = Part("paragraph", part.text)
    heading = _pick(gen, [p for p in edition.parts if p.kind == "heading" and p.block >= 0 and p.section > 60])
    edition.parts.insert(edition.parts.index(heading) + 1, copy)
    edition.defects.append(Defect("paragraph duplicated", "CL107", copy))


def _heading_missing(gen, edition):
    part = _pick(gen, [p for p in gen.parts_of(edition, "heading", 2) if p.block > 1
                       and _next(edition, p).kind == "paragraph" and _next(edition, p).block >= 0])
    anchor = _next(edition, part)
    edition.parts.remove(part)
    edition.defects.append(Defect("heading missing", "CL201", anchor))


def _heading_run_in(gen, edition):
    part = _pick(gen, [p for p in gen.parts_of(edition, "heading", 2) if p.block > 1
                       and _next(edition, p).kind == "paragraph" and _next(edition, p).block >= 0])
    following = _next(edition, part)
    part.text = f"{part.text} {following.text}"
    edition.parts.remove(following)
    edition.defects.append(Defect("heading run in", "CL202", part))


def _list_reordered(gen, edition):
    items = [p for p in gen.parts_of(edition, "item") if "crack down" in p.text or "right service" in p.text]
    a, b = (edition.parts.index(p) for p in items)
    edition.parts[a], edition.parts[b] = edition.parts[b], edition.parts[a]
    edition.defects.append(Defect("list reordered", "CL301", edition.parts[a]))


def _list_item_missing(gen, edition):
    items = gen.parts_of(edition, "item", 4)
    part = _pick(gen, [p for p in items if _next(edition, p).kind == "item"])
    anchor = _next(edition, part)
    edition.parts.remove(part)
    edition.defects.append(Defect("list item missing", "CL302", anchor))


def _status_contradicts(gen, edition):
    part = _pick(gen, gen.parts_of(edition, "row"))
    flipped = "Target missed" if part.text.endswith("achieved") else "Target achieved"
    part.text = part.text.rsplit("\t", 1)[0] + "\t" + flipped
    edition.defects.append(Defect("status contradicts change", "CL401", part))


def _sign_missing(gen, edition):
    part = _pick(gen, gen.parts_of(edition, "row"))
    part.text = re.sub(r"or [+-]", "or ", part.text)
    edition.defects.append(Defect("sign missing", "CL402", part))


def _row_missing(gen, edition):
    rows = gen.parts_of(edition, "row")
    part = _pick(gen, rows[:-1])
    anchor = _next(edition, part)
    edition.parts.remove(part)
    edition.defects.append(Defect("table row missing", "CL404", anchor))


def _rows_reordered(gen, edition):
    rows = gen.parts_of(edition, "row")
    a, b = sorted(edition.parts.index(p) for p in gen.rng.sample(rows, 2))
    edition.parts[a], edition.parts[b] = edition.parts[b], edition.parts[a]
    edition.defects.append(Defect("table rows reordered", "CL409", edition.parts[a]))


def _phone_regrouped(gen, edition):
    part = _pick(gen, [p for p in gen.parts_of(edition, "paragraph") if p.text.startswith("tel: ")])
    digits = "".join(c for c in part.text if c.isdigit())
    part.text = f"tel: {digits[:5]} {digits[5:]}"
    edition.defects.append(Defect("phone number regrouped", "CL108", part))


def _columns_swapped(gen, edition):
    part = _pick(gen, gen.parts_of(edition, "row"))
    label, _, figures, status = part.text.split("\t")
    part.text = f"{label}\t\t{status}\t{figures}"
    edition.defects.append(Defect("table columns out of order", "CL407", part))


def _status_garbled(gen, edition):
    part = _pick(gen, gen.parts_of(edition, "row"))
    part.text = part.text.rsplit("\t", 1)[0] + "\t" + gen.rng.choice(("Target reached", "On target", "Achieved?"))
    edition.defects.append(Defect("table value unparseable", "CL406", part))


def _negative_zero(gen, edition):
    part = _pick(gen, gen.parts_of(edition, "row"))
    part.text = re.sub(r"\d+ offences or [+-][\d.]+%\t.*$", "0 offences or -0.00%\tTarget achieved", part.text)
    edition.defects.append(Defect("negative zero", "CL405", part))


def _priority_increase(gen, edition):
    part = _pick(gen, [p for p in gen.parts_of(edition, "item") if "% reduction in" in p.text])
    part.text = part.text.replace("reduction in", "increase in", 1)
    edition.defects.append(Defect("priority not a reduction", "CL408", part))


def _wrong_borough(gen, edition):
    part = _pick(gen, [p for p in gen.parts_of(edition, "heading") if p.text.startswith(edition.borough)
                       or p.text.endswith("police stations")])
    other = gen.rng.choice([b for b in LONDON_BOROUGHS if b != edition.borough])
    offset = part.text.index(edition.borough)
    part.text = part.text.replace(edition.borough, other, 1)
    edition.defects.append(Defect("wrong borough", "CL501", part, offset))


def _markup(gen, edition):
    part = _pick(gen, gen.parts_of(edition, "paragraph", 12))
    words = part.text.split(" ")
    i = gen.rng.randrange(2, len(words) - 2)
    words[i] = f"**{words[i]}**"
    part.text = " ".join(words)
    edition.defects.append(Defect("markup residue", "CL701", part))


def _broken_hyphen(gen, edition):
    part = _pick(gen, [p for p in gen.parts_of(edition, "paragraph") if re.search(r"[a-z]-[a-z]", p.text)])
    hit = re.search(r"[a-z]-[a-z]", part.text)
    part.text = part.text[: hit.start() + 1] + " -" + part.text[hit.start() + 2 :]
    edition.defects.append(Defect("broken hyphenation", "CL702", part))


def _sentence_split(gen, edition):
    part = _pick(gen, [p for p in edition.parts if p.kind == "local" and len(p.text.split()) > 16])
    words = part.text.split(" ")
    cut = gen.rng.randrange(6, len(words) - 6)
    while not words[cut - 1][-1].isalpha():
        cut += 1
    part.text = " ".join(words[:cut]) + "\n\n" + " ".join(words[cut:])
    edition.defects.append(Defect("sentence split", "CL703", part))


def _stray_bullet(gen, edition):
    items = gen.parts_of(edition, "item")
    last = max((p for p in items if _next(edition, p).kind != "item"), key=lambda p: gen.rng.random())
    part = Part("item", "-")
    edition.parts.insert(edition.parts.index(last) + 1, part)
    edition.defects.append(Defect("empty bullet", "CL704", part))


def _look_alike(gen, edition):
    part = _pick(gen, gen.parts_of(edition, "row"))
    part.text = re.sub(r"or ([+-])", lambda m: "or " + ("\u2212" if m.group(1) == "-" else "\uff0b"), part.text)
    edition.defects.append(Defect("look-alike character", "CL706", part))


def _punctuation_lost(gen, edition):
    for part in edition.parts:
        part.text = re.sub(r"(?<=[A-Za-z])['-](?=[A-Za-z])", " ", part.text) if part.kind != "row" else part.text
    anchor = next(p for p in edition.parts if p.block >= 0 and re.search(r"doesn t|London s", p.text))
    edition.defects.append(Defect("apostrophes and hyphens lost", "CL106", anchor, anywhere=True))


def _flattened(gen, edition):
    edition.flattened = True
    anchor = next(p for p in edition.parts if p.block >= 0 and p.kind == "heading" and p.section > 20)
    edition.defects.append(Defect("edition flattened", "CL203", anchor, anywhere=True))


DEFECTS: dict[str, Callable[[Generator, Edition], None]] = {
    "paragraph missing": _missing_paragraph,
    "paragraph reworded": _altered_paragraph,
    "paragraph moved": _moved_paragraph,
    "unexpected text": _unexpected_text,
    "phone number changed": _phone_changed,
    "web address broken": _url_broken,
    "paragraph duplicated": _duplicated,
    "heading missing": _heading_missing,
    "heading run in": _heading_run_in,
    "list reordered": _list_reordered,
    "list item missing": _list_item_missing,
    "status contradicts change": _status_contradicts,
    "sign missing": _sign_missing,
    "table row missing": _row_missing,
    "table rows reordered": _rows_reordered,
    "negative zero": _negative_zero,
    "phone number regrouped": _phone_regrouped,
    "table columns out of order": _columns_swapped,
    "table value unparseable": _status_garbled,
    "priority not a reduction": _priority_increase,
    "wrong borough": _wrong_borough,
    "markup residue": _markup,
    "broken hyphenation": _broken_hyphen,
    "sentence split": _sentence_split,
    "empty bullet": _stray_bullet,
    "look-alike character": _look_alike,
}
FLATTENED_DEFECTS: dict[str, Callable[[Generator, Edition], None]] = {
    "edition flattened": _flattened,
    "apostrophes and hyphens lost": _punctuation_lost,
}
# Defects that still make sense inside a flattened edition.
FLATTENABLE = ("paragraph reworded", "phone number changed", "web address broken", "status contradicts change",
               "sign missing", "wrong borough", "list reordered", "paragraph missing", "table rows reordered")


def _rewrap(gen, edition):
    width = gen.rng.randint(60, 80)
    for part in edition.parts:
        if part.kind in ("paragraph", "local") and len(part.text) > width:
            part.text = textwrap.fill(part.text, width, break_long_words=False, break_on_hyphens=False)


def _curly_quotes(gen, edition):
    for part in edition.parts:
        part.text = re.sub(r"'([^'\n]+)'", "\u2018\\1\u2019", part.text).replace("'", "\u2019")


def _crlf(gen, edition):
    edition.newline = "\r\n"


def _blank_lines(gen, edition):
    for part in edition.parts:
        if part.kind in ("paragraph", "heading", "local"):
            part.text = part.text + "\n"


def _other_local_text(gen, edition):
    edition.parts = [p for p in edition.parts if p.kind != "local"]
    for block in gen.template.blocks:
        if block.local:
            at = next(i for i, p in enumerate(edition.parts) if p.block > block.index)
            edition.parts[at:at] = gen.local_text(edition.borough)


def _borough_in_local_text(gen, edition):
    other = gen.rng.choice([b for b in LONDON_BOROUGHS if b != edition.borough])
    at = next(i for i, p in enumerate(edition.parts) if p.kind == "local")
    edition.parts.insert(at + 1, Part("local", f"Our approach was second only to {other} in the number of "
                                                f"volunteers who joined us this year."))


HARMLESS: dict[str, Callable[[Generator, Edition], None]] = {
    "re-wrapped at 60-80 columns": _rewrap,
    "curly quotes": _curly_quotes,
    "CRLF line ends": _crlf,
    "extra blank lines": _blank_lines,
    "different local sections": _other_local_text,
    "borough named in local text": _borough_in_local_text,
}


@dataclass(frozen=True)
class Sample:
    name: str
    text: str
    expected: tuple[tuple[str, str, int], ...]   # (kind, rule code, line; 0 for anywhere)
    edition: Edition | None = field(default=None, compare=False, repr=False)  # its parts, for other formats


def corpus(seed: int = 2010, per_kind: int = 20) -> tuple[list[Sample], list[Sample]]:
    """(defective editions, harmless variants). Each defect kind is injected per_kind times,
    one or two kinds per edition; one edition in four is also flattened."""
    gen = Generator(seed)
    kinds = [k for k in DEFECTS for _ in range(per_kind)]
    gen.rng.shuffle(kinds)
    defective: list[Sample] = []
    while kinds:
        chosen = [kinds.pop()]
        flatten = chosen[0] in FLATTENABLE and gen.rng.random() < 0.25
        if kinds and not flatten and gen.rng.random() < 0.5 and _compatible(chosen[0], kinds[-1]):
            chosen.append(kinds.pop())
        edition = gen.defective(chosen)
        if flatten:
            for defect in FLATTENED_DEFECTS.values():
                defect(gen, edition)
        text, _ = edition.render()
        defective.append(Sample(f"defective-{len(defective):03d}", text, tuple(edition.expected()), edition))
    harmless = []
    for name in HARMLESS:
        for n in range(max(3, per_kind // 4)):
            edition = gen.harmless(gen.clean(), name)
            text, _ = edition.render()
            harmless.append(Sample(f"harmless-{slug(name)}-{n}", text, (), edition))
    for n in range(max(3, per_kind // 4)):
        edition = gen.clean()
        text, _ = edition.render()
        harmless.append(Sample(f"clean-{n}", text, (), edition))
    return defective, harmless


# Pairs that touch the same place and would hide each other.
_CLASHES = {frozenset(p) for p in (
    ("heading missing", "heading run in"), ("paragraph missing", "paragraph moved"),
    ("paragraph missing", "paragraph duplicated"), ("paragraph moved", "paragraph duplicated"),
    ("status contradicts change", "sign missing"), ("status contradicts change", "negative zero"),
    ("sign missing", "negative zero"), ("table row missing", "status contradicts change"),
    ("table row missing", "sign missing"), ("table row missing", "negative zero"),
    ("look-alike character", "status contradicts change"), ("look-alike character", "sign missing"),
    ("look-alike character", "negative zero"), ("look-alike character", "table row missing"),
    ("list reordered", "list item missing"), ("empty bullet", "list item missing"),
    ("paragraph reworded", "paragraph missing"), ("paragraph reworded", "markup residue"),
    ("paragraph reworded", "paragraph moved"), ("paragraph reworded", "paragraph duplicated"),
    ("markup residue", "paragraph missing"), ("markup residue", "paragraph moved"),
    ("markup residue", "paragraph duplicated"), ("heading run in", "unexpected text"),
    ("heading missing", "unexpected text"), ("heading missing", "paragraph duplicated"),
    ("heading run in", "paragraph duplicated"), ("heading missing", "paragraph moved"),
    ("heading run in", "paragraph moved"), ("unexpected text", "paragraph moved"),
    ("unexpected text", "paragraph duplicated"), ("heading missing", "wrong borough"),
    ("heading run in", "wrong borough"), ("heading missing", "paragraph missing"),
    ("heading run in", "paragraph missing"), ("broken hyphenation", "paragraph missing"),
    ("broken hyphenation", "paragraph reworded"), ("broken hyphenation", "markup residue"),
    ("list item missing", "priority not a reduction"), ("empty bullet", "priority not a reduction"),
    ("broken hyphenation", "paragraph moved"), ("broken hyphenation", "paragraph duplicated"),
    *((row, other) for row in ("table columns out of order", "table value unparseable")
      for other in ("status contradicts change", "sign missing", "negative zero", "table row missing",
                    "look-alike character", "table columns out of order", "table value unparseable")),
    ("phone number regrouped", "phone number changed"),
    *(("table rows reordered", other) for other in ("status contradicts change", "sign missing", "negative zero",
                                                    "table row missing", "look-alike character", "table columns out of order",
                                                    "table value unparseable")),
)}


def _compatible(a: str, b: str) -> bool:
    return a != b and frozenset((a, b)) not in _CLASHES
