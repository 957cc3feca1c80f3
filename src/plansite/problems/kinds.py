"""Every kind of problem the checker reports, declared once.

A kind has an id (what tests and GitHub annotations show), a group and a Vietnamese title
(for the contributor guide), a message template and a fix template with named fields, and
a severity. Call sites pass the fields, never their own wording:

    problems.add(path, None, kinds.MISSING_FILE, name="plan.yaml", what="…", content="…")

Where one kind covers several situations, the fields carry the difference (a description
of the file from the data-file registry, the expected type of a field …), so the sentence
around them is written once. Examples in fields come from the plan's own data (its
agencies, places, indicators), never from code.

The contributor guide's table of error kinds is made from ``KINDS``, so it cannot drift;
``tests/site/test_guide.py`` checks that every kind declared here is used by the code and that
the code uses no other.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from plansite.vi.text import key

Severity = Literal["error", "warning"]

GROUPS = ("Tệp", "YAML", "Tham chiếu", "Mục tiêu", "Số liệu (CSV)", "Đầu tư và minh chứng (CSV)", "Nhập bảng tính")
_ID = re.compile(r"^[a-z]+(?:-[a-z]+)+$")
_RESERVED = frozenset({"self", "path", "line", "kind", "column"})


@dataclass(frozen=True)
class Kind:
    id: str
    group: str  # heading of the kind in the guide, one of GROUPS
    title: str  # what the problem means, in a sentence
    message: str  # str.format template: where and what is wrong, what was expected and found
    fix: str  # str.format template: how to fix it
    severity: Severity = "error"
    fields: frozenset[str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"problem kind id {self.id!r}: lower-case words joined by «-»")
        if self.group not in GROUPS:
            raise ValueError(f"problem kind {self.id}: unknown group {self.group!r}")
        if not (self.title and self.message and self.fix):
            raise ValueError(f"problem kind {self.id}: title, message and fix are required")
        names = {f for text in (self.message, self.fix) for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        if "" in names or any(not n.isidentifier() for n in names):
            raise ValueError(f"problem kind {self.id}: every field of a template is named")
        if names & _RESERVED:
            raise ValueError(
                f"problem kind {self.id}: fields {sorted(names & _RESERVED)} are names of Problems.add's own arguments"
            )
        object.__setattr__(self, "fields", frozenset(names))

    def render(self, **values: Any) -> tuple[str, str]:
        """(message, fix) with the fields filled in; a missing or unknown field is a bug of the caller."""
        missing = self.fields - values.keys()
        extra = values.keys() - self.fields
        if missing or extra:
            raise TypeError(f"kind {self.id}: missing fields {sorted(missing)}, unknown fields {sorted(extra)}")
        return self.message.format(**values), self.fix.format(**values)

    def guide_fix(self) -> str:
        """The fix as the guide shows it: each field as «…»."""
        return string.Formatter().vformat(self.fix, (), _Dots())


class _Dots(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "…"


KINDS: dict[str, Kind] = {}


def declare(kind: Kind) -> Kind:
    if kind.id in KINDS:
        raise ValueError(f"problem kind {kind.id} declared twice")
    KINDS[kind.id] = kind
    return kind


def by_group() -> list[tuple[str, list[Kind]]]:
    """The kinds under their group headings, in the order of GROUPS and of declaration."""
    return [(g, [k for k in KINDS.values() if k.group == g]) for g in GROUPS]


def nearest(near: str, choices: Iterable[str], n: int = 2, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` of ``choices`` closest to ``near`` by edit distance (difflib's ratio) of their folded forms:
    no diacritics, case folded, spaces squeezed, so «Doi Xanh» is next to «Đồi Xanh» and «XA-MOI» to «xa-moi»."""
    folded: dict[str, str] = {}
    for c in choices:
        if c:
            folded.setdefault(key(c), c)
    if not near.strip():
        return []
    return [folded[k] for k in difflib.get_close_matches(key(near), list(folded), n=n, cutoff=cutoff)]


def examples(choices: Iterable[str], near: str = "", n: int = 2, fallback: str = "…") -> str:
    """Up to ``n`` of ``choices`` for a hint, «quoted»: the closest to ``near`` (``nearest``) first, else the first ones.

    Hints take their examples from the plan's data through this, never from code."""
    pool = list(dict.fromkeys(c for c in choices if c))
    picks = nearest(near, pool, n)
    picks += [c for c in pool if c not in picks][: n - len(picks)]
    return ", ".join(f"«{c}»" for c in picks) or fallback


# The declarations below make this module longer than the others: they are kept in one place on
# purpose, so that every kind is declared once and the guide's table is read from here.

# --------------------------------------------------------------------------- files and encodings

MISSING_FILE = declare(
    Kind(
        "thieu-tep",
        "Tệp",
        "Thiếu một tệp bắt buộc của thư mục dữ liệu.",
        "Thiếu tệp {name} ({what}).",
        "Tạo tệp {name} trong thư mục dữ liệu, với {content}.",
    )
)
MISSING_FOLDER = declare(
    Kind(
        "thieu-thu-muc",
        "Tệp",
        "Thiếu thư mục dữ liệu hoặc thư mục progress/.",
        "Không có thư mục «{folder}» ({what}).",
        "Tạo thư mục «{folder}», hoặc chỉ đúng thư mục dữ liệu bằng tùy chọn --data hay biến môi trường PLAN_DATA_DIR "
        "(mặc định: thư mục data/ ở nơi chạy lệnh).",
    )
)
EMPTY_FILE = declare(
    Kind(
        "tep-rong",
        "Tệp",
        "Tệp (hoặc trang tính) rỗng.",
        "{where} rỗng: không có {missing}.",
        "Thêm {content}.",
    )
)
UNREADABLE = declare(
    Kind(
        "tep-khong-doc-duoc",
        "Tệp",
        "Không đọc được tệp.",
        "Không đọc được {what}: {reason}.",
        "Kiểm tra đường dẫn và quyền đọc tệp; bảng tính hỏng thì mở bằng Excel rồi lưu lại dạng .xlsx hoặc CSV UTF-8.",
    )
)
ENCODING = declare(
    Kind(
        "ma-hoa",
        "Tệp",
        "Tệp không lưu bằng mã UTF-8.",
        "Tệp không lưu bằng mã UTF-8 ({found}); chữ tiếng Việt sẽ bị sai nếu đọc tiếp.",
        "Trong Excel chọn Lưu thành → «CSV UTF-8 (Comma delimited)»; trong trình soạn thảo (Notepad …) lưu lại với mã UTF-8.",
    )
)
CONTROL_CHAR = declare(
    Kind(
        "ky-tu-dieu-khien",
        "Tệp",
        "Có ký tự điều khiển không in được (thường do dán từ phần mềm khác, hoặc tệp bị hỏng).",
        "{where} có ký tự điều khiển không in được ({char}).",
        "Xóa ký tự đó hoặc gõ lại {what}; nếu tệp bị hỏng, mở tệp gốc và lưu lại dạng văn bản UTF-8.",
    )
)
NOT_CSV = declare(
    Kind(
        "khong-phai-csv",
        "Tệp",
        "Tệp không phải CSV (ví dụ bảng tính .xlsx), hoặc không phải loại tệp lệnh nhận.",
        "{taker} chỉ nhận {expected}; tệp này là {found}.",
        "Trong Excel chọn Lưu thành → «CSV UTF-8 (Comma delimited)» (lệnh nhập nhận cả «Excel Workbook (*.xlsx)»); "
        "tệp .xlsx đưa vào bằng lệnh nhập số liệu (import).",
    )
)
NOT_A_FILE = declare(
    Kind(
        "khong-phai-tep-thuong",
        "Tệp",
        "Liên kết tượng trưng (symlink) hoặc tệp đặc biệt trong thư mục dữ liệu: không được đọc, không được công bố.",
        "«{name}» là {what}; vì an toàn, không đọc và không công bố nó.",
        "Thay liên kết bằng chính tệp (chép nội dung vào thư mục dữ liệu), hoặc xóa nó: thư mục dữ liệu chỉ chứa tệp thường.",
    )
)
FILE_TOO_LARGE = declare(
    Kind(
        "tep-qua-lon",
        "Tệp",
        "Tệp quá lớn để đọc.",
        "Tệp dài {size} (tối đa {limit}); không đọc.",
        "Kiểm tra xem có dán nhầm nội dung lớn (ảnh, bảng khác) vào tệp không; số liệu của một chỉ tiêu chỉ cần vài trăm KB.",
    )
)
BAD_UNICODE = declare(
    Kind(
        "ky-tu-khong-hop-le",
        "Tệp",
        "Có ký tự Unicode không hợp lệ (nửa cặp thay thế UTF-16, thường do chép sai một biểu tượng).",
        "Có ký tự không hợp lệ {char} (nửa cặp thay thế UTF-16, không phải chữ nào).",
        "Xóa mã thoát «\\u{code}» hoặc gõ lại chữ đó trực tiếp; biểu tượng ngoài bảng cơ bản thì ghi dạng «\\U0001F600».",
    )
)
NOT_CHECKED = declare(
    Kind(
        "chua-kiem-tra",
        "Tệp",
        "(Cảnh báo) Một phần dữ liệu chưa kiểm tra được vì tệp nó dựa vào có lỗi.",
        "Vì tệp này có lỗi, chưa kiểm tra được: {what}.",
        "Sửa các lỗi của tệp này rồi chạy lại lệnh kiểm tra; các phần trên sẽ được kiểm tra khi đó.",
        severity="warning",
    )
)
ENTRY_REFUSED = declare(
    Kind(
        "chua-kiem-tra-vi-muc-loi",
        "Tệp",
        "(Cảnh báo) Tệp chưa kiểm tra được vì mục nó thuộc về (một chỉ tiêu …) có lỗi.",
        "Chưa kiểm tra được tệp này: {what} «{id}» trong {file} có lỗi (xem các lỗi của tệp đó).",
        "Sửa các lỗi của {what} «{id}» trong {file} rồi chạy lại lệnh kiểm tra; tệp này sẽ được kiểm tra khi đó.",
        severity="warning",
    )
)
WRONG_PLACE = declare(
    Kind(
        "sai-vi-tri",
        "Tệp",
        "Tệp số liệu đặt sai thư mục.",
        "Tệp số liệu phải nằm ngay trong thư mục progress/, không trong thư mục con «{folder}».",
        "Chuyển tệp về progress/{name}.",
    )
)

# --------------------------------------------------------------------------- YAML

YAML_SYNTAX = declare(
    Kind(
        "yaml-cu-phap",
        "YAML",
        "Lỗi cú pháp YAML.",
        "Lỗi cú pháp YAML: {problem}.",
        "Kiểm tra thụt lề, dấu hai chấm sau tên trường và dấu ngoặc kép đóng mở đủ cặp ở dòng được báo; "
        "giá trị lạ (số quá dài, thẻ «!!…») thì ghi dạng chữ trong ngoặc kép.",
    )
)
YAML_TOO_DEEP = declare(
    Kind(
        "yaml-qua-sau",
        "YAML",
        "Dữ liệu lồng nhau quá nhiều cấp.",
        "Dữ liệu lồng nhau quá sâu: hơn {limit} cấp (từ dòng này).",
        "Mỗi mục chỉ lồng vài cấp như mẫu trong Hướng dẫn đóng góp; tìm các dấu «[» hoặc «{{» thừa, hoặc thụt lề sai.",
    )
)
YAML_TAB = declare(
    Kind(
        "yaml-tab",
        "YAML",
        "Thụt lề bằng phím Tab.",
        "Dòng được thụt lề bằng phím Tab; YAML chỉ chấp nhận dấu cách.",
        "Thay mỗi Tab ở đầu dòng bằng dấu cách (thường 2 dấu cách một cấp).",
    )
)
YAML_DUPLICATE_KEY = declare(
    Kind(
        "yaml-trung-khoa",
        "YAML",
        "Một trường xuất hiện hai lần trong cùng mục.",
        "Khóa «{key}» bị lặp lại (đã có ở dòng {first}).",
        "Xóa một trong hai dòng hoặc gộp nội dung lại; YAML chỉ giữ giá trị sau cùng nên dữ liệu sẽ bị mất.",
    )
)
YAML_BAD_KEY = declare(
    Kind(
        "yaml-khoa-khong-hop-le",
        "YAML",
        "Tên trường không hợp lệ.",
        "Khóa {shown} không hợp lệ: tên trường phải là chữ.",
        "Dùng tên trường dạng chữ, như trong mẫu của Hướng dẫn đóng góp.",
    )
)
MISSING_FIELD = declare(
    Kind(
        "thieu-truong",
        "YAML",
        "Thiếu trường bắt buộc, hoặc trường bắt buộc để trống.",
        "Thiếu trường «{field}» ({found}).",
        "Thêm {example} (xem mẫu trong Hướng dẫn đóng góp).",
    )
)
UNKNOWN_FIELD = declare(
    Kind(
        "truong-la",
        "YAML",
        "Trường không có trong mẫu (thường do gõ sai tên).",
        "Trường «{field}» không có trong mẫu dữ liệu; các trường có ở đây: {allowed}.",
        "Sửa chính tả tên trường (gần nhất: {closest}), hoặc xóa trường này.",
    )
)
WRONG_TYPE = declare(
    Kind(
        "sai-kieu",
        "YAML",
        "Giá trị sai kiểu (chữ, số, danh sách, khối).",
        "Trường «{field}» phải là {expected}, đang là {shown}.",
        "Ghi {example}.",
    )
)
BAD_VALUE = declare(
    Kind(
        "gia-tri-khong-hop-le",
        "YAML",
        "Giá trị không thuộc các lựa chọn cho phép, hoặc không hợp với các trường khác.",
        "Trường «{field}» có giá trị {shown} không hợp lệ: {reason}.",
        "Ghi {expected} (xem Hướng dẫn đóng góp).",
    )
)
BAD_ID = declare(
    Kind(
        "ma-khong-hop-le",
        "YAML",
        "Mã không đúng dạng.",
        "Mã {shown} ở {where} không hợp lệ.",
        "Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ {example}.",
    )
)
EMPTY_LIST = declare(
    Kind(
        "thieu-phan-tu",
        "YAML",
        "Danh sách bắt buộc đang trống.",
        "Danh sách «{field}» đang trống; cần ít nhất một phần tử.",
        "Thêm ít nhất một phần tử, mỗi phần tử một dòng bắt đầu bằng «- ».",
    )
)
OUT_OF_RANGE = declare(
    Kind(
        "ngoai-khoang",
        "YAML",
        "Số nằm ngoài khoảng cho phép.",
        "Trường «{field}» có giá trị {shown} nằm ngoài khoảng cho phép ({allowed}).",
        "Kiểm tra lại con số: {allowed}.",
    )
)
DUPLICATE_ID = declare(
    Kind(
        "trung-ma",
        "YAML",
        "Hai mục dùng cùng một mã.",
        "Mã {what} «{id}» được dùng {count} lần.",
        "Mỗi {what} cần một mã riêng: đổi mã của mục trùng, hoặc xóa mục thừa.",
    )
)

RESERVED_ID = declare(
    Kind(
        "ma-trung-ten-trang",
        "YAML",
        "Mã trùng tên một trang có sẵn của trang web (ví dụ «index»).",
        "Mã «{id}» trùng tên trang {page} của trang web: trang đó sẽ bị thay bằng trang của {what} này.",
        "Đổi mã khác, ví dụ «{example}» (và đổi theo ở mọi nơi dùng mã này).",
    )
)
DISALLOWED_MARKUP = declare(
    Kind(
        "the-html-khong-dung",
        "YAML",
        "(Cảnh báo) Trường viết bằng Markdown có thẻ HTML không được dùng; trang chỉ hiện phần chữ.",
        "Trường «{field}» (Markdown) có {tags}; trang web bỏ các thẻ này và chỉ hiện phần chữ.",
        "Chỉ dùng Markdown: **đậm**, *nghiêng*, [chữ](https://…), danh sách «- »; xóa các thẻ HTML.",
        severity="warning",
    )
)

# --------------------------------------------------------------------------- references

UNKNOWN_AGENCY = declare(
    Kind(
        "co-quan-khong-co",
        "Tham chiếu",
        "Tham chiếu tới cơ quan không có.",
        "Không có cơ quan «{value}» trong agencies.yaml.",
        "Ghi mã cơ quan có trong agencies.yaml, ví dụ {example}; trong tệp số liệu cũng được ghi đúng tên cơ quan.",
    )
)
UNKNOWN_AREA = declare(
    Kind(
        "linh-vuc-khong-co",
        "Tham chiếu",
        "Tham chiếu tới lĩnh vực không có.",
        "Không có lĩnh vực «{value}» trong areas.yaml.",
        "Dùng mã lĩnh vực có trong areas.yaml, ví dụ {example}.",
    )
)
UNKNOWN_INDICATOR = declare(
    Kind(
        "chi-tieu-khong-co",
        "Tham chiếu",
        "Tham chiếu tới chỉ tiêu không có (kể cả tên tệp số liệu và cột «Mã chỉ tiêu» của tệp nhập).",
        "Không có chỉ tiêu mã «{value}» trong indicators.yaml ({found_in}).",
        "Dùng mã chỉ tiêu có trong indicators.yaml, ví dụ {example}; tệp số liệu của chỉ tiêu tên là progress/<mã>.csv.",
    )
)
UNKNOWN_TASK = declare(
    Kind(
        "nhiem-vu-khong-co",
        "Tham chiếu",
        "Tham chiếu tới nhiệm vụ không có.",
        "Không có {what} «{value}» trong {file}.",
        "Dùng mã {what} có trong {file}, ví dụ {example}.",
    )
)
UNKNOWN_OBJECTIVE = declare(
    Kind(
        "muc-tieu-khong-co",
        "Tham chiếu",
        "Tham chiếu tới mục tiêu tổng quát không có.",
        "Không có mục tiêu tổng quát «{value}» trong plan.yaml.",
        "Dùng mã trong general_objectives của plan.yaml, ví dụ {example}.",
    )
)
UNKNOWN_ANCHOR = declare(
    Kind(
        "ma-doan-khong-co",
        "Tham chiếu",
        "Mã đoạn không có trong toàn văn.",
        "Mã đoạn «{value}» không có trong toàn văn (toan-van.md).",
        "Dùng một mã {{#…}} có trong toan-van.md (ví dụ {example}), hoặc thêm mã đó vào cuối đoạn tương ứng.",
    )
)
QUOTE_NOT_IN_TEXT = declare(
    Kind(
        "trich-dan-khong-khop",
        "Tham chiếu",
        "Lời trích không có trong đoạn văn bản mà mã đoạn chỉ tới.",
        "Lời trích «{quote}» không có trong đoạn {{#{anchor}}} (dòng {text_line} của toan-van.md).",
        "Chép đúng nguyên văn từ đoạn đó (khác biệt về dấu cách và chữ hoa, chữ thường được bỏ qua), hoặc sửa mã đoạn cho đúng đoạn chứa lời trích.",
    )
)
UNKNOWN_PLACE = declare(
    Kind(
        "dia-ban-khong-co",
        "Tham chiếu",
        "Không có đơn vị hành chính này.",
        "Không có đơn vị hành chính «{value}» trong danh mục địa bàn (places.yaml){near}.",
        "Ghi đúng tên hoặc mã đơn vị có trong places.yaml, ví dụ {example}.",
    )
)
AMBIGUOUS_PLACE = declare(
    Kind(
        "dia-ban-mo-ho",
        "Tham chiếu",
        "Tên địa bàn khớp nhiều đơn vị.",
        "«{value}» khớp nhiều đơn vị: {matches}.",
        "Ghi mã đơn vị (phần đầu của mỗi đơn vị trong danh sách), ví dụ «{example}».",
    )
)
EXPIRED_PLACE = declare(
    Kind(
        "dia-ban-het-hieu-luc",
        "Tham chiếu",
        "(Cảnh báo) Địa bàn không tồn tại trong năm của số liệu.",
        "«{place}» không tồn tại trong năm {year} (hiệu lực {start} – {end}).",
        "Kiểm tra lại năm hoặc địa bàn.",
        severity="warning",
    )
)
WRONG_LEVEL = declare(
    Kind(
        "sai-cap",
        "Tham chiếu",
        "Quan hệ cấp trên/cấp dưới sai.",
        "«{id}» ({level}) không thể trực thuộc «{parent}» ({parent_level}).",
        "Đơn vị cấp dưới trực thuộc đơn vị cấp trên, theo thứ tự các cấp khai báo ở «levels»: {order}.",
    )
)
UNSAFE_LINK = declare(
    Kind(
        "lien-ket-khong-an-toan",
        "Tham chiếu",
        "Liên kết không phải http(s) (ví dụ javascript:).",
        "Liên kết «{url}» không phải địa chỉ web http(s).",
        "Dán địa chỉ đầy đủ, bắt đầu bằng https:// hoặc http://, không có dấu cách hay dấu ngoặc kép (chép thẳng từ thanh "
        "địa chỉ của trình duyệt).",
    )
)
BAD_DATE = declare(
    Kind(
        "sai-ngay",
        "Tham chiếu",
        "Ngày không đúng dạng hoặc không hợp lý.",
        "Ngày «{value}» ({what}) {why}.",
        "Ghi ngày có thật, dạng dd/mm/yyyy (ví dụ 01/07/2021: ngày 1 tháng 7); kiểm tra lại ngày và năm liên quan.",
    )
)
FUTURE_DATE = declare(
    Kind(
        "ngay-tuong-lai",
        "Tham chiếu",
        "Ngày ở tương lai.",
        "Ngày báo cáo {value} ở tương lai (hôm nay là {today}).",
        "Kiểm tra lại ngày: số liệu chỉ được nhập khi đã được báo cáo.",
    )
)

UNKNOWN_PROGRAMME = declare(
    Kind(
        "chuong-trinh-khong-co",
        "Tham chiếu",
        "Tham chiếu tới chương trình hoặc dự án không có.",
        "Không có {what} «{value}» trong {file}.",
        "Dùng mã {what} có trong {file}, ví dụ {example}; hoặc thêm {what} đó vào {file}.",
    )
)
DONE_WITHOUT_RESULT = declare(
    Kind(
        "hoan-thanh-thieu-ket-qua",
        "Tham chiếu",
        "Nhóm nhiệm vụ được đánh giá «hoàn thành» mà chưa có kết quả cụ thể được công bố.",
        "Nhóm nhiệm vụ «{task}» được đánh giá «hoàn thành» nhưng task-updates.csv chưa có dòng loại «ket-qua» nào "
        "(nguồn đáng tin) cho nhóm này; kế hoạch, văn bản hay hội nghị không đủ để gọi là hoàn thành.",
        "Thêm vào task-updates.csv kết quả cụ thể đã được công bố (loại «ket-qua», có nguồn và liên kết), "
        "hoặc đổi tình trạng đánh giá thành «dang-thuc-hien».",
    )
)

# --------------------------------------------------------------------------- targets

TARGET_MISMATCH = declare(
    Kind(
        "chi-tieu-khong-khop",
        "Mục tiêu",
        "Năm, phép so sánh, con số, đơn vị và loại của một mục tiêu không khớp nhau.",
        "Mục tiêu năm {year} của «{indicator}»: {problem}.",
        "{fix} (xem các loại mục tiêu trong Hướng dẫn đóng góp).",
    )
)
BASE_YEAR_OUTSIDE = declare(
    Kind(
        "nam-goc-ngoai-nam-so-lieu",
        "Mục tiêu",
        "(Cảnh báo) Năm gốc của kế hoạch nằm ngoài các năm nhận số liệu: số liệu năm gốc không nhập được.",
        "Năm gốc {base} (base_year) nằm ngoài các năm nhận số liệu {start}–{end} (data_years): số liệu năm {base} "
        "không nhập được, nên mỗi mục tiêu lấy năm có số liệu sớm nhất làm gốc.",
        "Nếu kế hoạch lấy năm {base} làm gốc, sửa data_years để gồm năm đó (start: {first}); nếu không, ghi base_year "
        "đúng như kế hoạch.",
        severity="warning",
    )
)
NO_INDICATORS = declare(
    Kind(
        "chua-co-chi-tieu",
        "Mục tiêu",
        "(Cảnh báo) Kế hoạch chưa có chỉ tiêu nào: trang không có phần tình trạng các mục tiêu.",
        "Tệp không có chỉ tiêu nào (danh sách «indicators» trống).",
        "Nếu kế hoạch có mục tiêu định lượng, ghi mỗi chỉ tiêu thành một mục của «indicators» (xem Hướng dẫn đóng "
        "góp); nếu kế hoạch chỉ có nhiệm vụ, không cần sửa.",
        severity="warning",
    )
)
DUPLICATE_NAME = declare(
    Kind(
        "ten-trung",
        "Tham chiếu",
        "(Cảnh báo) Hai mục cùng loại có cùng tên: người đọc không phân biệt được chúng trong danh sách.",
        "Tên «{label}» của {what} «{id}» trùng với tên của {what} «{other}» (dòng {other_line}).",
        "Ghi tên đúng như văn bản; nếu văn bản dùng cùng một tên cho hai {what}, thêm phần phân biệt (phạm vi, đối "
        "tượng, năm) như văn bản viết.",
        severity="warning",
    )
)
DUPLICATE_TARGET = declare(
    Kind(
        "trung-chi-tieu",
        "Mục tiêu",
        "Hai mục tiêu cùng năm, cùng loại trong một chỉ tiêu.",
        "Chỉ tiêu «{indicator}» có {count} mục tiêu cùng năm {year} và cùng loại «{target_kind}».",
        "Tách thành chỉ tiêu riêng, hoặc gộp lại.",
    )
)

# --------------------------------------------------------------------------- progress CSV

CSV_SYNTAX = declare(
    Kind(
        "csv-cu-phap",
        "Số liệu (CSV)",
        "Lỗi định dạng CSV (thường do ngoặc kép).",
        "Lỗi định dạng CSV: {problem}.",
        'Kiểm tra dấu ngoặc kép: ô có dấu phân cách phải được bọc trong "…", và mỗi dấu " mở phải có dấu đóng '
        "ngay trước dấu phân cách hoặc cuối dòng.",
    )
)
UNKNOWN_COLUMN = declare(
    Kind(
        "cot-la",
        "Số liệu (CSV)",
        "Cột không có trong mẫu.",
        "Cột «{name}» không có trong mẫu; tiêu đề còn lỗi thì chưa dòng nào của tệp được đọc.",
        "Đổi tên cột cho đúng một trong: {columns}; hoặc đưa nội dung vào cột «Ghi chú».",
    )
)
DUPLICATE_COLUMN = declare(
    Kind(
        "cot-trung",
        "Số liệu (CSV)",
        "Một cột xuất hiện hai lần.",
        "Cột «{name}» xuất hiện hai lần (cột thứ {first} và cột thứ {number}).",
        "Xóa một cột.",
    )
)
UNNAMED_COLUMN = declare(
    Kind(
        "cot-khong-ten",
        "Số liệu (CSV)",
        "Cột không có tiêu đề.",
        "Cột thứ {number} không có tiêu đề.",
        "Ghi tiêu đề cho cột, hoặc xóa cột trống.",
    )
)
HEADER_NOT_FIRST = declare(
    Kind(
        "tieu-de-khong-o-dong-dau",
        "Số liệu (CSV)",
        "Dòng tiêu đề không phải dòng đầu tiên của tệp.",
        "Dòng 1 không phải dòng tiêu đề: tiêu đề cột ({columns}) nằm ở dòng {at}.",
        "Xóa {above} dòng phía trên dòng tiêu đề (tên bảng, dòng trống hay dòng «sep=…» của Excel) để tiêu đề là "
        "dòng 1, rồi lưu lại.",
    )
)
REPEATED_HEADER = declare(
    Kind(
        "dong-tieu-de-lap-lai",
        "Số liệu (CSV)",
        "Một dòng giữa tệp lặp lại dòng tiêu đề (thường do dán hai tệp vào một).",
        "Dòng này lặp lại dòng tiêu đề ({columns}), có thể do dán hai tệp vào một; dòng không được đọc.",
        "Xóa dòng này (và kiểm tra các dòng ngay dưới nó có bị trùng với phần trên không).",
    )
)
EMPTY_TRAILING_COLUMNS = declare(
    Kind(
        "cot-trong-cuoi",
        "Số liệu (CSV)",
        "(Cảnh báo) Các cột cuối bảng không có tiêu đề và không có ô nào có chữ; tệp vẫn đọc được.",
        "{count} cột cuối bảng (từ cột thứ {first}) không có tiêu đề và để trống ở mọi dòng, nên được bỏ qua.",
        "Xóa các cột trống ở cuối bảng (thường do Excel để lại khi vùng dữ liệu rộng hơn bảng) rồi lưu lại.",
        severity="warning",
    )
)
MISSING_COLUMN = declare(
    Kind(
        "thieu-cot",
        "Số liệu (CSV)",
        "Thiếu cột bắt buộc.",
        "Thiếu cột «{label}».",
        "Thêm cột «{label}»: {help}",
    )
)
EXTRA_CELLS = declare(
    Kind(
        "thua-o",
        "Số liệu (CSV)",
        "Dòng có nhiều ô hơn tiêu đề (các lỗi cột cùng dòng, nếu có, thường là hệ quả của việc này).",
        "Dòng có {cells} ô, tiêu đề có {columns}{extra} — {cause}.",
        "{fix}",
    )
)
FRACTION_FOR_PERCENT = declare(
    Kind(
        "ti-le-dang-thap-phan",
        "Số liệu (CSV)",
        "(Cảnh báo) Mọi tỉ lệ % của tệp đều từ 0 đến 1, trong khi mục tiêu lớn hơn nhiều: có thể đã ghi dạng thập phân.",
        "Mọi giá trị {where} đều từ 0 đến 1 (ví dụ «{example}»), trong khi đơn vị là % và mục tiêu của kế hoạch là "
        "{target}: có thể tỉ lệ đã được ghi dạng thập phân ({example} thay vì {times}).",
        "Nếu đúng vậy, ghi tỉ lệ từ 0 đến 100 ({times} chứ không phải {example}; trong Excel: bỏ định dạng % rồi nhân "
        "với 100); nếu số liệu đúng là dưới 1%, để nguyên.",
        severity="warning",
    )
)
EXTRA_EMPTY_CELLS = declare(
    Kind(
        "thua-o-trong",
        "Số liệu (CSV)",
        "(Cảnh báo) Dòng có nhiều ô hơn tiêu đề, các ô thừa để trống; dòng vẫn đọc được.",
        "Dòng có {cells} ô, tiêu đề có {columns}; {empty} ô thừa ở cuối dòng để trống nên được bỏ qua.",
        "Xóa các dấu phân cách thừa ở cuối dòng (thường do Excel để lại), hoặc kiểm tra xem có ô nào bị tách đôi không.",
        severity="warning",
    )
)
LONG_CELL = declare(
    Kind(
        "o-qua-dai",
        "Số liệu (CSV)",
        "Ô quá dài.",
        "Ô dài {length} ký tự (tối đa {limit}).",
        "Rút gọn nội dung, đưa chi tiết vào văn bản nguồn.",
    )
)
MISSING_YEAR = declare(
    Kind(
        "thieu-nam",
        "Số liệu (CSV)",
        "Thiếu năm.",
        "Thiếu năm của số liệu.",
        "Ghi năm 4 chữ số, trong khoảng nhận số liệu {first}–{last}.",
    )
)
BAD_YEAR = declare(
    Kind(
        "sai-nam",
        "Số liệu (CSV)",
        "Năm không đúng dạng.",
        "«{value}» không phải năm.",
        "Ghi năm 4 chữ số, trong khoảng nhận số liệu {first}–{last}.",
    )
)
YEAR_OUT_OF_RANGE = declare(
    Kind(
        "nam-ngoai-khoang",
        "Số liệu (CSV)",
        "Năm nằm ngoài khoảng nhận số liệu hoặc ở tương lai.",
        "Năm {year} nằm ngoài khoảng nhận số liệu {first}–{last}.",
        "Kiểm tra lại năm: chỉ nhận số liệu của các năm từ {first} đến {last} (khoảng theo dõi của kế hoạch, plan.yaml "
        "«data_years», và không quá năm nay); số liệu của năm chưa tới không được nhập.",
    )
)
YEARS_NOT_OPEN = declare(
    Kind(
        "chua-nhan-nam-nao",
        "Số liệu (CSV)",
        "Kế hoạch chưa nhận số liệu của năm nào: khoảng nhận số liệu bắt đầu sau năm nay.",
        "Năm {year}: kế hoạch chưa nhận số liệu của năm nào, vì khoảng nhận số liệu (plan.yaml «data_years») bắt đầu "
        "từ năm {first}, sau năm nay ({today_year}).",
        "Nếu số liệu này thuộc kế hoạch, sửa «data_years» trong plan.yaml cho đúng năm bắt đầu theo dõi; nếu không, "
        "xóa dòng này cho tới năm {first}.",
    )
)
MISSING_VALUE = declare(
    Kind(
        "thieu-gia-tri",
        "Số liệu (CSV)",
        "Thiếu giá trị.",
        "Thiếu giá trị.",
        "Ghi con số; nếu chưa có số liệu cho năm này thì xóa cả dòng.",
    )
)
NOT_A_NUMBER = declare(
    Kind(
        "khong-phai-so",
        "Số liệu (CSV)",
        "Giá trị không phải số.",
        "«{value}» không phải số.",
        "Chỉ ghi chữ số, một dấu phẩy thập phân (26,7) và không ghi chữ; nếu chưa có số liệu thì xóa dòng này.",
    )
)
AMBIGUOUS_NUMBER = declare(
    Kind(
        "so-mo-ho",
        "Số liệu (CSV)",
        "Số có thể hiểu hai cách (1.234 là một nghìn hai trăm ba mươi tư, hay một phẩy hai ba bốn?).",
        "«{value}» có thể hiểu hai cách: {whole}{frac} (hàng nghìn) hoặc {whole},{frac} (thập phân).",
        "Nếu là số nguyên, viết {whole}{frac} (không dấu chấm/phẩy); nếu là số thập phân, viết thêm chữ số 0: {whole},{frac}0.",
    )
)
NUMBER_TOO_LARGE = declare(
    Kind(
        "so-qua-lon",
        "Số liệu (CSV)",
        "Số quá lớn hoặc không hữu hạn.",
        "«{value}» quá lớn (tối đa {limit}).",
        "Kiểm tra lại con số và đơn vị tính.",
    )
)
UNIT_SIGN = declare(
    Kind(
        "sai-don-vi",
        "Số liệu (CSV)",
        "Giá trị ghi kèm dấu của một đơn vị khác đơn vị của chỉ tiêu (ví dụ «56%» khi đơn vị là «xã»).",
        "«{value}» ghi dấu «{sign}» nhưng đơn vị của chỉ tiêu là «{unit}»; con số sẽ bị hiểu sai.",
        "Ghi con số theo đơn vị «{unit}», không có dấu «{sign}»; nếu con số thật là tỉ lệ, báo cán bộ phụ trách "
        "để thêm chuỗi số liệu có đơn vị %.",
    )
)
PERCENT_OUT_OF_RANGE = declare(
    Kind(
        "phan-tram-ngoai-khoang",
        "Số liệu (CSV)",
        "Tỉ lệ phần trăm ngoài 0–100.",
        "Tỉ lệ {value} nằm ngoài 0–100%.",
        "Ghi tỉ lệ phần trăm từ 0 đến 100 (ví dụ 26,7 chứ không phải 0,267 hay 267).",
    )
)
UNKNOWN_SERIES = declare(
    Kind(
        "chuoi-khong-co",
        "Số liệu (CSV)",
        "Chuỗi số liệu không có trong chỉ tiêu.",
        "Chuỗi số liệu «{series}» không có trong chỉ tiêu «{indicator}».",
        "Dùng một trong: {choices}; hoặc để trống cho chuỗi chính.",
    )
)
MISSING_SOURCE = declare(
    Kind(
        "thieu-nguon",
        "Số liệu (CSV)",
        "Số liệu không có nguồn.",
        "Số liệu không có nguồn.",
        "Ghi tên văn bản hoặc bài viết công bố con số (ví dụ: Báo cáo số …/BC-UBND ngày …).",
    )
)
BAD_FLAG = declare(
    Kind(
        "co-khong-hop-le",
        "Số liệu (CSV)",
        "Cột Sơ bộ/Ước tính có giá trị lạ.",
        "«{value}» không hợp lệ: cột này chỉ nhận x (có) hoặc ô trống (không).",
        "Ghi x (có) hoặc để trống (không).",
    )
)
DUPLICATE_ROW = declare(
    Kind(
        "trung-dong",
        "Số liệu (CSV)",
        "Hai dòng cùng năm, địa bàn, chuỗi và phương pháp.",
        "Trùng với dòng {first}: cùng năm {year}, địa bàn «{place}», chuỗi «{series}», phương pháp «{method}».",
        "Giữ một dòng; nếu hai con số đo theo cách khác nhau, ghi rõ ở cột «Phương pháp» hoặc «Chuỗi số liệu».",
    )
)
METHOD_SPELLING = declare(
    Kind(
        "phuong-phap-viet-khac",
        "Số liệu (CSV)",
        "(Cảnh báo) Một phương pháp viết theo hai cách (khác chữ hoa, dấu hoặc khoảng trắng); dòng vẫn đọc được.",
        "Phương pháp «{method}» chỉ khác «{first}» ({where}) ở chữ hoa, dấu hoặc khoảng trắng: đã coi là cùng một "
        "phương pháp, ghi theo cách viết «{first}».",
        "Chép đúng cách viết «{first}» vào ô này. Nếu đây thật là một phương pháp khác, ghi tên khác hẳn để người đọc "
        "phân biệt được.",
        severity="warning",
    )
)

# --------------------------------------------------------------------------- investment.csv and task-updates.csv

MISSING_CELL = declare(
    Kind(
        "thieu-o",
        "Đầu tư và minh chứng (CSV)",
        "Ô bắt buộc đang để trống.",
        "Thiếu «{label}».",
        "{help}",
    )
)
BAD_CHOICE = declare(
    Kind(
        "lua-chon-khong-co",
        "Đầu tư và minh chứng (CSV)",
        "Ô chỉ nhận một trong các mã cho sẵn.",
        "«{value}» không phải lựa chọn của cột «{label}».",
        "Ghi một trong: {choices}.",
    )
)
BAD_PUBLISHED = declare(
    Kind(
        "gia-tri-khong-doc-duoc",
        "Đầu tư và minh chứng (CSV)",
        "Giá trị công bố không đọc được thành con số.",
        "Không đọc được «{value}»: {why}.",
        "Chép đúng như nguồn công bố: chữ số, dấu chấm ngăn hàng nghìn, dấu phẩy thập phân (2.428.748; 830,14), "
        "hoặc số kèm chữ như «2 tỷ 060 triệu»; từ đứng trước con số chỉ được là một trong: {qualifiers}.",
    )
)
ROW_MISMATCH = declare(
    Kind(
        "dong-khong-khop",
        "Đầu tư và minh chứng (CSV)",
        "Các ô của một dòng không khớp nhau.",
        "{problem}.",
        "{fix}.",
    )
)

# --------------------------------------------------------------------------- import of a filled template

CONFLICT = declare(
    Kind(
        "xung-dot",
        "Nhập bảng tính",
        "(Cảnh báo) Số liệu nhập khác số liệu đã có.",
        "Khác số liệu đã có ở {file}, dòng {row} ({where}): {changes}; {outcome}.",
        "Nếu số mới đúng, chạy lại lệnh nhập với --ghi-de (bản cũ vẫn còn trong lịch sử git); nếu không, sửa hoặc xóa "
        "dòng này trong tệp nhập.",
        severity="warning",
    )
)
MISSING_METHOD = declare(
    Kind(
        "nhap-thieu-phuong-phap",
        "Nhập bảng tính",
        "(Cảnh báo) Dòng nhập không ghi phương pháp: được nhập, nhưng người đọc không biết số đo theo chuẩn nào.",
        "Dòng nhập không ghi «Phương pháp»{known}.",
        "Ghi phương pháp (chuẩn hoặc cách tính) của con số{example}; dòng vẫn được nhập nếu để trống.",
        severity="warning",
    )
)
MISSING_REPORTER = declare(
    Kind(
        "nhap-thieu-co-quan",
        "Nhập bảng tính",
        "(Cảnh báo) Dòng nhập không ghi cơ quan báo cáo: được nhập, nhưng không tính là báo cáo của cơ quan nào.",
        "Dòng nhập không ghi «Cơ quan báo cáo»: con số sẽ không được tính là báo cáo của cơ quan chủ trì.",
        "Ghi mã cơ quan đã gửi số liệu, ví dụ {example}; dòng vẫn được nhập nếu để trống.",
        severity="warning",
    )
)
XLSX_REFUSED = declare(
    Kind(
        "bang-tinh-bi-tu-choi",
        "Nhập bảng tính",
        "Bảng tính không được mở vì có dấu hiệu không an toàn (quá lớn khi giải nén, nén bất thường, có khai báo DTD …).",
        "Không mở bảng tính này vì an toàn: {why}.",
        "Mở tệp bằng Excel, chép các dòng số liệu sang mẫu mới tải từ trang «Hướng dẫn đóng góp», lưu dạng .xlsx rồi "
        "gửi lại; nếu tệp do người khác gửi, hỏi lại người gửi.",
    )
)
FORMULA_NO_VALUE = declare(
    Kind(
        "cong-thuc-chua-tinh",
        "Nhập bảng tính",
        "Ô là công thức nhưng tệp không lưu giá trị đã tính của nó.",
        "Ô là công thức «{formula}» nhưng tệp không có giá trị đã tính của công thức này.",
        "Mở tệp bằng Excel rồi lưu lại (Excel tính công thức khi lưu), hoặc gõ thẳng con số thay cho công thức.",
    )
)
MERGED_CELLS = declare(
    Kind(
        "o-gop",
        "Nhập bảng tính",
        "(Cảnh báo) Ô gộp (Merge) trên nhiều dòng hay nhiều cột: giá trị của ô gộp được dùng cho mọi dòng, mọi cột của vùng gộp.",
        "Các ô {cells} được gộp thành một; giá trị «{value}» được dùng cho mọi ô của vùng gộp (dòng {first}–{last}).",
        "Nếu đúng ý, không cần sửa; nếu không, bỏ gộp (Home → Merge & Center → Unmerge Cells) rồi ghi riêng từng ô.",
        severity="warning",
    )
)
HIDDEN_ROWS = declare(
    Kind(
        "dong-an",
        "Nhập bảng tính",
        "(Cảnh báo) Bảng có dòng bị ẩn (Hide): dòng ẩn vẫn được nhập như mọi dòng khác.",
        "{count} dòng có nội dung đang bị ẩn trong Excel ({rows}); các dòng này vẫn được nhập.",
        "Nếu đúng là số liệu cần nhập, không cần sửa; nếu là dòng cũ hay dòng nháp, bỏ ẩn (chọn các dòng quanh đó → "
        "chuột phải → Unhide) rồi xóa các dòng đó.",
        severity="warning",
    )
)
OUTSIDE_TABLE = declare(
    Kind(
        "o-ngoai-bang",
        "Nhập bảng tính",
        "Có ô được ghi bên phải cột cuối của bảng (ngoài các cột của mẫu): lệnh nhập không biết đó là cột gì.",
        "Ô {cell} nằm ngoài bảng (bên phải cột cuối «{last}») mà có nội dung «{value}».",
        "Chuyển nội dung đó vào cột «Ghi chú» của dòng {row} (nếu là ghi chú), hoặc xóa ô {cell}; ô tính phụ thì đặt ở "
        "một tệp khác.",
    )
)
HIDDEN_SHEET = declare(
    Kind(
        "trang-tinh-an",
        "Nhập bảng tính",
        "Bảng tính có trang tính ẩn chứa nội dung: trang ẩn không được nhập, và không được chọn thay trang đang hiện.",
        "Trang tính «{sheet}» đang ẩn và có {rows} dòng có nội dung; trang ẩn không được nhập.",
        "Nếu là bản cũ, xóa trang tính «{sheet}»; nếu số liệu ở đó mới đúng, bỏ ẩn rồi chép các dòng sang trang «{data}».",
    )
)
EXTRA_SHEET = declare(
    Kind(
        "trang-tinh-thua",
        "Nhập bảng tính",
        "Có dòng được gõ ở một trang tính khác trang «Số liệu»: lệnh nhập không đọc trang đó.",
        "Trang tính «{sheet}» có {rows} dòng có nội dung (từ dòng {first}); lệnh nhập chỉ đọc trang «{data}».",
        "Chép các dòng đó sang trang «{data}» rồi xóa trang «{sheet}».",
    )
)
CHANGED_MEANWHILE = declare(
    Kind(
        "tep-vua-thay-doi",
        "Nhập bảng tính",
        "Tệp số liệu bị thay đổi trong lúc lệnh nhập đang chạy.",
        "Tệp vừa bị thay đổi trong lúc lệnh nhập đang chạy; không ghi gì để khỏi mất thay đổi đó.",
        "Chạy lại lệnh nhập để so với nội dung mới của tệp.",
    )
)
