"""Property test: a Markdown template, filled in and copied, gets no finding.

For arbitrary Markdown templates — numbered headings, paragraphs with inline links,
reference links and their definitions, autolinks, emphasis and inline code, nested lists,
tables, code fences with info strings, slots — the template with its slots filled is an
edition nothing is wrong with, and so is the same copy re-wrapped, with its `*`/`-` bullets
swapped, and converted to Word with pandoc (as a publisher would): every rule stays silent.

`CANONLINT_EXAMPLES=2000 python -m pytest tests/test_markdown_properties.py` runs a longer search.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canonlint.template import parse_template
from tests.test_verbatim_copy import LOCAL_WORDS, WORDS, first_upper

EXAMPLES = int(os.environ.get("CANONLINT_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
# Each Word example runs pandoc: a bounded number of them.
WORD_SETTINGS = settings(max_examples=max(8, EXAMPLES // 10), deadline=None,
                         suppress_health_check=list(HealthCheck))

HOSTS = ("https://example.org", "https://docs.example.org", "http://www.example.net", "https://github.com/acme")
PATHS = ("", "/", "/guide", "/version/2/1/", "/blob/main/CODE_OF_CONDUCT.md", "/faq#contact", "/a-b?lang=en")
CODE_LINES = (
    "x = compute(a, b)", "gem 'garden'", "config['password_authenticator'] = auth_password",
    "echo \"done\" && exit 0", "    return total - 1", "- not a bullet", "# not a heading",
    "1. not an item", "if ready: print(\"hello world\")", "day- to-day --flag", "**kwargs and _private_",
    "git clone https://github.com/acme/garden.git",
)
INFO_STRINGS = ("", "python", "ruby", "sh", "json", "text")


def words(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    # Unique within a run of words: a template repeating one phrase leaves the alignment to guess.
    return st.lists(st.sampled_from(WORDS), min_size=min_size, max_size=max_size, unique=True).map(" ".join)


url = st.builds(lambda host, path: host + path, st.sampled_from(HOSTS), st.sampled_from(PATHS))


@dataclass
class Filling:
    """The slots of one template, the value each takes in the copy, and its link definitions."""

    values: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)

    def slot(self, draw) -> str:
        type_name = draw(st.sampled_from(("text", "email", "count", "person")))
        name = f"{type_name}_{len(self.values)}"
        self.values[name] = draw({
            "text": st.lists(st.sampled_from(LOCAL_WORDS), min_size=1, max_size=3, unique=True).map(" ".join),
            "email": st.sampled_from(("conduct@example.org", "kit.malthouse@example.net", "help@acme.example")),
            "count": st.integers(2, 20000).map(lambda n: f"{n:,}" if n % 2 else str(n)),
            "person": st.sampled_from(("Simon Bray", "Ann O'Neill", "Mary Jones-Smith")),
        }[type_name])
        return "{" + name + ":" + type_name + "}"

    def label(self, draw) -> str:
        label = f"ref{len(self.definitions) + 1}"
        self.definitions[label] = draw(url)
        return label


@st.composite
def inline(draw, filling: Filling) -> str:
    """A run of prose: words, links of every kind, emphasis, inline code, slots (a slot is
    followed by words: two side by side split anyhow)."""
    pieces = [draw(words(2, 5))]
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(("inline link", "reference", "collapsed", "autolink", "e-mail autolink",
                                     "emphasis", "strong", "code", "slot")))
        if kind == "inline link":
            pieces.append(f"[{draw(words(1, 3))}]({draw(url)})")
        elif kind == "reference":
            pieces.append(f"[{draw(words(1, 3))}][{filling.label(draw)}]")
        elif kind == "collapsed":
            label = filling.label(draw)
            pieces.append(f"[{label}][]")
        elif kind == "autolink":
            pieces.append(f"<{draw(url)}>")
        elif kind == "e-mail autolink":
            pieces.append(f"<{draw(st.sampled_from(('help@example.org', 'conduct-team@acme.example')))}>")
        elif kind == "emphasis":
            pieces.append(f"*{draw(words(1, 2))}*")
        elif kind == "strong":
            pieces.append(f"**{draw(words(1, 2))}**")
        elif kind == "code":
            pieces.append(f"`{draw(st.sampled_from(('auth_password', 'context', 'day-to-day', '--flag')))}`")
        else:
            pieces.append(filling.slot(draw))
        pieces.append(draw(words(1, 4)))
    return " ".join(pieces)


@st.composite
def markdown_template(draw) -> tuple[str, Filling]:
    filling = Filling()
    blocks = [f"# {first_upper(draw(words(2, 4)))}"]
    section = 0
    for _ in range(draw(st.integers(1, 7))):
        kind = draw(st.sampled_from(("heading", "subheading", "paragraph", "paragraph", "list", "table", "code")))
        if kind == "heading":
            section += 1
            blocks.append(f"## {section}. {first_upper(draw(words(1, 4)))}")
        elif kind == "subheading":
            blocks.append(f"### {section}.{draw(st.integers(1, 9))} {first_upper(draw(words(1, 4)))}")
        elif kind == "paragraph":
            blocks.append(first_upper(draw(inline(filling))) + ".")
        elif kind == "list":
            bullet = draw(st.sampled_from("-*"))
            items = []
            for _ in range(draw(st.integers(2, 4))):
                items.append(f"{bullet} {draw(inline(filling))}")
                for _ in range(draw(st.integers(0, 2))):
                    items.append(f"  {bullet} {draw(words(2, 4))}")
            blocks.append("\n".join(items))
        elif kind == "table" and not any(b.startswith("| ") for b in blocks):
            rows = draw(st.lists(st.tuples(words(1, 3), words(1, 4)), min_size=1, max_size=3,
                                 unique_by=lambda row: row[0]))
            blocks.append("\n".join(["| Name | Meaning |", "|---|---|",
                                     *(f"| {first_upper(a)} | {b} |" for a, b in rows)]))
        elif kind == "code":
            lines = draw(st.lists(st.sampled_from(CODE_LINES), min_size=1, max_size=4, unique=True))
            blocks.append("\n".join([f"```{draw(st.sampled_from(INFO_STRINGS))}", *lines, "```"]))
    if filling.definitions:
        blocks.append("\n".join(f"[{label}]: {target}" for label, target in filling.definitions.items()))
    return "\n\n".join(blocks) + "\n", filling


def filled(text: str, filling: Filling) -> str:
    for name, value in filling.values.items():
        text = text.replace("{" + name + ":" + name.rsplit("_", 1)[0] + "}", value)
    return text


@st.composite
def rewrapped(draw, text: str) -> str:
    """The paragraphs of a Markdown text hard-wrapped anew, at some of their spaces (never
    inside a link's target, which holds none)."""
    out = []
    for block in text.split("\n\n"):
        if block[:1] in "#|`[-*" or "\n" in block:
            out.append(block)  # headings, tables, code, definitions and lists stay as written
            continue
        pieces = block.split(" ")
        breaks = draw(st.lists(st.booleans(), min_size=len(pieces) - 1, max_size=len(pieces) - 1))
        out.append(pieces[0] + "".join(("\n" if cut else " ") + piece for cut, piece in zip(breaks, pieces[1:])))
    return "\n\n".join(out)


def swapped_bullets(text: str) -> str:
    """Every list's bullets written with the other character (`-` for `*` and back), code
    fences left as written (a code line is code, not a bullet)."""
    parts = re.split(r"(?ms)(^```.*?^```$)", text)
    return "".join(part if part.startswith("```") else _swapped(part) for part in parts)


def _swapped(text: str) -> str:
    return re.sub(r"(?m)^( *)([-*]) (?=\S)", lambda m: m.group(1) + ("*" if m.group(2) == "-" else "-") + " ", text)


def _message(findings, template: str, edition: str) -> str:
    return "\n".join(f"{f.line}:{f.column}: {f.rule} {f.message}" for f in findings) + \
        f"\n--- template ---\n{template}\n--- edition ---\n{edition}"


@SETTINGS
@given(st.data())
def test_filled_markdown_template_has_no_finding(lint, data):
    text, filling = data.draw(markdown_template())
    template = parse_template(text, "template.md")
    copy = filled(text, filling)
    # Re-wrapped before it is filled: a slot's value wrapped over two lines is slot capture's
    # business (the text slot type holds one line), not the Markdown reading's.
    for edition in (copy, filled(data.draw(rewrapped(text)), filling), swapped_bullets(copy)):
        findings = lint(edition, path="edition.md", tpl=template)
        assert not findings, _message(findings, text, edition)


@WORD_SETTINGS
@given(st.data())
def test_filled_markdown_template_converted_to_word_has_no_finding(lint, tmp_path_factory, data):
    assert shutil.which("pandoc"), "pandoc makes the Word copies: apt-get install pandoc"
    text, filling = data.draw(markdown_template())
    template = parse_template(text, "template.md")
    edition = swapped_bullets(filled(data.draw(rewrapped(text)), filling))
    folder = tmp_path_factory.mktemp("word")
    (folder / "edition.md").write_text(edition, encoding="utf-8")
    subprocess.run(["pandoc", "-f", "commonmark+pipe_tables", "-t", "docx", "-o", str(folder / "edition.docx"),
                    str(folder / "edition.md")], check=True, capture_output=True, timeout=60)
    findings = lint((folder / "edition.docx").read_bytes(), path="edition.docx", tpl=template)
    assert not findings, _message(findings, text, edition)
