"""A synthetic corpus of editions for the benchmark, built from the samples.

Each edition is the template's shared text written out as a plain-text edition (headings
as lines of their own, tab-separated table rows), its slots filled for a borough, local
sections taken from the sample editions' own local text (renamed for the borough), and a
few defects of the kinds the rules report. One edition in seven is flattened the way the
Bexley sample is (a scraped page: each section run into one paragraph, apostrophes and
hyphens lost, the table read column by column). Everything is seeded: the same arguments
give the same files.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

BOROUGHS = (
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London",
    "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham",
    "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington",
    "Kensington and Chelsea", "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham",
    "Redbridge", "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets",
    "Waltham Forest", "Wandsworth", "Westminster",
)
FIRST = ("Simon", "Michael", "Mark", "Paul", "Tony", "Sarah", "Helen", "Jane", "Richard", "Amanda")
LAST = ("Bray", "Smith", "Heath", "Rickett", "Dawson", "Hughes", "Patel", "Okafor", "Clarke", "Evans")
LOCAL_SAMPLES = ("westminster", "havering", "kensington-and-chelsea", "tower-hamlets")
DEBRIS = (
    "Similar documents Local Policing Summary Barnet Planning and Performance Unit",
    "Click here to download this document as a PDF (1.2 MB)",
    "Page 3 of 8",
    "Share this page: Facebook Twitter Email",
)
_SLOT = re.compile(r"\{(\w+)(?::\w+)?\}")


@dataclass
class Block:
    kind: str            # heading | paragraph | item | row | local
    text: str            # slots as written ({name} or {name:type}); a row's cells joined by \t
    level: int = 0
    section: int = 0
    name: str = ""       # a local block's name
    lines: list[str] = field(default_factory=list)  # filled in: the lines as written


def template_blocks(template: str) -> list[Block]:
    """The template's blocks, in order (header rows and separators dropped)."""
    blocks: list[Block] = []
    section = 0
    paragraph: list[str] = []
    pending_header = False

    def close():
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph), section=section))
            paragraph.clear()

    lines = template.splitlines()
    for n, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            close()
            continue
        if stripped.startswith("#"):
            close()
            level = len(stripped) - len(stripped.lstrip("#"))
            section += level == 1
            blocks.append(Block("heading", stripped.lstrip("#").strip(), level, section))
        elif stripped.startswith("{{local"):
            close()
            blocks.append(Block("local", "", section=section, name=stripped.strip("{} ")))
        elif stripped.startswith("|"):
            close()
            following = lines[n + 1].strip() if n + 1 < len(lines) else ""
            if set(stripped) <= set("|-: ") or pending_header:
                pending_header = False
                continue
            if set(following) <= set("|-: ") and following:
                pending_header = True   # a header row: names the columns only
                continue
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            blocks.append(Block("row", "\t\t".join(cells[:2]) + "\t" + "\t".join(cells[2:]), section=section))
        elif stripped.startswith("- "):
            close()
            blocks.append(Block("item", stripped[2:], section=section))
        else:
            paragraph.append(stripped)
    close()
    return blocks


def local_paragraphs() -> tuple[list[str], list[str]]:
    """The sample editions' own paragraphs: the commanders' messages and the initiatives,
    with each sample's borough name written as {borough}."""
    messages, initiatives = [], []
    for name in LOCAL_SAMPLES:
        text = (SAMPLES / "boroughs" / f"{name}.txt").read_text(encoding="utf-8")
        borough = next(b for b in BOROUGHS if b.lower().replace(" ", "-") == name)
        lines = text.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("Message from Borough Commander"))
        middle = next(i for i, line in enumerate(lines) if line.endswith("local police initiatives"))
        end = next(i for i, line in enumerate(lines) if line.startswith("How did "))
        for target, (lo, hi) in ((messages, (start + 1, middle)), (initiatives, (middle + 1, end))):
            paragraphs = re.split(r"\n\s*\n", "\n".join(lines[lo:hi]))
            for paragraph in paragraphs:
                paragraph = " ".join(paragraph.split())
                if len(paragraph.split()) >= 8:
                    target.append(paragraph.replace(borough, "{borough}"))
    return messages, initiatives


class Generator:
    """Editions of the sample template; `edition(n)` is the n-th one."""

    def __init__(self, template: str, seed: int = 2010, defects: int = 1):
        self.blocks = template_blocks(template)
        self.messages, self.initiatives = local_paragraphs()
        self.seed = seed
        self.defects = defects  # rounds of defects an edition gets (each round one to four kinds)

    # -- the plain text of the template, for the line-diff peers
    def template_text(self) -> str:
        return "\n\n".join(b.text.replace("\t\t", "\t") if b.kind != "item" else "- " + b.text
                           for b in self.blocks if b.kind != "local") + "\n"

    def edition(self, n: int, local_scale: float = 1.0, flattened: bool | None = None) -> tuple[str, str]:
        """(file name, text) of edition n. local_scale repeats the local sections so that
        the edition is about that many times its usual length."""
        rng = random.Random(self.seed * 1_000_003 + n)
        borough = BOROUGHS[n % len(BOROUGHS)]
        values = self._values(rng, borough)
        blocks = [Block(b.kind, b.text, b.level, b.section, b.name) for b in self.blocks]
        local_chars = 0
        for block in blocks:
            if block.kind == "local":
                pool = self.messages if "message" in block.name else self.initiatives
                chosen = rng.sample(pool, k=min(len(pool), rng.randint(5, 8)))
                block.lines = [p.replace("{borough}", borough) for p in chosen]
                local_chars += sum(len(p) + 2 for p in block.lines)
            else:
                block.lines = [self._fill(block, values, rng)]
        if local_scale != 1.0:
            base = sum(len(line) + 2 for b in blocks for line in b.lines)
            wanted = base * local_scale - (base - local_chars)
            for block in blocks:
                if block.kind == "local" and block.lines:
                    share = sum(len(p) + 2 for p in block.lines) / max(1, local_chars)
                    original = list(block.lines)
                    copy = 1
                    while sum(len(p) + 2 for p in block.lines) < wanted * share:
                        # Each copy numbered: no two paragraphs read alike, so none is read
                        # from the memo of text already seen.
                        copy += 1
                        block.lines.extend(f"{p} (copy {copy})" for p in original)
        for _ in range(self.defects):
            self._defects(blocks, rng, borough)
        if flattened if flattened is not None else n % 7 == 6:
            text = self._flatten(blocks, rng)
        else:
            text = self._write(blocks, rng)
        name = f"{n:05d}-{borough.lower().replace(' ', '-')}.txt"
        return name, text

    # -- slots
    def _values(self, rng: random.Random, borough: str) -> dict:
        rows = []
        for _ in range(7):
            change = round(rng.uniform(-30, 20), 1) or 0.5
            rows.append({"offences": str(rng.randint(3, 900)), "change": f"{change:+.1f}%",
                         "status": "Target achieved" if change < 0 else "Target missed"})
        return {"borough": borough, "slug": re.sub(r"[^a-z0-9]", "", borough.lower()),
                "commander": self._commander(borough), "rows": rows,
                **{k: f"{rng.randint(5, 50) / 10:.1f}%" for k in
                   ("acquisitive", "violence", "youth_violence", "gun", "knife")}}

    @staticmethod
    def _commander(borough: str) -> str:
        """Each borough's own commander, the same in all its editions."""
        n = BOROUGHS.index(borough)
        return f"{FIRST[n % len(FIRST)]} {LAST[(n * 3 + n // len(FIRST)) % len(LAST)]}"

    def _fill(self, block: Block, values: dict, rng: random.Random) -> str:
        if block.kind == "row":
            row = values["rows"].pop(0)
            return _SLOT.sub(lambda m: row[m.group(1)], block.text)
        return _SLOT.sub(lambda m: values[m.group(1)], block.text)

    # -- defects: a few of the kinds the rules report
    def _defects(self, blocks: list[Block], rng: random.Random, borough: str) -> None:
        kinds = rng.sample(range(10), k=rng.randint(1, 4))
        paragraphs = [b for b in blocks if b.kind == "paragraph" and b.lines and len(b.lines[0].split()) > 12]
        for kind in kinds:
            paragraphs = [b for b in paragraphs if b.lines]
            if kind == 0:    # a shared paragraph reworded
                block = rng.choice(paragraphs)
                words = block.lines[0].split(" ")
                at = rng.randrange(len(words))
                words[at] = rng.choice(("significantly", "the", "new", "local", "not"))
                block.lines[0] = " ".join(words)
            elif kind == 1:  # a shared paragraph lost
                rng.choice(paragraphs).lines = []
            elif kind == 2:  # two list items swapped
                items = [i for i, b in enumerate(blocks) if b.kind == "item"]
                a = rng.choice(items[:-1])
                if blocks[a + 1].kind == "item":
                    blocks[a].lines, blocks[a + 1].lines = blocks[a + 1].lines, blocks[a].lines
            elif kind == 3:  # a phone number wrong by one digit
                phones = [b for b in blocks if re.search(r"\b0\d{3} \d{3}", b.lines[0] if b.lines else "")]
                if phones:
                    block = rng.choice(phones)
                    block.lines[0] = re.sub(r"(\d)(\s*)$", lambda m: str((int(m.group(1)) + 1) % 10) + m.group(2),
                                            block.lines[0], count=1)
            elif kind == 4:  # a status contradicting its change
                row = rng.choice([b for b in blocks if b.kind == "row"])
                row.lines[0] = row.lines[0].replace("achieved", "MISSED").replace("missed", "achieved") \
                    .replace("MISSED", "missed")
            elif kind == 5:  # a change without its sign
                row = rng.choice([b for b in blocks if b.kind == "row"])
                row.lines[0] = re.sub(r"or [+-]", "or ", row.lines[0])
            elif kind == 6:  # another borough's name left behind
                other = rng.choice([b for b in BOROUGHS if b != borough])
                places = [b for b in blocks if b.kind == "heading" and b.lines and borough in b.lines[0]]
                block = rng.choice(places)
                block.lines[0] = block.lines[0].replace(borough, other)
            elif kind == 7:  # a heading run into its paragraph
                heads = [i for i, b in enumerate(blocks[:-1]) if b.kind == "heading" and b.lines
                     and blocks[i + 1].kind == "paragraph" and blocks[i + 1].lines]
                i = rng.choice(heads)
                blocks[i + 1].lines[0] = blocks[i].lines[0] + " " + blocks[i + 1].lines[0]
                blocks[i].lines = []
            elif kind == 8:  # debris in a shared section
                block = rng.choice(paragraphs)
                block.lines.append(rng.choice(DEBRIS))
            else:            # curly quotes and a re-wrapped paragraph: harmless
                block = rng.choice(paragraphs)
                block.lines[0] = _wrap(block.lines[0].replace("'", "\u2019"), rng.randint(60, 90))

    # -- writing
    def _write(self, blocks: list[Block], rng: random.Random) -> str:
        bullet = rng.choice(("- ", "- * ", "\u2022 "))
        out = []
        for block in blocks:
            for line in block.lines:
                if block.kind == "item" and line == block.lines[0]:
                    out.append(bullet + line)
                else:
                    out.append(line)
        return "\n\n".join(out) + "\n"

    def _flatten(self, blocks: list[Block], rng: random.Random) -> str:
        sections: dict[int, list[str]] = {}
        rows: list[list[str]] = []
        for block in blocks:
            if block.kind == "row":
                rows.extend(line.split("\t\t", 1) for line in block.lines)
                continue
            if rows:
                labels = " ".join(r[0] for r in rows)
                figures = " ".join(r[1].replace("\t", " ") for r in rows)
                sections.setdefault(block.section, []).append(labels + " " + figures)
                rows = []
            for line in block.lines:
                sections.setdefault(block.section, []).append(("*" if block.kind == "item" else "") + line)
        prelude = "\n\n".join(rng.sample(DEBRIS, k=2))
        text = "\n\n".join(" ".join(parts) for parts in sections.values())
        text = re.sub(r"(?<=\w)['\u2019](?=\w)", " ", text)
        text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
        return prelude + "\n\n" + text + "\n"


def _wrap(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def write_corpus(folder: Path, count: int, template: str | None = None, seed: int = 2010,
                 defects: int = 1) -> list[Path]:
    """Write the template, its plain text, a canonlint.toml and `count` editions, each with
    `defects` rounds of defects (more rounds, more findings an edition)."""
    template = template if template is not None else (SAMPLES / "template.md").read_text(encoding="utf-8")
    generator = Generator(template, seed, defects)
    editions = folder / "editions"
    editions.mkdir(parents=True, exist_ok=True)
    (folder / "template.md").write_text(template, encoding="utf-8")
    (folder / "template.txt").write_text(generator.template_text(), encoding="utf-8")
    (folder / "canonlint.toml").write_text('template = "template.md"\ninclude = ["*.txt"]\n', encoding="utf-8")
    paths = []
    for n in range(count):
        name, text = generator.edition(n)
        path = editions / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
