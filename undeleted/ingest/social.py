"""Social-media exports → posts (which become Documents) and comments (with their IP-location labels).

Supported, by their real output columns:
- weibo-crawler (dataabc/weibo-crawler): CSV `id, bid, 正文, 头条文章url, …, 位置, 日期, 工具, 点赞数, 评论数, 转发数,
  话题, @用户, 完整日期` (+ `IP属地`/`ip` when present) and its JSON `{"user": {...}, "weibo": [{id, bid, text,
  created_at, topics, location, ...}]}`; comments with `id, weibo_id, text, created_at` and an IP label column.
- weibospider: dataabc/weiboSpider CSV `微博id, 微博正文, 头条文章url, 原始图片url, 微博视频url, 发布位置, 发布时间,
  发布工具, 点赞数, 转发数, 评论数`; dataabc/weibo-search CSV `id, bid, user_id, 用户昵称, 微博正文, …, 话题, …,
  发布时间, …, ip`; nghuyong/WeiboSpider JSONL tweets `{_id, mblogid, created_at, ip_location, content, url,
  user: {nick_name}}` and comments `{_id, created_at, ip_location, content, comment_user}`.
- generic: CSV or JSONL posts `post_id, url, author, text, published, hashtags, ip_location` (optional
  `platform`) and comments `comment_id, post_id, text, published, ip_location`.

Problems (missing columns, broken rows, unreadable dates) are BadInput naming file and row; the rest is read.
Files are read as `run` reads reports: within ingest/limits.py's bounds (bytes per line, per decompressed stream,
the decompression-ratio guard), .gz and .zst alike, one file's failure ending that file alone.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Literal

import zstandard

from undeleted.errors import BadInput
from undeleted.ingest.decode import decode, guess_encoding, normalize_text
from undeleted.ingest.limits import LIMITS, bounded_lines, size_text
from undeleted.ingest.streams import COMPRESSED, describe, open_binary, stream_problem
from undeleted.models import Document
from undeleted.text.lang import detect_language

Format = Literal["auto", "weibo-crawler", "weibospider", "generic"]
KINDS = (".csv", ".jsonl", ".json")
HEAD = 1 << 20  # bytes a CSV export's encoding is judged from
JSON_BYTES = 64 << 20  # a .json export is parsed whole: larger ones are refused (JSON lines stream)
Kind = Literal["post", "comment"]
Columns = dict[str, tuple[str, ...]]

POST_COLUMNS: dict[str, Columns] = {
    "weibo-crawler": {
        "post_id": ("id",),
        "bid": ("bid",),
        "text": ("正文", "text"),
        "published": ("完整日期", "full_created_at", "日期", "created_at"),
        "hashtags": ("话题", "topics"),
        "location": ("位置", "location"),
        "ip_location": ("IP属地", "ip属地", "ip", "ip_location", "region_name"),
        "author": ("screen_name", "用户昵称"),
        "user_id": ("user_id",),
    },
    "weibospider": {
        "post_id": ("微博id", "id", "_id", "mid"),
        "bid": ("bid", "mblogid"),
        "text": ("微博正文", "content"),
        "published": ("发布时间", "created_at"),
        "hashtags": ("话题",),
        "location": ("发布位置", "geo"),
        "ip_location": ("ip", "IP属地", "ip_location"),
        "author": ("用户昵称", "user.nick_name"),
        "user_id": ("user_id", "user._id"),
        "url": ("帖子链接", "url"),
    },
    "generic": {
        "post_id": ("post_id",),
        "url": ("url",),
        "author": ("author",),
        "text": ("text",),
        "published": ("published",),
        "hashtags": ("hashtags",),
        "ip_location": ("ip_location",),
        "platform": ("platform",),
    },
}
COMMENT_COLUMNS: dict[str, Columns] = {
    "weibo-crawler": {
        "comment_id": ("id",),
        "post_id": ("weibo_id",),
        "text": ("text",),
        "published": ("created_at",),
        "ip_location": ("ip_location", "IP属地", "source"),
    },
    "weibospider": {
        "comment_id": ("_id", "评论id", "评论ID"),
        "post_id": ("weibo_id", "mid", "post_id", "微博id"),
        "text": ("content", "评论内容"),
        "published": ("created_at", "评论时间"),
        "ip_location": ("ip_location", "IP属地"),
    },
    "generic": {
        "comment_id": ("comment_id",),
        "post_id": ("post_id",),
        "text": ("text",),
        "published": ("published",),
        "ip_location": ("ip_location",),
    },
}
REQUIRED: dict[Kind, tuple[str, ...]] = {
    "post": ("post_id", "text"),
    "comment": ("comment_id", "text", "ip_location"),
}
COMMENT_MARKERS = ("comment_id", "comment_user", "like_counts", "评论内容", "评论id", "评论ID", "weibo_id")
HASHTAG = re.compile(r"#([^#\n]{1,60})#")
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日",
    "%a %b %d %H:%M:%S %z %Y",
)


@dataclass(frozen=True)
class SocialPost:
    post_id: str
    text: str
    platform: str = "Weibo"
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    hashtags: tuple[str, ...] = ()
    ip_location: str | None = None
    location: str | None = None
    source: str = ""  # file:line it came from


@dataclass(frozen=True)
class SocialComment:
    comment_id: str
    post_id: str
    text: str
    ip_location: str | None
    published: datetime | None = None
    source: str = ""


Item = SocialPost | SocialComment | BadInput


@dataclass
class SocialImport:
    """What a batch of exports held; `problems` name file and row."""

    posts: list[SocialPost] = field(default_factory=list)
    comments: list[SocialComment] = field(default_factory=list)
    problems: list[BadInput] = field(default_factory=list)

    def extend(self, items: Iterable[Item]) -> None:
        for item in items:
            if isinstance(item, SocialPost):
                self.posts.append(item)
            elif isinstance(item, SocialComment):
                self.comments.append(item)
            else:
                self.problems.append(item)


def read_social(paths: Iterable[Path], format: Format = "auto", post_id: str | None = None) -> SocialImport:
    """Read every export file (CSV, JSON, JSONL, each also .gz or .zst; folders recursively). `post_id` fills
    comments that lack one. Files are read within the bounds of `run`'s readers (ingest/limits.py): any
    failure ends that file alone, as one problem naming it, and what it held before is kept."""
    result = SocialImport()
    for path in social_files(paths, result):
        bad = 0
        try:
            for item in read_social_file(path, format, post_id):
                bad += isinstance(item, BadInput)
                if bad > LIMITS.bad_lines:
                    result.problems.append(
                        BadInput(
                            f"{path}: over {LIMITS.bad_lines:,} unreadable rows (the limit per file); "
                            "the rest is skipped"
                        )
                    )
                    break
                result.extend([item])
        except BadInput as problem:
            result.problems.append(problem)
        except (EOFError, OSError, ValueError, zlib.error, zstandard.ZstdError) as problem:
            result.problems.append(stream_problem(str(path), problem))
        except Exception as problem:  # (the batch goes on)
            result.problems.append(BadInput(f"{path}: cannot read ({describe(problem)})"))
    return result


def read_social_file(path: Path, format: Format, post_id: str | None) -> Iterator[Item]:
    where = str(path)
    kind = export_kind(path)
    if kind == ".csv":
        with open_binary(path) as stream:
            encoding = guess_encoding(stream.read(HEAD), where)
        with open_binary(path) as stream:
            yield from read_csv(
                io.TextIOWrapper(stream, encoding=encoding, newline=""), where, format, post_id
            )
    elif kind == ".jsonl":
        with open_binary(path) as stream:
            yield from read_jsonl(stream, where, format, post_id)
    else:
        with open_binary(path) as stream:
            data = stream.read(JSON_BYTES + 1)
        if len(data) > JSON_BYTES:
            raise BadInput(
                f"{where}: over the {size_text(JSON_BYTES)} limit for a .json export (read whole); "
                "give it as JSON lines (.jsonl), one record a line"
            )
        yield from read_json(decode(data, where).lstrip("\ufeff"), where, format, post_id)


def export_kind(path: Path) -> str:
    """.csv, .json or .jsonl: the file's kind under its compression suffix (or '' when none of them)."""
    name = path.name.lower()
    for compression in ("", *COMPRESSED):
        for kind in KINDS:
            if name.endswith(kind + compression) and len(name) > len(kind + compression):
                return kind
    return ""


def social_files(paths: Iterable[Path], result: SocialImport) -> Iterator[Path]:
    for path in map(Path, paths):
        if path.is_dir():
            yield from (child for child in sorted(path.rglob("*")) if child.is_file() and export_kind(child))
        elif not path.exists():
            result.problems.append(BadInput(f"{path}: no such file or folder"))
        elif not export_kind(path):
            result.problems.append(
                BadInput(
                    f"{path}: unsupported file type (expected .csv, .json or .jsonl, each may be .gz or .zst)"
                )
            )
        else:
            yield path


def read_csv(text: IO[str], where: str, format: Format, post_id: str | None) -> Iterator[Item]:
    problems: list[BadInput] = []
    reader = csv.reader(bounded_text_lines(text, where, problems))
    try:
        header = [name.strip().lstrip("\ufeff") for name in next(reader)]
    except StopIteration:
        yield BadInput(f"{where}: empty file")
        return
    except csv.Error as problem:
        yield BadInput(f"{where}:1: broken header ({problem})")
        return
    kind = kind_of(header)
    chosen = choose_format(header, kind, format)
    missing = [name for name in REQUIRED[kind] if not pick_column(header, columns_of(kind, chosen)[name])]
    if kind == "comment" and post_id is None and not pick_column(header, columns_of(kind, chosen)["post_id"]):
        missing.append("post_id")
    if missing:
        yield BadInput(
            f"{where}:1: missing column(s) {', '.join(missing)} for {chosen} {kind}s "
            f"(header: {', '.join(header)}); file skipped"
        )
        return
    line = 1
    while True:
        try:
            values: list[str] | csv.Error | None = next(reader)
        except StopIteration:
            values = None
        except csv.Error as problem:
            values = problem
        yield from problems  # lines too long, read past meanwhile
        problems.clear()
        if values is None:
            return
        if isinstance(values, csv.Error):
            yield BadInput(f"{where}:{reader.line_num}: broken row ({values})")
            continue
        start, line = line + 1, reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            yield BadInput(
                f"{where}:{start}: broken row ({len(values)} fields, header has {len(header)}); row skipped"
            )
            continue
        yield make_item(dict(zip(header, values)), kind, chosen, f"{where}:{start}", post_id)


def bounded_text_lines(text: IO[str], where: str, problems: list[BadInput]) -> Iterator[str]:
    """The lines of a text stream with their newlines, each read within LIMITS.line_bytes characters; a
    longer one is read past in pieces, noted in `problems` and given as an empty line (so rows keep their
    numbers)."""
    limit = LIMITS.line_bytes
    number = 0
    while line := text.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(("\n", "\r")):
            while (rest := text.readline(limit + 1)) and not rest.endswith(("\n", "\r")):
                pass
            problems.append(
                BadInput(f"{where}:{number}: line longer than the {size_text(limit)} limit per line; skipped")
            )
            line = "\n"
        yield line


def read_jsonl(stream: IO[bytes], where: str, format: Format, post_id: str | None) -> Iterator[Item]:
    for number, line in bounded_lines(stream, where):
        if isinstance(line, BadInput):
            yield line
            continue
        try:
            record = load_line(line, f"{where}:{number}")
        except BadInput as problem:
            yield problem
            continue
        yield from read_record(record, f"{where}:{number}", format, post_id)


def load_line(line: bytes, where: str) -> Any:
    """One JSON line (UTF-8, else the encoding `decode` finds); BadInput naming the row when unreadable."""
    try:
        try:
            return json.loads(line)
        except UnicodeDecodeError:
            return json.loads(decode(line, where))  # an export saved as GB18030 or Big5
    except json.JSONDecodeError as problem:
        raise BadInput(f"{where}: broken JSON line ({problem.msg}); row skipped") from None
    except RecursionError:
        raise BadInput(f"{where}: JSON nested too deeply to read; row skipped") from None


def read_json(
    text: str, where: str, format: Format, post_id: str | None
) -> Iterator[SocialPost | SocialComment | BadInput]:
    """A JSON file: weibo-crawler's {"user", "weibo": [...]}, or a list of post/comment objects."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as problem:
        yield BadInput(f"{where}:{problem.lineno}: broken JSON ({problem.msg}); file skipped")
        return
    except RecursionError:
        yield BadInput(f"{where}: JSON nested too deeply to read; file skipped")
        return
    user = data.get("user", {}) if isinstance(data, dict) else {}
    records = data.get("weibo", data.get("posts", data.get("comments"))) if isinstance(data, dict) else data
    if not isinstance(records, list):
        yield BadInput(f"{where}: expected a list of records or an object with 'weibo'/'posts'/'comments'")
        return
    for number, record in enumerate(records, start=1):
        if isinstance(record, dict) and isinstance(user, dict) and user.get("screen_name"):
            record = {"screen_name": user["screen_name"], "user_id": user.get("id"), **record}
        yield from read_record(record, f"{where}#{number}", format, post_id)


def read_record(
    record: Any, where: str, format: Format, post_id: str | None
) -> Iterator[SocialPost | SocialComment | BadInput]:
    if not isinstance(record, dict):
        yield BadInput(f"{where}: expected a JSON object, got {type(record).__name__}; row skipped")
        return
    try:
        flat = flatten(record)
    except RecursionError:
        yield BadInput(f"{where}: JSON nested too deeply to read; row skipped")
        return
    kind = kind_of(list(flat))
    chosen = choose_format(list(flat), kind, format)
    missing = [name for name in REQUIRED[kind] if not pick_column(list(flat), columns_of(kind, chosen)[name])]
    if missing:
        yield BadInput(f"{where}: missing field(s) {', '.join(missing)} for {chosen} {kind}s; row skipped")
        return
    yield make_item(flat, kind, chosen, where, post_id)


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Nested objects become dotted keys (user.nick_name); lists are joined with commas."""
    flat: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = ",".join(str(item) for item in value)
        elif value is not None:
            flat[name] = str(value)
    return flat


def kind_of(columns: list[str]) -> Kind:
    names = set(columns)
    return (
        "comment"
        if any(marker in names for marker in COMMENT_MARKERS)
        or any(n.startswith("comment_user") for n in names)
        else "post"
    )


def columns_of(kind: Kind, format: str) -> Columns:
    table = POST_COLUMNS if kind == "post" else COMMENT_COLUMNS
    if format != "auto":
        return table[format]
    merged: dict[str, tuple[str, ...]] = {}
    for columns in table.values():
        for name, aliases in columns.items():
            merged[name] = merged.get(name, ()) + tuple(a for a in aliases if a not in merged.get(name, ()))
    return merged


def choose_format(columns: list[str], kind: Kind, format: Format) -> str:
    """The named format, or for auto the first format whose required columns are all present."""
    if format != "auto":
        return format
    table = POST_COLUMNS if kind == "post" else COMMENT_COLUMNS
    for name in ("generic", "weibo-crawler", "weibospider"):
        if all(pick_column(columns, table[name][need]) for need in REQUIRED[kind] if need in table[name]):
            return name
    return "auto"


def pick_column(columns: Iterable[str], aliases: tuple[str, ...]) -> str | None:
    present = set(columns)
    return next((alias for alias in aliases if alias in present), None)


def make_item(
    row: Mapping[str, str], kind: Kind, format: str, where: str, post_id: str | None
) -> SocialPost | SocialComment | BadInput:
    columns = columns_of(kind, format)

    def value(name: str) -> str | None:
        column = pick_column(row, columns.get(name, ()))
        text = (row.get(column) or "").strip() if column else ""
        return text or None

    text = normalize_text(value("text") or "")
    if not text:
        return BadInput(f"{where}: empty text; row skipped")
    try:
        published = parse_time(value("published"))
    except ValueError:
        return BadInput(f"{where}: date '{value('published')}' not understood; row skipped")
    if kind == "comment":
        parent = value("post_id") or post_id
        if not parent or not value("comment_id"):
            return BadInput(
                f"{where}: comment without {'post id (pass --post-id)' if not parent else 'id'}; row skipped"
            )
        return SocialComment(
            clean_id(value("comment_id")), clean_id(parent), text, value("ip_location"), published, where
        )
    identifier = clean_id(value("post_id"))
    if not identifier:
        return BadInput(f"{where}: post without id; row skipped")
    return SocialPost(
        post_id=identifier,
        text=text,
        platform=value("platform") or "Weibo",
        url=value("url") or weibo_url(identifier, value("bid"), value("user_id")),
        author=value("author"),
        published=published,
        hashtags=tuple(
            dict.fromkeys(
                [*split_hashtags(value("hashtags")), *(f"#{t.strip()}#" for t in HASHTAG.findall(text))]
            )
        ),
        ip_location=value("ip_location"),
        location=value("location"),
        source=where,
    )


def clean_id(raw: str | None) -> str:
    """Ids as text: weibo-search prefixes a tab, spreadsheets add '.0'."""
    text = (raw or "").strip()
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def weibo_url(post_id: str, bid: str | None, user_id: str | None) -> str | None:
    if bid and user_id:
        return f"https://weibo.com/{clean_id(user_id)}/{bid}"
    return f"https://m.weibo.cn/detail/{post_id}" if post_id.isdigit() else None


def split_hashtags(raw: str | None) -> list[str]:
    """'话题' cells ('a,b'), generic cells ('#a# #b#', 'a|b', '#a, #b') → ['#a#', '#b#']."""
    if not raw:
        return []
    parts = re.split(r"[,，|;；\s]+|#\s*#", raw)
    return [f"#{part.strip('#').strip()}#" for part in parts if part.strip("# ")]


def parse_time(raw: str | None) -> datetime | None:
    """Common export date forms; a bare number is a Unix timestamp. Raises ValueError when not understood."""
    if raw is None:
        return None
    text = raw.strip()
    if re.fullmatch(r"\d{10}(?:\.\d+)?", text):
        return datetime.fromtimestamp(float(text))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise ValueError(text)


def post_document(post: SocialPost) -> Document:
    """The post as a report: its text with every hashtag present, dated by publication."""
    missing = [tag for tag in post.hashtags if tag not in post.text]
    text = post.text + ("\n" + " ".join(missing) if missing else "")
    day: date | None = post.published.date() if post.published else None
    return Document(
        url=post.url,
        title=f"{post.platform} post by {post.author}"
        if post.author
        else f"{post.platform} post {post.post_id}",
        outlet=post.platform,
        published=day,
        date_source="metadata" if day else "unknown",
        language=detect_language(text),
        text=text,
    )
