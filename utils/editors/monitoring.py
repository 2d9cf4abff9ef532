"""Sheet health's checks across the monitoring tabs, which need the loop's own rule.

A finding's current status is its latest action's new status, else its row's
(``utils.analysis.monitoring.current_status``, the rule the Monitoring page uses). Two things the
parser cannot see, because that rule lives above it, are warnings here:

- an action naming a finding id the findings tab lacks (``unknown_finding``, at the action's
  finding id cell);
- a finding whose status on its row disagrees with its latest action's new status
  (``status_disagrees``, at the finding's status cell, naming the action's cell too).

:func:`with_loop_checks` adds them to a workbook's problems, so the command line, the page and
every count of problems agree.
"""

from __future__ import annotations

from dataclasses import replace

from utils.analysis import monitoring
from utils.sheet.contract import TABS
from utils.sheet.parse import ROW, Problem, Workbook


def unknown_findings(workbook: Workbook) -> list[Problem]:
    """One warning per action whose finding id is not in the findings tab."""
    findings, actions = workbook["findings"], workbook["actions"]
    known = set(findings["id"].dropna())
    orphans = actions.loc[~actions["finding_id"].isin(known), [ROW, "finding_id"]]
    return [
        Problem(
            "actions",
            int(row),
            "finding_id",
            workbook.cell("actions", int(row), "finding_id"),
            str(value),
            "unknown_finding",
            "an id from the findings tab (this action belongs to no finding)",
            "warning",
        )
        for row, value in orphans.itertuples(index=False)
    ]


def disagreeing_statuses(workbook: Workbook) -> list[Problem]:
    """One warning per finding whose row's status is not its latest action's new status.

    ``value`` is the row's status key; ``expected`` names the status used and the action's
    cell as "…, <key> (actions <A1>), …" (``check.expected_text`` words it per language).
    """
    findings, actions = workbook["findings"], workbook["actions"]
    now = monitoring.current_status(findings, actions)
    ordered = monitoring.ordered_actions(actions)
    stated = ordered[ordered["new_status"].notna() & ordered["finding_id"].isin(set(now["id"]))]
    latest_row = stated.groupby("finding_id")[ROW].last()
    out = []
    for row, finding, sheet_status, status in now.loc[
        now["disagrees"], [ROW, "id", "sheet_status", "status"]
    ].itertuples(index=False):
        action_cell = workbook.cell("actions", int(latest_row[finding]), "new_status")
        out.append(
            Problem(
                "findings",
                int(row),
                "status",
                workbook.cell("findings", int(row), "status"),
                str(sheet_status),
                "status_disagrees",
                f"the latest action's status, {status} (actions {action_cell}), which is the "
                "one used: write it here too",
                "warning",
            )
        )
    return out


def loop_problems(workbook: Workbook) -> tuple[Problem, ...]:
    """Every monitoring-loop warning of ``workbook`` (none without an actions tab)."""
    if workbook["actions"].empty:
        return ()
    return (*unknown_findings(workbook), *disagreeing_statuses(workbook))


def with_loop_checks(workbook: Workbook) -> Workbook:
    """``workbook`` with the loop's warnings among its problems, in the parser's order (tab,
    row, cell); the very same workbook when there are none."""
    extra = loop_problems(workbook)
    if not extra:
        return workbook
    order = {tab.name: i for i, tab in enumerate(TABS)}
    problems = sorted(
        (*workbook.problems, *extra), key=lambda p: (order.get(p.tab, 99), p.row or 0, p.cell)
    )
    return replace(workbook, problems=tuple(problems))
