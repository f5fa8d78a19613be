"""Wider wordings of dissent, state acts and harms found missing on held-out reports: roads and
gates blocked with any object, shouting from windows, tear gas and pushing back, barriers pulled down
whatever their colour, clips that spread, areas put under control, lockdowns that continue, rules on tests
dropped, compounds unsealed, posts gone from platforms, people dragged into vans, food run short, and
promises by officials or employers. Every sentence here is new, not taken from any report."""

import pytest

from undeleted.extract import ExtractContext
from undeleted.extract.events import detect_mentions
from undeleted.text.sentences import split_sentences


def types_of(text: str, context: ExtractContext) -> set[str]:
    return {mention.type for mention in detect_mentions(split_sentences(text, "en"), context.lexicons["en"])}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Farmers blocked a county road with tractors on Friday to oppose the land seizure.", "protest"),
        ("On Friday the Liaison Office said the killing was absolutely unacceptable.", "official_response"),
        (
            "Villagers put the cross back up on the church roof on Sunday, defying the demolition order.",
            "defiance",
        ),
        ("The city government strongly condemned the attack on the clinic on Monday.", "official_response"),
        (
            "The pastor was taken from his home in Dali early on Sunday by plain-clothes officers.",
            "repression",
        ),
        ("Two officers snatched Liu from her flat and she is now held on suspicion of fraud.", "repression"),
        ("About fifty parents were blocking the school gate when the headmaster arrived.", "protest"),
        ("Tenants banged pots and yelled from their balconies for two hours on Saturday night.", "protest"),
        ("Riot officers fired tear gas at the crowd outside the township office.", "clash"),
        ("Security guards were seen pushing villagers back from the factory gate.", "clash"),
        ("The crowd pressed against a line of officers in white suits.", "clash"),
        (
            "Students pulled down the tall green plastic barriers around their dormitory on Tuesday.",
            "defiance",
        ),
        ("Several families forced their way past the checkpoint at the bridge.", "defiance"),
        ("Workers leaned on the side door of the dormitory until it gave way.", "defiance"),
        (
            "Photos of the empty shelves spread rapidly across Chinese social media on Sunday.",
            "online_dissent",
        ),
        ("The township was put under closed management on 3 March.", "restriction"),
        ("The county said the controls would remain in place until further notice.", "restriction"),
        ("The port city extended its lockdown by another week on Thursday.", "restriction"),
        ("Two neighbouring counties imposed tighter curbs on Monday.", "restriction"),
        (
            "Provincial officials ordered every one of the 3 million people living in the prefecture to stay indoors.",
            "restriction",
        ),
        ("Guangzhou stopped requiring negative test results for entry to parks on Wednesday.", "relaxation"),
        ("The district said low-risk buildings would be unsealed from Friday.", "relaxation"),
        ("The city said it would reopen restaurants and gyms next week.", "relaxation"),
        ("By the evening the livestream was gone from Bilibili.", "censorship"),
        ("One clip shows a woman being bundled into a police car.", "repression"),
        ("A young man was pinned to the ground by three officers.", "repression"),
        ("Families in the village said they had run short of medicine.", "hardship"),
        ("Residents of the estate said they had received no deliveries for nine days.", "hardship"),
        ("The provincial governor urged the workers to return to their dormitories.", "official_response"),
        ("The employer said it would pay the wages owed by the end of the week.", "official_response"),
        (
            "The labour bureau said migrant workers could now apply for travel permits online.",
            "official_response",
        ),
        (
            "The provincial discipline commission said it would send an inspection team to the county.",
            "official_response",
        ),
        ("Hundreds of workers rioted at the shoe plant on Friday, overturning two cars.", "clash"),
        ("Riots broke out at the steel works after wages went unpaid for months.", "clash"),
        ("The activist was held for two weeks without charge in Nanning.", "repression"),
        ("On 3 May his mother went to the county public security bureau to demand his release.", "petition"),
        ("The same day, city officials denied rumours that the market had been sealed.", "official_response"),
        ("A general strike on Monday paralysed transport across the city.", "strike"),
        ("Weibo searches for the clash were restricted on Sunday.", "censorship"),
        ("The premier ordered an all-out search for the missing miners.", "official_response"),
        ("The ministry sent a working group to the site the same night.", "official_response"),
        ("The county party secretary and the mayor had been removed from their posts.", "official_response"),
        (
            "On 3 May she posted a video on YouTube describing how she was beaten in custody.",
            "online_dissent",
        ),
        (
            "About 30 cleaners owed two months' pay walked onto the road by the depot and held up traffic.",
            "protest",
        ),
    ],
)
def test_extract_wider_wordings(sentence, expected, context):
    assert expected in types_of(sentence, context)


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("The new bridge will be opened to traffic next spring.", "relaxation"),
        ("Prices of vegetables rose sharply in the market last year.", "hardship"),
        ("The company said its profits rose in the third quarter.", "official_response"),
        ("Rights groups condemned the sentences as an attack on free speech.", "official_response"),
        ("There were no arrests at the factory gate on Monday, a worker said.", "repression"),
        ("Anti-riot police lined the road outside the plant.", "clash"),
        ("A press conference was held in the county town on Friday.", "repression"),
        ("Unions said a general strike would be called if talks failed.", "strike"),
        ("Coal trucks crossed the pastures for weeks, killing livestock.", "death"),  # animals, not people
        ("Riot police were stationed at the gate all week.", "clash"),
        ("Two men were later charged with rioting.", "clash"),
    ],
)
def test_extract_wider_wordings_stay_narrow(sentence, absent, context):
    assert absent not in types_of(sentence, context)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"Nobody came for three days," a nurse wrote in a WeChat post that was shared tens of thousands of times '
            "before it was deleted.",
            {"online_dissent", "censorship"},
        ),
        (
            "“We are not criminals,” said one driver, whose video of the stoppage spread quickly on Douyin on Monday.",
            {"online_dissent"},
        ),
    ],
)
def test_extract_sentence_opening_with_a_quote_reports_after_it(text, expected, context):
    assert expected <= types_of(text, context)


def test_extract_short_quoted_sentence_stays_quiet(context):
    assert types_of('"They arrested my brother," she said.', context) == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Sanitation workers in a county seat protest unpaid wages outside the town hall", "protest"),
        ("Delivery riders at a logistics park in Wuxi demand three months of back pay", "protest"),
        ("Two labourers threaten to jump from a crane until the contractor pays them", "protest"),
        ("Kitchen staff at a hotel staged a two-day stoppage over cuts to their meal allowance.", "strike"),
        ("Crane operators strike for back pay at a stalled housing project", "strike"),
        ("Workers at a tile factory block the gate over unpaid wages, several beaten", "repression"),
    ],
)
def test_headline_and_bulletin_verbs(sentence, expected, context):
    """Strike maps and monitors write in the present tense with the group as subject."""
    assert expected in types_of(sentence, context)


@pytest.mark.parametrize(
    "sentence",
    [
        "The workers' protest was the third this year, the union said.",
        "Teachers said the strike had made them late for class.",
        "Their demands for back pay were rejected in a statement.",
    ],
)
def test_a_group_named_beside_the_noun_is_no_headline_verb(sentence, context):
    assert not {"protest", "strike"} & types_of(sentence, context)
