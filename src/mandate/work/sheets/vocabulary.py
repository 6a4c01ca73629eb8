"""What the sheets say, in Vietnamese: column headers, keywords, status words and guidance."""

from mandate.core.text import fold
from mandate.work.models import Bucket, Task

CONTENT = "Nội dung nhiệm vụ"
METHOD = "Phương thức tổ chức thực hiện"
OUTPUT = "Sản phẩm dự kiến"
START = "Ngày bắt đầu"
DUE = "Hạn hoàn thành"
LEAD = "Đơn vị chủ trì"
COORDINATING = "Đơn vị phối hợp"
DOCUMENTS = "Văn bản căn cứ"
KEY = "Nhiệm vụ trọng tâm"
LOCAL_NOTE = "Ghi chú vận dụng tại địa phương"
RECURRENCE = "Lặp lại"
TASK_COLUMNS = [CONTENT, METHOD, OUTPUT, START, DUE, LEAD, COORDINATING, DOCUMENTS, KEY]
TASK_COLUMNS += [LOCAL_NOTE, RECURRENCE]
TASK_REQUIRED = [CONTENT, DUE, LEAD]
TASK_WIDTHS = [60, 35, 30, 14, 14, 30, 35, 25, 12, 35, 14]

CODE = "Mã nhiệm vụ"
# The import columns first, so an export imports again as a template.
EXPORT_COLUMNS = TASK_COLUMNS + ["Trạng thái", "Tiến độ (%)", "Xếp loại", CODE]
EXPORT_WIDTHS = TASK_WIDTHS + [18, 12, 26, 12]

REPORTED_ON, PERCENT, REPORT = "Ngày báo cáo", "Tiến độ mới (%)", "Nội dung báo cáo"
PROGRESS_COLUMNS = [CODE, "Nội dung", "Hạn", "Tiến độ hiện tại", REPORTED_ON, PERCENT, REPORT]
PROGRESS_REQUIRED = [CODE, REPORTED_ON, PERCENT, REPORT]
PROGRESS_WIDTHS = [12, 60, 12, 14, 14, 14, 60]

RECURRENCE_WORDS = {
    Task.Recurrence.MONTHLY: "hằng tháng",
    Task.Recurrence.QUARTERLY: "hằng quý",
    Task.Recurrence.YEARLY: "hằng năm",
}
# Read folded, so "hàng tháng" (a common spelling) and "Hằng Tháng" mean the same.
RECURRENCE_READ = {fold(word): value for value, word in RECURRENCE_WORDS.items()}
RECURRENCE_READ.update({"": Task.Recurrence.NONE, "khong": Task.Recurrence.NONE})
KEY_WORDS = ["x", "có"]
KEY_READ = {"x": True, "co": True, "": False, "khong": False}
STATUS_WORDS = {
    Task.Status.NOT_STARTED: "Chưa bắt đầu",
    Task.Status.IN_PROGRESS: "Đang thực hiện",
    Task.Status.DONE: "Hoàn thành",
    Task.Status.CANCELLED: "Đã hủy",
}
OVERDUE_WORD = "Quá hạn"
BUCKET_WORDS = {
    Bucket.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Bucket.DONE_LATE: "Hoàn thành quá hạn",
    Bucket.PENDING_IN_TIME: "Chưa hoàn thành, trong hạn",
    Bucket.PENDING_OVERDUE: "Chưa hoàn thành, quá hạn",
}

TASK_GUIDE = [
    (CONTENT, True, "Việc cần làm, viết rõ để đơn vị chủ trì hiểu và thực hiện được."),
    (METHOD, False, "Cách tổ chức: hội nghị, tuyên truyền trên báo chí, tọa đàm, kiểm tra..."),
    (OUTPUT, False, "Kết quả phải có: báo cáo, kế hoạch, chuyên mục, tài liệu..."),
    (START, False, "Ngày kiểu Excel hoặc chữ dạng dd/mm/yyyy; không được sau hạn hoàn thành."),
    (DUE, True, "Ngày kiểu Excel hoặc chữ dạng dd/mm/yyyy; trong thời gian của kế hoạch."),
    (LEAD, True, "Tên hoặc tên viết tắt của đơn vị lập kế hoạch hoặc một đơn vị cấp dưới."),
    (COORDINATING, False, "Tên hoặc tên viết tắt của các đơn vị, cách nhau bằng dấu “;”."),
    (DOCUMENTS, False, "Số, ký hiệu văn bản đã có trong sổ văn bản (vd. 35-CT/TW; 12/KH-UBND)."),
    (KEY, False, "Ghi “x” hoặc “có” nếu là nhiệm vụ trọng tâm; để trống nếu không."),
    (LOCAL_NOTE, False, "Cách vận dụng nhiệm vụ vào điều kiện của địa phương."),
    (RECURRENCE, False, "Để trống nếu không lặp lại; hoặc “hằng tháng”, “hằng quý”, “hằng năm”."),
]
TASK_NOTES = [
    "Dòng 1 là dòng tiêu đề: giữ nguyên tên các cột. Mỗi dòng tiếp theo là một nhiệm vụ.",
    "Các cột tô màu cam là bắt buộc. Dòng để trống hoàn toàn được bỏ qua.",
    "Tệp được nhập trọn vẹn hoặc không nhập gì: nếu có dòng sai, hệ thống liệt kê mọi dòng sai"
    " (số dòng, cột, lý do) và không nhập dòng nào. Sửa các dòng đó rồi tải lên lại.",
]
PROGRESS_GUIDE = [
    (CODE, True, "Mã của nhiệm vụ; không sửa. Các cột Nội dung, Hạn, Tiến độ hiện tại để đọc."),
    (REPORTED_ON, False, "Ngày báo cáo (dd/mm/yyyy), không được sau hôm nay; để trống là hôm nay."),
    (PERCENT, True, "Số nguyên từ 0 đến 100; 100 nghĩa là đã hoàn thành."),
    (REPORT, True, "Đã làm được gì, kết quả ra sao."),
]
PROGRESS_NOTES = [
    "Chỉ điền những nhiệm vụ cần báo cáo; dòng để trống ba cột báo cáo được bỏ qua.",
    "Tệp được nhập trọn vẹn hoặc không nhập gì: nếu có dòng sai, không báo cáo nào được ghi.",
]
CHOICE_ERROR = "Chọn một giá trị trong danh sách hoặc để trống."
PERCENT_ERROR = "Tiến độ là số nguyên từ 0 đến 100."
