from __future__ import annotations

from tryggplan.authoring.history import LOG_ARGS, changes_for, collect, parse_log

LOG = ("\x1eaaa\x1f2026-11-22\x1fKungälv: rättelse\n\nplans/k/a/plan.yaml\nplans/k/organisation.yaml\n"
       "\x1ebbb\x1f2026-11-20\x1fFörsta versionen\n\nplans/k/a/plan.yaml\nplans/k/a/indicators.yaml\n")


def test_parse_and_merge():
    history = parse_log(LOG)
    changes = changes_for(history, ["plans/k/a/plan.yaml", "plans/k/a/indicators.yaml"])
    assert [(c.date, c.subject) for c in changes] == [("2026-11-22", "Kungälv: rättelse"),
                                                     ("2026-11-20", "Första versionen")]


def test_runner_gets_one_call_and_empty_output_is_empty_history():
    calls = []

    def runner(args):
        calls.append(args)
        return ""

    assert collect(runner) == {}
    assert calls == [[*LOG_ARGS, "--", "plans"]]
