import datetime
import struct
import zlib
from zoneinfo import ZoneInfo

import pytest

from mandate.work import services
from mandate.work.models import Plan

TODAY = datetime.date(2026, 5, 15)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded evidence goes to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def today(time_machine) -> datetime.date:
    time_machine.move_to(
        datetime.datetime(2026, 5, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=True
    )
    return TODAY


@pytest.fixture
def plan(world, today) -> Plan:
    return services.create_plan(
        unit=world.commune_a,
        title="Kế hoạch công tác tuyên giáo năm 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        by=world.alice,
    )


def tiny_png() -> bytes:
    """A valid 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )
