"""The work of `canonlint template infer` and `canonlint init`; canonlint.cli only parses
their options. Each returns an exit code and writes messages through `say` (stderr)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from canonlint.exit_codes import ERROR_PREFIX, EXIT_CLEAN, EXIT_ERROR
from canonlint.infer import InferError, infer
from canonlint.infer.editions import read_editions
from canonlint.readers.kinds import DEFAULT_INCLUDE

CONFIG_NAME = "canonlint.toml"
TEMPLATE_NAME = "template.md"
NOT_EDITIONS = ("README*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*", TEMPLATE_NAME)


def _overwrites_an_edition(paths: list[str], output: Path, config) -> bool:
    """Whether writing output would destroy one of the editions inferred from: a file named
    as an input, or one a folder holds, unless it is the template (template.md, or the
    configuration's), which a second run rewrites."""
    from canonlint.run.discovery import collect_files

    if not output.is_file():
        return False
    target = output.resolve()
    if any(Path(p).is_file() and Path(p).resolve() == target for p in paths):
        return True
    if not output.is_symlink() and (output.name == TEMPLATE_NAME or
                                    (config.template is not None and config.template.resolve() == target)):
        return False  # a template.md that is a link to an edition is that edition
    found = collect_files(paths, config.include, config.exclude)
    return any(entry.path.resolve() == target for entry in found.files)


def infer_command(paths: list[str], output: Path | None, say: Callable[[str], None],
                  write: Callable[[str], None]) -> int:
    from canonlint.config import ConfigError
    from canonlint.run.discovery import config_for

    try:  # the configuration that governs the paths: its include globs and slot types
        config = config_for(paths)
    except ConfigError as exc:
        say(f"{ERROR_PREFIX}{exc}")
        return EXIT_ERROR
    if output is not None and _overwrites_an_edition(paths, output, config):
        say(f"{ERROR_PREFIX}--output {output} is one of the editions inferred from; "
            "writing the template there would destroy it (name another file)")
        return EXIT_ERROR
    editions, errors = read_editions(paths, config.include, config.exclude, skip=(output,) if output else ())
    for error in errors:
        say(f"{ERROR_PREFIX}{error}")
    try:
        inference = infer(editions, config.slot_types)
    except InferError as exc:
        say(f"{ERROR_PREFIX}{exc}")
        return EXIT_ERROR
    for line in inference.report():
        say(line)
    if output is None:
        write(inference.text)
    else:
        try:
            output.write_text(inference.text, "utf-8")
        except OSError as exc:
            say(f"{ERROR_PREFIX}{output}: cannot write the template ({exc.strerror or exc})")
            return EXIT_ERROR
        say(f"wrote {output}")
    return EXIT_ERROR if errors else EXIT_CLEAN


def _edition_folders(folder: Path) -> tuple[list[str], list[str], list[str]]:
    """The editions under folder (README and the like aside), the folders holding them, and
    why each file that could not be read as an edition was left out."""
    editions, errors = read_editions([str(folder)], DEFAULT_INCLUDE, NOT_EDITIONS)
    names = [Path(e.name) for e in editions]
    folders = sorted({os.path.relpath(p.parent, folder).replace(os.sep, "/") for p in names})
    return [str(p) for p in names], folders, errors


def _config_text(template: str, folders: list[str]) -> str:
    quoted = ", ".join(f'"{f}"' for f in folders or ["."])
    includes = ", ".join(f'"{g}"' for g in DEFAULT_INCLUDE)
    excludes = ", ".join(f'"{g}"' for g in NOT_EDITIONS if g != TEMPLATE_NAME)
    return (f"# canonlint configuration, written by `canonlint init`: review it and the template,\n"
            f"# then run `canonlint check`.\n"
            f'template = "{template}"\n'
            f"paths = [{quoted}]\n"
            f"include = [{includes}]\n"
            f"exclude = [{excludes}]  # not editions\n")


def _not_a_plain_file(path: Path) -> str | None:
    """What path is when it is there but not a regular file (a folder, a broken link), else None."""
    if path.is_symlink() and not path.exists():
        return "a symbolic link to nothing (a broken link)"
    if path.is_dir():
        return "a directory"
    if path.exists() and not path.is_file():
        return "not a regular file"
    return None


def _reserve(config: Path, say: Callable[[str], None]) -> bool:
    """Create config empty, exclusively (never through a link, never over a file), before any
    inference, so that a folder it cannot be written in leaves nothing behind."""
    what = _not_a_plain_file(config)
    if what is not None:
        say(f"{ERROR_PREFIX}{config} is {what}; canonlint init writes a new file only (remove it first)")
        return False
    try:
        with open(config, "x", encoding="utf-8"):
            pass
    except FileExistsError:
        say(f"{ERROR_PREFIX}{config} already exists; canonlint init never overwrites it "
            "(edit it, or remove it to start again)")
        return False
    except OSError as exc:
        say(f"{ERROR_PREFIX}{config}: cannot write ({exc.strerror or exc})")
        return False
    return True


def init_command(folder: Path, say: Callable[[str], None]) -> int:
    config = folder / CONFIG_NAME
    template = folder / TEMPLATE_NAME
    what = _not_a_plain_file(template)
    if what is not None:
        say(f"{ERROR_PREFIX}{template} is {what}, not a template (remove it, and init infers one)")
        return EXIT_ERROR
    if not _reserve(config, say):
        return EXIT_ERROR
    paths, folders, left_out = _edition_folders(folder)
    for problem in left_out:
        say(f"canonlint: left out {problem}")
    if template.exists():
        say(f"using the template already there: {template}")
    else:
        code = infer_command(paths, template, say, say)
        if code == EXIT_ERROR and not template.exists():
            config.unlink()
            return code
    try:
        config.write_text(_config_text(TEMPLATE_NAME, folders), "utf-8")
    except OSError as exc:
        say(f"{ERROR_PREFIX}{config}: cannot write ({exc.strerror or exc})")
        return EXIT_ERROR
    say(f"wrote {config}: review {template.name}, then run `canonlint check`")
    return EXIT_CLEAN
