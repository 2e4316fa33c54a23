"""The command line starts cheap: each command loads only what it needs (issue 10).

Each case runs ``vendor-assurance`` in a fresh interpreter, as a user does, and reads back the modules that process
ended with: ``--help`` loads no layer below the command line and no plugin, ``crosswalk`` neither spaCy, the
readers nor the service, and ``extract`` neither the service nor the database.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.generator import iso

_PROBE = """
import json, os, sys
from cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as exc:
    status = exc.code
with open(os.environ["VA_MODULES_OUT"], "w") as out:
    json.dump({"status": status, "modules": sorted(sys.modules)}, out)
"""


def loaded_by(tmp_path: Path, *args: str) -> tuple[object, set[str]]:
    """(exit status, names of the modules loaded) after ``vendor-assurance ARGS`` in a fresh process."""
    record = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "VA_MODULES_OUT": str(record)}, check=False)
    assert record.exists(), done.stderr
    found = json.loads(record.read_text())
    return found["status"], set(found["modules"])


def _within(modules: set[str], packages: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in packages)


def test_help_loads_no_layer_below_the_command_line_and_no_plugin(tmp_path: Path) -> None:
    status, modules = loaded_by(tmp_path, "--help")
    assert status == 0
    assert "cli.extract_cmd" in modules  # the commands are registered (their help is listed) ...
    # ... without loading what they run on: no project layer, no plugin, no heavy library
    assert not _within(modules, {"extractors", "knowledge", "service", "bots", "web"})
    assert not _within(modules, {"spacy", "pypdfium2", "sqlalchemy", "fastapi", "pydantic", "rich", "slack_bolt"})


def test_crosswalk_needs_neither_spacy_nor_the_service(tmp_path: Path) -> None:
    status, modules = loaded_by(tmp_path, "crosswalk", "CC6.1", "--json")
    assert status == 0
    assert "knowledge.crosswalk" in modules
    assert not _within(modules, {"spacy", "service", "sqlalchemy", "bots", "web"})
    assert "extractors.reader" not in modules  # no document is read, so none of the field readers is loaded


@pytest.mark.parametrize("mode", [[], ["--in-process"]], ids=["worker", "in-process"])
def test_extract_needs_neither_the_service_nor_the_database(tmp_path: Path, mode: list[str]) -> None:
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(iso.build("27001_27017_27018", 0)[0])
    status, modules = loaded_by(tmp_path, "extract", "--json", *mode, str(pdf))
    assert status == 0
    assert "extractors.reader" in modules
    assert not _within(modules, {"service", "sqlalchemy", "alembic", "fastapi", "knowledge", "bots", "web"})
    # a certificate states no opinion, CUECs, exceptions or subservice organizations: their readers stay unloaded
    soc_only = {f"extractors.fields.{name}" for name in ("opinion", "categories", "cuecs", "exceptions", "subservice")}
    assert not soc_only & modules
    assert not {m for m in modules if m.startswith("cli.")} - {"cli.extract_cmd"}  # nor the other commands


def test_a_flag_out_of_range_is_a_usage_error_not_a_silent_setting(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Flags override the settings through the validating constructor: `--workers 0` is refused as the
    environment's WEB_WORKERS=0 would be (model_copy(update=...) used to accept it unchecked)."""
    from cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--workers", "0", "--data-dir", str(tmp_path)])
    assert stopped.value.code == 2
    assert "invalid settings" in capsys.readouterr().err
    assert not (tmp_path / "vendor-assurance.db").exists()  # refused before anything was created



def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_each_command_is_built_by_the_module_the_table_names() -> None:
    """``cli.COMMANDS`` lets a named command build only its own parser: it must say what each ``register`` adds,
    and the parser built for one command must be that command's parser in the whole command line."""
    import cli

    modules = sorted(path.stem for path in Path(cli.__file__).parent.glob("*_cmd.py"))
    assert sorted(cli.COMMANDS) == modules  # every command module is in the table
    for module, names in cli.COMMANDS.items():
        sub = argparse.ArgumentParser().add_subparsers()
        cli.command_module(module).register(sub)
        assert tuple(sub.choices) == names, module
    full = _subcommands(cli.build_parser())
    assert sorted(full) == sorted(name for names in cli.COMMANDS.values() for name in names)
    for name, parser in full.items():
        alone = _subcommands(cli.build_parser(name))
        assert list(alone) == list(next(n for n in cli.COMMANDS.values() if name in n))
        assert alone[name].format_help() == parser.format_help()


def test_an_unknown_command_is_refused_with_the_list_of_commands(capsys: pytest.CaptureFixture[str]) -> None:
    from cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["extrakt", "x.pdf"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'extrakt'" in err and "'extract'" in err and "'crosswalk'" in err
