"""A selon server in a child process on loopback, for the benchmarks and the tests that
talk to it over HTTP: a free port, the start, the wait until it answers, the stop."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

TOKEN = "SELON_API_TOKEN"  # with it in its environment the server writes the store

# ``selon.web.serve`` without the access log (what the benchmarks measure); its arguments
# are the store and the port
SERVER = """
import sys
from pathlib import Path
from selon.settings import load
from selon.web import serve
serve(Path(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), settings=load(),
      log_level="warning", access_log=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(db: Path, port: int, env: Mapping[str, str] | None = None, *,
                 cli: bool = False, quiet: bool = False) -> subprocess.Popen[bytes]:
    """The server of ``db`` on 127.0.0.1:``port`` in a child process whose whole
    environment is ``env`` (the token or not, the selon to run on PYTHONPATH; by default
    this process's without the token, so that the server opens the store read-only):
    ``selon serve`` as deployed with ``cli``, else :data:`SERVER`. ``quiet`` drops its
    output."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if k != TOKEN}
    if cli:
        command = [sys.executable, "-m", "selon", "serve", "--db", str(db), "--port", str(port)]
    else:
        command = [sys.executable, "-c", SERVER, str(db), str(port)]
    output = subprocess.DEVNULL if quiet else None
    return subprocess.Popen(command, env=dict(env), stdout=output, stderr=output)


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    """Return once ``base``/api/stats answers 200; RuntimeError when the server exits
    first or does not answer within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {timeout:g} s")


def stop_server(proc: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """Ask the server to stop; kill it when it has not within ``timeout`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def serving(db: Path, env: Mapping[str, str] | None = None, *, cli: bool = False,
            quiet: bool = False, timeout: float = 60,
            stop_within: float = 15) -> Iterator[str]:
    """The server of ``db`` started on a free port (:func:`start_server`), its base URL
    once it answers (:func:`wait_ready`), stopped on leaving (:func:`stop_server`)."""
    port = free_port()
    proc = start_server(db, port, env, cli=cli, quiet=quiet)
    try:
        wait_ready(f"http://127.0.0.1:{port}", proc, timeout)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(proc, stop_within)
