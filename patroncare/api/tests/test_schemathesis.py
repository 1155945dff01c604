"""Property-based calls of every operation of the schema, as several roles: no 5xx, and every answer as the
schema says (status, content type, headers, body). Runs once in CI, on SQLite (the engine does not matter)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .factories import build_records, token_for

pytestmark = [pytest.mark.schemathesis]

ROLES = ("frontline", "supervisor", "administrator", "other_system_admin")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
RUN = {"operations": 0, "calls": 0}
EXAMPLES = 8


def test_every_operation_conforms_to_the_schema(world):
    from config.wsgi import application

    build_records(world)
    tokens = {key: token_for(world.users[key]) for key in ROLES}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        RUN["operations"] += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def call(case):
            for key in ROLES:
                RUN["calls"] += 1
                case.call_and_validate(headers={"Authorization": f"Bearer {tokens[key]}"}, checks=CHECKS)

        try:
            call()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - report every failing operation
            failures.append(f"{operation.label}: {error}")
    print(f"schemathesis: {RUN['operations']} operations, {RUN['calls']} calls, {len(failures)} failures")
    assert failures == []
