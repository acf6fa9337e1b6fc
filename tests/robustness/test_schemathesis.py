"""Schemathesis against the service's own OpenAPI schema, in process (ASGI), bounded.

Every operation gets at most 30 generated requests of valid data and 30 of invalid data;
the only check is the one that matters here: no answer is a server error.

The schema is loaded inside the test (not at import, as `schema.parametrize()` needs), so a
broken rule set fails this test instead of stopping the collection of the whole suite.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from robust_helpers import RULES_DIR
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from api.app import create_app
from tonkoll.config import Settings

MAX_EXAMPLES = 30


@pytest.fixture(scope="module")
def api_schema() -> schemathesis.BaseSchema:
    # Many requests from one client: the rate limit is not what this fuzzes.
    app = create_app(Settings(rules_dirs=[RULES_DIR], api_tokens=[], rate_limit_per_minute=0))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def fuzz(operation: schemathesis.APIOperation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=[not_a_server_error])

    run()


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                         ids=["valid", "invalid"])
def test_no_server_errors(api_schema: schemathesis.BaseSchema, mode: GenerationMode) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    labels = {op.label for op in operations}
    assert {"POST /v1/check", "GET /v1/rules", "GET /v1/health"} <= labels, labels
    failures: list[str] = []
    for operation in operations:
        try:
            fuzz(operation, mode)
        except Unsatisfiable:
            # No invalid request exists for an operation without parameters or body.
            assert mode == GenerationMode.NEGATIVE, operation.label
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)
