import pytest
from django.core.management import CommandError, call_command

from mandate.core.imports import ImportRefused
from mandate.org.localities import csv_rows, package_rows
from mandate.org.models import Locality
from mandate.org.services import import_localities

GOOD = (
    "code,name,kind,parent_code,lat,lon,area_km2\n"
    "31,Thành phố Hải Phòng,municipality,,20.86,106.68,3194.7\n"
    "10507,Phường Thành Đông,ward,31,20.9594,106.325,12.22\n"
    "11311,Đặc khu Bạch Long Vĩ,special_zone,31,20.13,107.72,3.1\n"
)


def write(tmp_path, text: str):
    path = tmp_path / "localities.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_good_file_imports_every_row_with_its_parent():
    summary = import_localities(raw_rows=csv_rows(GOOD.encode()))
    assert (summary.created, summary.updated, summary.unchanged) == (3, 0, 0)
    ward = Locality.objects.get(code="10507")
    assert ward.parent.code == "31"
    assert (ward.lat, ward.lon, ward.area_km2) == (20.9594, 106.325, 12.22)
    assert Locality.objects.search("thanh dong").get() == ward


@pytest.mark.django_db
def test_rerun_changes_nothing():
    import_localities(raw_rows=csv_rows(GOOD.encode()))
    before = list(Locality.objects.values())
    summary = import_localities(raw_rows=csv_rows(GOOD.encode()))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 3)
    assert list(Locality.objects.values()) == before
    assert Locality.history.count() == 3


@pytest.mark.django_db
def test_changed_row_is_updated():
    import_localities(raw_rows=csv_rows(GOOD.encode()))
    renamed = GOOD.replace("Phường Thành Đông,ward", "Phường Thành Đông Mới,ward")
    summary = import_localities(raw_rows=csv_rows(renamed.encode()))
    assert (summary.created, summary.updated) == (0, 1)
    assert Locality.objects.get(code="10507").name == "Phường Thành Đông Mới"


@pytest.mark.django_db
def test_bad_rows_import_nothing_and_are_all_reported():
    text = GOOD + (
        "12345,,ward,31,20.1,106.1,1\n"  # row 5: no name
        "12346,Xã A,village,31,20.1,106.1,1\n"  # row 6: unknown kind
        "12347,Xã B,commune,77,95,abc,-2\n"  # row 7: parent, lat, lon, area
        "10507,Phường trùng,ward,31,,,\n"  # row 8: duplicate code
    )
    with pytest.raises(ImportRefused) as refused:
        import_localities(raw_rows=csv_rows(text.encode()))
    problems = {(error.number, error.column) for error in refused.value.errors}
    assert problems == {
        (5, "name"),
        (6, "kind"),
        (7, "parent_code"),
        (7, "lat"),
        (7, "lon"),
        (7, "area_km2"),
        (8, "code"),
    }
    assert "4" in str(refused.value)  # four bad rows
    assert not Locality.objects.exists()


def test_missing_columns_are_named():
    from mandate.org.localities import LocalitySourceError

    with pytest.raises(LocalitySourceError, match="lat"):
        csv_rows(b"code,name,kind,parent_code\n1,A,ward,\n")


@pytest.mark.django_db
def test_command_reports_each_bad_row(tmp_path, capsys):
    path = write(tmp_path, GOOD + "99,,ward,31,,,\n")
    with pytest.raises(CommandError):
        call_command("import_localities", csv=path)
    assert "5" in capsys.readouterr().err
    assert not Locality.objects.exists()


@pytest.mark.django_db
def test_bundled_province_has_its_communes_with_centroids():
    summary = import_localities(raw_rows=package_rows("31"))
    assert summary.created == 115
    province = Locality.objects.get(code="31")
    assert province.kind == Locality.Kind.MUNICIPALITY
    communes = Locality.objects.filter(parent=province)
    assert communes.count() == 114
    assert not communes.filter(lat__isnull=True).exists()
    assert communes.filter(kind=Locality.Kind.SPECIAL_ZONE).exists()
    assert import_localities(raw_rows=package_rows("31")).unchanged == 115


@pytest.mark.django_db
def test_unknown_province_is_a_clear_error():
    with pytest.raises(CommandError, match="99"):
        call_command("import_localities", province="99")
