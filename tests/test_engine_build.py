"""packaging/pjsua2/build takes only the source it knows, by its SHA-256."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "packaging" / "pjsua2" / "build"


def test_a_source_with_another_checksum_is_refused(tmp_path):
    """A tarball that looks like pjproject but is not the pinned file."""
    tree = tmp_path / "pjproject-2.17"
    tree.mkdir()
    (tree / "version.mak").write_text("export PJ_VERSION_MAJOR := 2\nexport PJ_VERSION_MINOR := 17\n")
    source = tmp_path / "pjproject-2.17.tar.gz"
    with tarfile.open(source, "w:gz") as archive:
        archive.add(tree, arcname=tree.name)
    run = subprocess.run(
        [sys.executable, str(BUILD), "--source", str(source)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 1
    assert "is not the pjproject 2.17 source this build knows" in run.stderr
    assert "refused" in run.stderr


def test_a_missing_source_file_is_said_plainly(tmp_path):
    run = subprocess.run(
        [sys.executable, str(BUILD), "--source", str(tmp_path / "nowhere.tar.xz")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 1
    assert "nowhere.tar.xz cannot be read" in run.stderr


def test_the_windows_workflow_reads_the_same_options_and_says_it_has_not_run():
    """The Windows build cannot run here: its workflow is at least well-formed,
    takes the source and options from engine.toml, builds the frozen app and
    the installer from the same files as on Linux, and says it has not run."""
    import tomllib

    import yaml

    workflow_file = ROOT / "packaging" / "windows" / "workflow.yml"
    text = workflow_file.read_text(encoding="utf-8")
    assert "THIS WORKFLOW HAS NOT BEEN RUN" in text
    workflow = yaml.safe_load(text)
    steps = workflow["jobs"]["engine"]["steps"]
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert 'options["cmake"]["options"]' in scripts and 'options["defines"]' in scripts
    assert 'source["sha256"]' in scripts  # the same checksum as on Linux
    engine = tomllib.loads((ROOT / "packaging" / "pjsua2" / "engine.toml").read_text(encoding="utf-8"))
    assert "-DPJSIP_WITH_TLS=ON" in engine["cmake"]["options"]
    assert engine["defines"]["PJSUA_DISABLE_AUTO_SEND_100"] == 1
    assert engine["defines"]["PJSUA_INITIAL_ANSWER_CODE"] == 180
    assert "engine_build.ring_at_once(" in scripts  # pjsua's source changed as on Linux, or no call would ring
    assert (ROOT / "packaging" / "windows" / "pjsua2_wheel.py").exists()
    app = "\n".join(step.get("run", "") for step in workflow["jobs"]["app"]["steps"])
    assert "packaging/frozen/kccdesk.spec" in app and "kccdesk.nsi" in app  # the frozen app and its installer
    assert '"/S"' in app and "uninstall.exe" in app  # a silent install and uninstall, tried on the runner
