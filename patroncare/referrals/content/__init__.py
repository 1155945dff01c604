"""The needs PatronCare ships, in English and Spanish, with the playbooks that list their resources."""

STANDARD_CATEGORIES = [
    ("food", "Food", "Alimentos", ""),
    ("shelter-housing", "Shelter and housing", "Albergue y vivienda", "sleeping-or-without-housing"),
    ("mental-health-crisis", "Mental health and crisis", "Salud mental y crisis", "mental-health-crisis"),
    ("substance-use", "Substance use", "Consumo de sustancias", "intoxicated,mental-health-crisis"),
    ("domestic-violence", "Domestic violence", "Violencia doméstica", "threats-or-violence"),
    ("legal-aid", "Legal aid", "Asistencia legal", ""),
    ("immigration", "Immigration", "Inmigración", "another-language"),
    ("health", "Health", "Salud", ""),
    ("employment", "Employment", "Empleo", ""),
    ("social-services", "Social services", "Servicios sociales", "sleeping-or-without-housing"),
    ("youth-family", "Youth and family", "Juventud y familia", "unattended-child"),
    (
        "tech-help",
        "Tech help and digital literacy",
        "Ayuda tecnológica y alfabetización digital",
        "technology-help",
    ),
]
