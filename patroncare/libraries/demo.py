"""Riverbend Public Library: six branches in a fictional river town, plus a second, separate system."""

from datetime import date, time

from .models import (
    ALL_WEEKDAYS_MASK,
    Branch,
    Closure,
    Holiday,
    LibrarySystem,
    Location,
    LocationKind,
    OpeningHours,
)

MON_TO_SAT = ALL_WEEKDAYS_MASK & ~(1 << 6)

FULL_WEEK = [(time(9), time(20))] * 4 + [(time(9), time(18))] * 2 + [(time(13), time(17))]
NEIGHBOURHOOD_WEEK = [(time(10), time(19))] * 4 + [(time(10), time(18)), (time(10), time(17)), None]
SMALL_WEEK = [None, (time(12), time(18)), None, (time(12), time(18)), None, (time(10), time(14)), None]

STANDARD_LOCATIONS = [
    ("Entrance and lobby", LocationKind.ENTRANCE),
    ("Service desk", LocationKind.SERVICE_DESK),
    ("Adult stacks", LocationKind.STACKS),
    ("Children's area", LocationKind.CHILDREN),
    ("Teen space", LocationKind.TEEN),
    ("Computer lab", LocationKind.COMPUTER_LAB),
    ("Restrooms", LocationKind.RESTROOMS),
    ("Parking lot", LocationKind.PARKING),
]

BRANCHES = [
    # code, name, address, phone, small, hours, extra locations
    (
        "CEN",
        "Central Library",
        "200 Main Street, Riverbend",
        "555-0100",
        False,
        FULL_WEEK,
        [
            ("Community meeting room", LocationKind.MEETING_ROOM),
            ("Quiet study rooms", LocationKind.MEETING_ROOM),
            ("Local history room", LocationKind.STACKS),
            ("Plaza and book drop", LocationKind.PARKING),
        ],
    ),
    (
        "EAS",
        "Eastside Branch",
        "1450 Orchard Avenue, Riverbend",
        "555-0120",
        False,
        NEIGHBOURHOOD_WEEK,
        [("Maker space", LocationKind.OTHER)],
    ),
    (
        "NOR",
        "Northgate Branch",
        "88 Northgate Road, Riverbend",
        "555-0130",
        False,
        NEIGHBOURHOOD_WEEK,
        [("Study room", LocationKind.MEETING_ROOM)],
    ),
    (
        "WIL",
        "Willow Creek Branch",
        "3 Willow Creek Parkway, Riverbend",
        "555-0140",
        False,
        NEIGHBOURHOOD_WEEK,
        [],
    ),
    (
        "HAR",
        "Harbor View Branch",
        "610 Dock Street, Riverbend",
        "555-0150",
        False,
        NEIGHBOURHOOD_WEEK,
        [("Reading deck", LocationKind.OTHER)],
    ),
    ("PIN", "Pine Hollow Branch", "12 County Road 9, Pine Hollow", "555-0160", True, SMALL_WEEK, []),
]
SMALL_BRANCH_LOCATIONS = [
    ("Front room and desk", LocationKind.SERVICE_DESK),
    ("Children's corner", LocationKind.CHILDREN),
    ("Public computers", LocationKind.COMPUTER_LAB),
    ("Restroom", LocationKind.RESTROOMS),
    ("Gravel parking", LocationKind.PARKING),
]

HOLIDAYS = [
    (date(2026, 1, 1), "New Year's Day"),
    (date(2026, 1, 19), "Martin Luther King Jr. Day"),
    (date(2026, 5, 25), "Memorial Day"),
    (date(2026, 6, 19), "Juneteenth"),
    (date(2026, 7, 3), "Independence Day (observed)"),
    (date(2026, 9, 7), "Labor Day"),
    (date(2026, 11, 26), "Thanksgiving Day"),
    (date(2026, 11, 27), "Day after Thanksgiving"),
    (date(2026, 12, 24), "Christmas Eve"),
    (date(2026, 12, 25), "Christmas Day"),
    (date(2027, 1, 1), "New Year's Day"),
    (date(2027, 1, 18), "Martin Luther King Jr. Day"),
    (date(2027, 5, 31), "Memorial Day"),
    (date(2027, 6, 18), "Juneteenth (observed)"),
    (date(2027, 7, 5), "Independence Day (observed)"),
    (date(2027, 9, 6), "Labor Day"),
    (date(2027, 11, 25), "Thanksgiving Day"),
    (date(2027, 11, 26), "Day after Thanksgiving"),
    (date(2027, 12, 24), "Christmas Day (observed)"),
]

# The names the library's Spanish signage uses. Branches keep their place names, which have one version.
SPANISH_NAMES = {
    "Entrance and lobby": "Entrada y vestíbulo",
    "Service desk": "Mostrador de atención",
    "Adult stacks": "Estanterías de adultos",
    "Children's area": "Área infantil",
    "Teen space": "Espacio juvenil",
    "Computer lab": "Sala de computadoras",
    "Restrooms": "Baños",
    "Parking lot": "Estacionamiento",
    "Community meeting room": "Sala de reuniones comunitaria",
    "Quiet study rooms": "Salas de estudio en silencio",
    "Local history room": "Sala de historia local",
    "Plaza and book drop": "Plaza y buzón de devolución",
    "Maker space": "Taller de creación",
    "Study room": "Sala de estudio",
    "Reading deck": "Terraza de lectura",
    "Front room and desk": "Sala de entrada y mostrador",
    "Children's corner": "Rincón infantil",
    "Public computers": "Computadoras públicas",
    "Restroom": "Baño",
    "Gravel parking": "Estacionamiento de grava",
}

SPANISH_HOLIDAYS = {
    "New Year's Day": "Año Nuevo",
    "Martin Luther King Jr. Day": "Día de Martin Luther King Jr.",
    "Memorial Day": "Día de los Caídos",
    "Juneteenth": "Juneteenth (Día de la Emancipación)",
    "Juneteenth (observed)": "Juneteenth (Día de la Emancipación, feriado trasladado)",
    "Independence Day (observed)": "Día de la Independencia (feriado trasladado)",
    "Labor Day": "Día del Trabajo",
    "Thanksgiving Day": "Día de Acción de Gracias",
    "Day after Thanksgiving": "Día después de Acción de Gracias",
    "Christmas Eve": "Nochebuena",
    "Christmas Day": "Navidad",
    "Christmas Day (observed)": "Navidad (feriado trasladado)",
}
SPANISH_REASONS = {
    "Carpet replacement": "Cambio de alfombras",
    "All-staff de-escalation training": "Capacitación de todo el personal en desescalada",
    "Roof repair": "Reparación del techo",
    "Boiler replacement": "Cambio de la caldera",
}

CLOSURES = [
    ("EAS", date(2026, 8, 10), date(2026, 8, 14), "Carpet replacement"),
    ("HAR", date(2026, 11, 25), date(2026, 11, 25), "All-staff de-escalation training"),
    ("PIN", date(2026, 12, 8), date(2026, 12, 12), "Roof repair"),
    ("NOR", date(2027, 2, 1), date(2027, 2, 3), "Boiler replacement"),
]


def load(context) -> None:
    riverbend, _ = LibrarySystem.objects.get_or_create(
        slug="riverbend",
        defaults={
            "name": "Riverbend Public Library",
            "time_zone": "America/Chicago",
            "opening_days": MON_TO_SAT,
        },
    )
    context.systems["riverbend"] = riverbend
    for code, name, address, phone, small, week, extra in BRANCHES:
        branch = _branch(riverbend, code, name, address, phone, small, week)
        locations = SMALL_BRANCH_LOCATIONS if small else STANDARD_LOCATIONS + extra
        for location_name, kind in locations:
            _location(branch, location_name, kind)
        context.branches[code] = branch
    for day, name in HOLIDAYS:
        Holiday.objects.get_or_create(
            system=riverbend, date=day, defaults={"name": name, "name_es": SPANISH_HOLIDAYS[name]}
        )
    for code, start, end, reason in CLOSURES:
        Closure.objects.get_or_create(
            branch=context.branches[code],
            start_date=start,
            end_date=end,
            defaults={"reason": reason, "reason_es": SPANISH_REASONS[reason]},
        )
    _second_system(context)


def _branch(system, code, name, address, phone, small, week) -> Branch:
    branch, created = Branch.objects.get_or_create(
        system=system,
        code=code,
        defaults={
            "name": name,
            "address": address,
            "phone": phone,
            "is_small": small,
        },
    )
    if created:
        OpeningHours.objects.bulk_create(
            OpeningHours(branch=branch, weekday=day, opens=hours[0], closes=hours[1])
            for day, hours in enumerate(week)
            if hours
        )
    return branch


def _location(branch, name, kind) -> Location:
    location, _ = Location.objects.get_or_create(
        branch=branch, name=name, defaults={"kind": kind, "name_es": SPANISH_NAMES[name]}
    )
    return location


def _second_system(context) -> None:
    """A neighbouring system in the same installation (a consortium), fully isolated from Riverbend."""
    lakeshore, _ = LibrarySystem.objects.get_or_create(
        slug="lakeshore", defaults={"name": "Lakeshore Regional Library", "time_zone": "America/New_York"}
    )
    context.systems["lakeshore"] = lakeshore
    for code, name in [("LKM", "Lakeshore Main"), ("BAY", "Bayside Branch")]:
        branch = _branch(lakeshore, code, name, "", "", False, NEIGHBOURHOOD_WEEK)
        for location_name, kind in STANDARD_LOCATIONS[:4]:
            _location(branch, location_name, kind)
