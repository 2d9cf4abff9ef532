"""Seconds to build the meeting pack on the sample, cold, and where they go.

Run on purpose (pytest does not collect it), from the repository root:

    .venv/bin/python -m benchmarks.bench_pack              # Russian
    .venv/bin/python -m benchmarks.bench_pack --lang ky

A cold build is what the first click after a refresh costs: the views built from the parsed
workbook (the read itself is not counted: the app has it already), a browser started, every chart
exported to SVG by kaleido, and the PDF laid out by fpdf2. Each build runs in a fresh process,
so nothing is warm. The baseline, measured in the same run, is one bare plotly figure exported
the same way (a browser started for it, MathJax off): the floor any static export pays.
The target is a cold build under 20 s on this machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from typing import Final

TARGET_SECONDS: Final = 20.0

_BASELINE = """
import json, time
import plotly.graph_objects as go
from utils.pack import charts
started = time.perf_counter()
charts.export([go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2]))])
print(json.dumps({"seconds": time.perf_counter() - started}))
"""

_PACK = """
import json, sys, time
from data.make_sample import TODAY
from utils.sources.files import SAMPLE_PATH, XlsxSource
from utils.sheet.parse import parse_workbook
from utils import pack
from utils.pack import charts

workbook = parse_workbook(XlsxSource(SAMPLE_PATH, sample=True).read(), today=TODAY)
lang = sys.argv[1]
started = time.perf_counter()
planned = pack.plan(workbook, None, pack.PackFilters(), lang=lang, threshold=10, today=TODAY,
                    as_of=None, source="sample", sample=True)
views = time.perf_counter()
svgs = charts.export(planned.figures)
exported = time.perf_counter()
pdf = pack.assemble(planned, svgs)
done = time.perf_counter()
print(json.dumps({"views": views - started, "export": exported - views,
                  "assembly": done - exported, "total": done - started,
                  "figures": len(planned.figures), "pages": len(planned.pages) + 1,
                  "bytes": len(pdf)}))
"""


def _run(code: str, *args: str) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter and read the JSON line it prints last."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"a benchmark run failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Print the baseline, then the pack's cold builds with their shares."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="ru", choices=("ru", "ky", "en"))
    parser.add_argument("--runs", type=int, default=3, help="cold builds (each a new process)")
    args = parser.parse_args()

    baseline = statistics.median(_run(_BASELINE)["seconds"] for _ in range(args.runs))
    builds = [_run(_PACK, args.lang) for _ in range(args.runs)]
    total = statistics.median(b["total"] for b in builds)
    middle = sorted(builds, key=lambda b: b["total"])[len(builds) // 2]
    print(f"baseline: one bare figure exported (browser start included): {baseline:.2f} s (median)")
    print(
        f"meeting pack ({args.lang}, {middle['pages']:.0f} pages, {middle['figures']:.0f} charts,"
        f" {middle['bytes'] / 1024:.0f} KiB), cold, median of {args.runs}: {total:.2f} s"
        f" = {total / baseline:.1f}× the baseline; target < {TARGET_SECONDS:.0f} s:"
        f" {'met' if total < TARGET_SECONDS else 'MISSED'}"
    )
    for part, label in (
        ("views", "views (the same view-models as the screen)"),
        ("export", "chart export (browser start + kaleido SVG)"),
        ("assembly", "PDF assembly (fpdf2: SVG to paths, fonts)"),
    ):
        print(f"  {label:<45} {middle[part]:6.2f} s  {middle[part] / middle['total']:5.0%}")


if __name__ == "__main__":
    main()
