"""Schemathesis against the service's own OpenAPI schema, in process (ASGI), bounded.

Every operation gets at most 30 generated requests (valid and invalid ones); the only
check is the one that matters here: no answer is a server error.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error


@pytest.fixture(scope="module")
def api_schema() -> schemathesis.BaseSchema:
    from api.web.app import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app())


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=30, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
