"""Hand-built extraction records for the resolution and loading tests.

Built by hand (not by running extraction) so that each test pins down one
resolution or loading rule whatever the extractor does; the sentences are
invented for the tests.
"""

from __future__ import annotations

from ingest.records import Evidence, Mention, NoticeRecord, Person, Relation, Title


def ev(sentence: str) -> Evidence:
    return Evidence(sentence=sentence)


def title(text: str, body: str, role: str) -> Title:
    return Title(text=text, body=body, role=role)


def xinfu_notice(source: str = "/corpus/xinfu_meeting.txt", text: str = "忻府区会议全文",
                 extra_persons: list[Person] | None = None) -> NoticeRecord:
    """A meeting in 忻府区 (忻州市, 山西省): a chair with stacked titles, a letter signed
    with groups, a directive read out, an inspection and two principles."""
    chair = Person("秦向东", [title("区委副书记", "区委", "副书记"),
                            title("区政府区长", "区政府", "区长"),
                            title("区安委会主任", "区安委会", "主任")],
                   evidence=ev("区委副书记、区政府区长、区安委会主任秦向东主持会议并讲话。"))
    reader = Person("葛小林", [title("区应急局党委书记", "区应急局党委", "书记"),
                             title("局长", "", "局长")],
                    evidence=ev("区应急局党委书记、局长葛小林宣读表彰通报。"))
    deputy = Person("符光远", [title("副区长", "", "副区长")], evidence=ev("副区长符光远出席。"))
    return NoticeRecord(
        doc=source.rsplit("/", 1)[-1], source=source, title="忻府区召开安全生产工作会议",
        date="2018-03-02", event_date="2018-03-01", publisher="忻府区应急管理局",
        jurisdiction=["山西省", "忻州市", "忻府区"], jurisdiction_code="140902", text=text,
        persons=[chair, reader, deputy, *(extra_persons or [])],
        organizations=[Mention("区委组织部", ev("区委组织部负责同志参加会议。")),
                       Mention("区纪委", ev("区纪委负责同志参加会议。"))],
        localities=[Mention("忻府区", ev("忻府区召开安全生产工作会议。"), "140902")],
        documents=[Mention("关于表彰安全生产先进单位的通报", ev("宣读了表彰通报。"))],
        principles=[Mention("党政同责", ev("落实党政同责、一岗双责。")),
                    Mention("一岗双责", ev("落实党政同责、一岗双责。"))],
        relations=[
            Relation("秦向东", "chaired", evidence=ev("秦向东主持会议。")),
            Relation("秦向东", "spoke", evidence=ev("秦向东强调要压实责任。")),
            Relation("符光远", "attended", evidence=ev("副区长符光远出席。")),
            Relation("葛小林", "read_out", "关于表彰安全生产先进单位的通报",
                     evidence=ev("葛小林宣读了表彰通报。")),
            Relation("秦向东", "signed_letter", "安全生产目标责任书", with_=["镇街", "成员单位代表"],
                     evidence=ev("秦向东与镇街、成员单位代表签订安全生产目标责任书。")),
            Relation("符光远", "inspected", "金山加油站", evidence=ev("符光远检查了金山加油站。")),
        ],
        event_title="全区安全生产工作会议",
    )


def luanzhou_notice(source: str = "/corpus/luanzhou_letters.txt") -> NoticeRecord:
    """滦州市 (a county-level city under 唐山市): 市政府 is 滦州市人民政府."""
    signer = Person("章雪川", [title("市委副书记", "市委", "副书记"), title("市长", "", "市长")],
                    evidence=ev("市委副书记、市长章雪川代表市政府签订责任书。"))
    return NoticeRecord(
        doc=source.rsplit("/", 1)[-1], source=source, title="滦州市签订安全生产责任书",
        date="2019-02-20", jurisdiction=["河北省", "唐山市", "滦州市"], jurisdiction_code="130284",
        text="滦州市全文", persons=[signer],
        relations=[Relation("章雪川", "signed_letter", "安全生产责任书", with_=["镇街", "成员单位"],
                            on_behalf_of="市政府",
                            evidence=ev("章雪川代表市政府与镇街、成员单位签订安全生产责任书。"))],
    )


def person_only_notice(source: str, name: str, titles: list[Title], jurisdiction: list[str],
                       code: str | None, sentence: str) -> NoticeRecord:
    return NoticeRecord(doc=source.rsplit("/", 1)[-1], source=source, title=sentence,
                        date="2020-01-01", jurisdiction=jurisdiction, jurisdiction_code=code,
                        text=sentence, persons=[Person(name, titles, evidence=ev(sentence))])
