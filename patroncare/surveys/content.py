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
