# ruff: noqa: E501  (prose shipped to users: one sentence per line reads better than wrapped fragments)
"""The playbooks and phrase cards PatronCare ships, in English and Spanish.

Written to be read in seconds by someone under pressure: short steps, words to say, what to avoid, whom to
call. They describe behaviours and situations, never categories of people. Administrators adapt them to their
library after installation; edits are kept as revisions. `policies` names keys of the demo library's policies
(see patroncare/policies/demo.py); a library links its own policies when it edits a playbook.
"""

PLAYBOOKS = [
    {
        "slug": "angry-patron",
        "on_desk": True,
        "policies": ["fines", "card"],
        "en": {
            "title": "An angry patron",
            "summary": "Deal with the feelings first, then the problem.",
            "steps": "1. Stay calm and keep your voice low and slow.\n"
            "2. Let them finish. Do not interrupt, even if they are wrong about the facts.\n"
            "3. Name the feeling: show you understand why they are upset.\n"
            "4. Only then turn to the problem: ask what happened and what they need.\n"
            "5. Say what you *can* do, and do it. Check the policy's place on the Scale of Yes.\n"
            "6. Thank them for telling you, and log the complaint if there is one.",
            "words_to_use": '- "I can see this has been really frustrating."\n'
            '- "Thank you for telling me. Let\'s sort it out."\n'
            '- "Here is what I can do right now."',
            "avoid": '- Saying "calm down" or "that\'s our policy" on its own.\n'
            "- Arguing about who is right.\n"
            "- Taking the words personally: the anger is about the situation.",
            "when_to_call": "- Call a supervisor if they ask for one, or if you cannot solve it at the desk.\n"
            "- If anger turns to threats or insults, use the *Grumpy or abusive* playbook.",
        },
        "es": {
            "title": "Un usuario enfadado",
            "summary": "Primero los sentimientos, después el problema.",
            "steps": "1. Mantenga la calma y hable bajo y despacio.\n"
            "2. Deje que termine. No interrumpa, aunque se equivoque en los hechos.\n"
            "3. Nombre el sentimiento: muestre que entiende por qué está molesto.\n"
            "4. Solo entonces pase al problema: pregunte qué pasó y qué necesita.\n"
            "5. Diga lo que *sí* puede hacer, y hágalo. Mire el lugar de la norma en la Escala del Sí.\n"
            "6. Agradézcale que se lo haya contado y registre la queja si la hay.",
            "words_to_use": '- "Veo que esto ha sido muy frustrante."\n'
            '- "Gracias por decírmelo. Vamos a resolverlo."\n'
            '- "Esto es lo que puedo hacer ahora mismo."',
            "avoid": '- Decir "cálmese" o solo "es la norma".\n'
            "- Discutir sobre quién tiene razón.\n"
            "- Tomarse las palabras como algo personal: el enfado es por la situación.",
            "when_to_call": "- Llame a un supervisor si se lo piden o si no puede resolverlo en el mostrador.\n"
            "- Si el enfado pasa a amenazas o insultos, use la guía *Malhumorado o abusivo*.",
        },
    },
    {
        "slug": "blast",
        "on_desk": False,
        "policies": [],
        "en": {
            "title": "BLAST: Believe, Listen, Assist, Solve, Thank",
            "summary": "Five steps for any complaint at the desk.",
            "steps": "1. **Believe**: take the concern seriously; to them it is real.\n"
            "2. **Listen**: let them tell it all; nod, take notes, do not plan your answer yet.\n"
            '3. **Assist**: show you are on their side: "Let me help with this."\n'
            "4. **Solve or Support**: fix it now, or say exactly who will and by when.\n"
            "5. **Thank**: thank them for bringing it to us.",
            "words_to_use": '- "I believe you, and I want to get this right."\n'
            '- "Tell me what happened."\n'
            '- "I\'ll take care of it myself" or "My colleague will call you by Friday."\n'
            '- "Thank you for letting us know."',
            "avoid": "- Promising what you cannot deliver.\n"
            "- Passing them on without saying to whom and why.\n"
            "- Ending without a next step.",
            "when_to_call": "- A supervisor when the solution is beyond what you may decide.\n"
            "- Log the complaint so it is followed up.",
        },
        "es": {
            "title": "BLAST: Creer, Escuchar, Ayudar, Resolver, Agradecer",
            "summary": "Cinco pasos para cualquier queja en el mostrador.",
            "steps": "1. **Creer**: tome en serio la preocupación; para la persona es real.\n"
            "2. **Escuchar**: deje que lo cuente todo; asienta, tome notas, no prepare aún su respuesta.\n"
            '3. **Ayudar**: muestre que está de su lado: "Déjeme ayudarle con esto."\n'
            "4. **Resolver o apoyar**: resuélvalo ahora, o diga exactamente quién lo hará y cuándo.\n"
            "5. **Agradecer**: agradezca que nos lo haya contado.",
            "words_to_use": '- "Le creo y quiero hacerlo bien."\n'
            '- "Cuénteme qué pasó."\n'
            '- "Me encargo yo" o "Mi compañera le llamará antes del viernes."\n'
            '- "Gracias por avisarnos."',
            "avoid": "- Prometer lo que no puede cumplir.\n"
            "- Derivar sin decir a quién ni por qué.\n"
            "- Terminar sin un siguiente paso.",
            "when_to_call": "- A un supervisor cuando la solución va más allá de lo que usted puede decidir.\n"
            "- Registre la queja para que tenga seguimiento.",
        },
    },
    {
        "slug": "grumpy-or-abusive",
        "on_desk": True,
        "policies": ["conduct"],
        "en": {
            "title": "Grumpy or abusive?",
            "summary": "Grumpy is allowed. Abuse is not: set the boundary calmly.",
            "steps": "1. Grumpy (sighing, complaining, short answers): serve them as usual; it is not about you.\n"
            "2. Abusive (insults, slurs, shouting at you, threats): name the behaviour and the limit.\n"
            '3. Offer the way forward: "I want to help you, and I need you to stop shouting."\n'
            "4. If it goes on, say what happens next, then do it.\n"
            "5. Afterwards, write down what was said and done, as behaviour, and take a break.",
            "words_to_use": '- "I\'m happy to help. I need you to speak to me without shouting."\n'
            '- "If the insults continue, I will end this conversation and ask a colleague."\n'
            '- "Let\'s start again."',
            "avoid": "- Matching their tone.\n"
            "- Threats you will not carry out.\n"
            '- Labels ("you\'re crazy", "you people"): describe what they did.',
            "when_to_call": "- A colleague or supervisor as soon as you feel unsafe or the abuse continues.\n"
            "- Security, or 911, for threats of violence: see *Threats or violence*.",
        },
        "es": {
            "title": "¿Malhumorado o abusivo?",
            "summary": "El mal humor se tolera. El abuso no: ponga el límite con calma.",
            "steps": "1. Malhumorado (suspira, se queja, responde cortante): atiéndale como siempre; no es personal.\n"
            "2. Abusivo (insultos, gritos dirigidos a usted, amenazas): nombre la conducta y el límite.\n"
            '3. Ofrezca una salida: "Quiero ayudarle y necesito que deje de gritar."\n'
            "4. Si sigue, diga qué pasará después, y hágalo.\n"
            "5. Después, anote lo que se dijo y se hizo, como conducta, y tómese un descanso.",
            "words_to_use": '- "Con gusto le ayudo. Necesito que me hable sin gritar."\n'
            '- "Si siguen los insultos, terminaré esta conversación y avisaré a un compañero."\n'
            '- "Empecemos de nuevo."',
            "avoid": "- Responder en el mismo tono.\n"
            "- Amenazas que no va a cumplir.\n"
            '- Etiquetas ("está loco", "ustedes"): describa lo que hizo.',
            "when_to_call": "- A un compañero o supervisor en cuanto se sienta inseguro o el abuso continúe.\n"
            "- A seguridad, o al 911, ante amenazas de violencia: vea *Amenazas o violencia*.",
        },
    },
    {
        "slug": "technology-help",
        "on_desk": False,
        "policies": ["tech", "computers"],
        "en": {
            "title": "Technology help beyond the desk",
            "summary": "Guide the basic steps, then refer: start from what we can do.",
            "steps": "1. Ask what they are trying to get done (a form, an e-mail, a print), not what is broken.\n"
            "2. Guide the basics yourself: signing in, finding the site, printing, saving a file.\n"
            "3. Let them keep the keyboard and mouse; show, do not take over.\n"
            "4. Never type their passwords or personal details for them.\n"
            "5. Beyond about ten minutes, or for legal, tax or immigration forms: offer a one-to-one "
            "tech appointment or a class, and write down the next step for them.",
            "words_to_use": '- "Let\'s get you started: what are you trying to do?"\n'
            '- "You type, I\'ll point."\n'
            '- "This needs more time than I have at the desk. Can I book you a tech session?"',
            "avoid": '- "We don\'t do that" with nothing after it.\n'
            "- Entering passwords, bank or benefit details for the patron.\n"
            "- Giving legal or tax advice.",
            "when_to_call": "- The digital-literacy team for appointments and classes.\n"
            "- A supervisor when the queue behind is growing.",
        },
        "es": {
            "title": "Ayuda tecnológica más allá del mostrador",
            "summary": "Guíe los pasos básicos y después derive: empiece por lo que sí podemos hacer.",
            "steps": "1. Pregunte qué intenta conseguir (un formulario, un correo, imprimir), no qué falla.\n"
            "2. Guíe usted lo básico: iniciar sesión, encontrar la página, imprimir, guardar un archivo.\n"
            "3. Deje que la persona use el teclado y el ratón; muestre, no lo haga usted.\n"
            "4. Nunca escriba sus contraseñas ni sus datos personales.\n"
            "5. Si pasa de unos diez minutos, o si son trámites legales, de impuestos o de inmigración: "
            "ofrezca una cita de tecnología o un curso, y anótele el siguiente paso.",
            "words_to_use": '- "Empecemos: ¿qué quiere hacer?"\n'
            '- "Usted escribe y yo le indico."\n'
            '- "Esto necesita más tiempo del que tengo en el mostrador. ¿Le reservo una cita?"',
            "avoid": '- "Eso no lo hacemos" sin nada más.\n'
            "- Escribir contraseñas o datos bancarios o de ayudas por el usuario.\n"
            "- Dar consejo legal o fiscal.",
            "when_to_call": "- Al equipo de alfabetización digital para citas y cursos.\n"
            "- A un supervisor si la cola crece.",
        },
    },
    {
        "slug": "another-language",
        "on_desk": True,
        "phrase_cards": True,
        "policies": ["language"],
        "en": {
            "title": "A patron who speaks another language",
            "summary": "Slow down, use simple words, point, and use the phrase cards.",
            "steps": "1. Smile and slow down; speak plainly, not louder.\n"
            "2. Ask which language: show the phrase cards below and let them point.\n"
            "3. Use short sentences, one idea at a time; show rather than tell.\n"
            "4. Write down numbers, dates and addresses.\n"
            "5. Offer a colleague who speaks the language, or the phone interpreting line.",
            "words_to_use": '- "One moment, please. Let me find someone to help."\n'
            "- Point at the phrase card and wait.",
            "avoid": "- Asking a child to interpret about anything sensitive.\n"
            "- Speaking louder or faster.\n"
            "- Pretending you understood.",
            "when_to_call": "- A colleague on shift who speaks the language.\n"
            "- The phone interpreting service (number on the staff notice board).",
        },
        "es": {
            "title": "Un usuario que habla otro idioma",
            "summary": "Vaya despacio, use palabras sencillas, señale y use las tarjetas de frases.",
            "steps": "1. Sonría y vaya despacio; hable claro, no más alto.\n"
            "2. Pregunte qué idioma: muestre las tarjetas de frases y deje que señale.\n"
            "3. Frases cortas, una idea cada vez; muestre en lugar de explicar.\n"
            "4. Escriba los números, las fechas y las direcciones.\n"
            "5. Ofrezca un compañero que hable el idioma, o el servicio de interpretación telefónica.",
            "words_to_use": '- "Un momento, por favor. Busco a alguien que le ayude."\n'
            "- Señale la tarjeta de frases y espere.",
            "avoid": "- Pedir a un niño que interprete algo delicado.\n"
            "- Hablar más alto o más rápido.\n"
            "- Fingir que ha entendido.",
            "when_to_call": "- Un compañero de turno que hable el idioma.\n"
            "- El servicio de interpretación telefónica (número en el tablón del personal).",
        },
    },
    {
        "slug": "overwhelmed-by-noise",
        "on_desk": False,
        "policies": ["quiet"],
        "en": {
            "title": "A patron overwhelmed by noise",
            "summary": "For example an autistic patron in sensory overload: less input, more space, more time.",
            "steps": "1. Notice the signs: covering ears, rocking, pacing, not answering.\n"
            "2. Reduce input: speak less, softly, and one person only.\n"
            "3. Offer a quieter place (the quiet room, a study room) and point the way.\n"
            "4. Give time: wait for an answer; do not touch or crowd them.\n"
            "5. If they are with someone, talk with the companion about what helps.",
            "words_to_use": "- \"It's loud here. There is a quiet room this way, if you'd like.\"\n"
            '- "Take your time."',
            "avoid": "- Many questions at once.\n"
            "- Touching, or standing close.\n"
            "- Asking others to stare less by making a scene.",
            "when_to_call": "- A colleague to open the quiet room or lower noise nearby.\n"
            "- 911 only if there is a risk of injury.",
        },
        "es": {
            "title": "Un usuario abrumado por el ruido",
            "summary": "Por ejemplo, una persona autista con sobrecarga sensorial: menos estímulos, más espacio, "
            "más tiempo.",
            "steps": "1. Fíjese en las señales: se tapa los oídos, se balancea, camina de un lado a otro, no responde.\n"
            "2. Reduzca estímulos: hable poco, suave, y solo una persona.\n"
            "3. Ofrezca un lugar más tranquilo (la sala de silencio, una sala de estudio) y señale el camino.\n"
            "4. Dé tiempo: espere la respuesta; no la toque ni la rodee.\n"
            "5. Si va acompañada, hable con el acompañante sobre qué le ayuda.",
            "words_to_use": '- "Aquí hay mucho ruido. Hay una sala tranquila por aquí, si quiere."\n'
            '- "Tómese su tiempo."',
            "avoid": "- Muchas preguntas a la vez.\n"
            "- Tocar o acercarse demasiado.\n"
            "- Llamar más la atención de los demás.",
            "when_to_call": "- Un compañero para abrir la sala tranquila o bajar el ruido cerca.\n"
            "- Al 911 solo si hay riesgo de lesión.",
        },
    },
    {
        "slug": "unattended-child",
        "on_desk": True,
        "policies": ["children"],
        "en": {
            "title": "An unattended child",
            "summary": "Keep the child safe and with staff in view while you find their adult.",
            "steps": "1. Stay with the child in a public, visible place; a second adult with you if possible.\n"
            "2. Ask their name and who they came with; page the adult by name.\n"
            "3. At closing, two staff stay with the child; never drive them anywhere.\n"
            "4. If no adult is found within 15 minutes (or at closing), call the police non-emergency line.\n"
            "5. When the adult arrives, explain the policy calmly, without blame, and note what happened.",
            "words_to_use": "- To the child: \"You're safe. Let's find your grown-up together.\"\n"
            '- To the adult: "We were looking after them. Our policy asks that children under 10 '
            'stay with an adult: can we talk about how to make that work?"',
            "avoid": "- Leaving the child alone, or alone in a closed room with one adult.\n"
            "- Scolding the child or the adult in public.\n"
            "- Letting the child leave with someone who is not their adult.",
            "when_to_call": "- A supervisor at once.\n"
            "- Police non-emergency after 15 minutes or at closing; 911 if the child is in danger.",
        },
        "es": {
            "title": "Un niño sin acompañante",
            "summary": "Mantenga al niño seguro y a la vista del personal mientras busca a su adulto.",
            "steps": "1. Quédese con el niño en un lugar público y visible; con otro adulto si es posible.\n"
            "2. Pregúntele su nombre y con quién vino; llame al adulto por megafonía.\n"
            "3. Al cierre, dos empleados se quedan con el niño; nunca lo lleve en coche.\n"
            "4. Si no aparece ningún adulto en 15 minutos (o al cierre), llame a la línea de la policía "
            "para no emergencias.\n"
            "5. Cuando llegue el adulto, explique la norma con calma, sin culpar, y anote lo sucedido.",
            "words_to_use": '- Al niño: "Estás a salvo. Vamos a buscar juntos a tu adulto."\n'
            '- Al adulto: "Lo estábamos cuidando. La norma pide que los menores de 10 años estén '
            'con un adulto: ¿hablamos de cómo hacerlo posible?"',
            "avoid": "- Dejar al niño solo, o a solas en una sala cerrada con un adulto.\n"
            "- Regañar al niño o al adulto en público.\n"
            "- Dejar que el niño se vaya con alguien que no es su adulto.",
            "when_to_call": "- A un supervisor de inmediato.\n"
            "- A la policía (no emergencias) pasados 15 minutos o al cierre; al 911 si el niño "
            "corre peligro.",
        },
    },
    {
        "slug": "mental-health-crisis",
        "on_desk": True,
        "policies": ["conduct"],
        "en": {
            "title": "Someone in a mental-health crisis",
            "summary": "Stay calm, give space, listen, and get the right help.",
            "steps": "1. Check the space is safe for them, others and you; keep an exit clear.\n"
            "2. Approach calmly, at an angle, and introduce yourself.\n"
            "3. Listen; reflect back what you hear. You do not need to fix it.\n"
            "4. Ask directly if you are worried about their safety.\n"
            "5. Offer help: the 988 crisis line, a quiet place, the referral list.\n"
            "6. Afterwards, talk to someone about how you are: a debrief is for you too.",
            "words_to_use": '- "I\'m here to help. Would you like to sit somewhere quieter?"\n'
            '- "It sounds like things are really hard right now."\n'
            '- "Can I call someone for you, or would you like to talk to the crisis line?"',
            "avoid": "- Arguing with what they believe or see.\n"
            "- Crowding them, touching, sudden moves.\n"
            "- Labels or guesses about a diagnosis: note what you saw and heard.",
            "when_to_call": "- 988 (Suicide and Crisis Lifeline) with them, if they agree.\n"
            "- 911 if anyone is in immediate danger, including to themselves.\n"
            "- A supervisor, and log an incident afterwards.",
        },
        "es": {
            "title": "Una persona en crisis de salud mental",
            "summary": "Mantenga la calma, dé espacio, escuche y busque la ayuda adecuada.",
            "steps": "1. Compruebe que el espacio es seguro para la persona, los demás y usted; deje una salida libre.\n"
            "2. Acérquese con calma, de lado, y preséntese.\n"
            "3. Escuche; repita lo que entiende. No tiene que resolverlo.\n"
            "4. Pregunte directamente si le preocupa su seguridad.\n"
            "5. Ofrezca ayuda: la línea de crisis 988, un lugar tranquilo, la lista de recursos.\n"
            "6. Después, hable con alguien sobre cómo está usted: el repaso también es para usted.",
            "words_to_use": '- "Estoy aquí para ayudar. ¿Quiere sentarse en un sitio más tranquilo?"\n'
            '- "Parece que las cosas están siendo muy difíciles ahora."\n'
            '- "¿Llamo a alguien por usted, o quiere hablar con la línea de crisis?"',
            "avoid": "- Discutir lo que cree o lo que ve.\n"
            "- Rodearla, tocarla, moverse de golpe.\n"
            "- Etiquetas o suposiciones de diagnóstico: anote lo que vio y oyó.",
            "when_to_call": "- Al 988 (Línea de Prevención del Suicidio y Crisis) con la persona, si está de acuerdo.\n"
            "- Al 911 si alguien corre peligro inmediato, también ella misma.\n"
            "- A un supervisor, y registre un incidente después.",
        },
    },
    {
        "slug": "intoxicated",
        "on_desk": False,
        "policies": ["substances", "conduct"],
        "en": {
            "title": "Someone who seems intoxicated",
            "summary": "Respond to the behaviour and to safety, not to the substance.",
            "steps": "1. Check for a medical emergency first: can they stand, speak, breathe normally?\n"
            "2. If their behaviour is not disturbing anyone, you may not need to act.\n"
            "3. If it is (shouting, falling, bothering others), speak briefly and calmly about that "
            "behaviour.\n"
            "4. Keep it short: they may not remember long explanations.\n"
            "5. If they must leave, say when they are welcome back.",
            "words_to_use": '- "Are you all right? Do you need some water or a seat?"\n'
            "- \"You're speaking loudly and people can't work. I need you to stop, or to leave "
            "for today. You're welcome back tomorrow.\"",
            "avoid": "- Arguing or debating.\n"
            "- Guessing what they took, or saying so in front of others.\n"
            "- Touching them or their belongings.",
            "when_to_call": "- 911 for unconsciousness, trouble breathing, or injury.\n"
            "- Security or a supervisor if they will not stop a disruptive behaviour.",
        },
        "es": {
            "title": "Una persona que parece intoxicada",
            "summary": "Responda a la conducta y a la seguridad, no a la sustancia.",
            "steps": "1. Descarte primero una urgencia médica: ¿puede estar de pie, hablar, respirar con normalidad?\n"
            "2. Si su conducta no molesta a nadie, quizá no haga falta actuar.\n"
            "3. Si molesta (grita, se cae, importuna a otros), hable breve y tranquilo sobre esa conducta.\n"
            "4. Sea breve: puede no recordar explicaciones largas.\n"
            "5. Si debe irse, diga cuándo puede volver.",
            "words_to_use": '- "¿Se encuentra bien? ¿Quiere agua o una silla?"\n'
            '- "Está hablando muy alto y la gente no puede trabajar. Necesito que pare, o que se '
            'vaya por hoy. Mañana es bienvenido."',
            "avoid": "- Discutir o debatir.\n"
            "- Adivinar qué ha tomado, o decirlo delante de otros.\n"
            "- Tocar a la persona o sus cosas.",
            "when_to_call": "- Al 911 si pierde el conocimiento, respira con dificultad o está herida.\n"
            "- A seguridad o a un supervisor si no deja una conducta que molesta.",
        },
    },
    {
        "slug": "sleeping-or-without-housing",
        "on_desk": False,
        "policies": ["resting", "card"],
        "en": {
            "title": "Someone sleeping, or without a home",
            "summary": "Everyone is welcome. Wake gently when there is a reason; offer resources quietly.",
            "steps": "1. Ask yourself why you would wake them: a safety check, blocking a path, closing time. "
            "If there is no reason, let them rest.\n"
            "2. Wake them from a distance: say their name if you know it, or speak, or tap the table.\n"
            "3. Speak quietly, so others do not hear.\n"
            "4. State the policy as it applies to everyone, and what they can do.\n"
            "5. Offer resources privately: shelter, meals, showers, a library card without a fixed "
            "address.",
            "words_to_use": '- "Excuse me, I need to check you\'re all right."\n'
            '- "We need to keep this walkway clear: could you move to this table?"\n'
            '- "If it helps, I have a list of places for a meal or a bed tonight."',
            "avoid": "- Shaking or touching them.\n"
            "- Treating belongings as rubbish.\n"
            "- Rules that only some people are asked to follow.",
            "when_to_call": "- 911 if they do not respond or seem unwell.\n"
            "- The referral directory for shelter and services.",
        },
        "es": {
            "title": "Una persona durmiendo, o sin hogar",
            "summary": "Todos son bienvenidos. Despierte con suavidad si hay motivo; ofrezca recursos con discreción.",
            "steps": "1. Pregúntese por qué la despertaría: comprobar que está bien, bloquea el paso, es la hora "
            "del cierre. Si no hay motivo, déjela descansar.\n"
            "2. Despiértela a distancia: diga su nombre si lo sabe, o hable, o dé un golpecito en la mesa.\n"
            "3. Hable bajo, para que los demás no oigan.\n"
            "4. Explique la norma tal como se aplica a todos, y lo que sí puede hacer.\n"
            "5. Ofrezca recursos en privado: albergue, comidas, duchas, un carné de biblioteca sin "
            "domicilio fijo.",
            "words_to_use": '- "Disculpe, necesito comprobar que se encuentra bien."\n'
            '- "Tenemos que dejar libre este pasillo: ¿podría pasar a esta mesa?"\n'
            '- "Si le sirve, tengo una lista de sitios para comer o dormir esta noche."',
            "avoid": "- Sacudirla o tocarla.\n"
            "- Tratar sus pertenencias como basura.\n"
            "- Normas que solo se piden a algunas personas.",
            "when_to_call": "- Al 911 si no responde o parece encontrarse mal.\n"
            "- Al directorio de recursos para albergue y servicios.",
        },
    },
    {
        "slug": "threats-or-violence",
        "on_desk": True,
        "policies": ["conduct"],
        "en": {
            "title": "Threats or violence",
            "summary": "Safety first: yours, the public's, then the rest.",
            "steps": "1. Move away and keep something between you and the person; keep your exit clear.\n"
            "2. Call for help: use the panic button, a colleague, or 911.\n"
            "3. Move others away from the area if you can do it safely.\n"
            "4. Do not try to restrain anyone or take an object from them.\n"
            "5. When safe, write down what was seen and heard, in their words, and log an incident.\n"
            "6. Take time out afterwards; a supervisor arranges a debrief.",
            "words_to_use": '- Short and firm: "Stop. Step back."\n'
            '- "I\'m calling for help now."\n'
            '- To others: "Please come this way."',
            "avoid": "- Arguing, or standing your ground to prove a point.\n"
            "- Blocking their way out.\n"
            "- Staying alone with the person.",
            "when_to_call": "- 911 for any violence, weapon, or threat you believe.\n"
            "- Security and the supervisor on duty; then the branch manager.",
        },
        "es": {
            "title": "Amenazas o violencia",
            "summary": "Primero la seguridad: la suya, la del público, después lo demás.",
            "steps": "1. Apártese y deje algo entre usted y la persona; mantenga libre su salida.\n"
            "2. Pida ayuda: botón de alarma, un compañero o el 911.\n"
            "3. Aleje a los demás de la zona si puede hacerlo con seguridad.\n"
            "4. No intente sujetar a nadie ni quitarle un objeto.\n"
            "5. Cuando esté a salvo, anote lo que vio y oyó, con sus palabras, y registre un incidente.\n"
            "6. Tómese un tiempo después; un supervisor organiza un repaso.",
            "words_to_use": '- Breve y firme: "Pare. Dé un paso atrás."\n'
            '- "Estoy pidiendo ayuda ahora."\n'
            '- A los demás: "Por favor, vengan por aquí."',
            "avoid": "- Discutir, o mantenerse firme para demostrar algo.\n"
            "- Bloquear su salida.\n"
            "- Quedarse a solas con la persona.",
            "when_to_call": "- Al 911 ante cualquier violencia, arma o amenaza que usted crea real.\n"
            "- A seguridad y al supervisor de turno; después, al responsable de la sucursal.",
        },
    },
    {
        "slug": "working-alone",
        "on_desk": False,
        "policies": ["lone", "conduct"],
        "en": {
            "title": "Working alone in a small branch",
            "summary": "Plan before it happens: check-ins, an exit, and permission to close the desk.",
            "steps": "1. At the start of the shift, check in with the partner branch and say when you will call "
            "again.\n"
            "2. Keep the phone and the panic button within reach; know your exit.\n"
            "3. If something feels wrong, you may step into the back office, lock it and call for help.\n"
            "4. You may close the branch early for your safety: a supervisor supports that decision.\n"
            "5. Check out at the end of the shift, every time.",
            "words_to_use": "- \"I'll be with you in a moment: I'm just letting my colleague know.\"\n"
            "- \"I'm closing the library for now. Please leave the building; we open again "
            'tomorrow at nine."',
            "avoid": "- Opening the door after hours to anyone.\n"
            "- Following someone outside.\n"
            "- Keeping quiet about a near miss.",
            "when_to_call": "- 911 for any threat.\n"
            "- The partner branch or the supervisor on call for check-ins and advice.",
        },
        "es": {
            "title": "Trabajar solo en una sucursal pequeña",
            "summary": "Planifique antes de que pase: avisos, una salida y permiso para cerrar el mostrador.",
            "steps": "1. Al empezar el turno, avise a la sucursal de apoyo y diga cuándo volverá a llamar.\n"
            "2. Tenga el teléfono y el botón de alarma a mano; sepa cuál es su salida.\n"
            "3. Si algo no le parece bien, puede entrar en la oficina, cerrar con llave y pedir ayuda.\n"
            "4. Puede cerrar la sucursal antes por su seguridad: un supervisor respalda esa decisión.\n"
            "5. Avise al terminar el turno, siempre.",
            "words_to_use": '- "Enseguida le atiendo: solo aviso a mi compañera."\n'
            '- "Cierro la biblioteca por ahora. Por favor, salga del edificio; mañana abrimos '
            'a las nueve."',
            "avoid": "- Abrir la puerta a nadie fuera del horario.\n"
            "- Seguir a alguien hacia fuera.\n"
            "- Callar un incidente que casi ocurre.",
            "when_to_call": "- Al 911 ante cualquier amenaza.\n"
            "- A la sucursal de apoyo o al supervisor de guardia para avisos y consejo.",
        },
    },
]


# The rules of PatronCare's default rules of conduct (patroncare/conduct/defaults.py) each playbook involves, by
# code. A library whose rules use other codes links its own from the playbook's settings.
STANDARD_RULE_CODES = {
    "angry-patron": ["4"],
    "grumpy-or-abusive": ["4", "8"],
    "overwhelmed-by-noise": ["1"],
    "unattended-child": ["3"],
    "intoxicated": ["5"],
    "threats-or-violence": ["8", "9", "10"],
    "working-alone": ["8", "9"],
}
