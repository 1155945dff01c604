"""Riverbend's community directory: fictional organisations, in English and Spanish, some due for
verification; its crisis line; and a year of anonymous referrals generated from a fixed seed."""

import random
from datetime import time, timedelta

from .models import Category, Referral, ReferralSettings, Resource
from .services import _set_hours, categories_install_standard

WEEKDAYS = range(5)
EVERY_DAY = range(7)

# organisation, service (en, es), needs, phone, text, web, languages, hours, verified days ago, cost (en, es),
# description (en, es)
RESOURCES = [
    (
        "Riverbend Community Pantry",
        ("Weekly grocery pantry", "Despensa semanal de alimentos"),
        ["food"],
        "555-0110",
        "",
        "https://pantry.riverbend.example.org/",
        "en,es",
        [(1, time(10), time(14)), (3, time(10), time(14)), (5, time(9), time(12))],
        40,
        ("Free", "Gratis"),
        (
            "Groceries once a week. No ID or proof of address needed.",
            "Alimentos una vez por semana. No se pide identificación ni comprobante de domicilio.",
        ),
    ),
    (
        "Harbor House",
        ("Night shelter", "Albergue nocturno"),
        ["shelter-housing"],
        "555-0120",
        "55512",
        "https://harborhouse.example.org/",
        "en,es",
        [(day, time(20), time(8)) for day in EVERY_DAY],
        25,
        ("Free", "Gratis"),
        (
            "Beds for adults from 8 pm; check in by 10 pm. Lockers and showers.",
            "Camas para adultos desde las 8 p. m.; registro antes de las 10 p. m. Casilleros y duchas.",
        ),
    ),
    (
        "Riverbend County Housing Office",
        ("Rent help and housing search", "Ayuda con el alquiler y búsqueda de vivienda"),
        ["shelter-housing", "social-services"],
        "555-0130",
        "",
        "https://housing.riverbend.example.org/",
        "en,es",
        [(day, time(8, 30), time(16, 30)) for day in WEEKDAYS],
        200,
        ("Free", "Gratis"),
        (
            "Emergency rent help, housing lists and eviction advice.",
            "Ayuda urgente con el alquiler, listas de vivienda y asesoría en desalojos.",
        ),
    ),
    (
        "988 Suicide and Crisis Lifeline",
        ("Call or text 988", "Llame o envíe un mensaje al 988"),
        ["mental-health-crisis"],
        "988",
        "988",
        "https://988lifeline.org/",
        "en,es",
        [(day, time(0), time(0)) for day in EVERY_DAY],
        30,
        ("Free", "Gratis"),
        (
            "Someone to talk to, any time, about a crisis or thoughts of suicide.",
            "Alguien con quien hablar, a cualquier hora, sobre una crisis o pensamientos suicidas.",
        ),
    ),
    (
        "Riverbend Behavioral Health",
        ("Mobile crisis team", "Equipo móvil de crisis"),
        ["mental-health-crisis", "substance-use"],
        "555-0140",
        "",
        "https://rbh.example.org/crisis",
        "en,es",
        [(day, time(0), time(0)) for day in EVERY_DAY],
        100,
        ("Free", "Gratis"),
        (
            "Counsellors who come to where the person is, day and night.",
            "Consejeros que acuden a donde está la persona, de día y de noche.",
        ),
    ),
    (
        "Safe Harbor Domestic Violence Services",
        ("24-hour hotline and safe shelter", "Línea de 24 horas y refugio seguro"),
        ["domestic-violence"],
        "555-0150",
        "55515",
        "https://safeharbor.example.org/",
        "en,es",
        [(day, time(0), time(0)) for day in EVERY_DAY],
        60,
        ("Free and confidential", "Gratis y confidencial"),
        (
            "Confidential help, safety planning and a safe place to stay.",
            "Ayuda confidencial, plan de seguridad y un lugar seguro donde quedarse.",
        ),
    ),
    (
        "Prairie Legal Aid",
        ("Free legal clinic", "Clínica legal gratuita"),
        ["legal-aid", "immigration"],
        "555-0160",
        "",
        "https://prairielegal.example.org/",
        "en,es,vi",
        [(2, time(13), time(17)), (4, time(13), time(17))],
        210,
        ("Free for low incomes", "Gratis para ingresos bajos"),
        (
            "Advice on housing, benefits, family and immigration matters.",
            "Asesoría sobre vivienda, beneficios, familia e inmigración.",
        ),
    ),
    (
        "Riverbend Free Clinic",
        ("Walk-in clinic", "Clínica sin cita"),
        ["health"],
        "555-0170",
        "",
        "https://freeclinic.riverbend.example.org/",
        "en,es",
        [(0, time(17), time(21)), (2, time(17), time(21)), (5, time(9), time(13))],
        90,
        ("Free", "Gratis"),
        (
            "Basic care without insurance. Interpreters by phone.",
            "Atención básica sin seguro médico. Intérpretes por teléfono.",
        ),
    ),
    (
        "Riverbend WorkForce Center",
        ("Job search help", "Ayuda para buscar empleo"),
        ["employment", "tech-help"],
        "555-0180",
        "",
        "https://workforce.riverbend.example.org/",
        "en,es",
        [(day, time(9), time(17)) for day in WEEKDAYS],
        150,
        ("Free", "Gratis"),
        (
            "Résumés, job applications and computer classes.",
            "Currículos, solicitudes de empleo y clases de computación.",
        ),
    ),
    (
        "Riverbend County Human Services",
        ("Food and cash benefits office", "Oficina de beneficios de alimentos y dinero"),
        ["social-services", "food"],
        "555-0190",
        "",
        "https://humanservices.riverbend.example.org/",
        "en,es",
        [(day, time(8), time(16, 30)) for day in WEEKDAYS],
        400,
        ("Free", "Gratis"),
        (
            "Applications for SNAP, cash aid and medical assistance.",
            "Solicitudes de SNAP, ayuda económica y asistencia médica.",
        ),
    ),
    (
        "Youth Link",
        ("Drop-in centre for teens", "Centro de acogida para adolescentes"),
        ["youth-family"],
        "555-0200",
        "55520",
        "https://youthlink.example.org/",
        "en,es",
        [(day, time(15), time(20)) for day in WEEKDAYS],
        70,
        ("Free", "Gratis"),
        (
            "A safe place after school, meals and someone to talk to.",
            "Un lugar seguro después de la escuela, comidas y alguien con quien hablar.",
        ),
    ),
    (
        "Riverbend Digital Navigators",
        ("One-to-one tech help", "Ayuda tecnológica personalizada"),
        ["tech-help"],
        "555-0210",
        "",
        "https://navigators.riverbend.example.org/",
        "en,es",
        [(1, time(10), time(16)), (3, time(10), time(16))],
        20,
        ("Free", "Gratis"),
        (
            "Help with phones, e-mail, online forms and benefits portals, by appointment.",
            "Ayuda con teléfonos, correo electrónico, formularios en línea y portales de beneficios,"
            " con cita.",
        ),
    ),
]


def load(context) -> None:
    system = context.system
    categories_install_standard(system=system)
    needs = {c.slug: c for c in Category.objects.filter(system=system)}
    owner = context.staff.get("supervisor")
    ReferralSettings.objects.get_or_create(
        system=system,
        defaults={
            "crisis_line_name_en": "988 Suicide and Crisis Lifeline",
            "crisis_line_name_es": "988 Línea de Prevención del Suicidio y Crisis",
            "crisis_line_phone": "988",
            "crisis_line_text": "988",
        },
    )
    resources = []
    for index, (
        org,
        (name_en, name_es),
        slugs,
        phone,
        text,
        web,
        languages,
        hours,
        days_ago,
        cost,
        about,
    ) in enumerate(RESOURCES):
        resource = Resource.objects.filter(system=system, organisation=org, name_en=name_en).first()
        if resource is None:
            resource = Resource.objects.create(
                system=system,
                organisation=org,
                name_en=name_en,
                name_es=name_es,
                description_en=about[0],
                description_es=about[1],
                phone=phone,
                text_line=text,
                website=web,
                languages=languages,
                cost_en=cost[0],
                cost_es=cost[1],
                area_served="Riverbend County",
                last_verified_on=context.today - timedelta(days=days_ago),
                verified_by=owner,
                owner=owner if index % 2 == 0 else None,
                verify_every_months=6,
            )
            resource.categories.set([needs[slug] for slug in slugs])
            _set_hours(resource, hours)
        resources.append((resource, slugs))
    if Referral.objects.filter(system=system).exists():
        return
    rng = random.Random(14)  # noqa: S311 - fixed demo history, not security
    branches = list(context.branches.values())
    rows = []
    for day in range(365):
        made_on = context.today - timedelta(days=day)
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            resource, slugs = rng.choice(resources)
            rows.append(
                Referral(
                    system=system,
                    branch=rng.choice(branches),
                    need=needs[rng.choice(slugs)],
                    resource=resource,
                    language=rng.choice(["en", "en", "en", "es", "es", "vi"]),
                    made_on=made_on,
                )
            )
    Referral.objects.bulk_create(rows)
