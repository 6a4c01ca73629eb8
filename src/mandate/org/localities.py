"""Reading and checking locality rows, from the bundled package data or a CSV file."""

import csv
import io
import math
import sqlite3
from dataclasses import dataclass
from importlib import resources

from django.utils.translation import gettext as _

from mandate.core.imports import RowError
from mandate.org.models import Locality

CSV_COLUMNS = ["code", "name", "kind", "parent_code", "lat", "lon", "area_km2"]

_WARD_KINDS = {
    "Phường": Locality.Kind.WARD,
    "Xã": Locality.Kind.COMMUNE,
    "Đặc khu": Locality.Kind.SPECIAL_ZONE,
}


@dataclass(frozen=True)
class LocalityRow:
    number: int
    code: str
    name: str
    kind: str
    parent_code: str
    lat: float | None
    lon: float | None
    area_km2: float | None


class LocalitySourceError(Exception):
    pass


def package_rows(province_code: str) -> list[dict[str, str]]:
    """One province and its communes from the SQLite file shipped in `vietnamadminunits`."""
    database = resources.files("vietnamadminunits") / "data" / "dataset.db"
    with resources.as_file(database) as path:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            wards = connection.execute(
                "SELECT province, provinceLat, provinceLon, wardCode, ward, wardType,"
                " wardLat, wardLon, wardAreaKm2 FROM admin_units"
                " WHERE provinceCode = ? ORDER BY wardCode",
                (province_code,),
            ).fetchall()
        finally:
            connection.close()
    if not wards:
        raise LocalitySourceError(
            _("No province with code %(code)s in the bundled data.") % {"code": province_code}
        )
    province_name, province_lat, province_lon = wards[0][0], wards[0][1], wards[0][2]
    province_kind = (
        Locality.Kind.MUNICIPALITY
        if province_name.startswith("Thành phố")
        else Locality.Kind.PROVINCE
    )
    total_area = sum(ward[8] or 0 for ward in wards)
    rows = [
        _csv_dict(
            province_code,
            province_name,
            province_kind,
            "",
            province_lat,
            province_lon,
            round(total_area, 2),
        )
    ]
    for _p, _plat, _plon, code, name, ward_type, lat, lon, area in wards:
        kind = _WARD_KINDS.get(ward_type, Locality.Kind.COMMUNE)
        rows.append(_csv_dict(code, name, kind, province_code, lat, lon, area))
    return rows


def _csv_dict(code, name, kind, parent_code, lat, lon, area) -> dict[str, str]:
    values = [code, name, kind, parent_code, lat, lon, area]
    return {
        column: "" if value is None else str(value)
        for column, value in zip(CSV_COLUMNS, values, strict=True)
    }


def csv_rows(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LocalitySourceError(_("The file is not UTF-8 text.")) from error
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise LocalitySourceError(
            _("Missing columns: %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ",".join(CSV_COLUMNS)}
        )
    return [{key: (value or "").strip() for key, value in row.items() if key} for row in reader]


def check_rows(
    raw_rows: list[dict[str, str]], known_codes: set[str]
) -> tuple[list[LocalityRow], list[RowError]]:
    """Every problem of every row, so one reading of the file finds them all.

    Row numbers count the header as row 1, as a spreadsheet shows them.
    """
    rows: list[LocalityRow] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    codes_in_file = {row.get("code", "") for row in raw_rows}
    kinds = set(Locality.Kind.values)
    for number, raw in enumerate(raw_rows, start=2):
        row_errors = []
        code, name, kind = raw.get("code", ""), raw.get("name", ""), raw.get("kind", "")
        parent_code = raw.get("parent_code", "")
        if not code.isdigit() or len(code) > 10:
            row_errors.append(RowError(number, "code", _("must be digits (a GSO code)")))
        elif code in seen:
            row_errors.append(RowError(number, "code", _("appears twice in the file")))
        seen.add(code)
        if not name:
            row_errors.append(RowError(number, "name", _("is empty")))
        elif len(name) > 120:
            row_errors.append(RowError(number, "name", _("is longer than 120 characters")))
        if kind not in kinds:
            row_errors.append(
                RowError(
                    number,
                    "kind",
                    _("must be one of: %(kinds)s") % {"kinds": ", ".join(sorted(kinds))},
                )
            )
        if parent_code and parent_code not in codes_in_file and parent_code not in known_codes:
            row_errors.append(RowError(number, "parent_code", _("no locality has this code")))
        if parent_code and parent_code == code:
            row_errors.append(
                RowError(number, "parent_code", _("a locality cannot be its own parent"))
            )
        lat = _number(raw.get("lat", ""), number, "lat", -90, 90, row_errors)
        lon = _number(raw.get("lon", ""), number, "lon", -180, 180, row_errors)
        area = _number(raw.get("area_km2", ""), number, "area_km2", 0, 1_000_000, row_errors)
        errors.extend(row_errors)
        if not row_errors:
            rows.append(LocalityRow(number, code, name, kind, parent_code, lat, lon, area))
    return rows, errors


def _number(
    text: str, number: int, column: str, low: float, high: float, errors: list
) -> float | None:
    if text == "":
        return None
    try:
        value = float(text)
    except ValueError:
        errors.append(RowError(number, column, _("is not a number")))
        return None
    if not math.isfinite(value) or not low <= value <= high:
        errors.append(
            RowError(
                number,
                column,
                _("must be between %(low)s and %(high)s") % {"low": low, "high": high},
            )
        )
        return None
    return value
