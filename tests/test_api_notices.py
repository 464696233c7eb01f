"""POST /api/notices: off without a key, refused with a wrong key, and with the key the
uploaded notice goes through the real pipeline into Neo4j (idempotently)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app

KEY = "test-upload-key"
#: A short fictional notice in the genre (invented for this test).
NOTICE = ("青羊区召开安全生产工作会议\n\n"
          "3月5日,青羊区召开安全生产工作会议。区委副书记、区政府区长柏秋实主持会议并讲话。\n"
          "区政府副区长沈知远出席会议。会议强调,要落实党政同责、一岗双责。\n").encode()


@pytest.fixture
def keyed(graph, neo4j_settings):
    settings = neo4j_settings.model_copy(update={"api_key": KEY})
    with TestClient(create_app(settings)) as c:
        yield c


def upload(client: TestClient, key: str | None, name: str = "qingyang_meeting.txt"):
    headers = {"X-API-Key": key} if key else {}
    return client.post("/api/notices", files=[("files", (name, NOTICE, "text/plain"))],
                       headers=headers)


def test_upload_is_off_with_a_sentence_when_no_key_is_configured(graph, neo4j_settings):
    settings = neo4j_settings.model_copy(update={"api_key": None})
    with TestClient(create_app(settings)) as c:
        r = upload(c, "anything")
    assert r.status_code == 404
    assert "KG_API_KEY" in r.json()["detail"]
    assert graph.execute_query("MATCH (d:Document) RETURN count(d) AS n").records[0]["n"] == 0


def test_upload_with_a_wrong_or_missing_key_is_refused_and_writes_nothing(keyed, graph):
    assert upload(keyed, "wrong").status_code == 401
    assert upload(keyed, None).status_code == 401
    assert graph.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] == 0


def test_uploaded_notice_is_ingested_and_its_officials_can_be_looked_up(keyed):
    r = upload(keyed, KEY)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["read"] == 1 and report["added"] == 1 and report["skipped"] == []
    assert report["documents"][0]["name"] == "青羊区召开安全生产工作会议"
    hits = keyed.get("/api/search", params={"q": "柏秋实"}).json()["hits"]
    assert [h["name"] for h in hits] == ["柏秋实"]
    person = keyed.get(f"/api/entities/{hits[0]['id']}").json()
    chaired = {g["type"]: g for g in person["relationships"]}["CHAIRED"]["items"][0]
    assert "柏秋实主持会议" in chaired["evidence"][0]["sentence"]
    again = upload(keyed, KEY).json()
    assert again["unchanged"] == 1 and again["relationships_created"] == 0


def test_upload_reports_an_unreadable_file_as_skipped(keyed):
    r = keyed.post("/api/notices", headers={"X-API-Key": KEY},
                   files=[("files", ("empty.txt", b"", "text/plain"))])
    assert r.status_code == 200
    assert r.json()["read"] == 0 and r.json()["skipped"][0]["file"] == "empty.txt"
