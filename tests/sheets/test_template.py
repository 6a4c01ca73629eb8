"""The downloadable task template."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from mandate.work.sheets import TASK_COLUMNS


def test_the_template_downloads_with_the_vietnamese_headers(world, client_for):
    response = client_for(world.olga).get(reverse("work:task-template"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers == TASK_COLUMNS
    assert headers[:5] == [
        "Nội dung nhiệm vụ",
        "Phương thức tổ chức thực hiện",
        "Sản phẩm dự kiến",
        "Ngày bắt đầu",
        "Hạn hoàn thành",
    ]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 40


def test_the_template_explains_each_column_and_its_values(world, client_for):
    response = client_for(world.olga).get(reverse("work:task-template"))

    guide = load_workbook(io.BytesIO(response.content))["Hướng dẫn"]
    text = "\n".join(str(cell.value) for row in guide.iter_rows() for cell in row if cell.value)
    assert all(column in text for column in TASK_COLUMNS)
    assert all(word in text for word in ["hằng tháng", "hằng quý", "hằng năm", "dd/mm/yyyy"])


def test_the_template_needs_a_sign_in(client):
    response = client.get(reverse("work:task-template"))
    assert response.status_code == 302
