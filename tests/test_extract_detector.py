"""The learned detector beside the rules: it loads, refuses a broken model plainly, finds wordings that no
trigger lists, and extraction reads one-line reports and dates every event of a dated report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from undeleted.errors import ConfigError
from undeleted.extract.detector import CHAR_FEATURES, WORD_FEATURES, Detector
from undeleted.extract.events import detect_mentions
from undeleted.extract.lexicon import Lexicon
from undeleted.text.sentences import split_sentences
from undeleted.vocab import EVENT_TYPES

from extraction import events_of, types_of


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load()


def test_detector_ships_with_the_package_for_every_type(detector):
    assert detector.types == EVENT_TYPES
    assert set(detector.languages) == {"en", "zh"}
    assert all(0.0 < cut < 1.0 for cut in detector.thresholds)


def test_missing_model_names_the_file_and_make_model(tmp_path):
    missing = tmp_path / "detector.npz"
    with pytest.raises(ConfigError, match=r"detector\.npz.*make model"):
        Detector.load(missing)


@pytest.mark.parametrize("content", [b"", b"not a zip file at all", b"PK\x03\x04broken"])
def test_corrupt_model_names_the_file_and_make_model(tmp_path, content):
    broken = tmp_path / "detector.npz"
    broken.write_bytes(content)
    with pytest.raises(ConfigError, match=r"detector\.npz.*make model"):
        Detector.load(broken)


# Sentences written for this test: wordings the trigger lists do not hold, so only the detector can find them.
PARAPHRASES = [
    (
        "Dozens of pensioners staged a sit-in at the social security bureau in Anshan on Monday.",
        "en",
        "protest",
    ),
    (
        "Officers in plain clothes seized the activist at his flat in Changsha on 3 May.",
        "en",
        "repression",
    ),
    ("The district told residents of three compounds to stay indoors from Friday.", "en", "restriction"),
    ("外卖骑手们周二集体关闭接单软件，抗议平台下调配送费。", "zh", "strike"),
    ("该博主的账号周三起无法搜索，此前发布的多篇文章也显示为“内容违规”。", "zh", "censorship"),
]


@pytest.mark.parametrize("sentence, language, expected", PARAPHRASES)
def test_detector_finds_a_paraphrase(sentence, language, expected, detector):
    assert expected in detector.detect([sentence])[0]


@pytest.mark.parametrize("sentence, language, expected", PARAPHRASES[:3])
def test_extraction_reports_what_only_the_detector_finds(sentence, language, expected, context):
    assert expected in {event.type for event in events_of(sentence, language, context)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts expect more labour unrest as export orders fall.",
        "The city reported 12 new cases on Sunday.",
        "Sign up for our newsletter to get the week's top stories.",
        "今天又是核酸日，排队的时候碰到了楼下的邻居。",
        "今日新增本土确诊病例3例，均在隔离管控中发现。",
    ],
)
def test_detector_stays_quiet_on_near_misses(sentence, context):
    language = "zh" if any("\u4e00" <= char <= "\u9fff" for char in sentence) else "en"
    assert events_of(sentence, language, context) == []


def test_one_line_report_is_a_report(context):
    """A strike-map record: one line, no final full stop, a publication date."""
    events = events_of(
        "Sanitation workers strike over unpaid wages in Xinyang, Henan",
        "en",
        context,
        published=date(2024, 3, 5),
    )
    assert [(event.type, event.location.adcode, event.date_start) for event in events] == [
        ("strike", "411500", date(2024, 3, 5))
    ]


def test_one_line_chinese_bulletin_is_a_report(context):
    events = events_of("湖北十堰一工地数十名农民工聚集讨薪", "zh", context, published=date(2023, 1, 9))
    assert [(event.type, event.location.adcode[:4], event.date_start) for event in events] == [
        ("protest", "4203", date(2023, 1, 9))
    ]


def test_a_line_cut_off_before_its_full_stop_still_tells_its_last_clause(context):
    """A record whose last clause, after a semicolon, has no full stop: that clause is no heading."""
    text = (
        "2019年4月8日上午，湖南衡阳市数十名环卫工人到市政府门前静坐，要求补发三个月工资；"
        "下午警察到场清场，三名工人被带走，据网传视频"
    )
    events = events_of(text, "zh", context, published=date(2019, 4, 9))
    assert "repression" in [event.type for event in events]


def test_headline_does_not_duplicate_the_body(context):
    text = (
        "Bus drivers strike in Nanning\n\n"
        "Bus drivers in Nanning, Guangxi, walked off the job on Monday over cuts to their bonuses. "
        "The company said talks would continue."
    )
    events = events_of(text, "en", context, published=date(2023, 6, 14))
    assert [event.type for event in events].count("strike") == 1


def test_undated_event_takes_the_publication_date(context):
    events = events_of(
        "Police detained a rights lawyer in Zhengzhou, Henan, his wife said.",
        "en",
        context,
        published=date(2022, 8, 30),
    )
    assert events and all(event.date_start == date(2022, 8, 30) for event in events)


@pytest.mark.parametrize("sentence, language, expected", PARAPHRASES[1:3])
def test_rules_alone_do_not_find_what_the_detector_adds(sentence, language, expected, context):
    """The detector is what finds these paraphrases: the trigger lists alone do not."""
    assert expected not in types_of(sentence, language, context)


def test_training_files_are_well_formed():
    root = Path(__file__).resolve().parents[1] / "training"
    files = sorted(root.glob("*.tsv"))
    assert files, "training/ holds the detector's training sentences"
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "labels\tstyle\ttext", path.name
        for number, line in enumerate(lines[1:], start=2):
            labels, _, text = line.split("\t")
            assert text.strip(), f"{path.name}:{number}"
            assert labels == "none" or set(labels.split(",")) <= set(EVENT_TYPES), f"{path.name}:{number}"


def test_cli_names_a_broken_model_without_a_traceback(tmp_path):
    """`undeleted extract` with a corrupt model: one line naming the file and `make model`, exit non-zero."""
    import os
    import subprocess
    import sys

    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"PK\x03\x04 truncated")
    report = tmp_path / "report.txt"
    report.write_text("Workers protested over unpaid wages in Xinyang, Henan on Monday.", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from undeleted.cli import main; main()",
            "extract",
            str(report),
            "--jsonl",
            str(tmp_path / "out.jsonl"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "UNDELETED_DETECTOR": str(broken)},
        timeout=300,
    )
    assert result.returncode != 0
    assert "broken.npz" in result.stderr + result.stdout and "make model" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_training_is_deterministic(tmp_path):
    """`make model` twice on the same sentences gives the same weights and thresholds (a small slice here)."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "tools" / "train_detector.py"
    spec = importlib.util.spec_from_file_location("train_detector", path)
    trainer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trainer)
    texts, labels, languages, _ = trainer.read_examples(path.parents[1] / "training")
    picked = list(range(0, len(texts), 12))
    args = ([texts[i] for i in picked], [labels[i] for i in picked], [languages[i] for i in picked])
    first, _ = trainer.train(*args)
    second, _ = trainer.train(*args)
    assert (first.weights != second.weights).nnz == 0
    assert (first.thresholds == second.thresholds).all() and (first.bias == second.bias).all()


@pytest.mark.parametrize(
    "text",
    [
        "观点｜热搜上消失的不只是话题\n\n每逢突发事件，网民在平台上发帖、维权，随后相关词条被撤下。",
        "分析：西北农民工讨薪为何年年上演\n\n去年冬天，多地工人聚集讨薪，有的被警方带走。",
    ],
)
def test_labelled_chinese_analysis_yields_no_events(text, context):
    assert events_of(text, "zh", context) == []


def test_chinese_report_about_another_country_yields_nothing(context):
    """Any country's Chinese name tells the scope, not only the neighbours listed by hand."""
    text = (
        "肯尼亚议会周二通过加税法案后，数千名抗议者在首都街头游行，警方发射催泪弹驱散人群，多人死亡。"
        "反对派呼吁周四继续示威。"
    )
    assert events_of(text, "zh", context) == []


def test_and_the_county_committee_is_not_he_county(context):
    text = "6月28日下午，贵州瓮安县数百名群众聚集在县公安局和县委大楼前，要求公布一名女生死因。"
    events = events_of(text, "zh", context, date(2008, 6, 30))
    assert events and all(event.location.adcode.startswith("5227") for event in events)


def test_a_hashtag_with_next_to_nothing_said_is_no_event(context):
    """A topic is no act: a post that only names a video and tags a city reports nothing."""
    assert events_of("丹东的视频 #丹东疫情#", "zh", context, date(2022, 10, 19)) == []


def test_a_clause_is_read_alone_in_a_long_sentence(detector):
    """A long sentence dilutes the words of the clause that tells the act: read whole, the lockdown below
    is missed; read clause by clause (as short reports are), it is found."""
    sentence = (
        "The county sealed off two townships, citing three positive tests among returning workers, the "
        "approach of the harvest, a shortage of testing staff and the need to protect the elderly in nursing homes"
    )
    assert "restriction" not in detector.detect([sentence])[0]
    assert "restriction" in detector.detect([sentence], clauses=True)[0]


def test_a_terse_aside_in_an_article_is_no_post(context):
    text = (
        "Police in Shenzhen detained six delivery riders on Tuesday after they blocked a road outside the "
        "platform's office.\n\nHere is what we know.\n\nThe riders had gathered at noon, saying their pay per "
        "order had been cut twice this year. None of this is new."
    )
    events = events_of(text, "en", context, date(2024, 4, 3))
    assert "online_dissent" not in {event.type for event in events}


def test_a_terse_complaint_in_a_post_is_the_post(context):
    text = (
        "#徐州封控# 小区封了二十天了，菜也买不到，药也买不到。今天物业又说要再封七天。"
        "凭什么？谁来管管？我们还要熬多久？"
    )
    events = events_of(text, "zh", context, date(2022, 4, 20))
    assert "online_dissent" in {event.type for event in events}


def _always(event_type: str) -> Detector:
    """A detector sure of one type in every sentence: what the guards around the detector let through."""
    types = tuple(EVENT_TYPES)
    bias = np.array([9.0 if kind == event_type else -9.0 for kind in types])
    weights = sparse.csr_matrix((CHAR_FEATURES + WORD_FEATURES, len(types)), dtype=np.float32)
    return Detector(types, weights, bias, np.full(len(types), 0.5), ("en", "zh"))


@pytest.mark.parametrize(
    "text, proposed",
    [
        ("【坚守一线的社区书记】江岸区一位社区书记带领志愿者日夜坚守，挨家挨户上门服务居民。", False),
        ("【网友发帖求助】江岸区一位居民在微博发帖，称家中老人买不到药。", True),
    ],
)
def test_an_outlets_item_proposes_online_dissent_only_where_it_speaks_of_posting(text, proposed):
    mentions = detect_mentions(
        split_sentences(text, "zh"), Lexicon.load("zh"), detector=_always("online_dissent")
    )
    assert ("online_dissent" in {mention.type for mention in mentions}) is proposed


def test_what_a_negation_leaves_of_a_sentence_is_not_read(context):
    text = (
        "Hundreds of workers blocked the gate of a shoe factory in Dongguan on Monday over unpaid wages.\n\n"
        "Police did not say whether anyone had been detained."
    )
    events = events_of(text, "en", context, date(2024, 1, 16))
    assert "repression" not in {event.type for event in events}
