"""Property test: a verbatim copy of a template gets no finding.

For arbitrary templates — headings, paragraphs holding web addresses, e-mail addresses,
phone numbers and percentages, lists, tables, slots of every built-in type and `{{local}}`
blocks — the template rendered with valid slot values (and harmless text in its local
blocks) is an edition that nothing is wrong with: every rule must stay silent.

`CANONLINT_EXAMPLES=2000 python -m pytest tests/test_verbatim_copy.py` runs a longer search.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canonlint.slots import LONDON_BOROUGHS, SLOT_TYPES, slug
from canonlint.source import Source
from canonlint.template import parse_template

EXAMPLES = int(os.environ.get("CANONLINT_EXAMPLES", "200"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

# Plain words that are no borough, name no rule's trigger and make no exact token.
WORDS = (
    "community", "safety", "police", "officers", "local", "residents", "streets", "partners",
    "review", "report", "results", "public", "confidence", "service", "victims", "support",
    "schools", "young", "people", "housing", "transport", "neighbourhood", "teams", "patrols",
    "meetings", "council", "charity", "volunteers", "shops", "parks", "evening", "weekend",
    "programme", "scheme", "project", "funding", "training", "advice", "contact", "visit",
    "online", "survey", "figures", "progress", "priority", "plan", "strategy", "engagement",
    "the", "and", "of", "to", "in", "for", "with", "our", "their", "this", "every", "more",
    "clear", "strong", "better", "open", "fair", "quick", "careful", "steady", "new", "main",
)
# What a borough writes in its own sections: words the shared text never uses.
LOCAL_WORDS = ("garden", "bicycle", "market", "library", "festival", "river", "bridge", "football",
               "choir", "bakery", "museum", "harbour", "lantern", "orchard", "meadow", "canal")
HYPHENATED = ("day-to-day", "pan-London", "well-being", "long-term", "face-to-face")
HOSTS = ("example.org", "www.example.org", "mpa.gov.uk", "www.met.police.uk")


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def words(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    # Unique within a run of words: a template repeating one phrase block after block leaves
    # the alignment to guess, which is not what this test is about.
    return st.lists(st.sampled_from(WORDS + HYPHENATED), min_size=min_size, max_size=max_size,
                    unique=True).map(" ".join)


url = st.builds(lambda scheme, host, path, slash: f"{scheme}{host}{path}{slash}",
                st.sampled_from(("", "http://", "https://")), st.sampled_from(HOSTS),
                st.lists(st.sampled_from(("/x", "/publications", "/a-b", "/help", "/2010")), max_size=3).map("".join),
                st.sampled_from(("", "/")))
email = st.builds(lambda user, host: f"{user}@{host}", st.sampled_from(("info", "kit.malthouse", "review")),
                  st.sampled_from(("example.org", "london.gov.uk")))
phone = st.sampled_from(("0300 123 1212", "020 7202 0063", "0207 202 0202", "0800 555111", "999"))
percent = st.builds(lambda whole, tenth: f"{whole}.{tenth}%", st.integers(0, 99), st.integers(0, 9))
# A change is never zero here: `-0.0%` is a defect (negative-zero), `+0.0%` has no direction.
change = st.builds(lambda sign, value: sign + value, st.sampled_from("+-"), percent.filter(lambda p: p != "0.0%"))
token = st.one_of(url, email, phone, percent)


@dataclass
class Slots:
    """The slots of one template and the value each name takes in the rendered edition."""

    values: dict[str, str] = field(default_factory=dict)
    borough: str = "Camden"

    def slot(self, draw, type_name: str, scoped: bool = False) -> str:
        """A slot `{name:type}`; a name may recur (outside table rows), with one value."""
        if not scoped and type_name != "borough" and self.values and draw(st.booleans()):
            reused = [n for n in self.values if n.startswith(type_name + "_")]
            if reused:
                return "{" + reused[0] + "}"
        name = "borough" if type_name == "borough" else f"{type_name}_{len(self.values)}"
        if name not in self.values:
            self.values[name] = self.borough if type_name == "borough" else draw(slot_value(type_name))
        return "{" + name + ":" + type_name + "}" if name != "borough" else "{borough}"


def slot_value(type_name: str) -> st.SearchStrategy[str]:
    return {
        # A text value made of the words around its slot is ambiguous by construction.
        "text": st.lists(st.sampled_from(LOCAL_WORDS), min_size=1, max_size=4, unique=True).map(" ".join),
        "borough": st.sampled_from(LONDON_BOROUGHS),
        "person": st.sampled_from(("Simon Bray", "Kit Malthouse", "Ann O'Neill", "Mary Jones-Smith")),
        "count": st.integers(0, 20000).map(lambda n: f"{n:,}" if n % 2 else str(n)),
        "percent": percent,
        "signed_percent": change,
        "target_status": st.sampled_from(("Target achieved", "Target missed")),
        "url_slug": st.sampled_from(LONDON_BOROUGHS).map(slug),
        "email": email,
        "url": url,
        "date": st.sampled_from(("12 March 2010", "2010-03-12", "1/4/2010", "30 September 2009")),
    }[type_name]


@st.composite
def sentence(draw, slots: Slots) -> str:
    pieces = [draw(words(2, 6))]
    for _ in range(draw(st.integers(0, 3))):
        choice = draw(st.integers(0, 2))
        if choice == 0:
            pieces.append(draw(token))
            pieces.append(draw(words(0, 5)))  # a token may end the block
        elif choice == 1:  # a slot is followed by words: two slots side by side split anyhow
            pieces.append(slots.slot(draw, draw(st.sampled_from(sorted(SLOT_TYPES)))))
            pieces.append(draw(words(1, 5)))
        else:
            pieces.append(draw(words(1, 5)))
    return " ".join(filter(None, pieces))


@st.composite
def wrapped(draw, text: str) -> str:
    """A paragraph hard-wrapped after some of its words, as an editor leaves it (a number
    may start a line: `0.` there goes on with the paragraph, as in CommonMark)."""
    words_ = text.split(" ")
    breaks = draw(st.lists(st.booleans(), min_size=len(words_) - 1, max_size=len(words_) - 1))
    return words_[0] + "".join(("\n" if cut else " ") + word for cut, word in zip(breaks, words_[1:]))


@st.composite
def table(draw, slots: Slots) -> str:
    labels = draw(st.lists(words(1, 3), min_size=1, max_size=4, unique=True))
    lines = ["| Crime | Result | Status |", "|---|---|---|"]
    lines += [f"| {first_upper(label)} | {{offences:count}} offences or {{change:signed_percent}} | "
              "{status:target_status} |" for label in labels]
    return "\n".join(lines)


@st.composite
def template_text(draw) -> tuple[str, Slots]:
    borough = draw(st.sampled_from(LONDON_BOROUGHS))
    slots = Slots({"borough": borough}, borough)
    blocks = [f"# {first_upper(draw(words(1, 3)))} {{borough}}"]
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(("heading", "subheading", "paragraph", "paragraph", "list", "table", "local")))
        if kind == "heading":
            blocks.append("# " + first_upper(draw(words(2, 5))))
        elif kind == "subheading":
            blocks.append("## " + first_upper(draw(words(2, 5))))
        elif kind == "paragraph":
            paragraph = first_upper(draw(sentence(slots))) + draw(st.sampled_from((".", "", ":")))
            blocks.append(draw(wrapped(paragraph)))
        elif kind == "list":
            items = draw(st.lists(sentence(slots), min_size=2, max_size=4, unique=True))
            blocks.append("\n".join(f"- {item}" for item in items))
        elif kind == "table" and not any(b.startswith("| Crime") for b in blocks):
            blocks.append(draw(table(slots)))
        elif kind == "local" and not blocks[-1].startswith("{{local"):
            blocks.append("{{local}}")
    return "\n\n".join(blocks) + "\n", slots


def render(text: str, slots: Slots, draw) -> str:
    """The template as an edition: its slots filled, each table row with its own figures
    (a reduction achieved its target, a rise missed it), its local blocks with harmless text."""
    lines = []
    for line in text.split("\n"):
        if line.startswith("| ") and "{offences:count}" in line:
            value = draw(change)
            status = "Target achieved" if value.startswith("-") else "Target missed"
            line = line.replace("{offences:count}", str(draw(st.integers(0, 5000))))
            line = line.replace("{change:signed_percent}", value).replace("{status:target_status}", status)
        elif line == "{{local}}":
            local = draw(st.lists(st.sampled_from(LOCAL_WORDS), min_size=3, max_size=12))
            line = first_upper(" ".join(local)) + "."
        for name, value in slots.values.items():
            line = line.replace("{" + name + ":" + name.rsplit("_", 1)[0] + "}", value)
            line = line.replace("{" + name + "}", value)
        lines.append(line)
    return "\n".join(lines)


@SETTINGS
@given(st.data())
def test_rendered_template_has_no_finding(lint, data):
    text, slots = data.draw(template_text())
    template = parse_template(text, "t.md")
    edition = render(text, slots, data.draw)
    for path in ("edition.md", "edition.txt"):
        findings = lint(edition, path=path, tpl=template)
        assert not findings, "\n".join(f"{f.line}:{f.column}: {f.rule} {f.message}" for f in findings) + \
            f"\n--- template ---\n{text}\n--- edition ---\n{edition}"
    assert Source.from_text("edition.md", edition).text == edition


def test_trailing_slash_at_line_end_is_read_alike(lint):
    """The case that was reported: `http://example.org/x/` at the end of a line."""
    text = "# Help\n\nSee the page at http://example.org/x/\nfor more.\n\nAnother one http://example.org/y/\n"
    template = parse_template(text, "t.md")
    for path in ("edition.md", "edition.txt"):
        assert lint(text, path=path, tpl=template) == []
