"""The starter survey: the service challenges library staff name most often (English, Spanish)."""

STARTER = [
    (
        "tech-help",
        "rating",
        "I can handle requests for tech help that go beyond the desk's scope.",
        "Puedo atender pedidos de ayuda tecnológica que van más allá de lo que cubre el mostrador.",
        "",
        "",
    ),
    (
        "boundaries",
        "rating",
        "I feel able to set boundaries with patrons when I need to.",
        "Me siento capaz de poner límites a los usuarios cuando lo necesito.",
        "",
        "",
    ),
    (
        "consistency",
        "rating",
        "Colleagues interpret our policies in the same way.",
        "Mis colegas interpretan nuestras políticas de la misma manera.",
        "",
        "",
    ),
    (
        "training",
        "rating",
        "I get the training and shared knowledge I need for hard situations.",
        "Recibo la formación y el conocimiento compartido que necesito para situaciones difíciles.",
        "",
        "",
    ),
    ("safety", "rating", "I feel safe at work.", "Me siento seguro o segura en el trabajo.", "", ""),
    (
        "workload",
        "rating",
        "My workload lets me serve patrons well.",
        "Mi carga de trabajo me permite atender bien a los usuarios.",
        "",
        "",
    ),
    (
        "hardest",
        "choice",
        "Which challenge weighs on you most?",
        "¿Qué desafío le pesa más?",
        "Tech help\nSetting boundaries\nConsistency of policy\nTraining and knowledge sharing\nSafety\n"
        "Workload and well-being",
        "Ayuda tecnológica\nPoner límites\nCoherencia en las políticas\nFormación y conocimiento compartido\n"
        "Seguridad\nCarga de trabajo y bienestar",
    ),
    ("change", "text", "What one change would help you most?", "¿Qué cambio le ayudaría más?", "", ""),
]

# The starter walk-through checklist: (area, key, English, Spanish); the library edits, adds, retires points.
WALK_STARTER = [
    (
        "entrance",
        "entrance-welcome",
        "The way in is easy to find, clean and looks welcoming.",
        "La entrada es fácil de encontrar, está limpia y se ve acogedora.",
    ),
    (
        "entrance",
        "entrance-hours",
        "Opening hours are posted at the door and readable from a distance.",
        "El horario está a la vista en la puerta y se lee desde lejos.",
    ),
    (
        "entrance",
        "entrance-access",
        "The entrance works for a wheelchair, a stroller or a walker.",
        "La entrada sirve para una silla de ruedas, un cochecito o un andador.",
    ),
    (
        "signage",
        "signage-find",
        "A newcomer can find the desk, restrooms and children's area from the signs.",
        "Una persona nueva encuentra el mostrador, los baños y el área infantil por los carteles.",
    ),
    (
        "signage",
        "signage-tone",
        "Signs say what patrons can do, not only what is forbidden.",
        "Los carteles dicen lo que se puede hacer, no solo lo que está prohibido.",
    ),
    (
        "signage",
        "signage-languages",
        "Key signs are in the languages the community speaks.",
        "Los carteles principales están en los idiomas de la comunidad.",
    ),
    (
        "desk",
        "desk-greeted",
        "Someone looks up and greets you within a few seconds.",
        "Alguien levanta la vista y le saluda en pocos segundos.",
    ),
    (
        "desk",
        "desk-approachable",
        "The desk is uncluttered and staff are easy to tell apart.",
        "El mostrador está despejado y el personal se reconoce con facilidad.",
    ),
    (
        "desk",
        "desk-privacy",
        "You can ask a question without the whole room hearing it.",
        "Se puede hacer una pregunta sin que toda la sala la escuche.",
    ),
    (
        "computers",
        "computers-working",
        "Public computers and printers work; broken ones are marked.",
        "Las computadoras y las impresoras públicas funcionan; las averiadas están señaladas.",
    ),
    (
        "computers",
        "computers-help",
        "It is clear how to sign on, print and ask for help.",
        "Está claro cómo iniciar sesión, imprimir y pedir ayuda.",
    ),
    (
        "restrooms",
        "restrooms-clean",
        "Restrooms are clean, stocked and their signs easy to follow.",
        "Los baños están limpios, abastecidos y se llega a ellos siguiendo los carteles.",
    ),
    (
        "restrooms",
        "restrooms-changing",
        "There is a baby-changing station patrons of any gender can use.",
        "Hay un cambiador de bebés que puede usar cualquier persona.",
    ),
    (
        "children",
        "children-safe",
        "The children's area is safe, tidy and inviting at a child's height.",
        "El área infantil es segura, ordenada y atractiva a la altura de un niño.",
    ),
    (
        "children",
        "children-teens",
        "Teens have a space of their own that feels meant for them.",
        "Los adolescentes tienen un espacio propio pensado para ellos.",
    ),
    (
        "noise_light",
        "noise-quiet",
        "There is a quiet place to read or work, and it is quiet.",
        "Hay un lugar tranquilo para leer o trabajar, y está en silencio.",
    ),
    (
        "noise_light",
        "light-even",
        "Lighting is even; no dark corners, flicker or glare.",
        "La iluminación es pareja: sin rincones oscuros, parpadeos ni reflejos.",
    ),
    (
        "website",
        "website-hours",
        "Hours, address and how to get a card are found within two clicks.",
        "El horario, la dirección y cómo sacar el carné se encuentran en dos clics.",
    ),
    (
        "website",
        "website-phone",
        "The website reads well on a phone and in Spanish.",
        "El sitio web se lee bien en un teléfono y en español.",
    ),
    (
        "phone",
        "phone-answered",
        "A call is answered within four rings, or the message says when to call.",
        "Se contesta una llamada antes del cuarto timbre, o el mensaje dice cuándo llamar.",
    ),
    (
        "phone",
        "phone-greeting",
        "The greeting names the library and the person, and offers help.",
        "El saludo nombra la biblioteca y a la persona, y ofrece ayuda.",
    ),
]
