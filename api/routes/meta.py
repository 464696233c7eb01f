"""The model and the health check: what the graph holds, and whether Neo4j answers."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError

from api.db import read
from api.errors import ERRORS, neo4j_down_sentence, responses
from api.models import Health, ModelView
from kg import model

router = APIRouter(tags=["meta"])


@router.get("/api/model", response_model=ModelView, summary="The graph model",
            responses=responses())
def graph_model() -> ModelView:
    """Labels (with description, identity rule, colour and shape) and relationship types
    (with their endpoints and properties), as declared in kg/model.py."""
    return ModelView(**asdict(model.summary()))


@router.get("/healthz", response_model=Health, summary="Whether Neo4j answers",
            responses={**responses(),
                       503: {"model": Health, "description": "Neo4j does not answer",
                             "content": {"application/json": {"example": {
                                 "neo4j": "down", "detail": ERRORS[503][1]}}}}})
def healthz(request: Request) -> Health | JSONResponse:
    """200 with `{"neo4j": "up"}` when Neo4j answers a trivial read, else 503 saying so."""
    try:
        read(request, "RETURN 1 AS ok")
    except (DriverError, Neo4jError, OSError):
        body = Health(neo4j="down", detail=neo4j_down_sentence(request))
        return JSONResponse(body.model_dump(), status_code=503)
    return Health(neo4j="up")
