"""Measure the two candidate rules of issue 21 on the sample: what each costs a reader.

Run on purpose: ``.venv/bin/python -m benchmarks.privacy_options``. For every indicator with
counts, and every period, it compares the national pooled rate as the sheet gives it (all
cells, nothing hidden) with:

- (a) **withhold**: pooled only from cells whose counts are at or above the threshold (the
  rule the app uses, ``utils.analysis.privacy.withheld``);
- (b) **cell key**: every cell's count perturbed by a fixed noise in -2..+2 drawn from a hash
  of the cell's key (the manner of the ABS TableBuilder), then pooled.

It prints, per indicator, the mean and worst absolute change of the national rate in
percentage points (or in the count's unit), and how many of the sheet's cells each rule
hides, against the baseline of the true figure measured in the same run. ``docs/PRIVACY.md``
quotes the output.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from utils.analysis.privacy import withheld
from utils.sheet.parse import parse_workbook
from utils.sources.files import SAMPLE_PATH, XlsxSource

THRESHOLD = 10


def _noise(key: str) -> int:
    """A fixed noise in -2..+2 for one cell key: the same cell always gets the same."""
    digest = hashlib.sha256(key.encode()).digest()
    return digest[0] % 5 - 2


def _rate(num: float, den: float, unit: str) -> float:
    if unit == "count":
        return num
    if den <= 0:
        return float("nan")
    return num / den * (100 if unit == "percent" else 1)


def main() -> None:
    indicators = parse_workbook(XlsxSource(SAMPLE_PATH, sample=True).read())["indicators"]
    counted = indicators[indicators["from_counts"].fillna(False).astype(bool)]
    print(f"{'indicator':<22} {'cells':>6} {'hidden':>6} {'true':>8}  (a) withhold: mean / worst"
          f"   (b) cell key: mean / worst")  # fmt: skip
    for indicator, rows in counted.groupby("indicator"):
        unit = str(rows["unit"].iloc[0])
        held = withheld(rows, ["numerator", "denominator"], THRESHOLD)
        changes_a, changes_b, truths = [], [], []
        for _, period in rows.groupby("period"):
            true = _rate(period["numerator"].sum(), period["denominator"].sum(), unit)
            kept = period[~held.loc[period.index]]
            a = _rate(kept["numerator"].sum(), kept["denominator"].sum(), unit)
            keys = period["period"] + period["region"] + period["community"] + str(indicator)
            noise_n = np.array([_noise("n" + k) for k in keys])
            noise_d = np.array([_noise("d" + k) for k in keys])
            num_b = np.maximum(period["numerator"].to_numpy() + noise_n, 0)
            den_b = np.maximum(period["denominator"].fillna(0).to_numpy() + noise_d, 0)
            b = _rate(num_b.sum(), den_b.sum(), unit)
            if not np.isnan(true):
                truths.append(true)
                changes_a.append(abs(a - true) if not np.isnan(a) else np.nan)
                changes_b.append(abs(b - true))
        ca, cb = pd.Series(changes_a), pd.Series(changes_b)
        print(
            f"{indicator:<22} {len(rows):>6} {int(held.sum()):>6} {np.mean(truths):>8.1f}  "
            f"{ca.mean():>10.2f} / {ca.max():>6.2f}             {cb.mean():>8.2f} / {cb.max():>6.2f}"
            f"   ({'points' if unit != 'count' else 'people'})"
        )
    print(
        "\nbaseline: the true national figure ('true': its mean over periods; change 0). (a) hides exactly the small cells and "
        "changes only totals that contain them; (b) changes every figure a little and still "
        "needs the small cells hidden on screen, since a perturbed 7 is still about 7."
    )


if __name__ == "__main__":
    main()
