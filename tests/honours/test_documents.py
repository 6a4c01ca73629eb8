"""The papers of a decided round: the decision in the issuing unit's profile with its
annexed list, one certificate page per standing award, the achievement report with the
evidence; the decision and certificates open in LibreOffice."""

import datetime
import io
from dataclasses import dataclass

import pytest
from docx import Document as open_docx

from mandate.directives.models import IssuerProfile, Profile
from mandate.honours import services
from mandate.honours.documents import (
    achievement_report_docx,
    base_salary,
    certificates_docx,
    decision_docx,
    issuer_heading,
)
from mandate.honours.models import Decision, Nomination
from tests.honours.conftest import approve_and_notice, decide, rate, staff, to_council
from tests.office import pdf_pages, to_pdf

NUMBER = "12-QĐ/BTGDVTU"


@dataclass
class Decided:
    decision: Decision
    advanced: list[Nomination]
    certificate: Nomination


@pytest.fixture
def party_profile(world) -> IssuerProfile:
    return IssuerProfile.objects.create(
        unit=world.root,
        profile=Profile.PARTY,
        abbreviation="BTGDVTU",
        issuer_name="BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY",
        parent_body="TỈNH ỦY THỬ",
        place_name="Hải Phòng",
        valid_from=datetime.date(2025, 7, 1),
    )


@pytest.fixture
def decided(world, award_round, titles, party_profile) -> Decided:
    """olga and two colleagues advanced workers, the division a certificate of merit."""
    people = [world.olga, *staff(world.commune_a, 2, "ld")]
    rate(world, award_round, world.commune_a, people)
    advanced = services.propose(
        award_round=award_round,
        title=titles.ldtt,
        unit=world.commune_a,
        nominees=people,
        by=world.alice,
    )
    (certificate,) = services.propose(
        award_round=award_round,
        title=titles.giay_khen,
        unit=world.root,
        nominees=[world.division],
        by=world.lena,
    )
    services.submit_to_council(award_round=award_round, unit=world.commune_a, by=world.alice)
    services.submit_to_council(award_round=award_round, unit=world.root, by=world.lena)
    to_council(world, award_round)
    noticed = approve_and_notice(world, award_round, [*advanced, certificate])
    decision = decide(world, award_round, noticed, number=NUMBER)
    return Decided(decision, advanced, certificate)


def read(data: bytes):
    return open_docx(io.BytesIO(data))


def all_text(document) -> str:
    """The paragraphs, then every table cell (the heading block is a table)."""
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def listed(document) -> list[list[str]]:
    """The rows of the annex's tables (those headed STT), header rows left out."""
    return [
        [cell.text for cell in row.cells]
        for table in document.tables
        if table.rows[0].cells[0].text == "STT"
        for row in table.rows[1:]
    ]


def page_breaks(document) -> int:
    return sum(1 for p in document.paragraphs if p.paragraph_format.page_break_before)


# The decision --------------------------------------------------------------------------


def test_the_decision_has_the_party_heading_number_and_title(world, decided):
    text = all_text(read(decision_docx(decided.decision)))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text
    assert "TỈNH ỦY THỬ" in text and "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY" in text
    assert f"Số {NUMBER}" in text
    assert "Hải Phòng, ngày 20 tháng 01 năm 2026" in text
    assert "QUYẾT ĐỊNH" in text
    assert "Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm 2025" in text


def test_the_legal_bases_come_from_the_titles(world, decided, titles):
    text = all_text(read(decision_docx(decided.decision)))
    assert "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;" in text
    assert "Căn cứ Nghị định 152/2025/NĐ-CP;" in text
    assert f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng {world.root.name}," in text
    titles.ldtt.legal_basis = "Quy chế thi đua, khen thưởng số 14/2024/QĐ-UBND của tỉnh"
    titles.ldtt.save()
    titles.giay_khen.legal_basis = ""
    titles.giay_khen.save()
    text = all_text(read(decision_docx(decided.decision)))
    assert "Căn cứ Quy chế thi đua, khen thưởng số 14/2024/QĐ-UBND;" in text
    assert "Luật Thi đua" not in text


def test_the_articles_award_the_titles_and_sign(world, decided):
    text = all_text(read(decision_docx(decided.decision)))
    assert "Điều 1. Tặng danh hiệu thi đua" in text
    assert "- Danh hiệu “Lao động tiên tiến”: 3 cá nhân;" in text
    assert "- Giấy khen: 1 tập thể." in text
    assert "Điều 3. Quyết định có hiệu lực kể từ ngày ký." in text
    assert "TRƯỞNG BAN" in text and "Lê Thị Lan" in text
    assert "Nơi nhận:" in text and "- Như Điều 3," in text


def test_the_annex_lists_every_awardee_under_its_title(world, decided):
    document = read(decision_docx(decided.decision))
    text = all_text(document)
    assert "DANH SÁCH" in text
    assert f"(Kèm theo Quyết định số {NUMBER} ngày 20/01/2026" in text
    assert "I. DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” (3 cá nhân)" in text
    assert "II. GIẤY KHEN (1 tập thể)" in text
    rows = listed(document)
    people = {row[1]: row for row in rows if len(row) == 4}
    assert set(people) == {n.person.full_name for n in decided.advanced}
    assert people[world.olga.full_name][3] == world.commune_a.name
    assert ["1", world.division.name, world.root.name] in rows


def test_a_deputy_signs_for_the_head(world, decided):
    Decision.objects.filter(pk=decided.decision.pk).update(signer_position="Phó Trưởng ban")
    decided.decision.refresh_from_db()
    text = all_text(read(decision_docx(decided.decision)))
    assert "K/T TRƯỞNG BAN" in text and "PHÓ TRƯỞNG BAN" in text


def test_the_reward_is_the_multiplier_times_the_base_salary_setting(world, decided, settings):
    settings.MANDATE_BASE_SALARY = None
    text = all_text(read(decision_docx(decided.decision)))
    assert "Điều 2. Tiền thưởng kèm theo thực hiện theo quy định tại Nghị định 152/2025" in text
    assert "“Lao động tiên tiến”: 0,3 lần mức lương cơ sở × 3;" in text
    assert " đồng" not in text.replace("Hội đồng", "")
    settings.MANDATE_BASE_SALARY = 2340000
    text = all_text(read(decision_docx(decided.decision)))
    assert "0,3 lần mức lương cơ sở × 3 = 2.106.000 đồng (702.000 đồng mỗi trường hợp);" in text
    assert "- Giấy khen: mức thưởng theo quy định hiện hành;" in text
    assert "Tổng số tiền thưởng: 2.106.000 đồng" in text


def test_the_base_salary_in_force_on_the_date_is_used(settings):
    settings.MANDATE_BASE_SALARY = {"2024-07-01": 2340000, "2026-07-01": 2600000}
    assert base_salary(datetime.date(2026, 1, 20)) == 2340000
    assert base_salary(datetime.date(2026, 7, 1)) == 2600000
    assert base_salary(datetime.date(2024, 1, 1)) is None


def test_a_unit_without_a_profile_takes_the_nearest_above(world, party_profile):
    day = datetime.date(2026, 1, 20)
    assert issuer_heading(world.hamlet_a, day, name="x").issuer_name == party_profile.issuer_name
    IssuerProfile.objects.create(
        unit=world.commune_a,
        profile=Profile.STATE,
        abbreviation="UBND",
        issuer_name="ỦY BAN NHÂN DÂN XÃ QUẢNG THÀNH",
        place_name="Quảng Thành",
        valid_from=datetime.date(2025, 7, 1),
    )
    heading = issuer_heading(world.hamlet_a, day, name="x")
    assert (heading.profile, heading.abbreviation) == (Profile.STATE, "UBND")
    # Before any profile was in force: the signer's body, in the profile its number shows.
    early = datetime.date(2025, 1, 5)
    party = issuer_heading(world.hamlet_a, early, name="Chi bộ thôn Đông", number="3-QĐ/CB")
    assert (party.profile, party.issuer_name) == (Profile.PARTY, "CHI BỘ THÔN ĐÔNG")
    assert issuer_heading(world.hamlet_a, early, name="x", number="3/QĐ-UBND").profile == "state"


# Certificates --------------------------------------------------------------------------


def test_one_certificate_page_per_awardee(world, decided):
    document = read(certificates_docx(decided.decision))
    assert page_breaks(document) == 3  # four pages
    text = all_text(document)
    assert text.count("GIẤY CHỨNG NHẬN") == 3 and text.count("GIẤY KHEN") == 1
    for nomination in decided.advanced:
        assert nomination.person.full_name in text
    assert world.division.name in text
    assert "Đã đạt danh hiệu “Lao động tiên tiến” năm 2025" in text
    assert "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025" in text
    assert f"Quyết định số {NUMBER} ngày 20/01/2026" in text
    assert "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY" in text and "Lê Thị Lan" in text


def test_a_revoked_award_gets_no_certificate_but_stays_in_the_decision(world, decided):
    award = decided.advanced[0].award
    services.revoke(award=award, reason="Kê khai không trung thực", by=world.lena)
    document = read(certificates_docx(decided.decision))
    assert page_breaks(document) == 2
    assert decided.advanced[0].person.full_name not in all_text(document)
    annex = listed(read(decision_docx(decided.decision)))
    assert decided.advanced[0].person.full_name in {row[1] for row in annex}


# The achievement report -----------------------------------------------------------------


def test_the_achievement_report_is_drafted_from_the_evidence(world, decided):
    nomination = decided.advanced[0]
    document = read(achievement_report_docx(nomination))
    text = all_text(document)
    assert "BÁO CÁO THÀNH TÍCH" in text
    assert "Đề nghị tặng danh hiệu “Lao động tiên tiến” năm 2025" in text
    assert f"- Họ và tên: {world.olga.full_name}" in text
    assert "II. THÀNH TÍCH ĐẠT ĐƯỢC" in text
    figures = {row.cells[0].text: row.cells[1].text for t in document.tables for row in t.rows}
    assert figures["Tổng số nhiệm vụ"] == "0"
    assert figures["Tỷ lệ hoàn thành đúng hạn"] == "—"
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in text


def test_the_achievement_report_prints_the_text_kept_on_the_nomination(world, decided):
    nomination = decided.certificate
    Nomination.objects.filter(pk=nomination.pk).update(
        achievement="I. THÀNH TÍCH\nPhòng đã hoàn thành xuất sắc mọi nhiệm vụ."
    )
    nomination.refresh_from_db()
    text = all_text(read(achievement_report_docx(nomination)))
    assert "Phòng đã hoàn thành xuất sắc mọi nhiệm vụ." in text
    assert "Mô hình của nơi khác đã áp dụng" in text  # a collective's figures
    assert "THỦ TRƯỞNG ĐƠN VỊ" in text


# LibreOffice ---------------------------------------------------------------------------


def test_libreoffice_converts_the_decision_and_the_certificates(world, decided, tmp_path):
    """The acceptance: the decision opens in LibreOffice with its list of awardees (one
    conversion for both files). Skipped without LibreOffice, except on CI."""
    pdfs = to_pdf(
        tmp_path,
        {
            "decision": decision_docx(decided.decision),
            "certificates": certificates_docx(decided.decision),
        },
    )
    assert pdfs["decision"].startswith(b"%PDF")
    assert pdf_pages(pdfs["decision"]) >= 2  # the annexed list opens a page of its own
    assert pdf_pages(pdfs["certificates"]) == 4
