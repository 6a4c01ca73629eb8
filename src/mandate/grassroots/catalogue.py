"""The starting taxonomy of grassroots topics, present after every migrate (editable after).

Each: Open311 service code, Vietnamese, English and French names, days to resolve.
The deadlines follow the usual practice for citizens' petitions (Law on Citizen
Reception 2013: 10 days to take up a matter, 30 to 45 days to settle it); land and
compensation matters take longest. Existing categories are never overwritten: an
administrator's edits stand.
"""

CATEGORIES = [
    (
        "land",
        "Đất đai, bồi thường, giải phóng mặt bằng",
        "Land and compensation",
        "Foncier et indemnisation",
        45,
        "đất, đền bù, giải phóng mặt bằng, tái định cư",
    ),
    (
        "environment",
        "Môi trường, ô nhiễm",
        "Environment and pollution",
        "Environnement et pollution",
        30,
        "rác thải, nước thải, khói bụi, mùi, xả thải",
    ),
    (
        "prices",
        "Giá cả, đời sống, việc làm",
        "Prices and livelihoods",
        "Prix et conditions de vie",
        30,
        "giá cả, thu nhập, việc làm, tiểu thương",
    ),
    (
        "public-services",
        "Dịch vụ công, thủ tục hành chính",
        "Public services",
        "Services publics",
        15,
        "thủ tục, hồ sơ, dịch vụ công trực tuyến, một cửa",
    ),
    (
        "infrastructure",
        "Hạ tầng, giao thông",
        "Infrastructure and traffic",
        "Infrastructures et circulation",
        30,
        "đường, cầu, ngập úng, chiếu sáng, giao thông",
    ),
    ("health", "Y tế", "Health", "Santé", 15, "bệnh viện, trạm y tế, dịch bệnh, bảo hiểm y tế"),
    ("education", "Giáo dục", "Education", "Éducation", 30, "trường học, học phí, dạy thêm"),
    (
        "social-policy",
        "An sinh xã hội, chính sách",
        "Social security and policy",
        "Protection sociale et politiques",
        30,
        "hộ nghèo, người có công, trợ cấp, bảo hiểm xã hội",
    ),
    (
        "order-safety",
        "An ninh, trật tự, an toàn",
        "Order and safety",
        "Ordre et sécurité",
        10,
        "trộm cắp, tệ nạn, cháy nổ, tai nạn",
    ),
    (
        "culture-religion",
        "Văn hóa, tín ngưỡng, tôn giáo",
        "Culture and religion",
        "Culture et religion",
        30,
        "lễ hội, di tích, tôn giáo, tín ngưỡng",
    ),
    ("other", "Vấn đề khác", "Other", "Autre", 30, ""),
]


def ensure_categories(sender=None, using: str = "default", **kwargs) -> None:
    from mandate.grassroots.models import Category

    existing = set(Category.objects.using(using).values_list("code", flat=True))
    Category.objects.using(using).bulk_create(
        [
            Category(
                code=code,
                name=name,
                name_en=name_en,
                name_fr=name_fr,
                deadline_days=days,
                keywords=keywords,
                position=position,
            )
            for position, (code, name, name_en, name_fr, days, keywords) in enumerate(CATEGORIES)
            if code not in existing
        ]
    )
