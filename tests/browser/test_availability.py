"""Without a browser the tests skip locally, but fail in CI (never a silent skip there)."""

from __future__ import annotations

import pytest
from conftest import unavailable


@pytest.mark.parametrize(("env", "value"), [("TRYGGPLAN_REQUIRE_BROWSER", "1"), ("CI", "true")])
def test_missing_browser_fails_when_required(monkeypatch, env, value):
    monkeypatch.delenv("TRYGGPLAN_REQUIRE_BROWSER", raising=False)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv(env, value)
    with pytest.raises(pytest.fail.Exception, match="chromium saknas"):
        unavailable("chromium saknas")


def test_missing_browser_skips_with_reason_otherwise(monkeypatch):
    monkeypatch.delenv("TRYGGPLAN_REQUIRE_BROWSER", raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium saknas"):
        unavailable("chromium saknas")
