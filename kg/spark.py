"""`kg extract --engine spark`: the extraction pipeline on Apache Spark (PySpark).

Why Spark: it is what clusters run (Databricks, EMR, Dataproc, YARN, Kubernetes), it
needs the Java 17 the project already needs, and it reads binary files and writes
Parquet natively. The records it writes are the local engine's, row for row
(tests/test_spark.py), so `kg load DIR` does not care which engine wrote a folder.

How it runs:
- notices are listed and read by Spark's `binaryFile` source (local folders, `file://`,
  `hdfs://`, `s3a://`, anything the cluster's Hadoop reads), recursively, keeping the
  suffixes the local reader reads (.txt, .html, .htm);
- a notice already in the output folder with the same bytes (sha1, computed by Spark)
  is dropped by an anti-join before any extraction: an interrupted job resumes;
- `mapInArrow` hands each executor's Python worker Arrow batches of (source, bytes);
  the worker builds the spaCy pipeline once (`ingest.pipeline.get` caches it, and
  Spark reuses Python workers across partitions) and runs `ingest.extract.extract_bytes`,
  the same reading and extraction as the local engine;
- records are sorted by source (the local engine's order for one folder) and appended
  to the output as Parquet; the manifest is rewritten when the output is a local folder.

Run on a cluster with `--master spark://…`, `yarn`, `k8s://…` or `sc://…` (Spark
Connect), or through `spark-submit kg/spark.py PATH... --output DIR`; docs/SCALE.md
says how the package's code and dependencies reach the executors.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from kg import records_io
from kg.errors import UserError

#: Notices per Arrow batch handed to a Python worker (bounds its memory: ~100 notices).
BATCH_NOTICES = 100
SKIP_COLUMN = "skip_reason"
#: Whether the user gave the source (--source-url-prefix, --sources): it then wins over
#: the URL a page declares.
GIVEN_COLUMN = "source_given"
OUTPUT_SCHEMA = records_io.SCHEMA.append(pa.field(SKIP_COLUMN, pa.string()))
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


@dataclass
class SparkReport:
    written: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    session_seconds: float = 0.0


def _is_local(master: str | None) -> bool:
    return master is None or master.startswith("local")


def session(master: str | None = "local[*]", app_name: str = "anquan-kg extract") -> Any:
    """A SparkSession on `master` (None: whatever spark-submit configured).

    For local masters the executors' Python is this interpreter (the project's venv),
    so nothing has to be installed twice."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise UserError("The Spark engine needs PySpark: pip install 'anquan-kg[spark]'.") from None
    if _is_local(master):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master and master.startswith("sc://"):
        builder = builder.remote(master)
    elif master:
        builder = builder.master(master)
    builder = (builder
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(BATCH_NOTICES))
               # A notice is a few KB, not a 4 MB block: counted at 4 MB (the default open
               # cost), 32 notices fill a partition and each of thousands of tasks pays
               # for a Python worker and a pipeline; at 16 KB a task gets hundreds of
               # notices and the cores stay busy with extraction.
               .config("spark.sql.files.openCostInBytes", str(16 * 1024))
               .config("spark.sql.parquet.compression.codec", "zstd")
               .config("spark.ui.showConsoleProgress", "false"))
    if _is_local(master):
        builder = builder.config("spark.ui.enabled", "false")
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - py4j / JVM start-up errors, for the user
        raise UserError(f"Spark did not start on {master or 'the submitted master'}: "
                        f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    if not (master and master.startswith("sc://")):  # Spark Connect has no SparkContext
        spark.sparkContext.setLogLevel("ERROR")
    return spark


def _spark_path(path: str) -> str:
    """Local paths as absolute file: URLs; URLs the cluster reads as given."""
    if _URL.match(path) or path.startswith("file:"):
        return path
    p = Path(path)
    if not p.exists():
        raise UserError(f"No such file or folder: {path}.")
    return p.resolve().as_uri()


def _local_folder(output: str) -> Path | None:
    """The output as a local folder, or None for a URL only the cluster can reach."""
    if output.startswith("file:"):
        return Path(re.sub(r"^file:(//)?", "", output))
    return None if _URL.match(output) else Path(output)


def extract_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The executor side: (source, file_sha1, content) batches in, record rows out.

    A notice that cannot be read or extracted gives a row with only `source` and its
    reason in `skip_reason` (the driver reports those and writes the rest)."""
    from ingest.extract import extract_bytes
    from ingest.read import Skipped

    with tempfile.TemporaryDirectory(prefix="kg-spark-") as scratch:
        for batch in batches:
            rows: list[dict[str, Any]] = []
            given = (batch.column(GIVEN_COLUMN).to_pylist()
                     if GIVEN_COLUMN in batch.schema.names else [False] * batch.num_rows)
            for source, location, sha, content, user in zip(
                    batch.column("source").to_pylist(), batch.column("location").to_pylist(),
                    batch.column("file_sha1").to_pylist(), batch.column("content").to_pylist(),
                    given, strict=True):
                name = location.rstrip("/").rsplit("/", 1)[-1]
                item = extract_bytes(name, source, content, Path(scratch), user_given=bool(user))
                if isinstance(item, Skipped):
                    rows.append({"source": location, "file_sha1": sha, SKIP_COLUMN: item.reason})
                else:
                    rows.append(records_io.record_row(item, sha))
            yield pa.RecordBatch.from_pylist(rows, schema=OUTPUT_SCHEMA)


@dataclass(frozen=True)
class LocalRoot:
    """A local input as the local engine names its files: `path` (absolute, resolved:
    what Spark lists under) and `label`, the source prefix (`ingest.read.path_source`)."""

    path: str
    is_dir: bool
    label: str


def local_roots(paths: list[str]) -> list[LocalRoot]:
    """The local inputs among `paths` (plain paths and file: URLs), longest first, so
    that a file is named after the innermost folder given that holds it."""
    from urllib.parse import unquote

    from ingest.read import path_source

    roots = []
    for given in paths:
        if _URL.match(given) and not given.startswith("file:"):
            continue
        local = Path(unquote(re.sub(r"^file:(//)?", "", given)) if given.startswith("file:")
                     else given).resolve()
        if local.is_dir():
            roots.append(LocalRoot(str(local), True, local.name))
        else:
            roots.append(LocalRoot(str(local), False, path_source(local, local)))
    return sorted(roots, key=lambda r: len(r.path), reverse=True)


def _relative_column(roots: list[LocalRoot]) -> Any:
    """A local file's path relative to the innermost folder given that holds it (a file
    given alone: its name), what --source-url-prefix and --sources are applied to; null
    for a file of the cluster (hdfs://, s3a://), which keeps its URL."""
    from pyspark.sql import functions as F

    local = F.url_decode(F.replace(F.regexp_replace("path", r"^file:(//)?", ""),
                                   F.lit("+"), F.lit("%2B")))
    rel = F.regexp_extract(local, r"([^/]+)$", 1)
    for root in reversed(roots):
        if root.is_dir:
            rel = F.when(local.startswith(root.path.rstrip("/") + "/"),
                         F.substring(local, len(root.path.rstrip("/")) + 2, 1 << 30)).otherwise(rel)
    return F.when(F.col("path").startswith("file:"), rel)


#: What `ingest.read._prefixed` percent-encodes in a relative path ("%" first).
_URL_ESCAPES = [("%", "%25"), (" ", "%20"), ("#", "%23"), ("?", "%3F"), ('"', "%22"),
                ("<", "%3C"), (">", "%3E"), ("\\", "%5C"), ("^", "%5E"), ("`", "%60"),
                ("{", "%7B"), ("|", "%7C"), ("}", "%7D"), ("\t", "%09")]


def _user_source(files: Any, spark: Any, sources: Any) -> Any:
    """`files` with `source` replaced by what the user said (`ingest.read.decide_source`
    steps 1 and 2: the --sources mapping by location then by relative path, else
    --source-url-prefix + the relative path) and GIVEN_COLUMN telling which rows."""
    from pyspark.sql import functions as F

    user = F.lit(None).cast("string")
    if sources.mapping:
        pairs = spark.createDataFrame(sorted(sources.mapping.items()), "key string, url string")
        by_location = F.broadcast(pairs.withColumnRenamed("key", "location")
                                  .withColumnRenamed("url", "_url_location"))
        by_rel = F.broadcast(pairs.withColumnRenamed("key", "rel")
                             .withColumnRenamed("url", "_url_rel"))
        files = files.join(by_location, on="location", how="left").join(by_rel, on="rel",
                                                                         how="left")
        user = F.coalesce(F.col("_url_location"), F.col("_url_rel"))
    if sources.url_prefix:
        encoded = F.col("rel")
        for char, escape in _URL_ESCAPES:
            encoded = F.replace(encoded, F.lit(char), F.lit(escape))
        prefixed = F.concat(F.lit(sources.url_prefix.rstrip("/") + "/"),
                            F.regexp_replace(encoded, "^/+", ""))
        user = F.coalesce(user, F.when(F.col("rel").isNotNull(), prefixed))
    files = files.withColumn(GIVEN_COLUMN, user.isNotNull()).withColumn(
        "source", F.coalesce(user, F.col("location")))
    return files.drop(*[c for c in ("_url_location", "_url_rel") if c in files.columns])


def _source_column(roots: list[LocalRoot] | None = None) -> Any:
    """`source` as the local engine writes it (`ingest.read.path_source`): a local file
    is named by its path relative to the folder given, led by that folder's name
    (percent-decoding the URL Spark lists, a '+' kept as it is); a file given alone by
    its parent folder's name and its own. Any other URL (hdfs://, s3a://) is listed
    as the cluster reads it: a user of the cluster can follow it. No absolute path of
    a machine is written (a local file under none of `roots` keeps its last two parts)."""
    from pyspark.sql import functions as F

    local = F.url_decode(F.replace(F.regexp_replace("path", r"^file:(//)?", ""),
                                   F.lit("+"), F.lit("%2B")))
    named = F.regexp_extract(local, r"([^/]+/[^/]+|[^/]+)$", 1)
    for root in reversed(roots or []):  # the innermost root is the outermost `when`
        if root.is_dir:
            head = F.lit(f"{root.label}/" if root.label else "")
            rel = F.substring(local, len(root.path.rstrip("/")) + 2, 1 << 30)
            named = F.when(local.startswith(root.path.rstrip("/") + "/"),
                           F.concat(head, rel)).otherwise(named)
        else:
            named = F.when(local == F.lit(root.path), F.lit(root.label)).otherwise(named)
    return F.when(F.col("path").startswith("file:"), named).otherwise(F.col("path"))


def extract_to_folder(spark: Any, paths: list[str], output: str,
                      sources: Any = None) -> SparkReport:
    """List, resume-filter, extract and write; returns what was written and skipped.
    `sources` (`ingest.read.SourceOptions`: --source-url-prefix, --sources) names local
    files by the user's URLs, as the local engine does."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    start = time.perf_counter()
    report = SparkReport()
    suffix = r"(?i)\.(txt|html?)$"
    roots = local_roots(paths)
    files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
             .load([_spark_path(p) for p in paths])
             .filter(F.col("path").rlike(suffix))
             .select(_source_column(roots).alias("location"), _relative_column(roots).alias("rel"),
                     F.sha1("content").alias("file_sha1"), "content"))
    if sources is not None:
        files = _user_source(files, spark, sources)
    else:
        files = files.withColumn("source", F.col("location")).withColumn(GIVEN_COLUMN,
                                                                          F.lit(False))
    files = files.select("source", "location", "file_sha1", "content", GIVEN_COLUMN)
    local = _local_folder(output)
    done = None
    if local is not None and local.exists():
        parts = records_io.read_manifest(local).parts
        if parts:
            done = spark.read.parquet(*[(local / p["file"]).resolve().as_uri() for p in parts])
    elif local is None:
        try:
            done = spark.read.parquet(output)
        except Exception:  # noqa: BLE001 - AnalysisException: nothing written there yet
            done = None
    listed = files.count()
    if done is not None:
        files = files.join(done.select(*records_io.KEY_COLUMNS).distinct(),
                           on=records_io.KEY_COLUMNS, how="left_anti")
    result = files.mapInArrow(extract_batches, from_arrow_schema(OUTPUT_SCHEMA))
    result = result.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        skipped = result.filter(F.col(SKIP_COLUMN).isNotNull()).select("source", SKIP_COLUMN)
        report.skipped = [(r["source"], r[SKIP_COLUMN]) for r in skipped.collect()]
        records = result.filter(F.col(SKIP_COLUMN).isNull()).drop(SKIP_COLUMN)
        if done is not None:  # a page named by its own URL was listed under its path
            records = records.join(done.select(*records_io.KEY_COLUMNS).distinct(),
                                   on=records_io.KEY_COLUMNS, how="left_anti")
        records = records.orderBy("source")
        report.written = records.count()
        report.unchanged = listed - report.written - len(report.skipped)
        if report.written:
            target = local.resolve().as_uri() if local is not None else output
            records.write.mode("append").parquet(target)
    finally:
        result.unpersist()
    if local is not None:
        local.mkdir(parents=True, exist_ok=True)
        manifest = records_io.read_manifest(local)
        manifest.engine = "spark"
        records_io.write_manifest(local, manifest)
    report.seconds = time.perf_counter() - start
    return report


def run_cli(paths: list[str], output: str, master: str | None = "local[*]",
            sources: Any = None) -> SparkReport:
    """`kg extract --engine spark PATH... --output DIR [--master URL]`."""
    from rich.console import Console

    err = Console(stderr=True, highlight=False)
    t = time.perf_counter()
    spark = session(master)
    up = time.perf_counter() - t
    try:
        report = extract_to_folder(spark, paths, output, sources)
    finally:
        spark.stop()
    report.session_seconds = up
    for path, reason in report.skipped:
        err.print(f"skipped {path}: {reason}")
    err.print(f"{report.written} notices written, {report.unchanged} already in {output}, "
              f"{len(report.skipped)} skipped; Spark {master or '(submitted)'}, session "
              f"{up:.1f} s, job {report.seconds:.1f} s")
    return report


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - spark-submit entry
    """`spark-submit kg/spark.py PATH... --output DIR`: the master is spark-submit's."""
    import argparse

    parser = argparse.ArgumentParser(prog="kg/spark.py", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--output", required=True)
    args = parser.parse_args(argv)
    run_cli(args.paths, args.output, master=None)


if __name__ == "__main__":  # pragma: no cover
    main()
