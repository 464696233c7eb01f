"""The Spark engine (`kg extract --engine spark`) in local[2]: the local engine's records."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.gen_corpus import generate
from ingest.extract import extract_paths
from kg import records_io

pytest.importorskip("pyspark", reason="the Spark extra: pip install 'anquan-kg[spark]'")

from kg import spark as spark_engine  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The sample notices and 200 generated ones (one in twenty GB18030), in one folder,
    with a file that cannot be read (binary; Spark does not list empty files at all)."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SAMPLES, root / "samples")
    generate(root / "generated", 150, seed=11)
    (root / "generated" / "binary.txt").write_bytes(b"\x00\x01PK\x03\x04" * 40)
    return root


@pytest.fixture(scope="module")
def local(corpus):
    return extract_paths([corpus])


@pytest.fixture(scope="module")
def session():
    spark = spark_engine.session("local[2]")
    yield spark
    spark.stop()


def test_spark_local2_writes_exactly_the_local_engines_records(corpus, local, session, tmp_path):
    local, skipped = local
    assert len(local) >= 165 and [s.path.name for s in skipped] == ["binary.txt"]
    out = tmp_path / "spark"
    report = spark_engine.extract_to_folder(session, [str(corpus)], str(out))
    assert report.written == len(local) and report.unchanged == 0
    assert [Path(p).name for p, _ in report.skipped] == ["binary.txt"]
    assert report.skipped[0][1] == skipped[0].reason  # the same reason as the local engine
    back = list(records_io.iter_records(out))
    assert [r.source for r in back] == [r.source for r in local]
    assert all(r.source.startswith(corpus.name + "/") for r in back)  # no absolute path
    assert back == local  # field by field, in the local engine's order
    manifest = records_io.read_manifest(out)
    assert manifest.engine == "spark" and manifest.records == len(local)

    again = spark_engine.extract_to_folder(session, [str(corpus)], str(out))
    assert again.written == 0 and again.unchanged == len(local)  # resumed: nothing twice
    assert len(list(records_io.iter_records(out))) == len(local)


class Interrupted(Exception):
    """Stands for a kill of the local engine half-way."""


def test_spark_resumes_a_folder_the_local_engine_began(corpus, local, session, tmp_path):
    records, _ = local
    out = tmp_path / "mixed"

    def stop(n: int) -> None:
        if n == 45:
            raise Interrupted

    # the same folder given to both engines: a source is the path relative to it
    with pytest.raises(Interrupted):
        records_io.extract_to_folder([corpus], out, part_rows=20, on_record=stop)
    begun = records_io.read_manifest(out).records
    assert begun >= 20
    report = spark_engine.extract_to_folder(session, [str(corpus)], str(out))
    assert (report.unchanged, report.written) == (begun, len(records) - begun)
    back = list(records_io.iter_records(out))
    assert sorted(r.source for r in back) == sorted(r.source for r in records)  # no doubles


def test_spark_names_notices_by_the_users_prefix_and_mapping_as_the_local_engine(
        corpus, session, tmp_path):
    from ingest.read import SourceOptions

    samples = corpus / "samples"
    options = SourceOptions(url_prefix="https://mirror.example.org/yjj/", mapping={
        "01_wuhou_anweihui.txt": "https://a.example.org/1.html",
        "samples/02_qujing_zerenshu.txt": "https://a.example.org/2.html"})
    local, _ = extract_paths([samples], sources=options)
    out = tmp_path / "named"
    report = spark_engine.extract_to_folder(session, [str(samples)], str(out), options)
    assert report.written == len(local)
    back = sorted(r.source for r in records_io.iter_records(out))
    assert back == sorted(r.source for r in local)
    assert "https://a.example.org/1.html" in back and "https://a.example.org/2.html" in back
    assert "https://mirror.example.org/yjj/03_gaoyao_jiancha.html" in back
    again = spark_engine.extract_to_folder(session, [str(samples)], str(out), options)
    assert again.written == 0 and again.unchanged == len(local)
