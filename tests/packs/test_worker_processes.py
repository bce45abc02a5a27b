"""Real worker processes on their own database: a worker killed (SIGKILL) in the middle
of a build leaves no partial output, and the build is put back on the queue and
completed by the next worker; `pathfinder serve` runs a worker beside the web app."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EAST

PATHFINDER = str(Path(sys.executable).parent / "pathfinder")
CHILD = str(Path(__file__).with_name("queue_child.py"))
ROOT = str(Path(__file__).resolve().parents[2])


@pytest.fixture
def env(tmp_path):
    db = tmp_path / "pathfinder.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "PATHFINDER_STALE_TASK_SECONDS": "2",
        "PYTHONPATH": ROOT,
    }
    done = subprocess.run([PATHFINDER, "load", str(EAST)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return env


def child(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, CHILD, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_killed_build_is_retried_to_a_complete_pack_with_nothing_partial_kept(env):
    pack = child(env, "ask", "M-PET-11").strip()
    # Given a worker that has got part of the way through the build
    worker = subprocess.Popen(
        [sys.executable, CHILD, "slow-worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        seen = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = worker.stdout.readline()
            assert line, f"the worker ended early: {worker.stderr.read()}"
            if line.startswith("progress"):
                seen.append(line)
                if len(seen) >= 3:
                    break
        # When it is killed outright
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    # Then the pack is left building, with no file, and its task is left running
    left = json.loads(child(env, "state", pack))
    assert left["status"] == "building" and left["files"] == [] and left["sha256"] == ""
    assert 0 < left["percent"] < 100
    killed_task = left["task_id"]
    assert left["tasks"][killed_task]["status"] == "RUNNING"
    # When the next worker starts, once the build has shown no sign of life for a while
    time.sleep(2.5)
    done = subprocess.run(
        [PATHFINDER, "worker", "--batch"], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "1 unfinished task(s) put back on the queue" in done.stdout
    # Then the build was run again to a complete pack, kept once
    after = json.loads(child(env, "state", pack))
    assert after["status"] == "built" and after["percent"] == 100
    assert after["files"] == [{"size": after["size"], "pdf": True}]
    assert after["task_id"] != killed_task
    assert after["tasks"][after["task_id"]]["status"] == "SUCCESSFUL"
    lost = after["tasks"][killed_task]
    assert lost["status"] == "FAILED" and lost["error"].endswith("WorkerLost")


def test_serve_runs_a_worker_beside_the_web_app_on_the_embedded_default(env):
    import socket

    pack = child(env, "ask", "M-PET-11").strip()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [PATHFINDER, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        state = {}
        while time.monotonic() < deadline and server.poll() is None:
            state = json.loads(child(env, "state", pack))
            if state["status"] == "built":
                break
            time.sleep(1)
        assert state.get("status") == "built", state
        assert state["files"] == [{"size": state["size"], "pdf": True}]
    finally:
        server.terminate()
        err = server.communicate(timeout=60)[1]
    assert "a task worker runs in this process" in err
