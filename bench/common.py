"""What every benchmark shares: percentiles, the machine, and writing bench/RESULTS.md.

Each benchmark owns one section of RESULTS.md (a level-2 heading) and rewrites only
that section, with its figures, the command that produced them and the machine.
"""

import os
import platform
import re
import statistics
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}; "
        f"the reference loop (5,000,000 additions in Python) {reference_loop():.2f} s"
    )


def reference_loop() -> float:
    """Seconds for a fixed pure-Python loop, the fastest of three. Machines of the same
    name have differed 2.5 times in speed from one session to the next; figures from two
    runs compare only alongside it."""
    timings = []
    for _run in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(5_000_000):
            total += number
        timings.append(time.perf_counter() - started)
    return min(timings)


def git_revision() -> str:
    try:
        return subprocess.run(  # noqa: S603
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def record(section: str, body: str, command: str) -> None:
    """Replace the section `## {section}` of RESULTS.md with the new figures."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    block = (
        f"## {section}\n\n"
        f"Command: `{command}`  \n"
        f"Machine: {machine()}  \n"
        f"Revision: {git_revision()}, run {stamp}\n\n"
        f"{body.strip()}\n"
    )
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n\n"
    pattern = re.compile(rf"^## {re.escape(section)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(block + "\n", text) if pattern.search(text) else text + block + "\n"
    RESULTS.write_text(text)
