"""Resolution rules (pure: records in, rows out; the real gazetteer)."""

from __future__ import annotations

from factories import luanzhou_notice, person_only_notice, title, xinfu_notice

from ingest.records import Mention, NoticeRecord
from kg import ids
from kg.resolve import GAZETTEER_EVIDENCE, Resolved, resolve


def _org_names(res: Resolved) -> dict[str, str]:
    return {n.id: n.props["name"] for n in res.nodes["Organization"]}


def _rels(res: Resolved, rel_type: str) -> set[tuple[str, str]]:
    return {(r.from_id, r.to_id) for r in res.rel_rows(rel_type)}


def _holds(res: Resolved, person: str) -> dict[str, str]:
    """title → name of the body held, for one person."""
    names = _org_names(res)
    return {r.props["title"]: names[r.to_id] for r in res.rel_rows("HOLDS")
            if res.node(r.from_id).props["name"] == person}


def test_relative_bodies_resolve_against_the_notice_jurisdiction():
    res = resolve(xinfu_notice())
    held = _holds(res, "秦向东")
    assert held == {"区委副书记": "中共忻府区委员会", "区政府区长": "忻府区人民政府",
                    "区安委会主任": "忻府区安全生产委员会"}
    names = set(_org_names(res).values())
    assert {"中共忻府区委员会组织部", "中共忻府区纪律检查委员会"} <= names


def test_each_abbreviation_rule_of_the_data_file():
    cases = {
        "区人大常委会": "忻府区人民代表大会常务委员会", "区政协": "中国人民政治协商会议忻府区委员会",
        "区监委": "忻府区监察委员会", "应急管理局": "忻府区应急管理局",
        "消防大队": "忻府区消防救援大队", "市委": "中共忻州市委员会", "省政府": "山西省人民政府",
        "忻州市应急管理局": "忻州市应急管理局", "国务院安委会": "国务院安全生产委员会",
    }
    for written, canonical in cases.items():
        rec = xinfu_notice()
        rec.organizations = [rec.organizations[0].__class__(written)]
        names = set(_org_names(resolve(rec)).values())
        assert canonical in names, written


def test_county_level_city_government_is_the_city_itself():
    res = resolve(luanzhou_notice())
    assert _holds(res, "章雪川") == {"市委副书记": "中共滦州市委员会", "市长": "滦州市人民政府"}
    signed = res.rel_rows("SIGNED")[0]
    assert signed.props["on_behalf_of"] == "滦州市人民政府"


def test_surface_forms_are_kept_as_aliases():
    res = resolve(xinfu_notice())
    org = next(n for n in res.nodes["Organization"] if n.props["name"] == "中共忻府区委员会")
    assert "区委" in org.aliases


def test_body_part_of_its_parent_body_and_in_its_locality():
    res = resolve(xinfu_notice())
    dept = ids.organization_id("140902", "中共忻府区委员会组织部")
    party = ids.organization_id("140902", "中共忻府区委员会")
    assert (dept, party) in _rels(res, "PART_OF")
    assert (party, "loc:140902") in _rels(res, "IN")


def test_localities_link_to_the_gazetteer_with_their_parent_chain():
    res = resolve(xinfu_notice())
    assert {("loc:140902", "loc:140900"), ("loc:140900", "loc:140000")} <= _rels(res, "PART_OF")
    places = {n.id: n.props for n in res.nodes["Locality"]}
    assert places["loc:140900"]["name"] == "忻州市" and places["loc:140900"]["code"] == "140900"
    assert places["loc:140000"]["level"] == "province"
    gaz = [r for r in res.rel_rows("PART_OF") if r.from_id == "loc:140902"]
    assert gaz[0].evidence == GAZETTEER_EVIDENCE


def test_luanzhou_sits_under_tangshan_under_hebei():
    res = resolve(luanzhou_notice())
    assert {("loc:130284", "loc:130200"), ("loc:130200", "loc:130000")} <= _rels(res, "PART_OF")


def test_holds_carries_title_role_and_event_date():
    res = resolve(xinfu_notice())
    row = next(r for r in res.rel_rows("HOLDS") if r.props["title"] == "区政府区长")
    assert row.props == {"title": "区政府区长", "role": "区长", "as_of": "2018-03-01"}


def test_bare_deputy_head_holds_the_government_of_the_jurisdiction():
    rec = person_only_notice("/c/a.txt", "何冬英", [title("副县长", "", "副县长")],
                             ["山西省", "忻州市", "定襄县"], None, "副县长何冬英出席。")
    res = resolve(rec)
    assert _holds(res, "何冬英") == {"副县长": "定襄县人民政府"}


def test_bare_post_after_a_compound_body_holds_its_first_body():
    res = resolve(xinfu_notice())
    held = _holds(res, "葛小林")
    assert held["局长"] == "忻府区应急管理局"
    assert held["区应急局党委书记"] == "忻府区应急管理局党委"


def test_same_name_same_county_is_one_person_across_notices():
    a = resolve(person_only_notice("/c/1.txt", "韩钰成", [title("区委书记", "区委", "书记")],
                                   ["山西省", "忻州市", "忻府区"], "140902", "区委书记韩钰成讲话。"))
    b = resolve(person_only_notice("/c/2.txt", "韩钰成", [title("忻府区委书记", "忻府区委", "书记")],
                                   ["山西省", "忻州市"], "140900", "忻府区委书记韩钰成调研。"))
    assert a.nodes["Person"][0].id == b.nodes["Person"][0].id == "person:140902:韩钰成"


def test_same_name_in_unrelated_places_is_two_people():
    a = resolve(person_only_notice("/c/1.txt", "张伟", [title("县长", "", "县长")],
                                   ["山西省", "忻州市", "定襄县"], None, "县长张伟讲话。"))
    b = resolve(person_only_notice("/c/2.txt", "张伟", [title("县长", "", "县长")],
                                   ["河北省", "唐山市", "乐亭县"], None, "县长张伟讲话。"))
    assert a.nodes["Person"][0].id != b.nodes["Person"][0].id


def test_national_titles_anchor_at_the_country():
    rec = person_only_notice("/c/n.txt", "李刚", [title("国务院总理", "国务院", "总理")],
                             ["山西省", "忻州市", "忻府区"], "140902", "国务院总理李刚作出批示。")
    res = resolve(rec)
    assert res.nodes["Person"][0].id == "person:CN:李刚"
    assert _holds(res, "李刚") == {"国务院总理": "国务院"}


def test_untitled_person_defaults_to_the_notice_prefecture():
    rec = person_only_notice("/c/u.txt", "王五", [], ["山西省", "忻州市", "忻府区"], "140902", "王五发言。")
    assert resolve(rec).nodes["Person"][0].id == "person:140900:王五"


def test_events_become_meeting_letter_directive_site_and_principles():
    res = resolve(xinfu_notice())
    doc = res.doc_id
    meeting = ids.meeting_id(doc, 1)
    chair = "person:140902:秦向东"
    assert (chair, meeting) in _rels(res, "CHAIRED") and (chair, meeting) in _rels(res, "SPOKE_AT")
    assert ("person:140902:符光远", meeting) in _rels(res, "ATTENDED")
    assert (doc, meeting) in _rels(res, "REPORTS")
    assert res.node(meeting).props["date"] == "2018-03-01"
    letter = ids.letter_id(doc, "安全生产目标责任书")
    assert (chair, letter) in _rels(res, "SIGNED")
    with_ = {_org_names(res)[b] for a, b in _rels(res, "WITH") if a == letter}
    assert with_ == {"镇街", "成员单位代表"}
    groups = [n for n in res.nodes["Organization"] if n.props["name"] == "镇街"]
    assert groups[0].props["kind"] == "group"
    assert ("person:140902:葛小林", ids.directive_id("关于表彰安全生产先进单位的通报")) in _rels(res, "READ_OUT")
    site = ids.site_id("140902", "金山加油站")
    assert ("person:140902:符光远", site) in _rels(res, "INSPECTED")
    assert (site, "loc:140902") in _rels(res, "IN")
    assert {(doc, ids.principle_id("党政同责")), (doc, ids.principle_id("一岗双责"))} <= _rels(res, "INVOKES")
    assert (doc, "loc:140902") in _rels(res, "ABOUT")
    assert (doc, chair) in _rels(res, "MENTIONS")


def test_inspecting_a_place_points_at_the_locality():
    rec = xinfu_notice()
    rec.relations = [rec.relations[-1].__class__("符光远", "inspected", "忻州市")]
    res = resolve(rec)
    assert ("person:140902:符光远", "loc:140900") in _rels(res, "INSPECTED")


def test_every_relationship_row_has_a_source_and_evidence():
    res = resolve(xinfu_notice())
    rows = [r for rows in res.rels.values() for r in rows]
    assert rows and all(r.doc_id == res.doc_id and r.evidence for r in rows)
    assert sorted(res.document.props["asserts"]) == sorted(f"{r.type}|{r.key}" for r in rows)


def test_document_id_follows_the_source_and_hash_the_text():
    a = resolve(xinfu_notice(text="一"))
    b = resolve(xinfu_notice(text="二"))
    assert a.doc_id == b.doc_id
    assert a.document.props["content_hash"] != b.document.props["content_hash"]


def test_relationship_keys_are_stable_across_notices():
    a = resolve(xinfu_notice("/corpus/a.txt"))
    b = resolve(xinfu_notice("/corpus/b.txt"))
    ka = {r.key for r in a.rel_rows("HOLDS")}
    kb = {r.key for r in b.rel_rows("HOLDS")}
    assert ka == kb and ka


def test_unknown_place_stays_under_its_parent():
    rec = NoticeRecord(doc="z.txt", source="/c/z.txt", title="开发区检查", date="2020-05-01",
                       jurisdiction=["山西省", "忻州市", "忻府区"], jurisdiction_code="140902",
                       localities=[Mention("某某开发区")])
    res = resolve(rec)
    ids_ = {n.id for n in res.nodes["Locality"]}
    zone = next(i for i in ids_ if i.endswith("某某开发区"))
    assert (zone, "loc:140902") in _rels(res, "PART_OF")
