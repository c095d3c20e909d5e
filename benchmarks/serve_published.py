"""Benchmark the published pages and the API under gunicorn against static files.

Runs the site under gunicorn on a copy of the demo database, and with wrk (50
connections, 2 threads, 10 s, ``--latency``) measures requests per second, p50 and p99
for the results page of the latest published round, an agency page and
``/api/v1/values``, each next to the very same response bytes served as a static file
(WhiteNoise) by the same gunicorn in the same run. Prints a table with the ratios and
whether the targets hold: dynamic throughput at least half the static one, p99 under
50 ms. ``make bench`` runs it after ``make demo``; docs/performance.md has the figures.

    python benchmarks/serve_published.py [--duration 10s] [--workers 2] [--threads 4]

Exit status: 2 on an error; with ``--strict`` also 1 when a target is missed (on a shared
or busy machine the figures are noisy, so by default a miss is reported, not failed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MIN_RATIO = 0.5
MAX_P99_MS = 50.0

# Prints, as JSON, the latest published round and an agency with a published answer in it.
DISCOVER = """
import json
import django
django.setup()
from keyfigures import selectors
rounds = selectors.published_rounds()
latest = rounds[-1]
rows = selectors.round_result_rows(round_=latest)
print(json.dumps({"round": latest.slug, "org_nr": rows[len(rows) // 2].agency.org_nr}))
"""


def say(line: str) -> None:
    """One line of the report on standard output, at once (wrk runs for a while)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class BenchError(Exception):
    """A step of the benchmark could not be done; the message says which."""


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    file_name: str


@dataclass(frozen=True)
class Measurement:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


@dataclass(frozen=True)
class Row:
    target: Target
    size: int
    dynamic: Measurement
    static: Measurement

    @property
    def ratio(self) -> float:
        return self.dynamic.rps / self.static.rps if self.static.rps else 0.0

    @property
    def holds(self) -> bool:
        return (
            self.ratio >= MIN_RATIO
            and self.dynamic.p99_ms < MAX_P99_MS
            and self.dynamic.errors == 0
            and self.static.errors == 0
        )


class Server:
    """gunicorn in its own process group, stopped whatever happens."""

    def __init__(
        self, port: int, env: dict[str, str], workers: int, threads: int, log: Path
    ) -> None:
        self.port = port
        self.log = log
        self.env = env
        self.workers = workers
        self.threads = threads
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        return [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(self.threads),
            "--keep-alive",
            "30",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
            # No control socket in the home folder: nothing shared with another gunicorn.
            "--no-control-socket",
        ]

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
                self.command(),
                cwd=ROOT,
                env=self.env,
                start_new_session=True,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(
                    f"gunicorn stopped at start (exit {self.process.returncode}); its log ends:\n"
                    + self.log_tail()
                )
            try:
                fetch(self.base + "/")
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise BenchError("gunicorn did not answer within 60 s")

    def log_tail(self, lines: int = 15) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def fetch(url: str) -> tuple[int, bytes, dict[str, str]]:
    """GET without cookies; an HTTP error status is returned, not raised."""
    request = urllib.request.Request(url, headers={"User-Agent": "uppfoljning-bench"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers.items())
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers.items())


def warm_up(url: str, workers: int) -> None:
    """Ask one request at a time until the cache answers several times in a row, so every
    worker has rendered and kept the page before wrk's 50 connections arrive (a first
    render with charts takes seconds)."""
    in_a_row = 0
    for _ in range(20 * workers):
        _status, _body, headers = fetch(url)
        in_a_row = in_a_row + 1 if headers.get("X-Public-Cache") == "hit" else 0
        if in_a_row >= 3 * workers:
            return
    raise BenchError(f"{url} is not served from the cache (no X-Public-Cache: hit)")


def median_of(measurements: list[Measurement]) -> Measurement:
    """The run with the median throughput (its own latencies with it)."""
    ordered = sorted(measurements, key=lambda m: m.rps)
    return ordered[len(ordered) // 2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy (SQLite's backup API also takes what is still in the WAL)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - manage.py with fixed arguments
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def build_database(env: dict[str, str]) -> None:
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo")
    manage(env, "refresh_results", "-v", "0")


def discover(env: dict[str, str]) -> dict[str, str]:
    output = subprocess.run(  # noqa: S603 - our own Python, fixed code
        [str(BIN / "python"), "-c", DISCOVER],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found: dict[str, str] = json.loads(output.strip().splitlines()[-1])
    return found


_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _milliseconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if match is None:
        raise BenchError(f"wrk printed a latency it cannot read: {text!r}")
    return float(match.group(1)) * _UNIT_MS[match.group(2)]


def parse_wrk(output: str) -> Measurement:
    """Requests/sec, the 50 % and 99 % latencies and the errors from wrk's report."""
    rps = re.search(r"Requests/sec:\s*([\d.]+)", output)
    p50 = re.search(r"^\s*50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s*99%\s+(\S+)", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in", output)
    if not (rps and p50 and p99 and total):
        raise BenchError(f"wrk's report could not be read:\n{output}")
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Measurement(
        rps=float(rps.group(1)),
        p50_ms=_milliseconds(p50.group(1)),
        p99_ms=_milliseconds(p99.group(1)),
        requests=int(total.group(1)),
        errors=errors,
    )


def run_wrk(wrk: str, url: str, args: argparse.Namespace, duration: str | None = None) -> str:
    command = [
        wrk,
        "-c",
        str(args.connections),
        "-t",
        str(args.wrk_threads),
        "-d",
        duration or args.duration,
        "--latency",
        url,
    ]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def machine() -> list[str]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    gunicorn = subprocess.run(  # noqa: S603
        [str(BIN / "gunicorn"), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    wrk_version = subprocess.run(  # noqa: S603
        [shutil.which("wrk") or "wrk", "--version"], capture_output=True, text=True, check=False
    ).stdout.splitlines()
    return [
        f"cores: {os.cpu_count()} ({model or platform.processor() or 'unknown CPU'})",
        f"python: {platform.python_version()}, {gunicorn}",
        wrk_version[0] if wrk_version else "wrk",
    ]


def print_table(rows: list[Row], skipped: list[str]) -> None:
    header = (
        f"{'page':<14} {'bytes':>8} {'kind':<8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'errors':>6}"
    )
    say(header)
    say("-" * len(header))
    for row in rows:
        for kind, m in (("dynamic", row.dynamic), ("static", row.static)):
            say(
                f"{row.target.name:<14} {row.size:>8} {kind:<8} {m.rps:>9.0f} {m.p50_ms:>8.2f}"
                f" {m.p99_ms:>8.2f} {m.errors:>6}"
            )
    say("")
    say(f"{'page':<14} {'dynamic/static req/s':>21} {'p99 ms':>8}  target (>= 0.5, < 50 ms)")
    for row in rows:
        verdict = "holds" if row.holds else "MISSED"
        say(f"{row.target.name:<14} {row.ratio:>21.2f} {row.dynamic.p99_ms:>8.2f}  {verdict}")
    for line in skipped:
        say(f"skipped: {line}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", default="10s", help="wrk -d per measurement (10s)")
    parser.add_argument("--connections", type=int, default=50, help="wrk -c (50)")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk -t (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (2)")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (2)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="measure each URL this often, report the median"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(os.environ.get("SQLITE_PATH", ROOT / "var" / "uppfoljning.sqlite3")),
        help="SQLite database to copy (default: the one make demo builds); built when missing",
    )
    return parser.parse_args()


def prepare(args: argparse.Namespace, workdir: Path) -> tuple[dict[str, str], list[Target]]:
    """The database copy, the server's environment and the three URLs to measure."""
    database = workdir / "uppfoljning.sqlite3"
    env = {
        **os.environ,
        "SQLITE_PATH": str(database),
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        # wrk's load comes from one address: the API's per-client limit would answer 429
        # to every request the response cache does not serve.
        "API_RATE_LIMIT": "1000000/m",
    }
    env.pop("DATABASE_URL", None)
    if args.database.exists():
        copy_database(args.database, database)
        # The copy may predate a migration of the code being measured.
        manage(env, "migrate", "--noinput", "-v", "0")
    else:
        say(f"{args.database} is missing: building the demo database in {workdir}")
        build_database(env)
    found = discover(env)
    targets = [
        Target("results", f"/omgangar/{found['round']}/", "results.html"),
        Target("agency", f"/myndigheter/{found['org_nr']}/", "agency.html"),
        Target("api values", "/api/v1/values", "values.json"),
    ]
    return env, targets


def capture(
    server: Server, targets: list[Target], copies: Path
) -> tuple[dict[str, bytes], list[str]]:
    """Each dynamic response once, as the server gives it; its bytes become a static file."""
    skipped: list[str] = []
    bodies: dict[str, bytes] = {}
    try:
        server.start()
        for target in targets:
            status, body, _headers = fetch(server.base + target.path)
            if status != 200:
                skipped.append(f"{target.name} {target.path}: HTTP {status}")
                continue
            bodies[target.name] = body
            (copies / target.file_name).write_bytes(body)
    finally:
        server.stop()
    return bodies, skipped


def compare(wrk: str, server: Server, target: Target, body: bytes, args: argparse.Namespace) -> Row:
    """The page and its static copy, checked to be the same bytes, warmed, then measured."""
    dynamic_url = server.base + target.path
    static_url = f"{server.base}/static/bench/{target.file_name}"
    _status, dynamic_body, _h = fetch(dynamic_url)
    static_status, static_body, _h = fetch(static_url)
    if static_status != 200 or static_body != body:
        raise BenchError(f"{static_url} does not give the bytes of {target.path}")
    if dynamic_body != body:
        raise BenchError(f"{target.path} changed between the two server starts")
    warm_up(dynamic_url, args.workers)
    run_wrk(wrk, dynamic_url, args, duration="2s")
    run_wrk(wrk, static_url, args, duration="2s")
    runs = [
        (parse_wrk(run_wrk(wrk, dynamic_url, args)), parse_wrk(run_wrk(wrk, static_url, args)))
        for _ in range(args.repeat)
    ]
    dynamic = median_of([d for d, _s in runs])
    static = median_of([s for _d, s in runs])
    return Row(target, len(body), dynamic, static)


def measure(args: argparse.Namespace, workdir: Path) -> tuple[list[Row], list[str]]:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchError("wrk is missing: apt-get install wrk (make bench does it)")
    copies = workdir / "static" / "bench"
    copies.mkdir(parents=True)
    env, targets = prepare(args, workdir)
    port = free_port()
    log = workdir / "gunicorn.log"
    bodies, skipped = capture(Server(port, env, args.workers, args.threads, log), targets, copies)
    measured = [t for t in targets if t.name in bodies]
    if not measured:
        raise BenchError(
            "no page answered 200; gunicorn's log ends:\n" + Server(0, env, 0, 0, log).log_tail()
        )
    # The same server again: WhiteNoise finds the copies when it starts.
    server = Server(port, env, args.workers, args.threads, log)
    try:
        server.start()
        rows = [compare(wrk, server, t, bodies[t.name], args) for t in measured]
    finally:
        server.stop()
    return rows, skipped


def main() -> int:
    args = arguments()
    for line in machine():
        say(line)
    say(
        f"gunicorn: {args.workers} workers x {args.threads} threads (gthread), keep-alive 30 s;"
        f" wrk -c {args.connections} -t {args.wrk_threads} -d {args.duration} --latency"
        f" (median of {args.repeat})"
    )
    say(f"load average before: {load_average()} (other work on the machine skews the figures)")
    say("")

    def interrupted(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        with tempfile.TemporaryDirectory(prefix="uppfoljning-bench-") as workdir:
            rows, skipped = measure(args, Path(workdir))
    except BenchError as error:
        sys.stderr.write(f"benchmark failed: {error}\n")
        return 2
    except subprocess.CalledProcessError as error:
        sys.stderr.write(f"benchmark failed: {error}\n{error.stderr or ''}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("benchmark interrupted; the server was stopped\n")
        return 2
    print_table(rows, skipped)
    say(f"load average after: {load_average()}")
    missed = not all(row.holds for row in rows)
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
