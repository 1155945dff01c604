"""The phrase cards PatronCare ships: a few things staff often need to say, in the languages below."""

# code, name in that language, name in English, writing direction
PHRASE_LANGUAGES = [
    ("es", "Español", "Spanish", "ltr"),
    ("vi", "Tiếng Việt", "Vietnamese", "ltr"),
    ("pt-BR", "Português", "Portuguese", "ltr"),
]

# key, meaning in English, meaning in Spanish, {language code: text}
PHRASES = [
    (
        "welcome",
        "Welcome. How can I help you?",
        "Bienvenido. ¿En qué puedo ayudarle?",
        {
            "es": "Bienvenido. ¿En qué puedo ayudarle?",
            "vi": "Xin chào. Tôi có thể giúp gì cho bạn?",
            "pt-BR": "Bem-vindo. Como posso ajudar?",
        },
    ),
    (
        "one-moment",
        "One moment, please. I will find someone to help.",
        "Un momento, por favor. Busco a alguien que le ayude.",
        {
            "es": "Un momento, por favor. Busco a alguien que le ayude.",
            "vi": "Xin vui lòng đợi một chút. Tôi sẽ tìm người giúp bạn.",
            "pt-BR": "Um momento, por favor. Vou chamar alguém para ajudar.",
        },
    ),
    (
        "point-language",
        "Please point to your language.",
        "Por favor, señale su idioma.",
        {
            "es": "Por favor, señale su idioma.",
            "vi": "Xin vui lòng chỉ vào ngôn ngữ của bạn.",
            "pt-BR": "Por favor, aponte para o seu idioma.",
        },
    ),
    (
        "interpreter",
        "We can call an interpreter on the phone. It is free.",
        "Podemos llamar a un intérprete por teléfono. Es gratis.",
        {
            "es": "Podemos llamar a un intérprete por teléfono. Es gratis.",
            "vi": "Chúng tôi có thể gọi thông dịch viên qua điện thoại. Dịch vụ này miễn phí.",
            "pt-BR": "Podemos chamar um intérprete por telefone. É gratuito.",
        },
    ),
    (
        "library-card",
        "A library card is free. You can get one today.",
        "El carné de la biblioteca es gratis. Puede obtenerlo hoy.",
        {
            "es": "El carné de la biblioteca es gratis. Puede obtenerlo hoy.",
            "vi": "Thẻ thư viện miễn phí. Bạn có thể làm thẻ hôm nay.",
            "pt-BR": "O cartão da biblioteca é gratuito. Você pode fazer o seu hoje.",
        },
    ),
    (
        "closing",
        "The library closes in 15 minutes.",
        "La biblioteca cierra en 15 minutos.",
        {
            "es": "La biblioteca cierra en 15 minutos.",
            "vi": "Thư viện sẽ đóng cửa sau 15 phút.",
            "pt-BR": "A biblioteca fecha em 15 minutos.",
        },
    ),
    (
        "restroom",
        "The restrooms are this way.",
        "Los baños están por aquí.",
        {
            "es": "Los baños están por aquí.",
            "vi": "Nhà vệ sinh ở hướng này.",
            "pt-BR": "Os banheiros ficam por aqui.",
        },
    ),
]
