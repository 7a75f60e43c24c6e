"""Which settings a command obeys, and what it says when the settings or its surroundings are
wrong: a settings file found upwards is obeyed only when it is trusted (it belongs to the user,
or to root, and no one else may change it); every other failure is one line and exit 2. Each
case runs the installed `imfhist` script, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED

SCRIPT = Path(sys.executable).parent / "imfhist"


def imfhist(cwd: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    kept = {k: v for k, v in os.environ.items()
            if not k.startswith(("IMFHIST_", "LC_", "LANG", "_TYPER", "COMP_", "_IMFHIST"))}
    env = kept | {"LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "200",
                  "XDG_CACHE_HOME": str(cwd / ".cache")} | extra
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd, env=env)


def one_line_exit_2(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A shared folder holding a settings file, with a project below it that has its own
    data/timeline.yaml."""
    shared = tmp_path / "shared"
    (shared / "project" / "data").mkdir(parents=True)
    (shared / "project" / "data" / "timeline.yaml").write_bytes(SHIPPED.read_bytes())
    (shared / "project" / "data" / "sources").mkdir()
    for source in (SHIPPED.parent / "sources").iterdir():
        (shared / "project" / "data" / "sources" / source.name).write_bytes(source.read_bytes())
    (shared / "theirs.yaml").write_bytes(SHIPPED.read_bytes())
    (shared / "imfhist.toml").write_text('timeline = "theirs.yaml"\n', encoding="utf-8")
    return shared


def test_a_trusted_setting_is_obeyed(project: Path) -> None:
    result = imfhist(project / "project", "where")
    assert result.returncode == 0
    assert result.stdout.strip() == str(project / "theirs.yaml")
    assert "warning" not in result.stderr


@pytest.mark.parametrize("mode", [0o666, 0o646, 0o602])
def test_a_setting_others_may_change_is_ignored(project: Path, mode: int) -> None:
    setting = project / "imfhist.toml"
    setting.chmod(mode)
    result = imfhist(project / "project", "where")
    assert result.returncode == 0
    assert result.stdout.strip() == os.path.join("data", "timeline.yaml")
    warning, chosen = result.stderr.strip().splitlines()
    assert warning.startswith(f"warning: {setting} is ignored: ")
    assert "writable by others" in warning
    assert "data/timeline.yaml" in chosen
    # Writing goes to the project's own file, never to the one others may change.
    before = (project / "theirs.yaml").read_bytes()
    added = imfhist(project / "project", "add", "--title", "Un acteur atypique", "--quote",
                    "L’IMF, acteur atypique de la coopération internationale", "--yes")
    assert added.returncode == 0, added.stderr
    assert f"{setting} is ignored" in added.stderr
    assert "to data/timeline.yaml" in added.stderr
    assert (project / "theirs.yaml").read_bytes() == before


def _foreign_group() -> int:
    """A group id that no user has: not the user's own group."""
    import grp

    taken = {g.gr_gid for g in grp.getgrall()}
    return next(gid for gid in range(54321, 60000) if gid not in taken)


def test_a_setting_its_group_may_change_is_ignored(project: Path) -> None:
    setting = project / "imfhist.toml"
    setting.chmod(0o664)
    try:
        os.chown(setting, -1, _foreign_group())
    except PermissionError:
        pytest.skip("cannot give the file to another group without being root")
    result = imfhist(project / "project", "where")
    assert "writable by its group" in result.stderr
    assert result.stdout.strip() == os.path.join("data", "timeline.yaml")


def test_a_group_writable_setting_of_the_users_own_group_is_obeyed(project: Path) -> None:
    """Debian and Ubuntu give each user a group of their own, and a umask that makes files
    group-writable: such a file is the user's alone."""
    import grp
    import pwd

    status = (project / "imfhist.toml").stat()
    owner = pwd.getpwuid(status.st_uid).pw_name
    group = grp.getgrgid(status.st_gid)
    alone = set(group.gr_mem) <= {owner} and all(
        p.pw_uid == status.st_uid for p in pwd.getpwall() if p.pw_gid == status.st_gid)
    if not alone:
        pytest.skip("the file's group has other members here")
    (project / "imfhist.toml").chmod(0o664)
    result = imfhist(project / "project", "where")
    assert result.stdout.strip() == str(project / "theirs.yaml"), result.stderr


def test_a_setting_of_another_user_is_ignored(project: Path) -> None:
    for setting in (project / "imfhist.toml", project / "pyproject.toml"):
        if setting.name == "pyproject.toml":
            (project / "imfhist.toml").unlink()
            setting.write_text('[tool.imfhist]\ntimeline = "theirs.yaml"\n', encoding="utf-8")
        try:
            os.chown(setting, 4321, 4321)
        except PermissionError:
            pytest.skip("cannot give a file to another user without being root")
        if os.geteuid() == 4321:
            pytest.skip("the test runs as the user it would give the file to")
        result = imfhist(project / "project", "where")
        assert result.returncode == 0
        assert result.stdout.strip() == os.path.join("data", "timeline.yaml")
        assert f"{setting} is ignored: it belongs to another user (uid 4321)" in result.stderr
        # Completion reads the project's file too.
        completed = imfhist(project / "project", _IMFHIST_COMPLETE="complete_bash",
                            COMP_WORDS="imfhist show al", COMP_CWORD="2")
        assert completed.stdout.splitlines() == ["altermed"]
        assert completed.stderr == ""


def test_an_untrusted_broken_setting_stops_nothing(project: Path) -> None:
    (project / "imfhist.toml").write_text("timeline = [\n", encoding="utf-8")
    (project / "imfhist.toml").chmod(0o666)
    result = imfhist(project / "project", "list", "--format", "csv")
    assert result.returncode == 0
    assert "is ignored" in result.stderr


def test_a_pyproject_without_imfhist_settings_is_not_mentioned(project: Path) -> None:
    (project / "imfhist.toml").unlink()
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project / "pyproject.toml").chmod(0o666)
    result = imfhist(project / "project", "where")
    assert result.returncode == 0 and "warning" not in result.stderr


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("imfhist.toml", 'timeline = "\\u0000x"\n', "NUL"),
    ("imfhist.toml", 'timeline = "~nosuchuser-imfhist/x"\n', "no user nosuchuser-imfhist"),
    ("imfhist.toml", "timeline = 3\n", "timeline should be a path"),
    ("imfhist.toml", "timeline = [\n", "imfhist.toml"),
    ("imfhist.toml", 'x = 1\ntimeline = "a" b\n', "imfhist.toml:2:16: Expected newline"),
    ("imfhist.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deep"),
    ("imfhist.toml", "timeline = '\xe9'\n", "imfhist.toml"),
    ("pyproject.toml", "[tool]\nimfhist = 3\n", "tool.imfhist should be a table"),
])
@pytest.mark.parametrize("command", ["where", "list", "add", "validate"])
def test_bad_settings_are_one_line(tmp_path: Path, name: str, text: str, expected: str,
                                   command: str) -> None:
    setting = tmp_path / name
    setting.write_text(text, encoding="latin-1" if "\xe9" in text else "utf-8")
    (tmp_path / "below").mkdir()
    stderr = one_line_exit_2(imfhist(tmp_path / "below", command))
    assert str(setting) in stderr and expected in stderr


@pytest.mark.parametrize("text", ['tool = "x"\n', "tool = 3\n", "[tool]\nother = 1\n"])
def test_a_pyproject_of_another_tool_is_not_ours_to_judge(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    result = imfhist(tmp_path, "where")
    assert result.returncode == 0, result.stderr
    assert "shipped with imfhist" in result.stderr


def _in_a_deleted_folder(tmp_path: Path, *args: str, **extra: str,
                         ) -> subprocess.CompletedProcess[str]:
    gone = tmp_path / "gone"
    gone.mkdir()
    kept = {k: v for k, v in os.environ.items()
            if not k.startswith(("IMFHIST_", "LC_", "LANG", "_TYPER", "COMP_", "_IMFHIST"))}
    env = kept | {"LANG": "C.UTF-8", "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path / "c")}
    # The shell enters the folder, removes it, then runs imfhist there.
    return subprocess.run(["sh", "-c", 'cd "$1" && rmdir "$1" && shift && exec "$@"', "sh",
                           str(gone), str(SCRIPT), *args], capture_output=True, text=True,
                          timeout=120, env=env | extra)


@pytest.mark.parametrize("command", [["where"], ["list"], ["validate"], ["init"],
                                     ["add", "--title", "x", "--yes"], ["show", "altermed"]])
def test_a_deleted_current_folder_is_one_line(tmp_path: Path, command: list[str]) -> None:
    stderr = one_line_exit_2(_in_a_deleted_folder(tmp_path, *command))
    assert "the current folder cannot be read" in stderr


def test_a_deleted_current_folder_with_a_file_named(tmp_path: Path) -> None:
    result = _in_a_deleted_folder(tmp_path, "--file", str(SHIPPED), "list", "--format", "csv")
    assert result.returncode == 0, result.stderr
    completed = _in_a_deleted_folder(tmp_path, _IMFHIST_COMPLETE="complete_bash",
                                     COMP_WORDS="imfhist show al", COMP_CWORD="2")
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")


@pytest.mark.parametrize("name", ["n" * 5000, "data/" + "n" * 300 + "/timeline.yaml"])
def test_init_with_a_name_too_long(tmp_path: Path, name: str) -> None:
    stderr = one_line_exit_2(imfhist(tmp_path, "init", name))
    assert "file name too long" in stderr
    assert len(stderr) < 400


@pytest.mark.parametrize(("words", "cword"), [
    ("imfhist sh", "x"), ("imfhist sh", "-5"), ("imfhist sh", "99999999999999999999999"),
    ("imfhist sh", "3"), ("imfhist sh", " "), ("imfhist 'sh", "1"), ("", "1"), ("", "0"),
    ("imfhist show \"al", "2")])
def test_malformed_bash_requests_get_no_answer(tmp_path: Path, words: str, cword: str) -> None:
    result = imfhist(tmp_path, _IMFHIST_COMPLETE="complete_bash", COMP_WORDS=words,
                     COMP_CWORD=cword)
    assert result.returncode == 0
    assert result.stderr == ""
    assert "Traceback" not in result.stdout
