"""Chinese trigger sentences give events of the right type, place and date."""

from datetime import date

import pytest

from undeleted.extract import ExtractContext, extract_events
from undeleted.models import Document

from tests.extraction import types_of

PUBLISHED = date(2022, 11, 28)


def events_of(text: str, context: ExtractContext, published: date = PUBLISHED):
    return extract_events(Document(text=text, language="zh", published=published), context)


@pytest.mark.parametrize(
    "sentence, event_type",
    [
        ("11月26日晚，成都市武侯区望江路上百名市民聚集，手举白纸悼念遇难者。", "protest"),
        ("11月20日，广州市天河区三名参选人被取消参选资格。", "repression"),
        ("据家属说，11月他仍在乌鲁木齐市一所监狱服刑。", "repression"),
        ("11月26日，南京市鼓楼区数十名学生拉起横幅，高喊口号要求解封。", "protest"),
        ("11月25日，长沙市岳麓区一家工厂的工人集体罢工，要求补发拖欠的工资。", "strike"),
        ("11月25日，石家庄市长安区一小区居民推倒围栏，冲出小区。", "defiance"),
        ("11月24日，乌鲁木齐市天山区居民冲破封控，走到区政府门前。", "defiance"),
        ("11月23日，郑州市金水区二三百名业主到省信访局上访，要求开发商交房。", "petition"),
        ("11月24日，广州市海珠区多名居民与防疫人员发生冲突，有人扔石块。", "clash"),
        ("11月25日，北京市朝阳区三名在小区门口抗议的居民被警方带走，其中一人被行政拘留十天。", "repression"),
        ("11月22日，武汉市洪山区十多名外出购物的居民被赋黄码。", "repression"),
        ("11月24日，兰州市城关区宣布实行全域静默管理，居民不得外出。", "restriction"),
        ("11月27日，重庆市渝中区宣布解除临时管控，恢复正常通行。", "relaxation"),
        ("11月26日，有关成都抗议的多条微博被删除，相关话题被撤下，多名网友称自己被炸号。", "censorship"),
        ("11月25日，一名上海市浦东新区的居民在微博发了长文，控诉小区封控后无法就医。", "online_dissent"),
        (
            "11月26日，西宁市城中区卫健委就老人就医受阻一事公开道歉，并对相关负责人停职调查。",
            "official_response",
        ),
        ("11月24日，呼和浩特市新城区一名女子从封控小区的楼上跳楼身亡。", "death"),
        ("11月24日晚上，乐山市沐川县通报说3个娃没了，还有5个在医院抢救。", "death"),  # colloquial: 没了
        ("11月24日，乐山市沐川县数十名村民不顾警方的警告，仍在镇政府门前拉起横幅。", "defiance"),
        ("11月24日，维权人士李某在乐山市沐川县看守所病逝，家属称此前多次申请保外就医未获批准。", "death"),
        ("11月23日，天津市河西区一名透析病人因核酸报告过期被拒收，就医受阻。", "hardship"),
    ],
)
def test_extract_zh_trigger_types(context, sentence, event_type):
    events = events_of(sentence, context)
    assert event_type in [event.type for event in events]
    event = next(event for event in events if event.type == event_type)
    assert event.date_start is not None and event.date_start.month == 11
    assert event.location.adcode is not None and event.location.geo_precision in ("admin2", "admin3")
    assert event.summary and event.summary.isascii()


@pytest.mark.parametrize(
    "sentence",
    [
        "以上事件均未见当地官方回应。",
        "多地也出现了类似的聚集。",
        "本周新增本土确诊病例120例。",
        "有专家认为，封控政策还将持续一段时间。",
        "一家人权组织呼吁当局立即释放被拘留的工人。",
        "他生前多年为村里的土地上访，曾数次被拘。",
        "每当学校附近出了事，家长们总会聚集在校门口抗议。",
    ],
)
def test_extract_zh_non_events(context, sentence):
    assert events_of("11月26日，广州市海珠区。" + sentence, context) == []


@pytest.mark.parametrize(
    "sentence, hedge",
    [
        ("据称，11月25日晚，郑州市中原区有二十多名居民被警方带走。", "alleged"),
        ("有网友反映，11月25日，郑州市中原区有居民被警方带走。", "alleged"),
        ("11月25日，郑州市中原区有居民被警方带走，具体人数无法核实。", "unverified"),
        ("11月25日，郑州市中原区有居民被警方带走。", "reported"),
    ],
)
def test_extract_zh_credibility(context, sentence, hedge):
    events = events_of(sentence, context)
    assert [event.credibility for event in events if event.type == "repression"] == [hedge]


def test_extract_zh_cited_source(context):
    text = "据希望之声报道，11月25日，郑州市中原区有居民被警方带走。"
    events = events_of(text, context)
    assert "希望之声" in events[0].cited_sources


@pytest.mark.parametrize(
    "text, tag, status, status_date",
    [
        (
            "#四月之声# 这个话题11月26日还能点进去，晚上就显示该话题已被删除了。",
            "#四月之声#",
            "removed",
            date(2022, 11, 26),
        ),
        (
            "#成都望江路# 11月26日有关成都望江路聚集的帖子陆续被删除。",
            "#成都望江路#",
            "removed",
            date(2022, 11, 26),
        ),
        (
            "#兰州疫情# 11月26日兰州市城关区居民聚集在小区门口，喊口号要求解封。",
            "#兰州疫情#",
            "unknown",
            None,
        ),
    ],
)
def test_extract_zh_hashtag_status(context, text, tag, status, status_date):
    events = events_of(text, context)
    tags = {item.tag: item for event in events for item in event.hashtags}
    assert tags[tag].status == status
    assert tags[tag].status_date == status_date


def test_extract_zh_numbers_reach_events(context):
    events = events_of("11月26日，广州市天河区186名居民聚集在街道办门前，要求解封。", context)
    protest = next(event for event in events if event.type == "protest")
    assert (protest.participants.min, protest.participants.max, protest.participants.size) == (
        186,
        186,
        "hundreds",
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("本来以为今天能出门，结果下午我们小区被封了，出不去了", ["restriction"]),
        ("隔离的第十二天，楼下还是没人来收垃圾", ["restriction"]),
        ("区文旅局通知，即日起全区图书馆、文化馆暂停开放。", ["restriction"]),
        ("经县指挥部研究，定于6月1日至2日在全县范围内开展核酸检测。", ["restriction"]),
        ("本市即日起将该区两个社区由中风险地区升级为高风险地区。", ["restriction"]),
        ("恢复开放时间另行通知。", []),
    ],
)
def test_posts_and_notices_on_places_sealed_and_venues_closed(text, expected, context):
    """A compound sealed is a restriction, not a censored account (被封); a reopening date still to be
    announced is no relaxation."""
    assert sorted({event.type for event in events_of(text, context)}) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("7月2日，警方以涉嫌违反国安法在湾仔拘捕一名男子。", "repression"),
        ("2021年7月30日，高等法院就煽动分裂国家罪判监6年半。", "repression"),
        ("7月3日，该男子在医院被正式落案起诉。", "repression"),
        ("7月1日，一名男子在湾仔驾驶电单车撞向警方防线，撞伤3名警员。", "clash"),
        ("4月20日清晨起，数百名集卡司机在宝山区停驶，抗议油价上涨。", "strike"),
        ("10月4日，特区政府订立规例，禁止市民在公众集会及游行中蒙面。", "restriction"),
    ],
)
def test_courts_police_lines_drivers_and_bans(text, expected, context):
    """Hong Kong and court wording (拘捕, 判监, 落案起诉), ramming a police line, drivers who stop driving,
    a rule that bans masks at assemblies."""
    assert expected in {event.type for event in events_of(text, context)}


def test_villagers_suing_a_company_is_no_repression(context):
    assert "repression" not in {
        event.type for event in events_of("村民们决定起诉开发商，要求赔偿损失。", context)
    }


def test_checkpoints_taken_away_by_the_authorities_are_a_relaxation(context):
    events = events_of("3月28日，黄梅县和九江市连夜宣布撤除设在大桥两端的临时防疫站点。", context)
    assert "relaxation" in {event.type for event in events}


@pytest.mark.parametrize(
    "text, present",
    [
        ("当晚，数千名工人在厂区发生骚乱，砸毁多辆汽车。", True),
        ("两名男子因涉嫌暴乱被刑事拘留。", False),  # a charge, not a clash
        ("防暴警察在工厂门口布防。", False),
    ],
)
def test_riots_are_clashes_and_riot_police_or_charges_are_not(text, present, context):
    assert ("clash" in {event.type for event in events_of(text, context)}) is present


@pytest.mark.parametrize(
    "text, event_type, present",
    [
        ("上午十时许，二十多名工人在工地外拉起横额，追讨被拖欠的工资。", "protest", True),  # HK wording
        ("援建工人从方舱医院工地撤下后，被安排到酒店隔离。", "censorship", False),  # people withdrawn
        ("该帖子已被撤下。", "censorship", True),
        ("搜救指挥部称，仍有3名失联人员正在搜寻中。", "repression", False),  # missing in a disaster
        ("维权律师周某上周起失联，家属至今不知其下落。", "repression", True),
        ("至次日凌晨，现场秩序逐步恢复正常。", "relaxation", False),  # order restored after a clash
        (
            "为恢复正常生产生活秩序，警方依法带走三人。",
            "relaxation",
            False,
        ),  # order, not a restriction lifted
        ("5月8日起，二十多名村民连续三天到工地阻工。", "protest", True),  # obstructing building work
        ("周三凌晨，区教育局发了情况通报，称已排除刑事案件。", "official_response", True),
        ("县委书记站在桥头用喇叭喊话，并承诺当晚给出说法。", "official_response", True),
        ("省长作出批示，要求彻查此事。", "official_response", True),
        ("数百名市民推开球场外的铁马进场。", "defiance", True),  # 铁马: Hong Kong's crowd barriers
        ("十余名村民刚走到信访局门口就被警察扣留。", "repression", True),
        ("他的妻子3月21日在业主微信群里发文求助。", "online_dissent", True),
        ("当晚，宿舍楼下贴出一张大字报，声援被处分的同学。", "protest", True),
        ("该通报目前已无法在区政府网站上找到。", "censorship", True),
        ("毕业后他一直无法找到工作。", "censorship", False),
        ("交警临时对滨江大道实施交通管制。", "restriction", True),
        ("双方发生拉扯，两名工人受伤。", "clash", True),
        ("三个月的生活补助也随即停发。", "hardship", True),
        ("外交部28日再对遇难者表示哀悼。", "official_response", True),
        ("网友纷纷留言表示哀悼。", "official_response", False),  # people mourning, not the state
        ("工人们上个月被扣工资两千元。", "repression", False),  # pay docked, not people held
        ("次日，派出所民警在其老家将转发视频的男子查获。", "repression", True),  # a person caught
        ("警方在仓库内查获假药两千余盒。", "repression", False),  # goods seized, not people
        ("市中级法院上月不公开开庭审理了这起案件。", "repression", True),  # a trial
        ("警方称，当晚未有拘捕任何人。", "repression", False),  # no one arrested
        ("数十名家属随后到市政府门口聚集请愿，要求放人。", "petition", False),  # a gathering: a protest
        ("村民代表当天向县人大递交了请愿书。", "petition", True),
        ("请问桥西区有没有已经解封的小区？", "relaxation", False),  # a question
        ("警察喺外面广播，但冇入嚟清场。", "repression", False),  # Cantonese 冇: did not
        ("警方没有说明是否有人被拘留。", "repression", False),
        ("次日，镇政府发布情况通报，否认有人受伤。", "official_response", True),
        ("县政府发布通报，否认有村民死亡。", "death", False),  # a death denied
        ("区政府当天发布《告居民书》，称项目已暂停。", "official_response", True),
        ("市文物局发布闭馆公告，全市博物馆暂停开放。", "official_response", False),  # a measure's notice
        ("#上海疫情防控发布会#通报：新增本土病例三例。", "official_response", False),  # a briefing's figures
        ("保安局局长当晚证实，两名男子已被拘捕。", "official_response", True),
        ("有网民发布视频质疑执法。现将有关情况说明如下：", "official_response", True),  # told, not a title
        ("经指挥部研究决定，现公告如下：", "official_response", False),  # a measure's notice follows
        ("一批编辑记者当晚宣布停工，不出下一期。", "strike", True),
        ("这是当地前所未有的一次大规模抗议。", "protest", True),  # 前所未有 'unprecedented' negates nothing
        ("副市长在发布会上表示，自己对垮塌事故负有领导责任。", "official_response", True),
        ("工人们因厂方拒付搬迁补偿而罢工。", "official_response", False),  # compensation refused, not given
        ("区政府同意先行支付每户两万元补偿。", "official_response", True),
    ],
)
def test_trigger_wordings_found_on_round_ten(text, event_type, present, context):
    assert (event_type in types_of(text, "zh", context)) is present


def test_a_post_asking_what_its_hashtag_names_reports_no_act(context):
    assert "relaxation" not in types_of("#城南解封##城南疫情#城南街道有没有解封的小区", "zh", context)


def test_a_hashtag_act_told_again_in_the_post_is_one_event(context):
    text = "#城东外卖骑手送餐身亡# 太难受了。8月14日下午，一名骑手在五华区一个小区送餐时晕倒，送医后身亡。"
    events = extract_events(Document(text=text, published=date(2023, 8, 16), language="zh"), context)
    assert [event.type for event in events].count("death") == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "11月20日，原定在市政府广场举行的悼念集会被警方以未经批准为由禁止。",
        "11月20日，深圳警方宣布禁止周日在市民中心举行游行。",
    ],
)
def test_extract_zh_a_banned_gathering_is_a_restriction_not_a_protest(context, sentence):
    types = [event.type for event in events_of(sentence, context)]
    assert "restriction" in types and "protest" not in types
