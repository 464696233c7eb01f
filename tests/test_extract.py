"""The extraction as a whole: the spaCy pipeline, the records, `kg extract`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import spacy

from ingest import pipeline
from ingest.extract import extract_paths, extract_text

NOTICE = (
    "示例市人民政府 示例县政府\n"
    "某县召开2024年安全生产工作会议\n"
    "发布时间:2024-03-06\n"
    "3月5日,某县召开2024年安全生产工作会议。县委书记赵一鸣主持会议并讲话。"
    "县委副书记、县政府县长、县安委会主任周立新宣读《关于表彰2023年度安全生产先进单位的决定》,"
    "并代表县政府与各乡镇签订安全生产目标责任书。县人大常委会副主任孙丽,县政协副主席李刚出席会议。\n"
    "周立强调,要坚持党政同责、一岗双责。\n"
)


def test_pipeline_is_assembled_from_config_and_reloads_with_spacy_load(tmp_path: Path):
    nlp = pipeline.build()
    assert nlp.lang == "zh"
    assert nlp.pipe_names[:2] == ["kg_places", "kg_officials"]
    assert "kg_events" in nlp.pipe_names
    nlp.to_disk(tmp_path / "kg")
    again = spacy.load(tmp_path / "kg")
    doc = again("县委书记赵一鸣主持会议并讲话。")
    assert {(f.s, f.p) for f in doc._.kg_facts} == {("赵一鸣", "chaired"), ("赵一鸣", "spoke")}
    assert [s.text for s in doc.spans["officials"]][0].startswith("县委书记")


def test_record_carries_persons_relations_and_evidence():
    record = extract_text(NOTICE, "example.txt")
    names = {p.name: [t.text for t in p.titles] for p in record.persons}
    assert names["周立新"] == ["县委副书记", "县政府县长", "县安委会主任"]
    assert "周立" not in names  # a truncated mention is not a new person
    facts = {(r.s, r.p, r.o) for r in record.relations}
    assert ("周立新", "spoke", None) in facts
    assert ("周立新", "read_out", "关于表彰2023年度安全生产先进单位的决定") in facts
    letter = next(r for r in record.relations if r.p == "signed_letter")
    assert letter.with_ == ["各乡镇"] and letter.on_behalf_of == "县政府"
    assert all(r.evidence and r.evidence.sentence for r in record.relations)
    assert letter.evidence.sentence in record.text
    assert record.date == "2024-03-06" and record.event_date == "2024-03-05"
    assert {m.text for m in record.principles} >= {"党政同责", "一岗双责"}


def test_eval_record_matches_the_format_contract():
    record = extract_text(NOTICE, "example.txt").to_eval()
    assert set(record) == {"doc", "persons", "organizations", "localities", "documents", "relations"}
    assert record["doc"] == "example.txt"
    signed = next(r for r in record["relations"] if r["p"] == "signed_letter")
    assert signed == {"s": "周立新", "p": "signed_letter", "o": "安全生产目标责任书",
                      "with": ["各乡镇"], "on_behalf_of": "县政府"}
    json.dumps(record, ensure_ascii=False)


def test_traditional_notice_is_extracted_in_simplified_with_original_evidence():
    record = extract_text("縣委書記趙一鳴主持會議並講話。", "trad.txt")
    assert [p.name for p in record.persons] == ["赵一鸣"]
    rel = record.relations[0]
    assert rel.evidence.original.startswith("縣委書記趙一鳴")


def test_extract_paths_reports_unreadable_files_and_goes_on(tmp_path: Path):
    (tmp_path / "good.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    records, skipped = extract_paths([tmp_path])
    assert [r.doc for r in records] == ["good.txt"]
    assert sorted(s.path.name for s in skipped) == ["binary.txt", "empty.txt"]


def test_kg_extract_cli_prints_jsonl_and_a_closing_count(tmp_path: Path):
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    kg = Path(sys.executable).with_name("kg")
    done = subprocess.run([str(kg), "extract", str(tmp_path), "--jsonl"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in done.stdout.splitlines()]
    assert [x["doc"] for x in lines] == ["a.txt"]
    assert "1 notices read, 1 skipped" in done.stderr
    assert "b.txt" in done.stderr and "Traceback" not in done.stderr


def test_kg_extract_cli_summary_and_missing_path(tmp_path: Path):
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    kg = Path(sys.executable).with_name("kg")
    done = subprocess.run([str(kg), "extract", str(tmp_path / "a.txt")], capture_output=True,
                          text=True, timeout=120)
    assert "周立新" in done.stdout and "chaired" in done.stdout
    missing = subprocess.run([str(kg), "extract", str(tmp_path / "nope.txt")], capture_output=True,
                             text=True, timeout=120)
    assert "nope.txt" in missing.stderr and "Traceback" not in missing.stderr


def test_workers_give_the_same_records_as_one_process(tmp_path: Path):
    for i in range(4):
        (tmp_path / f"n{i}.txt").write_text(NOTICE.replace("赵一鸣", f"赵一{'甲乙丙丁'[i]}"), encoding="utf-8")
    one, _ = extract_paths([tmp_path], workers=1)
    two, _ = extract_paths([tmp_path], workers=2)
    assert [r.to_eval() for r in one] == [r.to_eval() for r in two]
