"""The directory as an Open Referral HSDS 3.0 tabular datapackage: CSV files described by datapackage.json.

We check packages ourselves against the part of the HSDS 3.0 schema PatronCare reads (the tables and
columns in TABLES), rather than with `frictionless`: that library brings some twenty packages for a
generic validator, while the checks that matter here (required columns and values, unique ids, the
references between tables, times, dates, web addresses and language codes) are a page of code, give
messages staff can act on in their own language, and name the file, row and column of each problem.

Import is all or nothing: the package is read and checked completely first; one error anywhere and nothing
is written. A service is found again by its HSDS id, so importing the same package twice changes nothing.
"""

import csv
import io
import json
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, time

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from .models import Category, Resource

BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
NAMESPACE = uuid.UUID("5b6f0c52-1d8a-4d07-9a3c-7e1c1b0c7a10")
MAX_ROWS = 20000
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    kind: str = "string"  # string, uri, time, date, language, byday, enum
    choices: tuple[str, ...] = ()
    references: str = ""  # "table" whose id this column names


# The tables and columns of HSDS 3.0 that PatronCare reads and writes (other columns are ignored).
TABLES: dict[str, list[Column]] = {
    "organization": [
        Column("id", True),
        Column("name", True),
        Column("description"),
        Column("website", kind="uri"),
        Column("email"),
    ],
    "service": [
        Column("id", True),
        Column("organization_id", True, references="organization"),
        Column("name", True),
        Column("description"),
        Column("url", kind="uri"),
        Column("status", True, kind="enum", choices=("active", "inactive", "defunct", "temporarily closed")),
        Column("eligibility_description"),
        Column("fees_description"),
        Column("assured_date", kind="date"),
    ],
    "location": [
        Column("id", True),
        Column("location_type", True, kind="enum", choices=("physical", "postal", "virtual")),
        Column("organization_id", references="organization"),
        Column("name"),
        Column("transportation"),
    ],
    "service_at_location": [
        Column("id", True),
        Column("service_id", True, references="service"),
        Column("location_id", True, references="location"),
    ],
    "address": [
        Column("id", True),
        Column("location_id", True, references="location"),
        Column("address_1", True),
        Column("city"),
        Column("state_province"),
        Column("postal_code"),
        Column("country"),
        Column("address_type", kind="enum", choices=("physical", "postal", "virtual", "")),
    ],
    "accessibility": [
        Column("id", True),
        Column("location_id", True, references="location"),
        Column("description"),
    ],
    "phone": [
        Column("id", True),
        Column("service_id", references="service"),
        Column("number", True),
        Column(
            "type", kind="enum", choices=("text", "voice", "fax", "cell", "video", "pager", "textphone", "")
        ),
    ],
    "schedule": [
        Column("id", True),
        Column("service_id", True, references="service"),
        Column("freq", kind="enum", choices=("WEEKLY", "")),
        Column("byday", True, kind="byday"),
        Column("opens_at", True, kind="time"),
        Column("closes_at", True, kind="time"),
        Column("description"),
    ],
    "service_area": [
        Column("id", True),
        Column("service_id", True, references="service"),
        Column("name"),
    ],
    "language": [
        Column("id", True),
        Column("service_id", True, references="service"),
        Column("code", True, kind="language"),
        Column("name"),
    ],
    "taxonomy_term": [
        Column("id", True),
        Column("code", True),
        Column("name", True),
        Column("taxonomy"),
    ],
    "attribute": [
        Column("id", True),
        Column("link_id", True, references="service"),
        Column("link_type"),
        Column("link_entity", True, kind="enum", choices=("service",)),
        Column("taxonomy_term_id", True, references="taxonomy_term"),
    ],
}
REQUIRED_TABLES = ("organization", "service")
TYPES = {"string": "string", "uri": "string", "time": "time", "date": "date", "language": "string"}


@dataclass
class Problem:
    table: str
    row: int | None  # the CSV line (the header is line 1); None for the file as a whole
    column: str
    message: str


@dataclass
class Report:
    errors: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    services: int = 0

    def add(self, table: str, row: int | None, column: str, message: str) -> None:
        self.errors.append(Problem(table, row, column, message))


# Export ---------------------------------------------------------------------------------------------------


def _id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def datapackage_descriptor(system) -> dict:
    resources = []
    for table, columns in TABLES.items():
        schema = {
            "fields": [
                {
                    "name": column.name,
                    "type": TYPES.get(column.kind, "string"),
                    **({"format": "uri"} if column.kind == "uri" else {}),
                    "constraints": {"required": column.required}
                    | ({"enum": [c for c in column.choices if c]} if column.choices else {}),
                }
                for column in columns
            ],
            "primaryKey": "id",
            "foreignKeys": [
                {"fields": column.name, "reference": {"resource": column.references, "fields": "id"}}
                for column in columns
                if column.references
            ],
        }
        resources.append(
            {"name": table, "path": f"{table}.csv", "profile": "tabular-data-resource", "schema": schema}
        )
    return {
        "name": f"{system.slug}-community-resources",
        "title": f"{system.name}: community resources",
        "profile": "tabular-data-package",
        "version": "3.0",
        "resources": resources,
    }


def export_rows(system) -> dict[str, list[dict]]:
    resources = (
        Resource.objects.filter(system=system)
        .prefetch_related("categories", "hours")
        .order_by("organisation", "name")
    )
    rows: dict[str, list[dict]] = {table: [] for table in TABLES}
    organisations: dict[str, str] = {}
    terms: dict[int, str] = {}
    for category in Category.objects.filter(system=system).order_by("order", "slug"):
        terms[category.pk] = _id(system.pk, "need", category.slug)
        rows["taxonomy_term"].append(
            {
                "id": terms[category.pk],
                "code": category.slug,
                "name": category.name_en,
                "taxonomy": "patroncare",
            }
        )
    for resource in resources:
        org_id = organisations.get(resource.organisation)
        if org_id is None:
            org_id = organisations[resource.organisation] = _id(
                system.pk, "organisation", resource.organisation
            )
            rows["organization"].append({"id": org_id, "name": resource.organisation})
        sid = resource.hsds_id
        rows["service"].append(
            {
                "id": sid,
                "organization_id": org_id,
                "name": resource.name_en or resource.name,
                "description": resource.description_en,
                "url": resource.website,
                "status": "active" if resource.is_active else "inactive",
                "eligibility_description": resource.eligibility_en,
                "fees_description": resource.cost_en,
                "assured_date": resource.last_verified_on.isoformat() if resource.last_verified_on else "",
            }
        )
        if resource.address or resource.getting_there_en or resource.accessibility_en:
            location_id = _id(sid, "location")
            rows["location"].append(
                {
                    "id": location_id,
                    "location_type": "physical",
                    "organization_id": org_id,
                    "name": resource.organisation,
                    "transportation": resource.getting_there_en,
                }
            )
            rows["service_at_location"].append(
                {"id": _id(sid, "at"), "service_id": sid, "location_id": location_id}
            )
            if resource.address:
                rows["address"].append(
                    {
                        "id": _id(sid, "address"),
                        "location_id": location_id,
                        "address_1": resource.address,
                        "address_type": "physical",
                    }
                )
            if resource.accessibility_en:
                rows["accessibility"].append(
                    {
                        "id": _id(sid, "access"),
                        "location_id": location_id,
                        "description": resource.accessibility_en,
                    }
                )
        for kind, number in (("voice", resource.phone), ("text", resource.text_line)):
            if number:
                rows["phone"].append(
                    {"id": _id(sid, "phone", kind), "service_id": sid, "number": number, "type": kind}
                )
        for row in resource.hours.all():
            rows["schedule"].append(
                {
                    "id": _id(sid, "schedule", row.weekday, row.opens),
                    "service_id": sid,
                    "freq": "WEEKLY",
                    "byday": BYDAY[row.weekday],
                    "opens_at": row.opens.strftime("%H:%M"),
                    "closes_at": row.closes.strftime("%H:%M"),
                    "description": resource.hours_note_en,
                }
            )
        if resource.area_served:
            rows["service_area"].append(
                {"id": _id(sid, "area"), "service_id": sid, "name": resource.area_served}
            )
        for code in resource.language_codes:
            rows["language"].append({"id": _id(sid, "language", code), "service_id": sid, "code": code})
        for category in resource.categories.all():
            rows["attribute"].append(
                {
                    "id": _id(sid, "need", category.slug),
                    "link_id": sid,
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": terms[category.pk],
                }
            )
    return rows


def export_package(*, system) -> tuple[bytes, int]:
    """The zip of datapackage.json and one CSV per table, and how many services it holds."""
    rows = export_rows(system)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(datapackage_descriptor(system), indent=2))
        for table, columns in TABLES.items():
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=[c.name for c in columns], lineterminator="\n")
            writer.writeheader()
            for row in rows[table]:
                writer.writerow({c.name: row.get(c.name, "") for c in columns})
            archive.writestr(f"{table}.csv", out.getvalue())
    return buffer.getvalue(), len(rows["service"])


# Reading and checking -------------------------------------------------------------------------------------


def _check_value(column: Column, value: str) -> str:
    """An error message for `value`, or ""."""
    if not value:
        return _("A value is required.") if column.required else ""
    if column.kind == "uri":
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            return _("“%(value)s” is not a web address (http or https).") % {"value": value[:80]}
    elif column.kind == "time" and not _TIME.match(value):
        return _("“%(value)s” is not a time such as 09:00 or 17:30.") % {"value": value[:20]}
    elif column.kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return _("“%(value)s” is not a date such as 2026-03-31.") % {"value": value[:20]}
    elif column.kind == "language" and not _LANGUAGE.match(value):
        return _("“%(value)s” is not a language code such as en or es.") % {"value": value[:20]}
    elif column.kind == "byday":
        days = [day.strip() for day in value.split(",")]
        if not all(day in BYDAY for day in days):
            return _("“%(value)s” is not a list of days such as MO,TU,WE.") % {"value": value[:40]}
    elif column.kind == "enum" and value not in column.choices:
        return _("“%(value)s” is not one of: %(choices)s.") % {
            "value": value[:40],
            "choices": ", ".join(c for c in column.choices if c),
        }
    if len(value) > 2000:
        return _("The value is too long.")
    return ""


def read_package(upload, report: Report) -> dict[str, list[tuple[int, dict]]]:
    """Every table of the package as (CSV line, row) pairs, with each problem added to `report`."""
    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile:
        report.add("", None, "", _("This is not a zip file."))
        return {}
    names = {name.rsplit("/", 1)[-1]: name for name in archive.namelist() if not name.endswith("/")}
    if "datapackage.json" not in names:
        report.add("datapackage.json", None, "", _("The package has no datapackage.json."))
        return {}
    try:
        descriptor = json.loads(archive.read(names["datapackage.json"]).decode("utf-8"))
        listed = {
            resource["name"]: resource.get("path", f"{resource['name']}.csv")
            for resource in descriptor["resources"]
        }
    except (ValueError, KeyError, TypeError):
        report.add(
            "datapackage.json", None, "", _("datapackage.json is not a valid data package descriptor.")
        )
        return {}
    tables: dict[str, list[tuple[int, dict]]] = {}
    unreadable: set[str] = set()  # references to a table that could not be read are not checked again
    for table in REQUIRED_TABLES:
        if table not in listed:
            report.add(
                f"{table}.csv",
                None,
                "",
                _("The package must contain the %(table)s table.") % {"table": table},
            )
    for table, path in listed.items():
        if table not in TABLES:
            continue  # an HSDS table PatronCare does not read
        member = names.get(path.rsplit("/", 1)[-1])
        if member is None:
            report.add(
                path, None, "", _("datapackage.json lists this file but the package does not contain it.")
            )
            unreadable.add(table)
            continue
        try:
            text = archive.read(member).decode("utf-8-sig")
        except UnicodeDecodeError:
            report.add(path, None, "", _("The file is not in UTF-8."))
            unreadable.add(table)
            continue
        reader = csv.DictReader(io.StringIO(text))
        header = reader.fieldnames or []
        missing = [c.name for c in TABLES[table] if c.required and c.name not in header]
        if missing:
            report.add(path, 1, ", ".join(missing), _("Required columns are missing."))
            unreadable.add(table)
            continue
        rows = []
        for line, row in enumerate(reader, start=2):
            if line > MAX_ROWS:
                report.add(path, line, "", _("The file has too many rows."))
                break
            row = {key: (value or "").strip() for key, value in row.items() if key}
            for column in TABLES[table]:
                message = _check_value(column, row.get(column.name, ""))
                if message:
                    report.add(path, line, column.name, message)
            rows.append((line, row))
        tables[table] = rows
    # Ids unique in their table, and every reference pointing at a row that exists.
    ids = {}
    for table, rows in tables.items():
        seen = set()
        for line, row in rows:
            if row.get("id") in seen:
                report.add(f"{table}.csv", line, "id", _("This id appears twice in the file."))
            seen.add(row.get("id"))
        ids[table] = seen
    for table, rows in tables.items():
        for column in TABLES[table]:
            if not column.references or column.references in unreadable:
                continue
            for line, row in rows:
                value = row.get(column.name, "")
                if value and value not in ids.get(column.references, set()):
                    report.add(
                        f"{table}.csv",
                        line,
                        column.name,
                        _("No row of %(table)s has the id “%(value)s”.")
                        % {"table": column.references, "value": value[:64]},
                    )
    return tables


def services_from(tables: dict[str, list[tuple[int, dict]]]) -> list[dict]:
    """One dict per HSDS service with what PatronCare keeps of it (the package is already checked)."""
    by = {table: [row for _line, row in rows] for table, rows in tables.items()}
    organisations = {row["id"]: row for row in by.get("organization", [])}
    locations = {row["id"]: row for row in by.get("location", [])}
    addresses = {row["location_id"]: row for row in by.get("address", [])}
    access = {row["location_id"]: row for row in by.get("accessibility", [])}
    terms = {row["id"]: row for row in by.get("taxonomy_term", [])}
    at_location = {}
    for row in by.get("service_at_location", []):
        at_location.setdefault(row["service_id"], row["location_id"])
    result = []
    for line, row in tables.get("service", []):
        sid = row["id"]
        location = locations.get(at_location.get(sid, ""), {})
        address = addresses.get(location.get("id", ""), {})
        address_text = ", ".join(
            part
            for part in (
                address.get("address_1", ""),
                address.get("city", ""),
                " ".join(p for p in (address.get("state_province", ""), address.get("postal_code", "")) if p),
            )
            if part
        )
        phones = [p for p in by.get("phone", []) if p.get("service_id") == sid]
        schedules = [s for s in by.get("schedule", []) if s["service_id"] == sid]
        hours = []
        for schedule in schedules:
            opens = time.fromisoformat(schedule["opens_at"])
            closes = time.fromisoformat(schedule["closes_at"])
            for day in schedule["byday"].split(","):
                hours.append((BYDAY.index(day.strip()), opens, closes))
        result.append(
            {
                "line": line,
                "hsds_id": sid,
                "organisation": organisations[row["organization_id"]]["name"][:200],
                "name_en": row["name"][:200],
                "description_en": row.get("description", ""),
                "website": row.get("url", "") or organisations[row["organization_id"]].get("website", ""),
                "is_active": row["status"] == "active",
                "eligibility_en": row.get("eligibility_description", ""),
                "cost_en": row.get("fees_description", "")[:200],
                "last_verified_on": date.fromisoformat(row["assured_date"])
                if row.get("assured_date")
                else None,
                "address": address_text[:250],
                "getting_there_en": location.get("transportation", ""),
                "accessibility_en": access.get(location.get("id", ""), {}).get("description", ""),
                "phone": next((p["number"] for p in phones if p.get("type") != "text"), "")[:40],
                "text_line": next((p["number"] for p in phones if p.get("type") == "text"), "")[:40],
                "hours_note_en": next(
                    (s.get("description", "") for s in schedules if s.get("description")), ""
                )[:200],
                "area_served": ", ".join(
                    a["name"] for a in by.get("service_area", []) if a["service_id"] == sid and a.get("name")
                )[:200],
                "languages": ",".join(
                    dict.fromkeys(
                        lang["code"].lower() for lang in by.get("language", []) if lang["service_id"] == sid
                    )
                )
                or "en",
                "hours": hours,
                "needs": [
                    (terms[a["taxonomy_term_id"]]["code"], terms[a["taxonomy_term_id"]]["name"])
                    for a in by.get("attribute", [])
                    if a["link_id"] == sid
                ],
            }
        )
    return result
