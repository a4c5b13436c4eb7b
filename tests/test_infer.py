"""Inference judged against the hand-written template: a template inferred from 32 clean
editions of the labelled corpus finds (per kind of defect) at least 0.9 of what
samples/template.md finds, raises nothing on the harmless variants, and recovers the
sample template's structure: its shared blocks and every one of its slots."""

from __future__ import annotations

from pathlib import Path

import pytest

from canonlint.infer import InferError, edition_from_text, infer, read_editions
from canonlint.template import Template, load_template, parse_template
from tests.corpus.evaluate import evaluate, inferred_template
from tests.corpus.generator import Generator

ROOT = Path(__file__).resolve().parents[1]
MIN_RELATIVE_RECALL = 0.9
MIN_BLOCKS_RECOVERED = 0.95


def clean_editions(count: int = 32, seed: int = 7):
    gen = Generator(seed)
    return [edition_from_text(f"clean-{n:02d}.txt", gen.clean().render()[0]) for n in range(count)]


@pytest.fixture(scope="module")
def inferred() -> Template:
    return inferred_template(32, seed=7)


@pytest.fixture(scope="module")
def hand() -> Template:
    return load_template(ROOT / "samples" / "template.md")


def skeletons(template: Template) -> list[tuple[str, ...]]:
    """Each shared block as its words, each slot as its type: what a block is, names aside."""
    return [tuple(f"<{w.slot.type.name}>" if w.slot else w.key for w in template.words[b.first_word : b.last_word])
            for b in template.blocks if b.is_shared]


def test_structure_matches_the_sample_template(inferred, hand):
    found = set(skeletons(inferred))
    wanted = skeletons(hand)
    recovered = [s for s in wanted if s in found]
    assert len(recovered) >= MIN_BLOCKS_RECOVERED * len(wanted)
    with_slots = [" ".join(s) for s in wanted if any(w.startswith("<") for w in s)]
    assert [s for s in with_slots if tuple(s.split(" ")) not in found] == []
    assert sum(1 for b in inferred.blocks if b.local) == sum(1 for b in hand.blocks if b.local)


def test_recall_per_kind_against_the_sample_template(inferred):
    by_hand = evaluate(template=None)
    by_inference = evaluate(template=inferred)
    low = {kind: (score.found, by_hand.kinds[kind].found) for kind, score in by_inference.kinds.items()
           if score.found < MIN_RELATIVE_RECALL * by_hand.kinds[kind].found}
    assert low == {}
    assert [(name, f.line, f.rule) for name, f in by_inference.false_alarms] == []


@pytest.mark.parametrize("seed, count", [(1, 8), (2, 32), (4, 8), (5, 32)])
def test_structure_from_other_corpora(hand, seed, count):
    """Other clean editions, fewer of them: the same blocks and slots still come out."""
    assert set(skeletons(inferred_template(count, seed))) >= set(skeletons(hand))


def test_the_same_editions_give_the_same_template():
    editions = clean_editions(8, seed=11)
    assert infer(editions).text == infer(list(reversed(editions))).text


def test_an_edition_of_something_else_is_left_out():
    editions = clean_editions(8, seed=3)
    stranger = edition_from_text("zz-minutes.txt", "Minutes of the parish meeting\n\nApologies were received.\n")
    inference = infer(editions + [stranger])
    assert [name for name, _ in inference.votes.left_out] == ["zz-minutes.txt"]
    assert any("left out zz-minutes.txt" in line for line in inference.report())


def test_inferring_from_the_five_samples_gives_a_usable_template():
    editions, errors = read_editions([str(ROOT / "samples" / "boroughs")])
    assert errors == [] and len(editions) == 5
    template = parse_template(infer(editions).text, "inferred.md")
    slots = {w.slot.type.name for w in template.words if w.slot}
    assert {"borough", "person", "count", "signed_percent", "percent", "url_slug"} <= slots
    assert sum(1 for b in template.blocks if b.local) == 2


def test_one_edition_is_not_enough():
    with pytest.raises(InferError, match="at least 2 editions"):
        infer(clean_editions(1))


def test_a_publication_about_something_else():
    """Nothing about policing: ward profiles with a ward, a councillor, an email address and
    a date in each."""
    wards = ["Abbey", "Bridge", "Castle", "Dockside", "Elm Park", "Fairfield"]
    people = ["Ann Lee", "Bob Stone", "Cara Moss", "Dev Shah", "Eve Hart", "Fred Cole"]
    editions = []
    for n, (ward, person) in enumerate(zip(wards, people)):
        text = (f"{ward} ward profile\n\nThis profile describes the ward and the services the council provides in it.\n\n"
                f"Your councillor is {person}. Write to {ward.lower().replace(' ', '')}@council.example with questions.\n\n"
                f"Updated {n + 1} March 2024.\n\nResidents: {1000 + 37 * n}\n")
        editions.append(edition_from_text(f"{ward}.txt", text))
    text = infer(editions).text
    assert "Your councillor is {person}. Write to {email} with questions." in text
    assert "Updated {date}." in text
    assert "Residents: {count}" in text
    assert "{ward} ward profile" in text   # a closed set canonlint does not know stays text, named by its context


def test_a_users_enumeration_types_a_slot(tmp_path):
    from canonlint.config import parse_config

    wards = ["Abbey", "Bridge", "Castle", "Dockside", "Elm Park", "Fairfield"]
    editions = [edition_from_text(f"{w}.txt", f"{w} ward profile\n\nThis profile describes the ward and its services.\n")
                for w in wards]
    config = parse_config({"slot-types": {"ward": {"values": wards}}}, tmp_path / "canonlint.toml")
    text = infer(editions, config.slot_types).text
    assert text.startswith("# {ward:ward} ward profile\n")
    parse_template(text, "t.md", config.slot_types)


def test_editions_that_share_nothing():
    editions = [edition_from_text("a.txt", "Apples are red.\n"), edition_from_text("b.txt", "Zebras run fast.\n")]
    with pytest.raises(InferError, match="share no text"):
        infer(editions)


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LINES = st.sampled_from(["Shared heading", "A shared paragraph of several words here.", "", "- item one",
                          "Row label\t\t12 offences or -3.1%\tTarget missed", "{braces} and \\ slashes", "#", "|",
                          "tel: 020 7202 0202", "Camden", "Westminster"])


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=12), min_size=2, max_size=5))
def test_any_editions_give_a_parseable_template_or_a_clear_error(bodies):
    editions = [edition_from_text(f"e{n}.txt", "\n\n".join(lines)) for n, lines in enumerate(bodies)]
    try:
        text = infer(editions).text
    except InferError:
        return
    parse_template(text, "inferred.md")


def markdown_edition(edition) -> str:
    """A corpus edition written as Markdown: `##` headings, a pipe table with its header."""
    out, previous = [], None
    for part in edition.parts:
        if previous is not None:
            out.append("\n" if part.kind == previous.kind and part.kind in ("item", "row") else "\n\n")
        if part.kind == "row" and (previous is None or previous.kind != "row"):
            out.append("| Crime | Result | Status |\n|---|---|---|\n")
        if part.kind == "heading":
            out.append("## " + part.text)
        elif part.kind == "row":
            out.append("| " + " | ".join(c for c in part.text.split("\t") if c) + " |")
        else:
            out.append(part.text)
        previous = part
    return "".join(out) + "\n"


def test_structure_from_markdown_editions(hand):
    gen = Generator(3)
    editions = [edition_from_text(f"e{n:02d}.md", markdown_edition(gen.clean())) for n in range(10)]
    text = infer(editions).text
    assert set(skeletons(parse_template(text, "inferred.md"))) >= set(skeletons(hand))
    assert "| Crime | Result | Status |\n|---|---|---|\n| Residential burglary |" in text


def test_ward_profiles_with_a_table_of_figures():
    """Another family: a heading that is mostly slot, free local text, a table whose cells
    are all figures, addresses that repeat the ward's part."""
    import random

    rng = random.Random(5)
    wards = ["Abbey", "Bridge", "Castle", "Dockside", "Elm Park", "Fairfield", "Green Lanes", "Hillside", "Ivy Bank"]
    filler = ["The ward has a busy high street and two primary schools.", "A new health centre opened in the spring.",
              "Most homes are terraced houses built before 1919.", "The library now opens on Sundays.",
              "The canal towpath was resurfaced this year.", "Residents asked for more street lighting.",
              "Two new bus routes serve the estate.", "The market returns every Saturday."]
    editions = []
    for ward in wards:
        part = ward.lower().replace(" ", "-")
        rows = "\n".join(f"| {m} | {rng.randint(100, 9000):,} | {rng.uniform(-9, 9):+.1f}% |"
                         for m in ("Population", "Households", "Businesses"))
        text = (f"# {ward} ward profile\n\nPublished {rng.randint(1, 28)} March 2024.\n\n## About {ward}\n\n"
                + "\n\n".join(rng.sample(filler, rng.randint(1, 2)))
                + f"\n\n## Key figures\n\n| Measure | Value | Change |\n|---|---|---|\n{rows}\n\n"
                  f"Read more at https://council.example/wards/{part}\n")
        editions.append(edition_from_text(f"{part}.md", text))
    text = infer(editions).text
    assert "# {ward} ward profile" in text and "## About {ward}\n\n{{local}}\n\n## Key figures" in text
    assert "| Households | {count} | {change:signed_percent} |" in text
    assert "Published {date}." in text and "https://council.example/wards/{slug:url_slug}" in text


def test_a_local_section_the_pivot_leaves_empty():
    from canonlint.infer.consensus import consensus
    from canonlint.infer.votes import vote

    gen = Generator(9)
    editions = []
    for n in range(7):
        edition = gen.clean()
        if n < 2:  # a few editions have no initiatives written
            at = next(i for i, p in enumerate(edition.parts) if p.text.endswith("local police initiatives"))
            while edition.parts[at + 1].kind == "local":
                del edition.parts[at + 1]
        editions.append(edition_from_text(f"e{n}.txt", edition.render()[0]))
    drafts = list(consensus(vote(editions, pivot=editions[0])))
    document = editions[0].document
    heading = next(n for n, d in enumerate(drafts) if not d.local and document.text[
        document.blocks[d.pivot_block].start : document.blocks[d.pivot_block].end].endswith("local police initiatives"))
    assert drafts[heading + 1].local


def test_inferred_from_defective_editions(hand):
    """Editions with defects of every kind, some flattened: the template is still the
    sample template's, whatever slips the pivot edition has (a heading run into its
    paragraph is cut where most editions cut it)."""
    from tests.corpus.generator import corpus

    defective, _ = corpus(2010, 20)
    editions = [edition_from_text(f"{s.name}.txt", s.text) for s in defective[:60]]
    assert set(skeletons(parse_template(infer(editions).text, "inferred.md"))) >= set(skeletons(hand))


def test_quality_accounts_with_a_status_column():
    """Another family: a status column of a closed set canonlint does not know (`Met`,
    `Not met`, mostly one of them), an email address built from the edition's name."""
    import random

    rng = random.Random(11)
    names = ["Northshire", "Eastvale", "Westmoor", "Southbay", "Kingsford", "Ashdown", "Brookfield", "Dunmore",
             "Fenwick", "Glenholm", "Ironbridge", "Kestrel"]
    editions = []
    for name in names:
        rows = []
        for metric, target in (("Four-hour standard", 95), ("Cancer referral to treatment", 85)):
            actual = rng.uniform(60, 99)
            rows.append(f"{metric}\t{target}%\t{actual:.1f}%\t{'Met' if actual >= target else 'Not met'}")
        text = (f"{name} NHS Foundation Trust\n\nPart 1: Performance against national standards\n\n"
                "The table below sets out how the trust performed.\n\n" + "\n".join(rows) +
                f"\n\nWrite to pals@{name.lower()}.nhs.example for help.\n")
        editions.append(edition_from_text(f"{name.lower()}.txt", text))
    text = infer(editions).text
    assert text.startswith("# {name} NHS Foundation Trust\n")
    assert "| Four-hour standard | 95% | {percent} | {text} |" in text
    assert "| Cancer referral to treatment | 85% | {percent} | {text} |" in text
    assert "Write to {email} for help." in text


def test_review_notes_flag_a_thin_majority():
    shared = "This profile describes the ward and the services the council provides in it."
    extra = "Bin collections move to Tuesdays from the first week of April this year."
    editions = [edition_from_text(f"e{n}.txt", f"Ward profile\n\n{shared}\n\n" + (f"{extra}\n\n" if n < 4 else "")
                                  + "Contact the council for more.\n") for n in range(7)]
    notes = infer(editions).report()
    assert any(line.endswith(f"in 4 of 7 editions (thin majority: review): {extra[:59]}…") for line in notes), notes


@pytest.mark.parametrize("length", [25_000, 50_000, 200_000])
@pytest.mark.parametrize("sentence", ["word ", "The quick brown fox jumps over the lazy dog. "])
def test_long_editions_that_agree_share_their_text_whatever_their_length(length, sentence):
    """Three editions of one long line, alike but for a trailing number: no length turns
    their agreement into "nothing shared"."""
    line = (sentence * (length // len(sentence) + 1))[:length].strip()
    editions = [edition_from_text(f"e{n}.txt", f"{line} {n * 17 + 3}\n") for n in range(3)]
    inferred = infer(editions)
    assert inferred.text.startswith(line[:1000])
    assert inferred.text.rstrip().endswith("{count}")
