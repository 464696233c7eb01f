"""Connection and run-time settings, read from the environment or a `.env` file.

The variable names are the ones Neo4j's own tools use (NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD, NEO4J_DATABASE); NEO4J_USER is accepted as well. The defaults point
at the server that `kg neo4j start` manages inside the checkout, so nothing needs
to be set for the built-in flow. A user with their own Neo4j sets NEO4J_URI and
the managed server is never touched.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The checkout (or installed tree) root: where `.neo4j/` and `data/` live.
PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_PASSWORD = "anquan-kg-local"


class Settings(BaseSettings):
    #: The checkout's .env (where `kg neo4j install` keeps the generated password), then
    #: one in the working directory; the environment overrides both.
    model_config = SettingsConfigDict(env_file=(str(PROJECT_ROOT / ".env"), ".env"),
                                      env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str = Field("bolt://127.0.0.1:7687", validation_alias="NEO4J_URI")
    neo4j_username: str = Field(
        "neo4j", validation_alias=AliasChoices("NEO4J_USERNAME", "NEO4J_USER")
    )
    neo4j_password: str = Field(DEFAULT_PASSWORD, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", validation_alias="NEO4J_DATABASE")

    #: Where the managed server lives (ignored when NEO4J_URI points elsewhere).
    neo4j_home: Path = Field(PROJECT_ROOT / ".neo4j", validation_alias="KG_NEO4J_HOME")
    neo4j_bolt_port: int = Field(7687, validation_alias="KG_NEO4J_BOLT_PORT")
    neo4j_http_port: int = Field(7474, validation_alias="KG_NEO4J_HTTP_PORT")

    #: API server.
    api_host: str = Field("127.0.0.1", validation_alias="KG_API_HOST")
    api_port: int = Field(8000, validation_alias="KG_API_PORT")
    #: Key for POST /api/notices; unset means the upload endpoint is off.
    api_key: str | None = Field(None, validation_alias="KG_API_KEY")
    #: Limits for POST /api/cypher.
    cypher_timeout_s: float = Field(10.0, validation_alias="KG_CYPHER_TIMEOUT")
    cypher_row_limit: int = Field(1000, validation_alias="KG_CYPHER_ROW_LIMIT")
    cypher_max_bytes: int = Field(4 * 1024 * 1024, validation_alias="KG_CYPHER_MAX_BYTES")
    cypher_max_chars: int = Field(10_000, validation_alias="KG_CYPHER_MAX_CHARS")
    #: Analysts' queries running at once; more wait briefly, then get 429 (the other
    #: routes keep their worker threads).
    cypher_concurrency: int = Field(4, validation_alias="KG_CYPHER_CONCURRENCY")
    #: Seconds an upload's extraction may take per notice before it is skipped.
    upload_notice_timeout_s: float = Field(30.0, validation_alias="KG_UPLOAD_NOTICE_TIMEOUT")
    #: Extraction processes for uploads (each keeps the pipeline loaded, ~130 MB).
    upload_workers: int = Field(2, validation_alias="KG_UPLOAD_WORKERS")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
