"""`faro ui` as a child process on a free loopback port, for the browser tests and the load bench."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

FARO = Path(sys.executable).parent / "faro"


@contextmanager
def faro_ui(env: dict, log_path: Path, timeout: float = 120.0):
    """Start `faro ui` with `env`, wait until it answers its health check, yield its URL; stop it
    (SIGTERM, then SIGKILL of its process group) on the way out. Its output goes to `log_path`."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [str(FARO), "ui", "--port", str(port), "--address", "127.0.0.1"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    urllib.request.urlopen(url + "/_stcore/health", timeout=2).read()
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("faro ui did not start:\n" + log_path.read_text()[-3000:]) from None
                    time.sleep(0.5)
            yield url
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
