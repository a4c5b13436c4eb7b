"""Inference on families of real-looking copies of widely copied documents: a code of
conduct (adapted from the Contributor Covenant 1.4, CC BY 4.0) whose contact each project
fills in its own way, some copies left with the placeholder, some with an optional phrase
of their own, some with an older address of the covenant, some embedded in a larger
README; and MIT licence files with their years and holders. The template inferred from
them reads like one a person wrote, and checked against the same copies it raises nothing
on those that agree with the majority."""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass

import pytest

from canonlint.infer import edition_from_text, infer
from canonlint.template import parse_template

TITLES = ("Contributor Covenant Code of Conduct",)
PLEDGE = ("In the interest of fostering an open and welcoming environment, we as contributors and maintainers "
          "pledge to making participation in our project and our community a harassment-free experience for "
          "everyone, regardless of age, body size, disability, ethnicity, sex characteristics, gender identity "
          "and expression, level of experience, education, socio-economic status, nationality, personal "
          "appearance, race, religion, or sexual identity and orientation.")
OPTIONAL_PHRASE = ("ethnicity,", "ethnicity, family status,")
STANDARDS = ("Using welcoming and inclusive language", "Being respectful of differing viewpoints and experiences",
             "Gracefully accepting constructive criticism", "Focusing on what is best for the community",
             "Showing empathy towards other community members")
SCOPE = ("This Code of Conduct applies both within project spaces and in public spaces when an individual is "
         "representing the project or its community. Questions about it go to the issue tracker at {tracker}.")
ENFORCEMENT = ("Instances of abusive, harassing, or otherwise unacceptable behavior may be reported by contacting "
               "the project team at {contact}. All complaints will be reviewed and investigated and will result "
               "in a response that is deemed necessary and appropriate to the circumstances.")
ATTRIBUTION = "This Code of Conduct is adapted from the Contributor Covenant, version 1.4, available at {address}"
ADDRESSES = ("https://www.contributor-covenant.org/version/1/4/code-of-conduct.html",
             "http://contributor-covenant.org/version/1/4")
PROJECTS = ("acorn", "beacon", "cobalt", "dune", "ember", "fjord", "garnet", "harbor", "iris", "juniper",
            "kestrel", "lumen", "marble", "nectar", "orchid", "pylon")
PLACEHOLDER = "[INSERT EMAIL ADDRESS]"


@dataclass(frozen=True)
class Copy:
    name: str
    text: str
    majority: bool  # whether it agrees with the majority of the family everywhere


def family(seed: int, count: int = 14) -> list[Copy]:
    """count copies: each fills its contact in (a few leave the placeholder), a minority adds
    a phrase, links the older address or shortens the title, some are embedded in a README
    of their project."""
    rng = random.Random(seed)
    projects = rng.sample(PROJECTS, count)
    minority = set(rng.sample(range(count), count // 4))
    older = set(rng.sample(sorted(set(range(count)) - minority), count // 5))
    placeholders = set(rng.sample(range(count), 2))
    embedded = set(rng.sample(range(count), count // 3))
    short_title = set(rng.sample(sorted(set(range(count)) - minority - older), count // 3))
    copies = []
    for n, project in enumerate(projects):
        domain = rng.choice(("org", "dev", "io", "net"))
        contact = PLACEHOLDER if n in placeholders else \
            f"{rng.choice(('conduct', 'coc', 'maintainers', 'team', 'abuse'))}@{project}.{domain}"
        pledge = PLEDGE.replace(*OPTIONAL_PHRASE) if n in minority else PLEDGE
        owner = rng.choice(("octo", "dev-team", "labs", project))
        tracker = f"https://{rng.choice(('github.com', 'gitlab.com'))}/{owner}/{project}/issues"
        level = "##" if n in embedded else "#"
        title = TITLES[0] if n not in short_title else TITLES[0].replace("Contributor Covenant ", "")
        body = [f"{level} {title}", f"{level}# Our Pledge", pledge, f"{level}# Our Standards",
                "Examples of behavior that contributes to creating a positive environment include:",
                "\n".join(f"* {item}" for item in STANDARDS), f"{level}# Scope", SCOPE.format(tracker=tracker),
                f"{level}# Enforcement", ENFORCEMENT.format(contact=contact), f"{level}# Attribution",
                ATTRIBUTION.format(address=ADDRESSES[1] if n in older else ADDRESSES[0])]
        if n in embedded:
            capital = project.capitalize()
            body = [f"# {capital}", f"{capital} parses {rng.choice(('logs', 'feeds', 'configs'))} quickly. "
                    f"Install it with `pip install {project}`.", "## Usage", f"Call `{project}.parse(path)`.",
                    *body, "## Licence", f"MIT. Copyright {rng.randint(2015, 2023)} the {capital} authors."]
        copies.append(Copy(f"{project}.md", "\n\n".join(body) + "\n", n not in minority | older | short_title))
    return copies


MIT = ("Permission is hereby granted, free of charge, to any person obtaining a copy of this software and "
       "associated documentation files (the \"Software\"), to deal in the Software without restriction, including "
       "without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell "
       "copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the "
       "following conditions:",
       "The above copyright notice and this permission notice shall be included in all copies or substantial "
       "portions of the Software.",
       "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT "
       "LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO "
       "EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER "
       "IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE "
       "USE OR OTHER DEALINGS IN THE SOFTWARE.")
HOLDERS = ("Ann Lee", "Bo Stone", "Cara Moss", "Dev Shah", "Eve Hart", "Fred Cole", "Gail Rivers", "Hal Brook",
           "Acme Labs", "Nimbus Software Ltd", "the Quill authors", "Iris Contributors")


def mit_family(seed: int, count: int = 12) -> list[Copy]:
    """count MIT licence files as projects keep them: their year (or years) and holder
    filled in, some re-wrapped at 72 or 80 columns as editors leave them, a minority
    with the older title `The MIT License (MIT)`, some inside a README's licence section."""
    rng = random.Random(seed)
    older_title = set(rng.sample(range(count), count // 4))
    embedded = set(rng.sample(range(count), count // 4))
    copies = []
    for n, holder in enumerate(rng.sample(HOLDERS, count)):
        start = rng.randint(2012, 2022)
        years = str(start) if rng.random() < 0.6 else f"{start}-{start + rng.randint(1, 3)}"
        width = rng.choice((None, 72, 80))
        paragraphs = [textwrap.fill(p, width) if width else p for p in (f"Copyright (c) {years} {holder}", *MIT)]
        title = "The MIT License (MIT)" if n in older_title else "MIT License"
        body = [title, *paragraphs]
        if n in embedded:
            body = [f"# tool{n}", f"tool{n} does one thing well. Run `tool{n} --help`.", "## Licence", *body]
        copies.append(Copy(f"licence-{n:02d}.md", "\n\n".join(body) + "\n", n not in older_title))
    return copies


FAMILIES = {"covenant": family, "mit": mit_family}


def inferred(copies: list[Copy]):
    return infer([edition_from_text(c.name, c.text) for c in copies])


SEEDS = (1, 2, 3, 4)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", FAMILIES)
def test_slots_are_named_and_cut_as_a_person_would(kind, seed):
    text = inferred(FAMILIES[kind](seed)).text
    slots = re.findall(r"\{(\w+)(?::\w+)?\}", text)
    assert slots, text
    assert not [s for s in slots if re.search(r"_\d+$", s)], text  # no text_3
    # slots start and end on word boundaries: never glued to a word or inside an address
    assert not re.search(r"\w\{|\}\w|[/.:]\{|\}[/.]\w", text), text


@pytest.mark.parametrize("seed", SEEDS)
def test_the_inferred_covenant_reads_like_a_hand_written_one(seed):
    text = inferred(family(seed)).text
    assert "family status" not in text  # a minority's phrase is left out, not slotted
    assert f"# {TITLES[0]}" in text     # the title is the majority's, no slot in it
    assert "at {contact}." in text or "at {email}." in text, text
    assert re.search(r"issue tracker at \{\w+(:url)?\}\.", text), text  # an address is one token


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", FAMILIES)
def test_checked_against_its_own_template_the_majority_is_clean(kind, seed, lint_corpus):
    copies = FAMILIES[kind](seed)
    template = parse_template(inferred(copies).text, "inferred.md")
    findings = lint_corpus([(c.name, c.text) for c in copies], tpl=template)
    agreeing = {c.name for c in copies if c.majority and PLACEHOLDER not in c.text}
    loud = [(f.path, f.rule, f.message) for f in findings
            if f.path in agreeing and f.severity.value in ("warning", "error")]
    assert loud == []
    placeholders = {c.name for c in copies if PLACEHOLDER in c.text}
    assert {f.path for f in findings if f.rule == "CL503"} == placeholders


def _slotted(lines: list[str]) -> str:
    return infer([edition_from_text(f"e{n}.md", f"# Notes\n\n{line}\n") for n, line in enumerate(lines)]).text


def test_an_address_whose_scheme_or_host_varies_is_one_slot():
    forms = ("https://www.contributor-covenant.org/version/1/4/code-of-conduct.html",
             "http://contributor-covenant.org/version/1/4")
    text = _slotted([f"Adapted from the covenant, available at {forms[n % 2]} since 2019." for n in range(8)])
    assert "available at {url} since 2019." in text, text


def test_an_address_whose_path_segments_vary_keeps_its_host_shared():
    users = ("ann", "bo", "cy", "di", "ed", "flo")
    text = _slotted([f"Report bugs at https://github.com/{u}/tool{n}/issues please." for n, u in enumerate(users)])
    assert re.search(r"https://github\.com/\{[^{}]+\}(/\{[^{}]+\})*/issues please\.", text), text


def test_an_e_mail_address_is_one_slot():
    text = _slotted([f"Write to help@{name}.example.org for help." for name in ("ash", "birch", "cedar", "elm", "fir")])
    assert "Write to {email} for help." in text, text


def test_text_slots_are_named_by_the_words_around_them():
    teams = ("infra", "web", "data", "mobile", "search", "billing")
    sites = ("Leeds", "Bristol", "Cardiff", "Dundee", "Exeter", "Oxford")
    text = _slotted([f"Maintained by the {team} team in our {site} office." for team, site in zip(teams, sites)])
    assert "Maintained by the {team} team in our {office} office." in text, text
    assert not re.search(r"\{\w+_\d+", text)


def test_the_pivots_own_link_targets_are_not_baked_into_shared_text():
    users = ("ann", "bo", "cy", "di", "ed", "flo")
    lines = [f"[![Build status](https://ci.example/{u}/tool{n}.svg)](https://ci.example/{u}/tool{n}) "
             f"Read the [guide](https://docs.example/{u}/tool{n}) first." for n, u in enumerate(users)]
    text = _slotted(lines)
    assert not any(f"/{u}/" in text for u in users), text
    assert "Build status" in text and "Read the guide first." in text, text
