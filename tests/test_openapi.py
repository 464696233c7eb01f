"""The OpenAPI document is the contract: Schemathesis against the real app.

Every operation of /openapi.json is called with requests generated from the
document itself (its examples, the boundaries of every bound and enum, and random
valid and invalid values), in-process against the real app on the real test Neo4j
loaded with the sample notices, and every answer goes through all of Schemathesis'
checks: no server error, only documented status codes and content types, bodies
that match their declared models, schema-valid requests accepted and invalid ones
refused, required headers and the API key enforced. Then the stateful phase chains
operations (ids from one answer into the next request).

`POST /api/notices` runs with a test key (so uploads are on and really ingest what
is generated), and `POST /api/cypher` with whatever text is generated: the guard
must refuse anything that is not a plain read, with a documented status.
`schemathesis.toml` (read here as by `schemathesis run`) holds the one thing a
schema cannot say (see there). The seed is fixed and the examples bounded, so a run
is reproducible and takes a minute or two.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated

import pytest
import schemathesis
from conftest import TEST_PASSWORD, samples_ingested, test_server_config
from fastapi import Query
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.config import SchemathesisConfig

from api.app import create_app
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
KEY = "test-openapi-key"
SEED = 20261201
#: Random examples per operation in the fuzzing phase (the examples and coverage
#: phases add theirs): enough to find what the CLI's 50 found, within a minute or two.
MAX_EXAMPLES = 25


def _config() -> SchemathesisConfig:
    data = tomllib.loads((ROOT / "schemathesis.toml").read_text(encoding="utf-8"))
    data.update({"seed": SEED, "generation": {"max-examples": MAX_EXAMPLES, "database": "none"},
                 "auth": {"openapi": {"ApiKey": {"api_key": KEY}}}})
    return SchemathesisConfig.from_dict(data, base_dir=str(ROOT))


def _settings() -> Settings:
    server = test_server_config()
    return Settings(NEO4J_URI=server.uri, NEO4J_USERNAME="neo4j", NEO4J_PASSWORD=TEST_PASSWORD,
                    NEO4J_DATABASE="neo4j", KG_API_KEY=KEY)


APP = create_app(_settings())
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=_config())


@pytest.fixture(scope="module")
def samples(neo4j_settings):
    """The sample notices, ingested once into a clean test database."""
    with samples_ingested(neo4j_settings) as drv:
        yield drv


def test_the_document_declares_the_one_error_model_on_every_operation():
    document = APP.openapi()
    for path, operations in document["paths"].items():
        for method, op in operations.items():
            errors = {code: r for code, r in op["responses"].items() if code >= "400"}
            assert "500" in errors, (method, path)
            for code, r in errors.items():
                media = r["content"]["application/json"]
                ref = media["schema"].get("$ref", "")
                assert ref.endswith(("/ErrorBody", "/Health")), (method, path, code)
                assert media["example"]["detail"], (method, path, code)
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_a_route_that_declares_no_errors_still_documents_the_one_error_model():
    app = create_app(_settings())

    @app.get("/api/probe")
    def probe(n: Annotated[int, Query(ge=1)] = 1) -> dict[str, int]:
        return {"n": n}

    answers = app.openapi()["paths"]["/api/probe"]["get"]["responses"]
    assert answers["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    assert "500" in answers


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_to_the_document(case, samples):
    case.call_and_validate()


def test_chained_operations_keep_to_the_document(samples):
    machine = schema.as_state_machine()
    run_state_machine_as_test(machine, settings=settings(
        max_examples=10, stateful_step_count=6, deadline=None, derandomize=True,
        database=None, suppress_health_check=list(HealthCheck)))
