"""Every kind of problem the checker reports, with what it means and how to fix it.

The contributor guide renders this table; a test fails when the code reports a
kind that is not listed here.
"""

from __future__ import annotations

KINDS: dict[str, tuple[str, str]] = {
    # files and encodings
    "thieu-tep": ("Thiếu một tệp bắt buộc.", "Tạo tệp theo mẫu trong hướng dẫn."),
    "thieu-thu-muc": ("Thiếu thư mục dữ liệu hoặc thư mục progress/.", "Tạo thư mục, hoặc đặt PLAN_DATA_DIR đúng chỗ."),
    "tep-rong": ("Tệp rỗng.", "Thêm dòng tiêu đề (CSV) hoặc nội dung theo mẫu (YAML)."),
    "tep-khong-doc-duoc": ("Không đọc được tệp.", "Kiểm tra quyền đọc tệp."),
    "ma-hoa": ("Tệp không lưu bằng mã UTF-8.", "Excel: Lưu thành → «CSV UTF-8 (Comma delimited)»."),
    "ky-tu-dieu-khien": ("Có ký tự điều khiển không in được (thường do dán từ phần mềm khác).", "Gõ lại ô đó."),
    "khong-phai-csv": ("Tệp không phải CSV (ví dụ tệp .xlsx).", "Lưu thành CSV UTF-8, hoặc dùng lệnh «import»."),
    "sai-vi-tri": ("Tệp đặt sai thư mục.", "Đặt tệp số liệu ngay trong progress/."),
    # YAML
    "yaml-cu-phap": ("Lỗi cú pháp YAML.", "Kiểm tra thụt lề, dấu hai chấm, ngoặc kép ở dòng được báo."),
    "yaml-tab": ("Thụt lề bằng phím Tab.", "Thay Tab bằng dấu cách."),
    "yaml-trung-khoa": ("Một trường xuất hiện hai lần trong cùng mục.", "Xóa hoặc gộp một dòng."),
    "yaml-khoa-khong-hop-le": ("Tên trường không hợp lệ.", "Dùng tên trường dạng chữ."),
    "thieu-truong": ("Thiếu trường bắt buộc.", "Thêm trường được nêu."),
    "truong-la": ("Trường không có trong mẫu (thường do gõ sai tên).", "Sửa chính tả hoặc xóa trường."),
    "sai-kieu": ("Giá trị sai kiểu (chữ/số/danh sách).", "Ghi đúng kiểu được nêu."),
    "gia-tri-khong-hop-le": ("Giá trị không thuộc các lựa chọn cho phép.", "Chọn một giá trị trong danh sách được nêu."),
    "ma-khong-hop-le": ("Mã không đúng dạng.", "Mã gồm chữ thường không dấu, số, gạch ngang: «ma-chi-tieu-2025»."),
    "thieu-phan-tu": ("Danh sách bắt buộc đang trống.", "Thêm ít nhất một phần tử."),
    "ngoai-khoang": ("Số nằm ngoài khoảng cho phép.", "Kiểm tra lại con số."),
    "trung-ma": ("Hai mục dùng cùng một mã.", "Đổi mã của một mục."),
    # references
    "co-quan-khong-co": ("Tham chiếu tới cơ quan không có.", "Dùng mã hoặc tên cơ quan trong agencies.yaml."),
    "linh-vuc-khong-co": ("Tham chiếu tới lĩnh vực không có.", "Dùng mã trong areas.yaml."),
    "chi-tieu-khong-co": ("Tham chiếu tới chỉ tiêu không có (kể cả tên tệp số liệu).", "Dùng mã trong indicators.yaml."),
    "nhiem-vu-khong-co": ("Tham chiếu tới nhiệm vụ không có.", "Dùng mã trong tasks.yaml hoặc duties của agencies.yaml."),
    "muc-tieu-khong-co": ("Tham chiếu tới mục tiêu tổng quát không có.", "Dùng mã trong plan.yaml."),
    "ma-doan-khong-co": ("Mã đoạn không có trong toàn văn.", "Dùng mã {#…} có trong toan-van.md."),
    "dia-ban-khong-co": ("Không có đơn vị hành chính này.", "Ghi đúng tên hoặc mã trong places.yaml."),
    "dia-ban-mo-ho": ("Tên địa bàn khớp nhiều đơn vị.", "Ghi mã đơn vị."),
    "dia-ban-het-hieu-luc": ("(Cảnh báo) Địa bàn không tồn tại trong năm của số liệu.", "Kiểm tra năm hoặc địa bàn."),
    "sai-cap": ("Quan hệ cấp trên/cấp dưới sai.", "Xã thuộc huyện; huyện thuộc tỉnh."),
    "lien-ket-khong-an-toan": ("Liên kết không phải http(s) (ví dụ javascript:).", "Dán địa chỉ web bắt đầu bằng https://."),
    "sai-ngay": ("Ngày không đúng dạng hoặc không hợp lý.", "Ghi dd/mm/yyyy, ví dụ 15/12/2024."),
    "ngay-tuong-lai": ("Ngày ở tương lai.", "Kiểm tra lại ngày."),
    # targets
    "chi-tieu-khong-khop": ("Phép so sánh, đơn vị và loại mục tiêu không khớp nhau.", "Sửa theo gợi ý trong thông báo."),
    "trung-chi-tieu": ("Hai mục tiêu cùng năm, cùng loại trong một chỉ tiêu.", "Tách thành chỉ tiêu riêng."),
    # CSV
    "csv-cu-phap": ("Lỗi định dạng CSV (thường do ngoặc kép).", 'Ô có dấu phẩy phải được bọc trong "…".'),
    "cot-la": ("Cột không có trong mẫu.", "Đổi tên cột cho đúng mẫu hoặc đưa vào «Ghi chú»."),
    "cot-trung": ("Một cột xuất hiện hai lần.", "Xóa một cột."),
    "cot-khong-ten": ("Cột không có tiêu đề.", "Ghi tiêu đề hoặc xóa cột trống."),
    "thieu-cot": ("Thiếu cột bắt buộc.", "Thêm cột được nêu."),
    "thua-o": ("Dòng có nhiều ô hơn tiêu đề.", 'Bọc ô có dấu phẩy trong "…" hoặc xóa ô thừa.'),
    "o-qua-dai": ("Ô quá dài.", "Rút gọn nội dung."),
    "thieu-nam": ("Thiếu năm.", "Ghi năm 4 chữ số."),
    "sai-nam": ("Năm không đúng dạng.", "Ghi năm 4 chữ số."),
    "nam-ngoai-khoang": ("Năm nằm ngoài khoảng nhận số liệu hoặc ở tương lai.", "Kiểm tra lại năm."),
    "thieu-gia-tri": ("Thiếu giá trị.", "Ghi con số, hoặc xóa dòng nếu chưa có số liệu."),
    "khong-phai-so": ("Giá trị không phải số.", "Chỉ ghi chữ số và dấu phẩy thập phân: 26,7."),
    "so-mo-ho": ("Số có thể hiểu hai cách (1.234 hoặc 1,234).", "Viết 1234 (số nguyên) hoặc 1,2340 (thập phân)."),
    "so-qua-lon": ("Số quá lớn hoặc không hữu hạn.", "Kiểm tra con số và đơn vị."),
    "phan-tram-ngoai-khoang": ("Tỉ lệ phần trăm ngoài 0–100.", "Ghi 26,7 (không phải 0,267)."),
    "chuoi-khong-co": ("Chuỗi số liệu không có trong chỉ tiêu.", "Dùng mã chuỗi được nêu, hoặc để trống."),
    "thieu-nguon": ("Số liệu không có nguồn.", "Ghi tên văn bản hoặc bài viết công bố con số."),
    "co-khong-hop-le": ("Cột Sơ bộ/Ước tính có giá trị lạ.", "Ghi x hoặc để trống."),
    "trung-dong": ("Hai dòng cùng năm, địa bàn, chuỗi và phương pháp.", "Giữ một dòng, hoặc ghi rõ phương pháp khác nhau."),
    # import
    "xung-dot": ("Số liệu nhập khác số liệu đã có.", "Kiểm tra lại; chạy lại với --ghi-de nếu số mới đúng."),
}
