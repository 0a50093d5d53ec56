"""Demo quiz content for the Redflag training courses.

Pure-Python data module (no Django imports). A separate loader turns
QUIZZES into quiz pages/questions. Structure:

    QUIZZES = {course_slug: [question, ...], ...}

Each question is a dict with the keys "kind" ("single", "multiple",
"true_false" or "scenario"), "scenario" (non-empty only for kind
"scenario"), "text", "explanation", "lesson" (a lesson slug in the same
course) and "choices" (a list of {"text", "correct", "feedback"} dicts).

Questions that ask what you should NOT do mark the action to avoid as the
correct choice; their feedback says so explicitly.
"""

HOTLINE = "the National Human Trafficking Hotline (1-888-373-7888, or text 233733)"

QUIZZES = {
    # ------------------------------------------------------------------
    # Utility workers: meter readers, line workers, technicians
    # ------------------------------------------------------------------
    "utility-workers": [
        {
            "kind": "scenario",
            "scenario": (
                "While reading a meter in a house basement you notice several "
                "mattresses on the floor, padlocks on the outside of two interior "
                "doors and a man who will not look at you. The homeowner stays "
                "close behind you the whole time."
            ),
            "text": "What should you do?",
            "explanation": (
                "Your safety and the safety of the people in the house come first. "
                "Finish the job as normal, leave, and then write down what you saw "
                "and report it through your company's procedure and to "
                + HOTLINE + ", or call 911 if anyone is in immediate danger."
            ),
            "lesson": "what-to-do",
            "choices": [
                {
                    "text": (
                        "Quietly ask the man in the basement whether he is being held against his "
                        "will while the homeowner is nearby."
                    ),
                    "correct": False,
                    "feedback": (
                        "Questioning him in front of a possible trafficker could put him and you "
                        "in danger."
                    ),
                },
                {
                    "text": (
                        "Finish the job normally, leave, then note the address, time and what you "
                        "saw and report it."
                    ),
                    "correct": True,
                    "feedback": "Right: observe, leave safely, write it down and report it.",
                },
                {
                    "text": (
                        "Take photos of the locked doors and the people so you have proof for the "
                        "police."
                    ),
                    "correct": False,
                    "feedback": (
                        "Taking photos could be noticed and escalate the situation; your notes are "
                        "enough to report."
                    ),
                },
                {
                    "text": (
                        "Tell the homeowner you will call the police unless he explains the locks."
                    ),
                    "correct": False,
                    "feedback": (
                        "Confronting a suspected trafficker puts you and the people inside at "
                        "risk."
                    ),
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "You are restoring power to a small warehouse. In a back room you "
                "find a locked door, hear several voices behind it, and a worker "
                "slips you a note that says \"help, we cannot leave\"."
            ),
            "text": "Which of these should you NOT do?",
            "explanation": (
                "Forcing doors or trying to free people yourself is a rescue attempt: "
                "it can get you and them hurt and can warn the trafficker. A written "
                "plea for help means people may be in immediate danger, so get "
                "somewhere safe and call 911, then tell your supervisor."
            ),
            "lesson": "what-to-do",
            "choices": [
                {
                    "text": "Get to a safe place, such as your truck after leaving, and call 911.",
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
                {
                    "text": (
                        "Write down the address, time, and descriptions of people and vehicles."
                    ),
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
                {
                    "text": (
                        "Use your tools to break the lock and lead the workers out to your truck."
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct: this is what you should NOT do. Attempting a rescue puts "
                        "everyone at risk; leave it to law enforcement."
                    ),
                },
                {
                    "text": "Tell your supervisor what happened, following company policy.",
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
            ],
        },
        {
            "kind": "single",
            "scenario": "",
            "text": "Which statement best describes human trafficking?",
            "explanation": (
                "Human trafficking means using force, fraud or coercion to make someone "
                "work or provide commercial sex, and any commercial sex involving a "
                "minor. Nobody has to be moved, and no border has to be crossed."
            ),
            "lesson": "what-trafficking-is",
            "choices": [
                {
                    "text": "Moving people illegally across a national border for money.",
                    "correct": False,
                    "feedback": (
                        "That describes smuggling. Trafficking is about exploitation, and no "
                        "border crossing is needed."
                    ),
                },
                {
                    "text": (
                        "Making someone work or provide commercial sex through force, fraud or "
                        "coercion, or any commercial sex involving a minor, whether or not anyone "
                        "is moved."
                    ),
                    "correct": True,
                    "feedback": "Right: the key is control and exploitation, not movement.",
                },
                {
                    "text": "Any job where people are paid less than minimum wage.",
                    "correct": False,
                    "feedback": (
                        "Low pay alone is a labour violation; trafficking involves force, fraud or "
                        "coercion."
                    ),
                },
            ],
        },
        {
            "kind": "true_false",
            "scenario": "",
            "text": (
                "You do not need to be certain that trafficking is happening before you report "
                "what you saw."
            ),
            "explanation": (
                "Your job is to notice and report, not to prove anything. Trained "
                "investigators decide what is happening; a report made in good faith "
                "is the right thing to do even if it turns out to be nothing."
            ),
            "lesson": "what-to-do",
            "choices": [
                {
                    "text": "True",
                    "correct": True,
                    "feedback": (
                        "Right: report your concerns and let the professionals investigate."
                    ),
                },
                {
                    "text": "False",
                    "correct": False,
                    "feedback": (
                        "Waiting for proof can leave people in danger; you only need a reasonable "
                        "concern."
                    ),
                },
            ],
        },
        {
            "kind": "multiple",
            "scenario": "",
            "text": (
                "You are servicing a restaurant or small factory. Which of these could point to "
                "labour trafficking? Select all that apply."
            ),
            "explanation": (
                "Workers living where they work, being locked in or watched, and "
                "having their IDs or pay held by a boss are signs of control. "
                "Uniforms and night shifts are ordinary parts of many jobs."
            ),
            "lesson": "red-flags-in-the-field",
            "choices": [
                {
                    "text": (
                        "Cots, bedding and cooking gear in storage rooms, as if workers live on "
                        "site."
                    ),
                    "correct": True,
                    "feedback": "Yes: workers living at the workplace can be a sign of control.",
                },
                {
                    "text": "Employees wear company uniforms and name tags.",
                    "correct": False,
                    "feedback": "Uniforms are normal and not a sign of trafficking.",
                },
                {
                    "text": (
                        "Doors lock from the outside, windows are covered, and workers say they "
                        "are not allowed to leave."
                    ),
                    "correct": True,
                    "feedback": "Yes: restricted movement is a key red flag.",
                },
                {
                    "text": (
                        "A manager keeps the workers' passports or IDs and answers questions for "
                        "them."
                    ),
                    "correct": True,
                    "feedback": (
                        "Yes: holding documents and speaking for workers are common control "
                        "tactics."
                    ),
                },
                {
                    "text": "The business runs a night shift.",
                    "correct": False,
                    "feedback": "Night shifts are common and not a red flag on their own.",
                },
            ],
        },
        {
            "kind": "multiple",
            "scenario": "",
            "text": (
                "On a service call to a house or apartment, which of these could point to sex "
                "trafficking? Select all that apply."
            ),
            "explanation": (
                "Signs include a steady flow of different visitors at all hours, "
                "security that seems aimed at keeping people in, and a young person "
                "who seems controlled by an older adult. A large family or a rundown "
                "house is not a red flag."
            ),
            "lesson": "red-flags-in-the-field",
            "choices": [
                {
                    "text": "A large family with many children lives in a small home.",
                    "correct": False,
                    "feedback": "Family size is not an indicator; avoid judging by household type.",
                },
                {
                    "text": (
                        "A steady stream of different men arrive and leave at all hours for short "
                        "visits."
                    ),
                    "correct": True,
                    "feedback": "Yes: heavy short-stay traffic is a common indicator.",
                },
                {
                    "text": (
                        "Cameras and locks seem aimed at keeping people inside rather than keeping "
                        "intruders out."
                    ),
                    "correct": True,
                    "feedback": "Yes: security that keeps people in is a red flag.",
                },
                {
                    "text": (
                        "A teenager who seems afraid, with an older adult who will not let her "
                        "speak to you."
                    ),
                    "correct": True,
                    "feedback": (
                        "Yes: a fearful, controlled young person is a serious warning sign."
                    ),
                },
                {
                    "text": "The house is in poor repair and the yard is overgrown.",
                    "correct": False,
                    "feedback": "Poverty or neglect of a property is not a sign of trafficking.",
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "Working on a line near a motel, you and a co-worker see a girl who "
                "looks about 14 being told by an adult man to get into a stranger's "
                "car. Your co-worker wants to follow the car in the company truck."
            ),
            "text": "What is the best thing to do?",
            "explanation": (
                "Any commercial sex involving a minor is trafficking, and this child "
                "may be in immediate danger. Do not follow or intervene; call 911 "
                "with the licence plate, descriptions, direction of travel and "
                "location, then tell your supervisor."
            ),
            "lesson": "what-to-do",
            "choices": [
                {
                    "text": "Follow the car at a distance to find out where she is taken.",
                    "correct": False,
                    "feedback": (
                        "Following the car could put you, your co-worker and the girl in danger."
                    ),
                },
                {
                    "text": "Walk over and offer the girl a ride somewhere safe.",
                    "correct": False,
                    "feedback": (
                        "Well meant, but it could make things worse for her and put you at risk."
                    ),
                },
                {
                    "text": (
                        "Post a description of the man on a local community page to warn others."
                    ),
                    "correct": False,
                    "feedback": (
                        "Social media posts can warn the trafficker and do not get help to her "
                        "quickly."
                    ),
                },
                {
                    "text": "Call 911 right away with the plate number, descriptions and location.",
                    "correct": True,
                    "feedback": "Right: a minor who may be in danger needs an immediate 911 call.",
                },
            ],
        },
        {
            "kind": "single",
            "scenario": "",
            "text": (
                "You saw something worrying at a customer's site, but no one appears to be in "
                "immediate danger. What is the best next step?"
            ),
            "explanation": (
                "When there is no emergency, report through your employer's procedure "
                "(for example, your supervisor) and/or contact " + HOTLINE + ". "
                "Save 911 for immediate danger."
            ),
            "lesson": "what-to-do",
            "choices": [
                {
                    "text": "Go back to the site on another day to collect more evidence first.",
                    "correct": False,
                    "feedback": (
                        "Investigating is not your role and going back could put you at risk."
                    ),
                },
                {
                    "text": (
                        "Report it to your supervisor under company policy and/or contact the "
                        "National Human Trafficking Hotline."
                    ),
                    "correct": True,
                    "feedback": "Right: report your concerns through the proper channels.",
                },
                {
                    "text": (
                        "Say nothing, because you might be wrong and get the customer in trouble."
                    ),
                    "correct": False,
                    "feedback": (
                        "Reports made in good faith are encouraged; trained staff will assess "
                        "them."
                    ),
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "At a landscaping company's yard you see a crew of workers speaking a "
                "language you do not understand. A co-worker says, \"They're "
                "obviously illegal, so that's trafficking.\""
            ),
            "text": "Which response shows the best judgement?",
            "explanation": (
                "Language, nationality or immigration status is not a sign of "
                "trafficking. Look for specific signs of control, such as workers who "
                "cannot leave, IDs held by a boss, debts they cannot pay off or living "
                "on site, and report those."
            ),
            "lesson": "red-flags-in-the-field",
            "choices": [
                {
                    "text": (
                        "Language or immigration status is not a sign of trafficking; look for "
                        "specific signs of control and report those."
                    ),
                    "correct": True,
                    "feedback": "Right: focus on signs of control, not stereotypes.",
                },
                {
                    "text": "Ask the workers to show their papers so you know whether to report.",
                    "correct": False,
                    "feedback": (
                        "Asking people to prove their status is not your role and can frighten "
                        "real victims."
                    ),
                },
                {
                    "text": "Report the whole crew to immigration authorities to be safe.",
                    "correct": False,
                    "feedback": (
                        "That relies on a stereotype and can drive real victims further from help."
                    ),
                },
                {
                    "text": "Ignore it: they are adults who chose this job.",
                    "correct": False,
                    "feedback": (
                        "Adults can be trafficked too; stay alert to real signs of control."
                    ),
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "While you check a gas appliance in a home, the man who let you in "
                "steps out of the room. The young woman there whispers, \"Please help "
                "me, he won't let me leave.\""
            ),
            "text": "What should you do?",
            "explanation": (
                "Stay calm and do not confront anyone or try to take her with you. "
                "A direct plea like this suggests immediate danger: finish up, and as "
                "soon as you are safely away, call 911 with the address and "
                "descriptions, then tell your supervisor."
            ),
            "lesson": "what-to-do",
            "choices": [
                {
                    "text": "Tell her to come with you to your truck right now.",
                    "correct": False,
                    "feedback": (
                        "Trying to take her away yourself could make things more dangerous for "
                        "both of you."
                    ),
                },
                {
                    "text": (
                        "Confront the man when he comes back and tell him you know what is going "
                        "on."
                    ),
                    "correct": False,
                    "feedback": "Confronting him could put her in greater danger once you leave.",
                },
                {
                    "text": "Stay calm, act normally, and call 911 as soon as you are safely away.",
                    "correct": True,
                    "feedback": (
                        "Right: stay calm, stay safe and get law enforcement involved quickly."
                    ),
                },
                {
                    "text": "Pretend you did not hear her; this is not part of your job.",
                    "correct": False,
                    "feedback": (
                        "You do not have to intervene, but you should report a plea for help."
                    ),
                },
            ],
        },
    ],
    # ------------------------------------------------------------------
    # Hotel staff: housekeeping, front desk, maintenance, food service
    # ------------------------------------------------------------------
    "hotel-staff": [
        {
            "kind": "scenario",
            "scenario": (
                "At the front desk, a man pays cash for a week and asks for a room near "
                "the side exit. The young woman with him has no ID, says nothing, and "
                "looks to him before answering even simple questions."
            ),
            "text": "What should you do?",
            "explanation": (
                "Do not confront the guest or single out the young woman. Check them in "
                "as usual, note the details (room number, descriptions, vehicle, times) "
                "and report to your manager or security under hotel policy."
            ),
            "lesson": "labour-and-sex-trafficking-in-hotels",
            "choices": [
                {
                    "text": "Refuse the room and tell him you know what he is up to.",
                    "correct": False,
                    "feedback": (
                        "Confronting him puts you and the young woman at risk and he will simply "
                        "go elsewhere."
                    ),
                },
                {
                    "text": (
                        "Ask the young woman to come into the back office so she can talk to you "
                        "alone."
                    ),
                    "correct": False,
                    "feedback": (
                        "Separating her in front of him could put her in danger; leave contact to "
                        "trained responders."
                    ),
                },
                {
                    "text": (
                        "Check them in as usual, note the details, and report to your manager or "
                        "security."
                    ),
                    "correct": True,
                    "feedback": "Right: act normally, write down what you saw and report it.",
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "A room has had the Do Not Disturb sign on for four days. The guest "
                "keeps asking for extra towels and linens at the door, and you have "
                "seen several different young women going in and out."
            ),
            "text": "As a housekeeper, which of these should you NOT do?",
            "explanation": (
                "Going into the room against policy to look for evidence is "
                "investigating, and it can put you and anyone inside at risk. Note "
                "what you saw and let your supervisor or security decide on welfare "
                "checks and reporting."
            ),
            "lesson": "labour-and-sex-trafficking-in-hotels",
            "choices": [
                {
                    "text": "Tell your housekeeping supervisor what you noticed.",
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
                {
                    "text": "Write down the room number, dates and what you saw.",
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
                {
                    "text": (
                        "Let security or management decide on a welfare check under hotel policy."
                    ),
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
                {
                    "text": (
                        "Use your key card to go in while the guest is out and look for evidence."
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct: this is what you should NOT do. Searching the room is "
                        "investigating and could put you at risk."
                    ),
                },
            ],
        },
        {
            "kind": "multiple",
            "scenario": "",
            "text": (
                "A contractor supplies extra housekeeping staff to your hotel. Which of these "
                "could point to labour trafficking? Select all that apply."
            ),
            "explanation": (
                "Someone else keeping workers' IDs or pay, debts they can never pay "
                "off, and tight control over where they live and go are signs of "
                "labour trafficking. Hourly pay and speaking their own language are "
                "not."
            ),
            "lesson": "labour-and-sex-trafficking-in-hotels",
            "choices": [
                {
                    "text": (
                        "The same person drops off and collects the workers and keeps their IDs "
                        "and pay."
                    ),
                    "correct": True,
                    "feedback": "Yes: control of documents, pay and transport is a red flag.",
                },
                {
                    "text": "The workers are paid by the hour.",
                    "correct": False,
                    "feedback": "Hourly pay is normal in hotel work.",
                },
                {
                    "text": "Workers mention a large recruitment debt that keeps growing.",
                    "correct": True,
                    "feedback": "Yes: debt bondage is a common control tactic.",
                },
                {
                    "text": "Workers speak their own language with each other on breaks.",
                    "correct": False,
                    "feedback": "Speaking another language is not a sign of trafficking.",
                },
                {
                    "text": (
                        "Workers live in crowded housing provided by the contractor and are not "
                        "allowed out alone."
                    ),
                    "correct": True,
                    "feedback": "Yes: controlled housing and movement are key indicators.",
                },
            ],
        },
        {
            "kind": "multiple",
            "scenario": "",
            "text": (
                "Which of these could point to sex trafficking at a hotel? Select all that apply."
            ),
            "explanation": (
                "A steady flow of different visitors to one room, a young guest with an "
                "unrelated adult who speaks for them, and cash rooms booked by someone "
                "other than the occupant are common indicators. Late room service and "
                "honeymooners wanting privacy are normal."
            ),
            "lesson": "labour-and-sex-trafficking-in-hotels",
            "choices": [
                {
                    "text": "A business traveller orders room service late at night.",
                    "correct": False,
                    "feedback": "That is ordinary guest behaviour.",
                },
                {
                    "text": (
                        "Many different visitors go to one room for short stays, day and night."
                    ),
                    "correct": True,
                    "feedback": "Yes: heavy short-stay traffic to one room is a key indicator.",
                },
                {
                    "text": (
                        "A guest who looks like a minor is with an unrelated adult who answers "
                        "every question for them."
                    ),
                    "correct": True,
                    "feedback": "Yes: a controlled young guest is a serious warning sign.",
                },
                {
                    "text": "A couple on their honeymoon ask not to be disturbed.",
                    "correct": False,
                    "feedback": "Wanting privacy is normal; do not read too much into it.",
                },
                {
                    "text": "One person pays cash for several rooms that other people then use.",
                    "correct": True,
                    "feedback": "Yes: paying for rooms used by others can be a warning sign.",
                },
            ],
        },
        {
            "kind": "true_false",
            "scenario": "",
            "text": (
                "If a 16-year-old says she is choosing to exchange sex for money and nobody is "
                "forcing her, it is not human trafficking."
            ),
            "explanation": (
                "Any commercial sex involving someone under 18 is trafficking. Force, "
                "fraud or coercion do not have to be shown, and a minor cannot consent."
            ),
            "lesson": "what-trafficking-is",
            "choices": [
                {
                    "text": "True",
                    "correct": False,
                    "feedback": (
                        "A minor in commercial sex is always a trafficking victim, whatever she "
                        "says."
                    ),
                },
                {
                    "text": "False",
                    "correct": True,
                    "feedback": "Right: any commercial sex involving a minor is trafficking.",
                },
            ],
        },
        {
            "kind": "single",
            "scenario": "",
            "text": "Which statement about who is at risk of trafficking is most accurate?",
            "explanation": (
                "Anyone can be trafficked: any gender, age or nationality, including "
                "citizens. Risk is higher for people who are vulnerable, such as "
                "runaway or homeless youth, people with insecure immigration status, "
                "people who have been abused before, or people in financial trouble."
            ),
            "lesson": "who-is-at-risk",
            "choices": [
                {
                    "text": "Mainly foreign women who were smuggled into the country.",
                    "correct": False,
                    "feedback": "That is a stereotype; citizens, men and boys are trafficked too.",
                },
                {
                    "text": "Mostly girls kidnapped by strangers.",
                    "correct": False,
                    "feedback": (
                        "Most victims are recruited by someone they know or trust, not kidnapped."
                    ),
                },
                {
                    "text": (
                        "Anyone, but especially people made vulnerable by things like "
                        "homelessness, past abuse, insecure immigration status or money problems."
                    ),
                    "correct": True,
                    "feedback": (
                        "Right: vulnerability, not a single profile, is what traffickers exploit."
                    ),
                },
                {
                    "text": "Only people with no job and no home.",
                    "correct": False,
                    "feedback": (
                        "Victims are often working, for example in hotels, restaurants and farms."
                    ),
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "A dishwasher hired through a staffing agency tells you he works "
                "16-hour shifts, has never been paid because he \"owes\" the agency for "
                "travel and housing, and was told he'd be reported to police if he "
                "quits. A colleague says, \"He goes home by himself, so he isn't trapped.\""
            ),
            "text": "Which response shows the best judgement?",
            "explanation": (
                "Traffickers often control people through debt and threats, not locks. "
                "Someone can come and go and still be a trafficking victim. Report "
                "what he told you to your manager under hotel policy and/or to the "
                "National Human Trafficking Hotline."
            ),
            "lesson": "who-is-at-risk",
            "choices": [
                {
                    "text": (
                        "Debt and threats can trap someone without locks; report what he told you."
                    ),
                    "correct": True,
                    "feedback": "Right: coercion does not need physical restraint.",
                },
                {
                    "text": "Tell him to quit today and walk out with you at the end of the shift.",
                    "correct": False,
                    "feedback": (
                        "Well meant, but it could expose him to retaliation without real "
                        "protection."
                    ),
                },
                {
                    "text": "Confront the agency driver when he picks the workers up.",
                    "correct": False,
                    "feedback": "Confrontation can put you and the workers at risk.",
                },
                {
                    "text": "Ask him to show you his immigration papers so you know how to help.",
                    "correct": False,
                    "feedback": (
                        "Asking people to prove their status is not your role and can scare "
                        "victims off."
                    ),
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "On your way down a corridor with a repair cart, you see a man shouting "
                "at a frightened teenage girl and pulling her by the arm into a room."
            ),
            "text": "What should you do?",
            "explanation": (
                "This looks like immediate danger to a minor. Do not step in physically "
                "or knock on the door yourself. Move to a safe place, call 911, and "
                "alert hotel security with the room number and descriptions."
            ),
            "lesson": "your-role-in-reporting",
            "choices": [
                {
                    "text": "Knock on the door and demand to see that the girl is all right.",
                    "correct": False,
                    "feedback": "Confronting him could escalate the danger for her and for you.",
                },
                {
                    "text": "Tell your manager about it at the end of your shift.",
                    "correct": False,
                    "feedback": (
                        "Immediate danger needs an immediate call, not a report hours later."
                    ),
                },
                {
                    "text": (
                        "Go somewhere safe, call 911, and alert security with the room number and "
                        "descriptions."
                    ),
                    "correct": True,
                    "feedback": (
                        "Right: immediate danger means 911, and security should know straight "
                        "away."
                    ),
                },
            ],
        },
        {
            "kind": "single",
            "scenario": "",
            "text": "Which of these is the right way to report suspected trafficking at a hotel?",
            "explanation": (
                "Call 911 if anyone is in immediate danger. Otherwise, follow hotel "
                "policy to tell your manager or security, and/or contact "
                + HOTLINE + "."
            ),
            "lesson": "whom-to-call",
            "choices": [
                {
                    "text": (
                        "Only report once you have proof, so you do not get a guest in trouble."
                    ),
                    "correct": False,
                    "feedback": (
                        "You do not need proof; report your concerns and let the professionals "
                        "assess them."
                    ),
                },
                {
                    "text": (
                        "Call 911 if anyone is in immediate danger; otherwise tell your manager or "
                        "security and/or call 1-888-373-7888 (text 233733)."
                    ),
                    "correct": True,
                    "feedback": "Right: match the call to how urgent the situation is.",
                },
                {
                    "text": (
                        "Post the guest's description in a staff group chat so everyone keeps an "
                        "eye on them."
                    ),
                    "correct": False,
                    "feedback": (
                        "Sharing informally can tip off the trafficker and is not a report."
                    ),
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "You reported your concerns about a guest to your shift manager, who "
                "said, \"Not our business, the room is paid for.\" Nobody appears to be "
                "in immediate danger."
            ),
            "text": "What should you do next?",
            "explanation": (
                "If a manager dismisses a concern, you can still escalate under hotel "
                "policy (for example to security or a corporate reporting line) or "
                "contact the National Human Trafficking Hotline yourself. Do not act "
                "alone against the guest."
            ),
            "lesson": "whom-to-call",
            "choices": [
                {
                    "text": "Drop it: your manager has made the decision.",
                    "correct": False,
                    "feedback": (
                        "You can still report; a dismissed concern can still be a real one."
                    ),
                },
                {
                    "text": "Speak to the guest yourself, since management won't act.",
                    "correct": False,
                    "feedback": "Confronting a suspected trafficker puts you and others at risk.",
                },
                {
                    "text": "Post the guest's photo online to warn other hotels.",
                    "correct": False,
                    "feedback": (
                        "Public posts can warn the trafficker and may put the victim at risk."
                    ),
                },
                {
                    "text": (
                        "Escalate under hotel policy or contact the National Human Trafficking "
                        "Hotline yourself."
                    ),
                    "correct": True,
                    "feedback": (
                        "Right: anyone can contact the hotline, with or without a manager's "
                        "approval."
                    ),
                },
            ],
        },
    ],
    # ------------------------------------------------------------------
    # Health care: ER and other health-care staff
    # ------------------------------------------------------------------
    "health-care": [
        {
            "kind": "scenario",
            "scenario": (
                "A patient's companion insists on answering every question, holds the "
                "patient's ID and insurance card, and refuses to leave the exam room. "
                "The patient keeps looking at him before speaking."
            ),
            "text": "What is the best next step?",
            "explanation": (
                "When it is safe, see the patient alone using a routine, neutral reason, "
                "such as \"our policy is that part of every exam is private\" or a trip "
                "to radiology. Do not accuse the companion; that could put the patient "
                "at risk."
            ),
            "lesson": "trauma-informed-conversations",
            "choices": [
                {
                    "text": (
                        "Tell the companion you suspect he is controlling the patient and ask him "
                        "to leave."
                    ),
                    "correct": False,
                    "feedback": "Accusing him could put the patient in danger after discharge.",
                },
                {
                    "text": (
                        "Use a routine policy reason, such as a private part of the exam, to see "
                        "the patient alone when it is safe."
                    ),
                    "correct": True,
                    "feedback": "Right: a neutral, routine reason protects the patient.",
                },
                {
                    "text": (
                        "Carry on with the companion answering, since he clearly knows the "
                        "history."
                    ),
                    "correct": False,
                    "feedback": (
                        "You may never hear the patient's own account if the companion always "
                        "speaks for them."
                    ),
                },
                {
                    "text": "Discharge the patient quickly to avoid a conflict.",
                    "correct": False,
                    "feedback": (
                        "That wastes what may be a rare chance for the patient to get help."
                    ),
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "A patient speaks little English. The man who brought her offers to "
                "interpret, saying it will be quicker than waiting for the phone "
                "interpreter."
            ),
            "text": "What should you do?",
            "explanation": (
                "Always use a qualified, independent interpreter (in person, phone or "
                "video), never a companion, relative or bystander. A trafficker "
                "interpreting can change the patient's answers and frighten them."
            ),
            "lesson": "trauma-informed-conversations",
            "choices": [
                {
                    "text": "Accept his offer; it is faster and he knows her.",
                    "correct": False,
                    "feedback": "A companion may filter or change what the patient says.",
                },
                {
                    "text": "Ask another patient in the waiting room who speaks her language.",
                    "correct": False,
                    "feedback": "Bystanders are not independent or bound by confidentiality.",
                },
                {
                    "text": "Use gestures and simple English to avoid involving anyone else.",
                    "correct": False,
                    "feedback": (
                        "This risks missing key information, including signs of trafficking."
                    ),
                },
                {
                    "text": "Politely decline and use a professional interpreter service.",
                    "correct": True,
                    "feedback": (
                        "Right: an independent interpreter protects accuracy and the patient's "
                        "safety."
                    ),
                },
            ],
        },
        {
            "kind": "multiple",
            "scenario": "",
            "text": (
                "Which of these could point to trafficking in a patient? Select all that apply."
            ),
            "explanation": (
                "A history that sounds scripted or does not match the injuries, "
                "delayed care for work injuries, and not knowing their own address or "
                "not controlling their own ID or money are common indicators. Fear of "
                "needles or an involved family member is not."
            ),
            "lesson": "recognising-trafficking-in-patients",
            "choices": [
                {
                    "text": "The patient is nervous about having blood drawn.",
                    "correct": False,
                    "feedback": "Needle anxiety is common and not an indicator.",
                },
                {
                    "text": "The history sounds rehearsed or does not match the injuries.",
                    "correct": True,
                    "feedback": "Yes: scripted or inconsistent accounts are a red flag.",
                },
                {
                    "text": "Work-related injuries were left untreated until they became severe.",
                    "correct": True,
                    "feedback": (
                        "Yes: delayed care for work injuries can point to labour trafficking."
                    ),
                },
                {
                    "text": (
                        "The patient does not know their address and someone else holds their ID "
                        "and money."
                    ),
                    "correct": True,
                    "feedback": "Yes: loss of control over documents and money is a key indicator.",
                },
                {
                    "text": "A relative asks detailed questions about the treatment plan.",
                    "correct": False,
                    "feedback": (
                        "An engaged relative is usually a good sign; avoid reading too much into "
                        "it."
                    ),
                },
            ],
        },
        {
            "kind": "multiple",
            "scenario": "",
            "text": (
                "You are now alone with a patient you are worried about. Which approaches are "
                "trauma-informed? Select all that apply."
            ),
            "explanation": (
                "Be honest about confidentiality and its limits, ask open, "
                "non-judgemental questions at the patient's pace, and respect an "
                "adult's choices while offering resources discreetly. Pushing for "
                "details or telling them what they must do can cause harm."
            ),
            "lesson": "trauma-informed-conversations",
            "choices": [
                {
                    "text": (
                        "Explain honestly what you keep confidential and what you may have to "
                        "report."
                    ),
                    "correct": True,
                    "feedback": "Yes: honesty about limits builds trust.",
                },
                {
                    "text": "Press for every detail of what happened so your report is complete.",
                    "correct": False,
                    "feedback": (
                        "Pushing for details can re-traumatise; detailed interviews are for "
                        "specialists."
                    ),
                },
                {
                    "text": (
                        "Ask open, non-judgemental questions, such as whether anyone stops them "
                        "from leaving their job, and let them set the pace."
                    ),
                    "correct": True,
                    "feedback": (
                        "Yes: open questions and patient control are at the heart of "
                        "trauma-informed care."
                    ),
                },
                {
                    "text": (
                        "Tell them they are a trafficking victim and must go to the police today."
                    ),
                    "correct": False,
                    "feedback": (
                        "Labels and demands can make patients shut down; give them choices."
                    ),
                },
                {
                    "text": (
                        "Respect their decisions, and offer the hotline number discreetly, such as "
                        "the text number 233733."
                    ),
                    "correct": True,
                    "feedback": "Yes: respect their choices and make help easy to find later.",
                },
            ],
        },
        {
            "kind": "true_false",
            "scenario": "",
            "text": (
                "A patient who is a citizen and has never left their home state cannot be a victim "
                "of human trafficking."
            ),
            "explanation": (
                "Trafficking does not require crossing a border or any travel at all. "
                "Citizens are trafficked in their own communities, for labour as well "
                "as for sex."
            ),
            "lesson": "recognising-trafficking-in-patients",
            "choices": [
                {
                    "text": "True",
                    "correct": False,
                    "feedback": "Trafficking is about exploitation, not movement or citizenship.",
                },
                {
                    "text": "False",
                    "correct": True,
                    "feedback": (
                        "Right: anyone can be trafficked, anywhere, without crossing a border."
                    ),
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "An adult patient tells you privately that she works in a nail salon to "
                "pay off a debt that never shrinks, and that her boss keeps her "
                "passport. She does not want help right now and plans to go back. "
                "She is not in immediate danger."
            ),
            "text": "What should you do?",
            "explanation": (
                "Adults have the right to make their own choices. Respect her "
                "decision, offer resources discreetly, involve social work under your "
                "facility's policy, follow any legal reporting duties, and document "
                "objectively."
            ),
            "lesson": "responding-and-reporting",
            "choices": [
                {
                    "text": (
                        "Respect her decision, discreetly give her hotline information, involve "
                        "social work under policy, and document objectively."
                    ),
                    "correct": True,
                    "feedback": "Right: respect her choices while keeping the door to help open.",
                },
                {
                    "text": "Keep her in the department until she agrees to talk to police.",
                    "correct": False,
                    "feedback": (
                        "Holding an adult against her will repeats the control she is already "
                        "under."
                    ),
                },
                {
                    "text": "Call the salon and tell the owner to give back her passport.",
                    "correct": False,
                    "feedback": (
                        "Contacting the suspected trafficker could put her in serious danger."
                    ),
                },
                {
                    "text": "Tell her you cannot treat her further unless she reports it.",
                    "correct": False,
                    "feedback": "Care should never depend on a patient reporting.",
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "A 15-year-old comes in for a sexual health concern. She says her "
                "28-year-old boyfriend sets up \"dates\" with other men to pay for "
                "their apartment."
            ),
            "text": "What should you do?",
            "explanation": (
                "Any commercial sex involving a minor is trafficking, whatever she "
                "says about choice. Follow your facility's mandated-reporting policy: "
                "report to child protective services and/or law enforcement, involve "
                "social work, and keep her safe under policy."
            ),
            "lesson": "responding-and-reporting",
            "choices": [
                {
                    "text": (
                        "Respect her view that she is choosing this and just treat the medical "
                        "issue."
                    ),
                    "correct": False,
                    "feedback": "A minor cannot consent to commercial sex; this must be reported.",
                },
                {
                    "text": "Ask the boyfriend in the waiting room to explain the situation.",
                    "correct": False,
                    "feedback": "Confronting him could put her in danger and warn him.",
                },
                {
                    "text": (
                        "Follow the mandated-reporting policy: report to child protective services "
                        "and/or law enforcement and involve social work."
                    ),
                    "correct": True,
                    "feedback": (
                        "Right: this is a child trafficking situation and must be reported."
                    ),
                },
                {
                    "text": "Wait until her next visit to collect more evidence before reporting.",
                    "correct": False,
                    "feedback": "You do not need proof, and there may not be another visit.",
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "The companion of an adult patient you are worried about becomes "
                "agitated, raises his voice at staff, and demands to leave with the "
                "patient immediately."
            ),
            "text": "Which of these should you NOT do?",
            "explanation": (
                "Do not physically step in or try to hide the patient yourself. That "
                "can get you, the patient and others hurt. Alert security, call 911 if "
                "anyone is in immediate danger, and document what happened."
            ),
            "lesson": "responding-and-reporting",
            "choices": [
                {
                    "text": "Alert hospital security under your facility's policy.",
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
                {
                    "text": "Call 911 if anyone is in immediate danger.",
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
                {
                    "text": (
                        "Stand in the doorway to physically stop the companion from leaving with "
                        "the patient."
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct: this is what you should NOT do. Physically stepping in puts "
                        "everyone at risk; let security and police handle it."
                    ),
                },
                {
                    "text": "Document your observations objectively afterwards.",
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
            ],
        },
        {
            "kind": "single",
            "scenario": "",
            "text": (
                "Which statement about trafficking victims seen in health care is most accurate?"
            ),
            "explanation": (
                "Victims can be any age, gender, nationality or background, including "
                "men in labour trafficking and young people born in the country. Many "
                "have no visible injuries and may have phones or keys."
            ),
            "lesson": "recognising-trafficking-in-patients",
            "choices": [
                {
                    "text": "Victims usually have obvious injuries from being tied up.",
                    "correct": False,
                    "feedback": (
                        "Most victims have no signs of physical restraint; control is often "
                        "psychological."
                    ),
                },
                {
                    "text": "Victims are almost always foreign women.",
                    "correct": False,
                    "feedback": "That stereotype causes missed cases among men, boys and citizens.",
                },
                {
                    "text": "A patient with their own phone and car keys cannot be a victim.",
                    "correct": False,
                    "feedback": (
                        "Traffickers often let victims have phones; control can come through "
                        "threats and debt."
                    ),
                },
                {
                    "text": (
                        "Victims can be any age, gender or nationality, and many have no visible "
                        "injuries."
                    ),
                    "correct": True,
                    "feedback": "Right: there is no single profile, so look for signs of control.",
                },
            ],
        },
        {
            "kind": "single",
            "scenario": "",
            "text": "How should you document suspected trafficking in the patient's record?",
            "explanation": (
                "Record objective findings and the patient's own words in quotation "
                "marks, without speculative labels. Be careful about what appears in "
                "discharge papers or patient-portal notes that a controlling "
                "companion might see."
            ),
            "lesson": "responding-and-reporting",
            "choices": [
                {
                    "text": (
                        "Write \"trafficking victim\" clearly on the discharge papers so the next "
                        "provider knows."
                    ),
                    "correct": False,
                    "feedback": (
                        "The companion may read discharge papers, which could put the patient at "
                        "risk."
                    ),
                },
                {
                    "text": (
                        "Record objective findings and the patient's own words, and think about "
                        "what a companion could see."
                    ),
                    "correct": True,
                    "feedback": (
                        "Right: factual, careful documentation supports the patient and keeps them "
                        "safe."
                    ),
                },
                {
                    "text": "Leave it out of the record entirely to protect the patient's privacy.",
                    "correct": False,
                    "feedback": "Accurate records support future care and any investigation.",
                },
            ],
        },
    ],
    # ------------------------------------------------------------------
    # School personnel: teachers, counsellors, bus drivers, coaches
    # ------------------------------------------------------------------
    "school-personnel": [
        {
            "kind": "scenario",
            "scenario": (
                "A 14-year-old student has started missing school, has a new phone and "
                "expensive clothes she says came from an older \"boyfriend\" who picks "
                "her up, and has a new tattoo of a name she won't talk about."
            ),
            "text": "What should you do?",
            "explanation": (
                "These are warning signs of possible child sex trafficking. Do not "
                "question her yourself. Write down what you saw and follow your "
                "school's mandated-reporting policy: tell the designated staff member "
                "and report to child protective services or law enforcement as required."
            ),
            "lesson": "warning-signs-at-school",
            "choices": [
                {
                    "text": "Keep her after class and question her in detail about the boyfriend.",
                    "correct": False,
                    "feedback": (
                        "Interviewing the student is for trained investigators; it can cause harm "
                        "and affect the case."
                    ),
                },
                {
                    "text": (
                        "Write down your observations and follow the school's mandated-reporting "
                        "policy."
                    ),
                    "correct": True,
                    "feedback": (
                        "Right: document what you saw and report it through the proper channels."
                    ),
                },
                {
                    "text": "Find the boyfriend at pickup and tell him to stay away from her.",
                    "correct": False,
                    "feedback": (
                        "Confronting a suspected trafficker puts you and the student at risk."
                    ),
                },
                {
                    "text": "Wait a few weeks to see whether things get worse.",
                    "correct": False,
                    "feedback": (
                        "Waiting can leave a child in danger; you do not need proof to report."
                    ),
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "After class, a student tells you her \"boyfriend\" makes her meet men "
                "for money, and begs you not to tell anyone."
            ),
            "text": "What is the best response?",
            "explanation": (
                "Listen calmly, thank her for telling you, and be honest that you "
                "cannot keep this secret because you must get her help. Do not ask "
                "probing questions. Report right away under mandated-reporting policy "
                "(and call 911 if she is in immediate danger)."
            ),
            "lesson": "responding-and-reporting",
            "choices": [
                {
                    "text": "Promise to keep it secret so she keeps trusting you.",
                    "correct": False,
                    "feedback": (
                        "You are a mandated reporter; a promise you cannot keep damages trust "
                        "later."
                    ),
                },
                {
                    "text": "Ask her for names, dates and places so your report is complete.",
                    "correct": False,
                    "feedback": (
                        "Detailed questioning is for trained investigators; it can re-traumatise "
                        "her."
                    ),
                },
                {
                    "text": "Call her parents first to talk it through before deciding what to do.",
                    "correct": False,
                    "feedback": (
                        "Family members are sometimes involved; follow the reporting policy "
                        "instead."
                    ),
                },
                {
                    "text": (
                        "Listen calmly, reassure her, explain you must get help, and report right "
                        "away under policy."
                    ),
                    "correct": True,
                    "feedback": "Right: support her, be honest and report without delay.",
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "As a bus driver, you notice the same adult man waiting in a car at a "
                "stop each afternoon. A 13-year-old gets off and goes straight to his "
                "car. You know he is not her parent."
            ),
            "text": "What should you do?",
            "explanation": (
                "Note the car's description, plate, times and the student's name, and "
                "report to your supervisor or school administrator under the "
                "reporting policy. Call 911 if you see immediate danger. Do not block "
                "the car or confront the man."
            ),
            "lesson": "responding-and-reporting",
            "choices": [
                {
                    "text": (
                        "Note the car, plate, times and student, and report to your supervisor or "
                        "school administrator."
                    ),
                    "correct": True,
                    "feedback": (
                        "Right: detailed observations help the people whose job it is to act."
                    ),
                },
                {
                    "text": "Park the bus to block his car and ask him who he is.",
                    "correct": False,
                    "feedback": (
                        "Confrontation can put you, the student and the other children at risk."
                    ),
                },
                {
                    "text": "Keep her on the bus and drive her home yourself after the route.",
                    "correct": False,
                    "feedback": (
                        "Well meant, but it goes outside your role and does not get her real "
                        "protection."
                    ),
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "A 16-year-old athlete quits the team and falls asleep in class. He "
                "tells you he works nights in a relative's restaurant to pay off a "
                "debt for bringing him to the country, is not paid, and is not "
                "allowed to stop."
            ),
            "text": "Which response shows the best judgement?",
            "explanation": (
                "Labour trafficking affects young people too. Forced work to pay off a "
                "debt, with no pay and no freedom to quit, are key signs even when the "
                "employer is a relative. Report under your mandated-reporting policy; "
                "do not confront the family or ask about immigration status."
            ),
            "lesson": "trafficking-and-young-people",
            "choices": [
                {
                    "text": (
                        "Treat it as a normal family job; lots of teenagers work in family "
                        "businesses."
                    ),
                    "correct": False,
                    "feedback": (
                        "Unpaid work to pay off a debt, with no freedom to quit, is not a normal "
                        "family job."
                    ),
                },
                {
                    "text": "Go to the restaurant and tell the relative he must let the boy quit.",
                    "correct": False,
                    "feedback": "Confronting the employer can put the student in danger.",
                },
                {
                    "text": "Ask him whether he has legal papers before you decide what to do.",
                    "correct": False,
                    "feedback": (
                        "Immigration status is not your concern here and asking can frighten him "
                        "off."
                    ),
                },
                {
                    "text": (
                        "Recognise possible labour trafficking and report it under the "
                        "mandated-reporting policy."
                    ),
                    "correct": True,
                    "feedback": (
                        "Right: young people can be trafficked for labour, and this must be "
                        "reported."
                    ),
                },
            ],
        },
        {
            "kind": "scenario",
            "scenario": (
                "You see messages on a student's phone in which an adult she met "
                "online offers her money for \"modelling work\" in another city and "
                "tells her not to tell her parents."
            ),
            "text": "Which of these should you NOT do?",
            "explanation": (
                "Pretending to be the student to catch the adult is investigating. It "
                "can put her at risk and damage a future case. Note what you saw and "
                "report it under school policy so trained professionals can act."
            ),
            "lesson": "responding-and-reporting",
            "choices": [
                {
                    "text": "Note what you saw, including the date and the platform used.",
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
                {
                    "text": (
                        "Reply to the adult from her phone, pretending to be her, to find out who "
                        "he is."
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct: this is what you should NOT do. Posing as the student is "
                        "investigating and can put her at risk."
                    ),
                },
                {
                    "text": "Tell the school's designated reporting staff member straight away.",
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
                {
                    "text": (
                        "Follow the mandated-reporting policy for reporting to law enforcement or "
                        "child protective services."
                    ),
                    "correct": False,
                    "feedback": "This is a good step. The question asks what you should NOT do.",
                },
            ],
        },
        {
            "kind": "multiple",
            "scenario": "",
            "text": (
                "Which of these could be warning signs that a student is being trafficked? Select "
                "all that apply."
            ),
            "explanation": (
                "Unexplained gifts or money from an older person, running away or "
                "chronic unexplained absences, and signs that someone else controls "
                "their phone or movements are common warning signs. Joining a club or "
                "being shy is not."
            ),
            "lesson": "warning-signs-at-school",
            "choices": [
                {
                    "text": "The student joins a new after-school club.",
                    "correct": False,
                    "feedback": "New activities are a normal part of school life.",
                },
                {
                    "text": (
                        "Unexplained money, gifts or a new phone from an older \"boyfriend\" or "
                        "friend."
                    ),
                    "correct": True,
                    "feedback": "Yes: gifts are a common grooming tactic.",
                },
                {
                    "text": "The student is naturally shy and quiet in class.",
                    "correct": False,
                    "feedback": "Shyness alone is not a warning sign.",
                },
                {
                    "text": "Frequent running away or chronic, unexplained absences.",
                    "correct": True,
                    "feedback": "Yes: these are strongly linked to exploitation.",
                },
                {
                    "text": (
                        "Someone else seems to control their phone, or they must check in with an "
                        "adult constantly."
                    ),
                    "correct": True,
                    "feedback": "Yes: being controlled by someone else is a key indicator.",
                },
            ],
        },
        {
            "kind": "multiple",
            "scenario": "",
            "text": (
                "Which statements about trafficking and young people are true? Select all that "
                "apply."
            ),
            "explanation": (
                "Any commercial sex involving someone under 18 is trafficking. "
                "Traffickers are often people the young person knows, and students "
                "can be trafficked while living at home and going to school. Physical "
                "captivity is not required, and boys are targeted too."
            ),
            "lesson": "trafficking-and-young-people",
            "choices": [
                {
                    "text": (
                        "Any commercial sex involving a person under 18 is trafficking, even "
                        "without force."
                    ),
                    "correct": True,
                    "feedback": "Yes: a minor cannot consent to commercial sex.",
                },
                {
                    "text": (
                        "A young person must be physically held captive for it to count as "
                        "trafficking."
                    ),
                    "correct": False,
                    "feedback": (
                        "Control is often through manipulation, threats or dependence, not "
                        "captivity."
                    ),
                },
                {
                    "text": (
                        "Traffickers are often someone the young person knows, such as a "
                        "boyfriend, friend or relative."
                    ),
                    "correct": True,
                    "feedback": (
                        "Yes: most young victims are recruited by someone they know or trust."
                    ),
                },
                {
                    "text": "Boys are rarely targeted, so warning signs mostly apply to girls.",
                    "correct": False,
                    "feedback": "Boys and young men are trafficked too, and are often missed.",
                },
                {
                    "text": (
                        "A student can be trafficked while living at home and attending school."
                    ),
                    "correct": True,
                    "feedback": "Yes: many young victims keep going to school.",
                },
            ],
        },
        {
            "kind": "true_false",
            "scenario": "",
            "text": (
                "For a student to be a victim of trafficking, they must have been moved across a "
                "state or national border."
            ),
            "explanation": (
                "Trafficking needs no movement at all. A student can be trafficked in "
                "their own town, and even from their own home."
            ),
            "lesson": "trafficking-and-young-people",
            "choices": [
                {
                    "text": "True",
                    "correct": False,
                    "feedback": (
                        "That confuses trafficking with smuggling; no border crossing is needed."
                    ),
                },
                {
                    "text": "False",
                    "correct": True,
                    "feedback": "Right: trafficking is about exploitation, not movement.",
                },
            ],
        },
        {
            "kind": "single",
            "scenario": "",
            "text": (
                "What is your role as school staff when you suspect a student is being trafficked?"
            ),
            "explanation": (
                "School staff report; they do not investigate. Follow the "
                "mandated-reporting policy right away. You do not need proof, and "
                "child protective services and law enforcement will investigate."
            ),
            "lesson": "responding-and-reporting",
            "choices": [
                {
                    "text": (
                        "Collect evidence by interviewing the student and their friends before "
                        "reporting."
                    ),
                    "correct": False,
                    "feedback": (
                        "Interviewing is for trained investigators and can harm the student and "
                        "the case."
                    ),
                },
                {
                    "text": "Check with the student's parents first to confirm your suspicions.",
                    "correct": False,
                    "feedback": (
                        "Family members can be involved; follow the reporting policy instead."
                    ),
                },
                {
                    "text": (
                        "Report your suspicions promptly under the mandated-reporting policy and "
                        "let investigators investigate."
                    ),
                    "correct": True,
                    "feedback": "Right: your job is to report, not to prove.",
                },
                {
                    "text": (
                        "Wait until the student tells you directly that they are being trafficked."
                    ),
                    "correct": False,
                    "feedback": "Many victims never disclose or do not see themselves as victims.",
                },
            ],
        },
        {
            "kind": "single",
            "scenario": "",
            "text": "Which approach to spotting students at risk is best?",
            "explanation": (
                "Watch every student for changes in behaviour and specific warning "
                "signs, and be especially aware of vulnerabilities such as "
                "homelessness, foster care, running away, past abuse or rejection by "
                "family. Stereotypes about background or gender cause missed cases."
            ),
            "lesson": "warning-signs-at-school",
            "choices": [
                {
                    "text": (
                        "Watch for warning signs in every student, and be especially alert to "
                        "vulnerabilities such as homelessness, foster care or running away."
                    ),
                    "correct": True,
                    "feedback": "Right: look at signs and vulnerabilities, not stereotypes.",
                },
                {
                    "text": "Focus mainly on students from immigrant families.",
                    "correct": False,
                    "feedback": (
                        "That is a stereotype; students of any background can be trafficked."
                    ),
                },
                {
                    "text": "Focus only on teenage girls.",
                    "correct": False,
                    "feedback": "Boys and younger children can be trafficked too.",
                },
            ],
        },
    ],
}
