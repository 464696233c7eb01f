"""`kg extract --output DIR` (Parquet parts + manifest, resumable) and `kg load DIR`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import wipe

from ingest.extract import extract_paths
from kg import records_io, schema
from kg.bulk import graph_digest
from kg.load import ingest_paths

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


class Interrupted(Exception):
    """Stands for a kill in the middle of a run."""


@pytest.fixture(scope="module")
def local_records():
    records, skipped = extract_paths([SAMPLES])
    assert len(records) >= 15 and not skipped
    return records


def test_records_come_back_from_parquet_exactly(tmp_path: Path, local_records):
    report = records_io.extract_to_folder([SAMPLES], tmp_path / "out", part_rows=5)
    assert report.written == len(local_records) and report.unchanged == 0
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert [p["rows"] for p in manifest["parts"]] == [5, 5, 5, len(local_records) - 15]
    assert manifest["records"] == len(local_records)
    back = list(records_io.iter_records(tmp_path / "out"))
    assert back == local_records  # every field: persons, titles, offsets, evidence, dates


def test_an_interrupted_extract_resumes_without_doubles(tmp_path: Path, local_records):
    out = tmp_path / "out"

    def die_after_seven(n: int) -> None:
        if n == 7:
            raise Interrupted

    with pytest.raises(Interrupted):
        records_io.extract_to_folder([SAMPLES], out, part_rows=5, on_record=die_after_seven)
    assert [p["rows"] for p in records_io.read_manifest(out).parts] == [5]  # one whole part
    (out / ".part-00001.parquet.tmp").write_bytes(b"PAR1 half a part")  # as a kill leaves it
    again = records_io.extract_to_folder([SAMPLES], out, part_rows=5)
    assert again.unchanged == 5 and again.written == len(local_records) - 5
    assert not list(out.glob(".part-*.tmp"))
    back = list(records_io.iter_records(out))
    assert len({r.source for r in back}) == len(back) == len(local_records)
    assert back == local_records  # and in the order of an uninterrupted run
    third = records_io.extract_to_folder([SAMPLES], out, part_rows=5)
    assert third.written == 0 and third.unchanged == len(local_records)


def test_a_changed_file_is_extracted_again_and_others_are_not(tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLES, corpus)
    out = tmp_path / "out"
    first = records_io.extract_to_folder([corpus], out)
    edited = sorted(corpus.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n附件:无。\n", encoding="utf-8")
    second = records_io.extract_to_folder([corpus], out)
    assert (second.written, second.unchanged) == (1, first.written - 1)
    rows = list(records_io.iter_rows(out, columns=["source", "file_sha1"]))
    assert sum(r["source"] == f"corpus/{edited.name}" for r in rows) == 2  # both versions kept


def test_extract_output_then_load_gives_the_graph_of_ingest(graph, neo4j_settings,
                                                            tmp_path: Path, local_records):
    db = neo4j_settings.neo4j_database
    one_step = ingest_paths([SAMPLES], driver=graph, database=db)
    ingested = graph_digest(graph, db)
    wipe(graph, db)
    schema.apply(graph, db)
    records_io.extract_to_folder([SAMPLES], tmp_path / "out", part_rows=4)
    report = records_io.load_folder(tmp_path / "out", graph, db, batch_size=3)
    assert report.added == one_step.added == len(local_records)
    assert graph_digest(graph, db) == ingested
    assert ingested[0] > 300 and ingested[1] > 700
    again = records_io.load_folder(tmp_path / "out", graph, db)
    assert again.unchanged == report.added and again.relationships_created == 0


def test_kg_extract_output_and_kg_load_from_the_command_line(tmp_path: Path, neo4j_settings):
    kg = Path(sys.executable).with_name("kg")
    out = tmp_path / "out"
    done = subprocess.run([str(kg), "extract", str(SAMPLES), "--output", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "notices written" in done.stderr and (out / "manifest.json").exists()
    missing = subprocess.run([str(kg), "load", str(tmp_path / "nothing")], capture_output=True,
                             text=True, timeout=120)
    assert missing.returncode == 2 and "No records folder" in missing.stderr
    assert "Traceback" not in missing.stderr
    both = subprocess.run([str(kg), "extract", str(SAMPLES), "--output", str(out), "--jsonl"],
                          capture_output=True, text=True, timeout=120)
    assert both.returncode == 2 and "choose one" in both.stderr


def test_a_killed_kg_extract_output_resumes_without_doubles(tmp_path: Path):
    """A real kill (SIGKILL of the `kg extract` process), not an exception."""
    import os
    import signal
    import time

    from bench.gen_corpus import generate

    generate(tmp_path / "corpus", 120, seed=3)
    out = tmp_path / "out"
    kg = Path(sys.executable).with_name("kg")
    proc = subprocess.Popen([str(kg), "extract", str(tmp_path / "corpus"), "--output", str(out),
                             "--part-rows", "10"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if (out / "manifest.json").exists() and records_io.read_manifest(out).records >= 20:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = records_io.read_manifest(out).records
    assert 20 <= before < 120, "the run should have been killed half-way"
    again = records_io.extract_to_folder([tmp_path / "corpus"], out, part_rows=10)
    assert again.unchanged == before and again.written == 120 - before
    sources = [r["source"] for r in records_io.iter_rows(out, columns=["source"])]
    assert len(sources) == len(set(sources)) == 120
    assert sources == sorted(sources)  # the order of an uninterrupted run
