# ruff: noqa: E501  (policy texts and log wording shipped as demo data read better unwrapped)
"""The demo library's policies and the wording of its exceptions log (used by demo.py)."""

from .models import Flexibility, PolicyArea

SEED = 2

# key, title, area, flexibility, owner key, body, alternatives
POLICIES = [
    (
        "card",
        "Library cards and proof of address",
        PolicyArea.BORROWING,
        Flexibility.FIRM,
        "administrator",
        "Anyone who lives, works or studies in the county can have a free library card.\n\n"
        "- We ask for a photo ID and proof of address.\n"
        "- A supervisor may accept other documents, such as a letter from a shelter or a school.\n"
        "- Without either, we issue a computer-only card the same day.",
        "- A computer-only card, today.\n- A visitor pass for the computers.\n- Help finding what documents to bring.",
    ),
    (
        "computers",
        "Computer time limits",
        PolicyArea.TECHNOLOGY,
        Flexibility.FLEXIBLE,
        "supervisor",
        "Public computers are booked in sessions of **two hours a day** so that everyone gets a turn.\n\n"
        "- When no one is waiting, staff may add time.\n"
        "- For job applications, benefits and exams, staff may add up to an hour even when others wait.\n"
        "- Say it is an exception, and why.",
        "- A laptop loan for in-library use.\n- A session booked for tomorrow morning.",
    ),
    (
        "fines",
        "Fines and fees",
        PolicyArea.BORROWING,
        Flexibility.FIRM,
        "administrator",
        "We do not charge overdue fines. Lost or damaged items are charged at their replacement cost.\n\n"
        "- A supervisor may waive or reduce a replacement charge.\n- Payment plans are always available.",
        "- A payment plan.\n- Returning a replacement copy instead of paying.",
    ),
    (
        "privacy",
        "Privacy of patron records",
        PolicyArea.PRIVACY,
        Flexibility.FIXED,
        "director",
        "What a person borrows, reads, searches or asks is **confidential**. We never tell anyone else, including "
        "family members, employers or the police without a court order, what another person has borrowed or "
        "asked.",
        "- Explain that the same protection covers them too.\n- The account holder can come in, or call with "
        "their card and PIN.\n- Requests from the police go to the director.",
    ),
    (
        "children",
        "Children in the library",
        PolicyArea.CHILDREN,
        Flexibility.FIXED,
        "supervisor",
        "Children under 10 must be with a responsible adult (16 or older) at all times. Staff never take a child "
        "home or to another place.",
        "- Help the family find a programme the child can join with the adult nearby.\n"
        "- Share the after-school programme times.",
    ),
    (
        "conduct",
        "Safety and behaviour in the library",
        PolicyArea.CONDUCT,
        Flexibility.FIXED,
        "director",
        "Threats, violence, harassment and weapons are never allowed. Staff may ask anyone behaving this way to "
        "leave and may call the police.",
        "- Offer to continue the conversation by phone or e-mail.\n- Explain how to appeal an exclusion.",
    ),
    (
        "resting",
        "Resting and sleeping",
        PolicyArea.SPACES,
        Flexibility.FLEXIBLE,
        "supervisor",
        "Everyone may rest in the library. Staff wake someone when there is a reason: to check they are well, "
        "to clear a walkway or exit, or at closing.",
        "- A quieter seat away from walkways.",
    ),
    (
        "meeting",
        "Meeting room bookings",
        PolicyArea.SPACES,
        Flexibility.FLEXIBLE,
        "supervisor",
        "Community groups book meeting rooms free of charge, up to four times a month, two weeks ahead.",
        "- A study room for small groups.\n- The next free date.",
    ),
    (
        "food",
        "Food and drink",
        PolicyArea.SPACES,
        Flexibility.YES_AND,
        "supervisor",
        "Yes: covered drinks and snacks are welcome everywhere except near the computers and the local history "
        "collection. And we have water and a microwave in the community room.",
        "",
    ),
    (
        "tech",
        "Technology help at the desk",
        PolicyArea.TECHNOLOGY,
        Flexibility.YES_AND,
        "trainer",
        "Yes: staff help with the first steps of any technology question. And for longer help, we book a one-to-one "
        "session or a class.",
        "",
    ),
    (
        "language",
        "Serving patrons in their language",
        PolicyArea.SERVICES,
        Flexibility.YES_AND,
        "administrator",
        "Yes: we serve everyone in their language, with colleagues who speak it, phrase cards or the free phone "
        "interpreting line. And we keep signage in English and Spanish.",
        "",
    ),
    (
        "quiet",
        "Noise and quiet spaces",
        PolicyArea.SPACES,
        Flexibility.FLEXIBLE,
        "supervisor",
        "The library is a shared space: conversation is welcome at normal volume; the quiet room and study rooms "
        "are for silent work. Anyone overwhelmed by noise may use the quiet room.",
        "- The quiet room.\n- Headphones at the desk.",
    ),
    (
        "substances",
        "Alcohol and drugs",
        PolicyArea.CONDUCT,
        Flexibility.FIXED,
        "director",
        "Using or selling alcohol or drugs in the library or on its grounds is not allowed.",
        "- Ask them to put it away or finish it outside, and welcome them back.",
    ),
    (
        "lone",
        "Working alone",
        PolicyArea.CONDUCT,
        Flexibility.FIXED,
        "director",
        "Staff working alone check in with the partner branch at the start, every two hours and at the end of the "
        "shift. Anyone working alone may close the branch for their safety.",
        "- A colleague from the partner branch covers the next shift.",
    ),
    (
        "printing",
        "Printing and copying",
        PolicyArea.TECHNOLOGY,
        Flexibility.FLEXIBLE,
        "supervisor",
        "Ten pages a day are free; further pages are 10 cents each.",
        "- Save to a USB stick or e-mail instead of printing.",
    ),
]

# (policy key, monthly requests per branch, system exception rate); EAS reads "computers" very differently.
VOLUME = {
    "computers": (7, 0.2),
    "fines": (4, 0.45),
    "card": (2, 0.35),
    "meeting": (1, 0.3),
    "printing": (3, 0.4),
    "resting": (1, 0.6),
    "privacy": (1, 0.0),
    "children": (0.5, 0.0),
}
OUTLIER = ("EAS", "computers", 0.72)
BRANCH_STAFF = {
    "CEN": ["frontline", "cen_staff_2", "cen_staff_3"],
    "EAS": ["eas_staff", "eas_staff_2"],
    "NOR": ["nor_staff"],
    "WIL": ["wil_staff"],
    "HAR": ["har_staff", "pin_relief"],
    "PIN": ["lone_worker", "pin_relief"],
}
BRANCH_SUPERVISOR = {
    "CEN": "supervisor",
    "EAS": "supervisor",
    "NOR": "nor_supervisor",
    "WIL": "nor_supervisor",
    "HAR": "har_supervisor",
    "PIN": "har_supervisor",
}
WORDING = {
    "computers": (
        "Asked for more computer time to finish an online job application.",
        "Thirty more minutes on the same computer.",
        "No one was waiting; job applications come first.",
        "Explained this was a one-off because of the application, and how to book tomorrow.",
    ),
    "fines": (
        "Asked to waive the replacement charge for a book damaged by water.",
        "Replacement charge waived.",
        "First time; the book was old and due to be withdrawn.",
        "Told them this was an exception and that future damage is charged.",
    ),
    "card": (
        "Asked for a full card without proof of address.",
        "Full card with a shelter letter.",
        "The shelter letter confirms they live in the county.",
        "Explained which documents we accept, so they know next time.",
    ),
    "meeting": (
        "Asked to book a meeting room with one week's notice.",
        "Room booked for next Tuesday.",
        "The room was free and the group had no other place.",
        "Explained the two-week rule and that this was an exception.",
    ),
    "printing": (
        "Asked to print 25 pages for free.",
        "Fifteen extra pages free.",
        "Court papers needed the same day.",
        "Explained the daily limit and that this was a one-off.",
    ),
    "resting": (
        "Asked to keep resting in the lounge chair near the entrance.",
        "Stayed in the same chair.",
        "Not blocking the walkway.",
        "Said they were welcome to rest.",
    ),
    "privacy": (
        "Asked what a family member had borrowed.",
        "",
        "Records are confidential.",
        "Explained the same protection covers them, and that the account holder can ask.",
    ),
    "children": (
        "Asked to leave a child of seven in the children's area while shopping.",
        "",
        "Children under 10 stay with an adult.",
        "Explained the rule calmly and offered the story time they could attend together.",
    ),
}
ENFORCED_WORDING = {
    "computers": (
        "Others were waiting for a computer.",
        "Explained the two-hour limit and booked a session for the next morning.",
    ),
    "fines": (
        "The item was lost for the second time this year.",
        "Explained the charge and offered a payment plan.",
    ),
    "card": ("No documents at all.", "Issued a computer-only card and listed the documents we accept."),
    "meeting": ("The room was already booked.", "Offered a study room and the next free date."),
    "printing": ("No particular need.", "Explained the 10-cent charge and offered to e-mail the file."),
    "resting": ("Blocking the emergency exit.", "Asked them to move to a seat nearby."),
}

# The Spanish version of each policy (key: title, body, alternatives), as the library publishes it.
POLICIES_ES = {
    "card": (
        "Tarjetas de la biblioteca y comprobante de domicilio",
        "Toda persona que vive, trabaja o estudia en el condado puede tener una tarjeta de la biblioteca gratuita.\n\n"
        "- Pedimos una identificación con foto y un comprobante de domicilio.\n"
        "- Una supervisora o un supervisor puede aceptar otros documentos, como una carta de un albergue o de una escuela.\n"
        "- Sin ninguno de los dos, emitimos el mismo día una tarjeta solo para las computadoras.",
        "- Una tarjeta solo para las computadoras, hoy mismo.\n- Un pase de visita para las computadoras.\n"
        "- Ayuda para saber qué documentos traer.",
    ),
    "computers": (
        "Límites de tiempo en las computadoras",
        "Las computadoras públicas se reservan en sesiones de **dos horas al día** para que todas las personas tengan su turno.\n\n"
        "- Cuando nadie espera, el personal puede añadir tiempo.\n"
        "- Para solicitudes de empleo, prestaciones y exámenes, el personal puede añadir hasta una hora aunque otras personas esperen.\n"
        "- Diga que es una excepción y por qué.\n"
        "- El personal también puede añadir tiempo para las tareas escolares después de las 3 de la tarde.",
        "- Un préstamo de computadora portátil para usar en la biblioteca.\n- Una sesión reservada para mañana por la mañana.",
    ),
    "fines": (
        "Multas y cargos",
        "No cobramos multas por retraso. Los materiales perdidos o dañados se cobran a su precio de reposición.\n\n"
        "- Una supervisora o un supervisor puede anular o reducir un cargo de reposición.\n"
        "- Siempre se puede pagar a plazos.",
        "- Un plan de pagos.\n- Devolver un ejemplar de reposición en lugar de pagar.",
    ),
    "privacy": (
        "Privacidad de los registros de los usuarios",
        "Lo que una persona toma en préstamo, lee, busca o pregunta es **confidencial**. Nunca decimos a nadie, "
        "ni a familiares, ni a empleadores, ni a la policía sin una orden judicial, lo que otra persona ha tomado "
        "en préstamo o preguntado.",
        "- Explique que la misma protección le ampara a usted también.\n- La persona titular de la cuenta puede "
        "venir o llamar con su tarjeta y su PIN.\n- Las solicitudes de la policía van a la dirección.",
    ),
    "children": (
        "Niñas y niños en la biblioteca",
        "Las niñas y los niños menores de 10 años deben estar en todo momento con una persona adulta responsable "
        "(de 16 años o más). El personal nunca lleva a una niña o un niño a su casa ni a otro lugar.",
        "- Ayude a la familia a encontrar una actividad en la que la niña o el niño participe con la persona adulta cerca.\n"
        "- Comparta los horarios de las actividades después de la escuela.",
    ),
    "conduct": (
        "Seguridad y conducta en la biblioteca",
        "Las amenazas, la violencia, el acoso y las armas nunca están permitidos. El personal puede pedir a "
        "cualquier persona que actúe así que se retire y puede llamar a la policía.",
        "- Ofrezca continuar la conversación por teléfono o por correo electrónico.\n"
        "- Explique cómo apelar una exclusión.",
    ),
    "resting": (
        "Descansar y dormir",
        "Todas las personas pueden descansar en la biblioteca. El personal despierta a alguien cuando hay un "
        "motivo: comprobar que se encuentra bien, despejar un pasillo o una salida, o al cerrar.",
        "- Un asiento más tranquilo, lejos de los pasillos.",
    ),
    "meeting": (
        "Reservas de salas de reuniones",
        "Los grupos comunitarios reservan las salas de reuniones sin costo, hasta cuatro veces al mes y con dos "
        "semanas de antelación.",
        "- Una sala de estudio para grupos pequeños.\n- La próxima fecha libre.",
    ),
    "food": (
        "Comida y bebida",
        "Sí: las bebidas con tapa y los refrigerios son bienvenidos en todas partes, excepto cerca de las "
        "computadoras y de la colección de historia local. Y tenemos agua y un microondas en la sala comunitaria.",
        "",
    ),
    "tech": (
        "Ayuda con la tecnología en el mostrador",
        "Sí: el personal ayuda con los primeros pasos de cualquier pregunta sobre tecnología. Y para una ayuda "
        "más larga, reservamos una sesión individual o una clase.",
        "",
    ),
    "language": (
        "Atender a los usuarios en su idioma",
        "Sí: atendemos a todas las personas en su idioma, con colegas que lo hablan, tarjetas de frases o la "
        "línea telefónica gratuita de interpretación. Y mantenemos la señalización en inglés y en español.",
        "",
    ),
    "quiet": (
        "Ruido y espacios tranquilos",
        "La biblioteca es un espacio compartido: la conversación a volumen normal es bienvenida; la sala "
        "silenciosa y las salas de estudio son para el trabajo en silencio. Cualquier persona a la que el ruido "
        "agobie puede usar la sala silenciosa.",
        "- La sala silenciosa.\n- Auriculares en el mostrador.",
    ),
    "substances": (
        "Alcohol y drogas",
        "No se permite consumir ni vender alcohol o drogas en la biblioteca ni en su recinto.",
        "- Pida que lo guarden o lo terminen afuera, y dé la bienvenida de vuelta.",
    ),
    "lone": (
        "Trabajar a solas",
        "El personal que trabaja a solas se comunica con la sucursal asociada al empezar, cada dos horas y al "
        "terminar el turno. Quien trabaja a solas puede cerrar la sucursal por su seguridad.",
        "- Una persona colega de la sucursal asociada cubre el turno siguiente.",
    ),
    "printing": (
        "Impresión y copias",
        "Diez páginas al día son gratuitas; las siguientes cuestan 10 centavos cada una.",
        "- Guardar en una memoria USB o enviar por correo electrónico en lugar de imprimir.",
    ),
}
