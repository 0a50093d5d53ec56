"""Demo training content: one course for each of the four stakeholder groups.

Pure data, no Django. Written in Redflag's own words from public guidance
(DHS Blue Campaign indicator lists, HHS SOAR, the five topics California
requires for hotel staff). Learner-facing text uses US spelling ("labor");
the slugs and the indicator kind values are identifiers and keep the
project's spelling ("labour", "recognising").

Each lesson's ``body`` is a list of (block_type, value) tuples:
    ("text", html)        HTML using only p, h3, ul, ol, li, strong, em
    ("indicators", {...}) heading; items of sign, why, kind ("labour", "sex" or "both")
    ("scenario", {...})   title, situation, question, debrief
    ("do_dont", {...})    heading, dos, donts
    ("report", {...})     heading, note
Every value other than ``text`` is plain text with no HTML.
"""

from __future__ import annotations

COURSES = [
    # ----------------------------------------------------------------------
    # 1. Utility and field workers
    # ----------------------------------------------------------------------
    {
        "slug": "utility-workers",
        "title": "Spotting human trafficking on the job: utility and field workers",
        "groups": ["utility-workers"],
        "summary": (
            "Meter readers, line workers, technicians and installers go inside homes, businesses "
            "and work sites that few outsiders ever see. This course shows what trafficking can "
            "look like from a doorway, a basement or a back room, and how to report it safely."
        ),
        "objectives": [
            (
                "Learners can explain human trafficking in plain words, including both labor and "
                "sex trafficking."
            ),
            (
                "Learners can recognize signs of trafficking they may see inside homes, "
                "businesses, farms and work sites."
            ),
            (
                "Learners can tell the difference between one odd detail and a pattern of control "
                "worth reporting."
            ),
            (
                "Learners can report what they saw to their supervisor and the National Human "
                "Trafficking Hotline without confronting anyone or putting themselves at risk."
            ),
        ],
        "minutes": 22,
        "lessons": [
            {
                "slug": "what-trafficking-is",
                "title": "What human trafficking is",
                "summary": (
                    "Trafficking means making someone work or take part in commercial sex through "
                    "force, fraud or coercion, and it happens in ordinary places."
                ),
                "body": [
                    (
                        "text",
                        "<p>Your job takes you where most people never go: into basements, back "
                        "rooms, garages, storerooms, farm buildings and private homes. That "
                        "access makes you one of the few outsiders who may notice that something "
                        "is wrong.</p>"
                        "<p><strong>Human trafficking</strong> is when someone makes another "
                        "person work, provide services or take part in commercial sex by using "
                        "<strong>force, fraud or coercion</strong>. The trafficker profits; the "
                        "person being exploited does not feel free to leave.</p>"
                        "<ul>"
                        "<li><strong>Force</strong> means physical harm, restraint or locking "
                        "someone in.</li>"
                        "<li><strong>Fraud</strong> means lies: a fake job offer, false promises "
                        "about pay, hours or living conditions.</li>"
                        "<li><strong>Coercion</strong> means threats and pressure: threats to the "
                        "person or their family, taking their ID or passport, a debt that can "
                        "never be paid off, or threats to call immigration.</li>"
                        "</ul>"
                        "<p>There is one more rule. <strong>Any commercial sex involving someone "
                        "under 18 is trafficking</strong>, even if no force, fraud or coercion "
                        "can be seen.</p>",
                    ),
                    (
                        "text",
                        "<h3>Two kinds of trafficking</h3>"
                        "<p><strong>Labor trafficking</strong> is forced work. It can happen on "
                        "farms, on construction sites, in restaurants, nail salons, factories, "
                        "cleaning crews, door-to-door sales crews, and inside private homes where "
                        "a nanny or housekeeper is not free to leave.</p>"
                        "<p><strong>Sex trafficking</strong> is forced commercial sex. It can be "
                        "run out of a house or apartment, a hotel room, or a business that claims "
                        "to offer massage or other services.</p>"
                        "<h3>What trafficking is not</h3>"
                        "<ul>"
                        "<li>It does not need anyone to cross a border or even leave town. Many "
                        "victims are trafficked in the city where they grew up.</li>"
                        "<li>It is not only about foreign nationals. US citizens are trafficked "
                        "too.</li>"
                        "<li>Victims can be any age, gender or background. Men and boys are "
                        "victims as well as women and girls.</li>"
                        "<li>Traffickers are not always strangers. They can be employers, "
                        "partners, friends or family members.</li>"
                        "<li>Victims are not always locked up. Many come and go but stay because "
                        "of threats, debts or fear.</li>"
                        "</ul>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Not the picture you expected",
                            "situation": (
                                "A new line technician says trafficking is something that happens "
                                "overseas or at the border, so it is not really part of the job. "
                                "Earlier that week, the crew worked at a farm where the field "
                                "workers said their boss held their ID cards and took most of "
                                "their pay for rent."
                            ),
                            "question": (
                                "Could what the crew saw at the farm be trafficking, even though "
                                "no one crossed a border that week?"
                            ),
                            "debrief": (
                                "Yes, it could. Trafficking is about control, not travel. Holding "
                                "someone's ID and taking their pay for debts they cannot escape "
                                "are common ways of keeping workers from leaving. The crew cannot "
                                "know for sure, and they do not need to: noting what they saw and "
                                "reporting it lets trained people decide what it means."
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "The busy apartment",
                            "situation": (
                                "A cable installer is let into an apartment to fix a connection. "
                                "During the hour-long visit, several different men knock, and an "
                                "older woman sends each one away until the installer has gone. "
                                "The young man who lives there says nothing and seems tense and "
                                "watched."
                            ),
                            "question": (
                                "Is this enough to report, even though no one asked for help?"
                            ),
                            "debrief": (
                                "It may be. Many short visits by different people, a person who "
                                "seems watched and someone else controlling the door can point to "
                                "sex trafficking. Victims often do not ask for help because they "
                                "are afraid or do not see themselves as victims. The installer "
                                "does not need to be sure: finishing the job, leaving normally, "
                                "writing down details and reporting is the right response."
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "heading": "The rule that matters most",
                            "dos": [
                                "Notice what you see and hear while you do your normal job.",
                                "Write down details once you are safely back in your vehicle.",
                                "Report to your supervisor and the hotline.",
                            ],
                            "donts": [
                                "Do not confront anyone you suspect of trafficking.",
                                "Do not try to rescue anyone or help them leave yourself.",
                                (
                                    "Do not do anything that puts you, your crew or the person at "
                                    "risk."
                                ),
                            ],
                        },
                    ),
                ],
            },
            {
                "slug": "red-flags-in-the-field",
                "title": "Red flags in homes, businesses and work sites",
                "summary": (
                    "What a field worker may notice inside a building, and why a pattern matters "
                    "more than a single detail."
                ),
                "body": [
                    (
                        "text",
                        "<p>You see things a nurse, a teacher or a hotel clerk never will: how "
                        "many people sleep in a building, which doors lock from the outside, who "
                        "is allowed to talk to you and who is not.</p>"
                        "<p>Keep two things in mind.</p>"
                        "<ul>"
                        "<li><strong>One sign is not proof.</strong> Many families and workers "
                        "share crowded housing because rent is high. A busy home, a language you "
                        "do not speak or a cash business is not a red flag on its own.</li>"
                        "<li><strong>Look for control.</strong> The strongest signs are that "
                        "someone else decides where a person sleeps, whether they can leave, who "
                        "they can talk to, and who keeps their money and papers.</li>"
                        "</ul>",
                    ),
                    (
                        "indicators",
                        {
                            "heading": "Inside a home or apartment",
                            "items": [
                                {
                                    "sign": "Locks or bolts on the outside of bedroom doors",
                                    "why": (
                                        "Locks that keep people in rather than out can mean "
                                        "people are not free to move around or leave."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "Many mattresses in one room, a garage or a basement, "
                                        "with few personal belongings"
                                    ),
                                    "why": (
                                        "People kept for work or sex are often housed in crowded "
                                        "spaces and own very little. Crowding alone is common, so "
                                        "look for other signs too."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "Windows covered, boarded or barred from the inside, and "
                                        "cameras pointed at doors"
                                    ),
                                    "why": (
                                        "Heavy security facing inward can be used to watch and "
                                        "hold people rather than protect them."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "A steady stream of different visitors at all hours to a "
                                        "private home"
                                    ),
                                    "why": (
                                        "A residence used as a place for commercial sex often has "
                                        "many short visits by people who do not live there."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "A nanny, housekeeper or caregiver who seems never to "
                                        "leave, looks exhausted and is not allowed to speak to you"
                                    ),
                                    "why": (
                                        "Domestic workers can be trapped in homes through "
                                        "threats, withheld pay or a taken passport, and are "
                                        "hidden from outsiders."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Someone who looks to another person before answering, or "
                                        "is spoken for"
                                    ),
                                    "why": (
                                        "A person who is not allowed to speak for themselves may "
                                        "be under someone's control."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "A young person at home during school hours who seems to "
                                        "be working or serving adults"
                                    ),
                                    "why": (
                                        "Minors can be forced into housework or commercial sex. "
                                        "Any commercial sex involving someone under 18 is "
                                        "trafficking."
                                    ),
                                    "kind": "both",
                                },
                            ],
                        },
                    ),
                    (
                        "indicators",
                        {
                            "heading": "At businesses, farms and work sites",
                            "items": [
                                {
                                    "sign": (
                                        "Workers sleeping in a back room, storeroom, kitchen or "
                                        "salon after hours"
                                    ),
                                    "why": (
                                        "Workers who live where they work, often in poor "
                                        "conditions, may be kept there by their employer and "
                                        "unable to leave."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Crews living on site in trailers, sheds or containers "
                                        "without working power, water or heat"
                                    ),
                                    "why": (
                                        "Housing controlled by the employer can be used to trap "
                                        "workers and to charge them debts for rent."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Workers dropped off and picked up together in a van at "
                                        "odd hours, with a boss who speaks for them"
                                    ),
                                    "why": (
                                        "Controlled transport means workers cannot get around on "
                                        "their own and are watched at all times."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "A massage or spa business with bedding in back rooms, "
                                        "locked front doors and customers let in by buzzer"
                                    ),
                                    "why": (
                                        "Some of these businesses are fronts for commercial sex "
                                        "where the women and men working there also live on site."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "A manager who holds workers' IDs or passports, or "
                                        "workers who say they owe a large debt"
                                    ),
                                    "why": (
                                        "Taking papers and using debts that keep growing are two "
                                        "of the most common ways traffickers stop people from "
                                        "leaving."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "Workers who seem afraid, are never left alone with you, "
                                        "or are told not to talk to you"
                                    ),
                                    "why": (
                                        "Fear and tight supervision can point to threats you "
                                        "cannot see."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "Signs of unsafe work: no protective gear, very long "
                                        "shifts, injuries that are not treated"
                                    ),
                                    "why": (
                                        "Forced workers are often pushed to work in conditions no "
                                        "free worker would accept."
                                    ),
                                    "kind": "labour",
                                },
                            ],
                        },
                    ),
                    (
                        "indicators",
                        {
                            "heading": "Around the outside of a property",
                            "items": [
                                {
                                    "sign": (
                                        "Fences, gates or wire that seem built to keep people in "
                                        "rather than out"
                                    ),
                                    "why": (
                                        "Security that faces inward can be a way to stop people "
                                        "from leaving."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "Workers walked or driven to a site before dawn and "
                                        "brought back after dark, day after day"
                                    ),
                                    "why": (
                                        "A daily routine run entirely by a boss can mean workers "
                                        "have no life or movement of their own."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Cars arriving at and leaving a home or business every "
                                        "few minutes, late into the night"
                                    ),
                                    "why": (
                                        "A constant flow of short visits can mean a place is "
                                        "being used for commercial sex."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "Someone posted outside who watches who comes and goes, "
                                        "or who follows you while you work"
                                    ),
                                    "why": (
                                        "Traffickers often keep a lookout to control victims and "
                                        "to spot outsiders. Stay with your normal routine and do "
                                        "not let on that you noticed."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "Very high power or water use at a small building where "
                                        "many people seem to live"
                                    ),
                                    "why": (
                                        "Usage can show a building houses far more people than it "
                                        "was built for. Ordinary crowded housing does this too, "
                                        "so it matters only alongside signs of control."
                                    ),
                                    "kind": "both",
                                },
                            ],
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "The basement meter",
                            "situation": (
                                "You go to a single-family house to reach a meter in the "
                                "basement. You pass six mattresses on the floor and notice that "
                                "two bedroom doors have padlocks on the outside. A man follows "
                                "you the whole time, and when a young woman comes to the stairs "
                                "he tells her sharply to go back upstairs."
                            ),
                            "question": (
                                "What do you do while you are in the house, and what do you do "
                                "after you leave?"
                            ),
                            "debrief": (
                                "Inside, finish your work normally and leave as you would any "
                                "other job. Do not ask about the locks, do not try to speak to "
                                "the young woman alone, and do not take photos. Once you are "
                                "safely away, write down the address, time, what you saw and a "
                                "description of the people. Then tell your supervisor and call "
                                "the hotline; if you believe someone is in immediate danger, call "
                                "911."
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "The restaurant storeroom",
                            "situation": (
                                "You are installing new equipment in a restaurant before it "
                                "opens. In the storeroom you see sleeping bags, a hot plate and "
                                "clothes drying. A cook tells you quietly that the owner keeps "
                                "his passport and that he cannot leave until he pays back the "
                                "cost of his trip."
                            ),
                            "question": (
                                "The cook has told you something directly. Does that change what "
                                "you should do?"
                            ),
                            "debrief": (
                                "It makes your report more important, but your role stays the "
                                "same. Do not confront the owner and do not offer to take the "
                                "cook away. If you can do it safely and unseen, you may give him "
                                "the hotline number, which works in many languages. Write down "
                                "what he said in his own words as soon as you can, and report it."
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "what-to-do",
                "title": "What to do: observe, note, report",
                "summary": (
                    "How to act on what you see without putting yourself or anyone else at risk."
                ),
                "body": [
                    (
                        "text",
                        "<p>You are not an investigator, and nobody expects you to be one. Your "
                        "job is to <strong>observe, note details and report</strong>. Trained "
                        "people take it from there.</p>"
                        "<p>Trying to sort things out yourself can backfire. A trafficker who "
                        "feels watched may move the victims, punish them, or turn on you. A "
                        "person who is trapped may also be too afraid to accept help from a "
                        "stranger, and that is not your failure.</p>"
                        "<h3>What to write down</h3>"
                        "<p>Wait until you are somewhere safe, such as your vehicle after you "
                        "have driven away. Then note:</p>"
                        "<ol>"
                        "<li>The address, business name, date and time.</li>"
                        "<li>What you saw: rooms, locks, bedding, work conditions.</li>"
                        "<li>The people: how many, rough ages, what they looked like, who seemed "
                        "to be in charge.</li>"
                        "<li>Vehicles: make, color and license plate if you saw them without "
                        "trying.</li>"
                        "<li>Anything said to you, in the speaker's own words.</li>"
                        "</ol>",
                    ),
                    (
                        "do_dont",
                        {
                            "heading": "On the job",
                            "dos": [
                                "Do your normal work at a normal pace and leave as usual.",
                                "Stay with your crew and follow your safety procedures.",
                                "Write notes after you leave, not in front of anyone.",
                                (
                                    "If someone asks you for help, stay calm and, only if it is "
                                    "safe, quietly share the hotline number."
                                ),
                                "Call 911 if you believe someone is in immediate danger.",
                                "Report to your supervisor and the hotline the same day.",
                            ],
                            "donts": [
                                "Do not confront or question the people you suspect.",
                                (
                                    "Do not try a rescue, offer a ride or hide anyone in your "
                                    "vehicle."
                                ),
                                (
                                    "Do not go back to the site to check on things or gather more "
                                    "information."
                                ),
                                (
                                    "Do not take photos of people or the inside of a home or "
                                    "business."
                                ),
                                "Do not search rooms or open doors beyond what your job needs.",
                                "Do not post about it or tell the customer you are reporting.",
                            ],
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "A whisper at the door",
                            "situation": (
                                "While you check a meter at the side of a house, a teenage boy "
                                "steps out and asks you in a low voice for a phone. An adult "
                                "calls his name from inside, and he looks frightened."
                            ),
                            "question": (
                                "How can you respond without putting him or yourself at risk?"
                            ),
                            "debrief": (
                                "Stay calm and do not make a scene or follow him inside. If you "
                                "can do it without being noticed, tell him the hotline number or "
                                "that he can text 233733; do not hand over your phone or promise "
                                "anything. Because he is a minor and seemed afraid, call 911 once "
                                "you are safely away if you think he is in danger now. Then "
                                "report to your supervisor and the hotline with as much detail as "
                                "you can remember."
                            ),
                        },
                    ),
                    (
                        "text",
                        "<h3>When you are not sure</h3>"
                        "<p>Most of what you see on the job will have an innocent explanation, "
                        "and you will rarely be certain. That is fine. The hotline takes calls "
                        "from people who are unsure. Describe what you saw and let them weigh "
                        "it.</p>"
                        "<p>Reporting is not accusing anyone. You are passing on facts to people "
                        "trained to use them, and those facts may connect with other reports you "
                        "will never hear about.</p>"
                        "<p>Learn your company's process before you need it: whom you tell, how, "
                        "and whether there is a form or code for safety concerns. Ask your "
                        "supervisor now.</p>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "After the storm",
                            "situation": (
                                "Your crew is restoring power to a rural area after a storm. At a "
                                "farm, about twenty workers live in two unheated trailers, and a "
                                "foreman collects their phones every night. One worker asks when "
                                "the power will be back, because the boss says they will be "
                                "charged extra for the generator."
                            ),
                            "question": "What is your part here, and what is not?",
                            "debrief": (
                                "Your part is to restore power safely and notice what you see. "
                                "Workers living in housing the employer controls, phones taken "
                                "away and new charges added to what they owe are signs of labor "
                                "trafficking. Do not challenge the foreman or lend anyone your "
                                "phone. Note the location, date, number of people and what was "
                                "said, and report it to your supervisor and the hotline once you "
                                "are safely back on the road."
                            ),
                        },
                    ),
                    (
                        "text",
                        "<h3>After you report</h3>"
                        "<p>You may never hear what happened next. That is normal: cases take "
                        "time, and investigators protect the people involved. Your report may be "
                        "one piece that helps others see the whole picture.</p>"
                        "<p>Keep what you saw private. Talk it through with your supervisor, not "
                        "on social media or with customers. If what you saw stays with you, your "
                        "employee assistance program is there for you too.</p>",
                    ),
                    (
                        "report",
                        {
                            "heading": "How to report",
                            "note": (
                                "Tell your supervisor or dispatcher as your company's policy "
                                "says, then call the National Human Trafficking Hotline at "
                                "1-888-373-7888 or text 233733, 24 hours a day. If someone is in "
                                "immediate danger, call 911 first."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    # ----------------------------------------------------------------------
    # 2. Hotel and lodging staff: California's five topics, one lesson each
    # ----------------------------------------------------------------------
    {
        "slug": "hotel-staff",
        "title": "Spotting human trafficking in hotels and lodging",
        "groups": ["hotel-lodging"],
        "summary": (
            "Hotels are places where traffickers sell people for sex and where workers can be "
            "forced to labor behind the scenes. This course helps housekeeping, front desk, "
            "maintenance, food service and security staff recognize the signs and report them "
            "safely."
        ),
        "objectives": [
            "Learners can explain what human trafficking is and who is at risk.",
            (
                "Learners can tell labor trafficking from sex trafficking and name signs of each "
                "in a hotel."
            ),
            (
                "Learners can describe their role: observe, note details and report, never "
                "confront or try a rescue."
            ),
            (
                "Learners can name whom to call: their supervisor or security, the National Human "
                "Trafficking Hotline (1-888-373-7888, text 233733) and 911 in an emergency."
            ),
        ],
        "minutes": 28,
        "lessons": [
            {
                "slug": "what-trafficking-is",
                "title": "What human trafficking is",
                "summary": (
                    "Trafficking is making someone work or take part in commercial sex through "
                    "force, fraud or coercion, and hotels are one place it happens."
                ),
                "body": [
                    (
                        "text",
                        "<p><strong>Human trafficking</strong> is when someone makes another "
                        "person work, provide services or take part in commercial sex by using "
                        "<strong>force, fraud or coercion</strong>.</p>"
                        "<ul>"
                        "<li><strong>Force:</strong> physical harm, restraint, locking someone "
                        "in.</li>"
                        "<li><strong>Fraud:</strong> lies, such as a fake job offer or false "
                        "promises about pay, hours or housing.</li>"
                        "<li><strong>Coercion:</strong> threats to the person or their family, "
                        "taking their ID, a debt they can never pay off, threats to report them "
                        "to immigration.</li>"
                        "</ul>"
                        "<p><strong>Any commercial sex involving someone under 18 is "
                        "trafficking</strong>, whether or not force, fraud or coercion is "
                        "involved.</p>",
                    ),
                    (
                        "text",
                        "<h3>Why hotels</h3>"
                        "<p>Traffickers use hotels and motels because rooms are private, guests "
                        "come and go, and payment can be quick and anonymous. Sex buyers may be "
                        "sent to a room booked by a trafficker.</p>"
                        "<p>Hotels are also busy workplaces. Workers hired through contractors, "
                        "staffing agencies or suppliers can be forced to work under threats or "
                        "debts, sometimes alongside staff who have no idea.</p>"
                        "<p>That is why some states, including California, require hotel "
                        "employees to take this training. You see guest floors, back corridors "
                        "and service areas every day, and you know what normal looks like.</p>"
                        "<h3>Common myths</h3>"
                        "<ul>"
                        "<li>Trafficking does not need anyone to cross a border. Moving is not "
                        "part of the definition.</li>"
                        "<li>Victims can be US citizens or foreign nationals, of any gender and "
                        "any age.</li>"
                        "<li>Victims are not always held behind locked doors. Threats, debt and "
                        "shame can keep someone trapped in plain sight.</li>"
                        "</ul>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Free to go?",
                            "situation": (
                                "A room attendant mentions that a woman staying on her floor goes "
                                "out alone for coffee every morning. Her co-worker says that "
                                "means she cannot be a trafficking victim."
                            ),
                            "question": (
                                "Is being able to walk around alone a sign that someone is free?"
                            ),
                            "debrief": (
                                "Not necessarily. Many people who are trafficked are not "
                                "physically held. They stay because of threats to them or their "
                                "family, a debt, fear of the police, or because the trafficker "
                                "has their ID or money. Look for the wider pattern rather than a "
                                "single fact, and report what worries you."
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "The contract housekeeper",
                            "situation": (
                                "A new housekeeper hired through a staffing agency tells a "
                                "co-worker that the agency owner took her passport for "
                                "safekeeping. She lives in a house the owner rents out, and most "
                                "of her pay goes back to him for rent and a recruitment fee."
                            ),
                            "question": (
                                "Is this just a pay complaint, or could it be trafficking?"
                            ),
                            "debrief": (
                                "It could be labor trafficking. Holding a worker's passport and "
                                "taking her pay for debts are ways to keep her from leaving, even "
                                "though she comes to work every day like everyone else. The "
                                "co-worker should not confront the agency owner or ask more "
                                "questions, but should note what was said and report it as the "
                                "hotel's policy says or call the hotline, as later lessons "
                                "explain."
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "heading": "The rule that matters most",
                            "dos": [
                                "Notice what you see while doing your usual job.",
                                "Note details: room number, time, descriptions.",
                                "Report to your supervisor or security and the hotline.",
                            ],
                            "donts": [
                                "Do not confront a guest, visitor or contractor you suspect.",
                                "Do not try a rescue or take someone away yourself.",
                                (
                                    "Do not do anything that puts you, your co-workers or the "
                                    "person at risk."
                                ),
                            ],
                        },
                    ),
                ],
            },
            {
                "slug": "who-is-at-risk",
                "title": "Who is at risk",
                "summary": (
                    "Anyone can be trafficked; traffickers look for people whose needs and hopes "
                    "they can exploit."
                ),
                "body": [
                    (
                        "text",
                        "<p>There is no single type of victim. People of every gender, age, race, "
                        "nationality and income have been trafficked. What victims often share is "
                        "a <strong>vulnerability</strong> that a trafficker spots and uses.</p>"
                        "<p>People at higher risk include:</p>"
                        "<ul>"
                        "<li>Young people who have run away, are homeless or are in foster "
                        "care.</li>"
                        "<li>People who have been abused before or have an unstable home.</li>"
                        "<li>People struggling with addiction or mental illness.</li>"
                        "<li>People in deep debt or desperate for work.</li>"
                        "<li>People with an uncertain immigration status or who speak little "
                        "English, and who may fear the police.</li>"
                        "<li>LGBTQ+ young people who have been rejected by their families.</li>"
                        "<li>People with disabilities who rely on others.</li>"
                        "</ul>"
                        "<p>None of these makes a person a victim. They are reasons to pay "
                        "attention, not labels to put on a guest or co-worker.</p>",
                    ),
                    (
                        "text",
                        "<h3>How traffickers draw people in</h3>"
                        "<ul>"
                        "<li><strong>A job offer</strong> that turns out to be false: different "
                        "work, much lower pay, or a large fee for travel and housing.</li>"
                        "<li><strong>A romance.</strong> A boyfriend or girlfriend who offers "
                        "love and gifts, then pushes the person into commercial sex.</li>"
                        "<li><strong>Family or friends.</strong> Some traffickers are parents, "
                        "relatives or people the victim trusts.</li>"
                        "<li><strong>Debt.</strong> Costs for travel, rent, food or 'fees' that "
                        "grow faster than the person can pay.</li>"
                        "</ul>"
                        "<p>Traffickers can be any gender and any background, including people "
                        "who were once trafficked themselves.</p>",
                    ),
                    (
                        "text",
                        "<h3>Why people may not ask for help</h3>"
                        "<p>It can be hard to understand why someone would not just ask hotel "
                        "staff for help. There are many reasons:</p>"
                        "<ul>"
                        "<li>Fear of the trafficker, who may have threatened them or their "
                        "family.</li>"
                        "<li>Fear of police or of being deported, often because the trafficker "
                        "said they would be arrested.</li>"
                        "<li>Shame, or a belief that it is their own fault.</li>"
                        "<li>Love for or loyalty to the trafficker, especially in a romance or a "
                        "family.</li>"
                        "<li>Not knowing their rights, or not seeing themselves as a victim.</li>"
                        "<li>Nowhere else to go, and no money or ID.</li>"
                        "</ul>"
                        "<p>That is why it falls to people like you to notice and report. A "
                        "person does not have to ask for help before you make a report.</p>",
                    ),
                    (
                        "indicators",
                        {
                            "heading": "Signs someone may be under another person's control",
                            "items": [
                                {
                                    "sign": "Someone else holds their ID, key card or money",
                                    "why": (
                                        "Control of documents and money makes it hard for a "
                                        "person to leave or get help."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "They are not allowed to speak for themselves, or give "
                                        "answers that sound rehearsed"
                                    ),
                                    "why": (
                                        "Traffickers often coach victims on what to say and "
                                        "answer for them."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "A young person with an older adult who is not a parent "
                                        "or guardian, and who seems nervous"
                                    ),
                                    "why": (
                                        "Minors are often exploited by adults posing as "
                                        "boyfriends, girlfriends, relatives or friends."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "A worker who says they owe a large debt to their "
                                        "recruiter or employer"
                                    ),
                                    "why": (
                                        "Debts that keep growing are a common way to hold workers "
                                        "in forced labor."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "They seem afraid, avoid eye contact or do not know where "
                                        "they are"
                                    ),
                                    "why": (
                                        "Fear and confusion about location can come from being "
                                        "moved often and kept isolated."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "Workers who are driven in and out as a group and never "
                                        "take breaks alone"
                                    ),
                                    "why": (
                                        "Close supervision and controlled transport limit contact "
                                        "with anyone who could help."
                                    ),
                                    "kind": "labour",
                                },
                            ],
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "Checking in",
                            "situation": (
                                "A man in his forties checks in with a teenage girl. He pays cash "
                                "for a week, holds both IDs and answers every question, even the "
                                "ones you ask her. She looks at the floor and carries only a "
                                "small bag."
                            ),
                            "question": (
                                "Which details concern you, and what should you do at the desk?"
                            ),
                            "debrief": (
                                "Several details together form a pattern: a minor with an adult "
                                "who controls her ID, speaks for her and pays cash for a long "
                                "stay. At the desk, complete the check-in as you would normally "
                                "and do not question him or her. Note the room number, names, "
                                "times and descriptions. Then tell your manager or security and "
                                "call the hotline; because she may be a minor, call 911 if you "
                                "believe she is in danger."
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "labour-and-sex-trafficking-in-hotels",
                "title": "Labor and sex trafficking in hotels",
                "summary": (
                    "How sex trafficking of guests and labor trafficking of workers can each show "
                    "up in a hotel, seen from different jobs."
                ),
                "body": [
                    (
                        "text",
                        "<p><strong>Sex trafficking</strong> in a hotel usually involves a room "
                        "where someone is made to see buyers. Buyers may come and go through the "
                        "day and night. The person being sold may be an adult or a minor, and of "
                        "any gender.</p>"
                        "<p><strong>Labor trafficking</strong> in a hotel is harder to see "
                        "because it hides in the workforce. It can affect people who clean rooms, "
                        "wash dishes, do laundry or work on renovations, especially when they are "
                        "hired through a contractor or agency. It can also affect guests: a crew "
                        "of workers housed in a few rooms by a boss who controls them.</p>"
                        "<p>Each job in a hotel sees a different part of the picture. Put "
                        "together, those views can show a pattern no one person would see.</p>",
                    ),
                    (
                        "indicators",
                        {
                            "heading": "What different staff may notice",
                            "items": [
                                {
                                    "sign": (
                                        "Housekeeping: 'Do Not Disturb' on the door for days and "
                                        "cleaning refused, but many towels and sheets requested"
                                    ),
                                    "why": (
                                        "Keeping staff out while using lots of linen can mean a "
                                        "room is being used for commercial sex."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "Housekeeping: many phones, prepaid cards or cash in the "
                                        "room, and very few personal belongings"
                                    ),
                                    "why": (
                                        "Several phones and few belongings can point to a room "
                                        "used for business rather than a stay."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "Front desk: room paid in cash or prepaid card, often day "
                                        "by day, by someone who lives nearby"
                                    ),
                                    "why": (
                                        "A local guest extending a room in small cash payments "
                                        "can be trying to avoid a record."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "Front desk or security: many different visitors to one "
                                        "room, staying a short time"
                                    ),
                                    "why": (
                                        "A steady flow of short visits to one room is a common "
                                        "sign of commercial sex."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "Security: a person watching the hallway or parking lot "
                                        "near certain rooms for long periods"
                                    ),
                                    "why": (
                                        "Traffickers often keep watch over victims and their "
                                        "buyers."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "Several workers sharing one room, driven to and from job "
                                        "sites by a boss who holds their IDs"
                                    ),
                                    "why": (
                                        "A crew housed and moved by someone who controls their "
                                        "papers may be in forced labor."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Food service: a guest who is not allowed to order for "
                                        "themselves or eat alone"
                                    ),
                                    "why": (
                                        "Tight control over everyday choices can be a sign of a "
                                        "controlling trafficker."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "A guest or worker with injuries, who looks exhausted or "
                                        "underfed, or who seems afraid of the person they are with"
                                    ),
                                    "why": (
                                        "Physical signs and fear can point to abuse, whatever "
                                        "kind of exploitation is involved."
                                    ),
                                    "kind": "both",
                                },
                            ],
                        },
                    ),
                    (
                        "indicators",
                        {
                            "heading": "Signs among workers at your property",
                            "items": [
                                {
                                    "sign": (
                                        "Contract housekeepers or kitchen staff who say their "
                                        "agency keeps their passport or pay"
                                    ),
                                    "why": (
                                        "Taking documents or wages is a way to stop workers from "
                                        "quitting."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Workers who owe a recruitment or travel debt they cannot "
                                        "pay off"
                                    ),
                                    "why": (
                                        "Debt bondage keeps people working for little or nothing."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Workers who live where a supervisor decides, and are "
                                        "dropped off and collected together"
                                    ),
                                    "why": (
                                        "Employer-controlled housing and transport can leave "
                                        "workers with no way to leave."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Workers who work very long hours, skip breaks and seem "
                                        "afraid of their supervisor"
                                    ),
                                    "why": (
                                        "Fear and extreme hours can mean someone is being forced "
                                        "to work."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "A co-worker who is pressured by a 'manager' outside the "
                                        "hotel to see guests for money"
                                    ),
                                    "why": (
                                        "Workers can also be pushed into commercial sex by "
                                        "someone who controls them."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "A worker who seems to be under 18 but is working late "
                                        "shifts or long hours"
                                    ),
                                    "why": (
                                        "Minors are especially vulnerable to both forced work and "
                                        "sexual exploitation."
                                    ),
                                    "kind": "both",
                                },
                            ],
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "The renovation crew",
                            "situation": (
                                "A contractor books three rooms for a crew working on a nearby "
                                "building. A maintenance worker notices eight men sharing each "
                                "room. Their boss keeps all the key cards, and one man says he "
                                "has not been paid in two months because he still owes for his "
                                "trip."
                            ),
                            "question": (
                                "Is this a housing problem, a pay dispute, or something more?"
                            ),
                            "debrief": (
                                "It might be labor trafficking. Crowding, a boss who controls "
                                "access, no pay and a debt for travel together suggest the men "
                                "may not be free to leave. Do not raise it with the boss or ask "
                                "the men more questions. Note the room numbers, dates and what "
                                "was said, then tell your manager or security and call the "
                                "hotline."
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "Linen requests on the third floor",
                            "situation": (
                                "For four days, room 312 has had 'Do Not Disturb' on the door. "
                                "The guest refuses cleaning but calls for fresh towels several "
                                "times a day, and a room attendant sees different visitors going "
                                "in and out."
                            ),
                            "question": "What should the room attendant do?",
                            "debrief": (
                                "Keep doing the job normally: deliver towels as usual and follow "
                                "the hotel's policy on welfare checks. Do not knock repeatedly, "
                                "enter without reason or question visitors. Write down the room "
                                "number, dates, times and what was seen, and tell a supervisor or "
                                "security so they can follow the hotel's procedure and report to "
                                "the hotline or police."
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "your-role-in-reporting",
                "title": "Your role in reporting",
                "summary": (
                    "Your job is to observe, note details and report; investigating and "
                    "intervening is for trained professionals."
                ),
                "body": [
                    (
                        "text",
                        "<p>You are the eyes and ears of your property. You are not expected to "
                        "prove anything, and you do not need to be sure. If something worries "
                        "you, report it.</p>"
                        "<p>What you must <strong>not</strong> do is step in yourself. "
                        "Confronting a suspected trafficker can put you, your co-workers and the "
                        "victim in danger. The trafficker may move the victim, punish them or "
                        "disappear before police can act.</p>"
                        "<h3>What to note</h3>"
                        "<ol>"
                        "<li>Room number, dates and times.</li>"
                        "<li>Descriptions of the people involved: height, build, clothing, hair, "
                        "any names used.</li>"
                        "<li>Vehicles: make, color, license plate, if you can see them without "
                        "going out of your way.</li>"
                        "<li>What you saw and heard, in the words people used.</li>"
                        "</ol>"
                        "<p>Keep your notes factual and hand them to whoever takes your report. "
                        "Do not share them with other guests or on social media.</p>",
                    ),
                    (
                        "do_dont",
                        {
                            "heading": "When something seems wrong",
                            "dos": [
                                "Stay calm and keep doing your job normally.",
                                "Note details as soon as you can do so privately.",
                                (
                                    "Tell your supervisor, manager or security as your hotel's "
                                    "policy says."
                                ),
                                (
                                    "Call the hotline yourself if you are unsure or if your "
                                    "report is not acted on."
                                ),
                                "Call 911 if someone is in immediate danger.",
                            ],
                            "donts": [
                                "Do not confront the guest, visitor or contractor.",
                                "Do not try a rescue or hide someone in a room or staff area.",
                                (
                                    "Do not enter a room you would not normally enter, or search "
                                    "belongings."
                                ),
                                "Do not show alarm or let anyone know you suspect something.",
                                "Do not share what you saw with other guests or on social media.",
                            ],
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "A note on the cart",
                            "situation": (
                                "While a housekeeper cleans a room, a young man staying there "
                                "slips her a note that says 'help me'. A woman who booked the "
                                "room is in the hallway and watches her closely."
                            ),
                            "question": "What is the safest way to respond?",
                            "debrief": (
                                "Act normally and finish the room so the watcher notices nothing. "
                                "If it is safe, a quiet word or a card with the hotline number "
                                "can help, but do not try to take him out of the room. As soon as "
                                "you are out of sight, tell security or your manager. If you "
                                "think he is in immediate danger, call 911 or ask security to."
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "When a report seems to go nowhere",
                            "situation": (
                                "A front desk agent tells the night manager about a room with "
                                "many short visits and a guest who looks under 18. The manager "
                                "says it is none of their business and not to worry about it."
                            ),
                            "question": "What can the agent do now?",
                            "debrief": (
                                "The agent can still call the National Human Trafficking Hotline "
                                "directly, or 911 if the young person seems to be in danger now. "
                                "Reporting is not disloyal to your employer, and many hotels have "
                                "policies asking staff to report. If the hotel has a security "
                                "team or an ethics line, that is another route. Either way, the "
                                "agent should keep factual, dated notes."
                            ),
                        },
                    ),
                    (
                        "report",
                        {
                            "heading": "How to report",
                            "note": (
                                "Tell your supervisor, manager or security as your hotel's policy "
                                "says. You can also call the National Human Trafficking Hotline "
                                "at 1-888-373-7888 or text 233733 yourself, and call 911 in an "
                                "emergency."
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "whom-to-call",
                "title": "Whom to call",
                "summary": (
                    "The numbers to know, when to use each one, and what to have ready when you "
                    "call."
                ),
                "body": [
                    (
                        "text",
                        "<h3>Three numbers to know</h3>"
                        "<ul>"
                        "<li><strong>911</strong> if anyone is in immediate danger: violence, a "
                        "threat, a medical emergency, or a child at risk right now.</li>"
                        "<li><strong>The National Human Trafficking Hotline: 1-888-373-7888, or "
                        "text 233733.</strong> It is free, confidential, open 24 hours a day, "
                        "every day, and can help in many languages. You can report a tip or ask "
                        "for advice, and you do not have to give your name.</li>"
                        "<li><strong>Your supervisor, manager or security</strong>, following "
                        "your hotel's policy. They may also contact local police.</li>"
                        "</ul>"
                        "<p>If someone under 18 may be involved, police and child protective "
                        "services also need to know. The hotline and 911 can help make sure that "
                        "happens.</p>",
                    ),
                    (
                        "text",
                        "<h3>What happens when you call the hotline</h3>"
                        "<p>A trained advocate listens and asks questions. With the details you "
                        "give, they can pass tips to law enforcement or to services that help "
                        "survivors. You do not need to be certain it is trafficking before you "
                        "call.</p>"
                        "<p>Have your notes ready: the hotel's name and address, the room number, "
                        "dates and times, descriptions of people and vehicles, and what you saw "
                        "and heard.</p>"
                        "<p>If a guest or co-worker needs help, the same number works for them. "
                        "The hotline can connect them with shelter, legal help and other "
                        "support.</p>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Late-night shift at the desk",
                            "situation": (
                                "At 2 a.m., a night auditor hears shouting and a crash from a "
                                "room where many visitors have been coming and going. A young "
                                "woman runs into the lobby, upset, and a man follows her."
                            ),
                            "question": "Which number does the night auditor call first?",
                            "debrief": (
                                "This is an emergency, so call 911 first and follow the hotel's "
                                "emergency procedure, including calling security. Do not step "
                                "between the two people or try to hold the man. Once everyone is "
                                "safe, write down what you saw and heard and tell your manager. "
                                "The hotline can take the wider information about the room and "
                                "the visitors."
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "heading": "Making the call",
                            "dos": [
                                (
                                    "Save 1-888-373-7888 in your phone, along with the text "
                                    "number 233733."
                                ),
                                (
                                    "Call from a private place, out of sight of the guest or "
                                    "worker you are worried about."
                                ),
                                "Give facts: what, where, when and who.",
                            ],
                            "donts": [
                                "Do not wait until you are certain before you call.",
                                (
                                    "Do not call or text from where the suspected trafficker can "
                                    "see or hear you."
                                ),
                                "Do not go back to gather more evidence before calling.",
                            ],
                        },
                    ),
                    (
                        "report",
                        {
                            "heading": "How to report",
                            "note": (
                                "Call 911 if someone is in immediate danger. Otherwise tell your "
                                "supervisor or security as your hotel's policy says, and call the "
                                "National Human Trafficking Hotline at 1-888-373-7888 or text "
                                "233733."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    # ----------------------------------------------------------------------
    # 3. Emergency-room and health-care staff
    # ----------------------------------------------------------------------
    {
        "slug": "health-care",
        "title": "Recognizing and responding to human trafficking in health care",
        "groups": ["health-care"],
        "summary": (
            "Many people who are trafficked see a health-care worker while they are being "
            "exploited. This course helps nurses, physicians, registration staff, social workers "
            "and EMS crews recognize the signs, talk with patients safely using SOAR, and report "
            "appropriately."
        ),
        "objectives": [
            (
                "Learners can recognize signs of labor and sex trafficking in a patient's "
                "history, behavior and presentation."
            ),
            (
                "Learners can use SOAR (Stop, Observe, Ask, Respond) to talk with a patient "
                "privately and without judgment."
            ),
            "Learners can explain why a professional interpreter, not a companion, must be used.",
            (
                "Learners can respond in ways that respect an adult patient's choices and meet "
                "mandatory reporting duties for minors."
            ),
        ],
        "minutes": 22,
        "lessons": [
            {
                "slug": "recognising-trafficking-in-patients",
                "title": "Recognizing trafficking in patients",
                "summary": (
                    "What trafficking is, and the signs that may show up at registration, in "
                    "triage, at the bedside or on an EMS call."
                ),
                "body": [
                    (
                        "text",
                        "<p><strong>Human trafficking</strong> is making someone work, provide "
                        "services or take part in commercial sex through <strong>force, fraud or "
                        "coercion</strong>. Any commercial sex involving someone under 18 is "
                        "trafficking, whether or not force, fraud or coercion is involved.</p>"
                        "<p>Studies of survivors have found that many saw a health-care worker "
                        "while they were being trafficked, often in an emergency department. That "
                        "visit may be one of the few times they are away from the trafficker, or "
                        "close to someone who could help.</p>"
                        "<p>Patients who are trafficked may be of any age, gender or nationality, "
                        "and many are US citizens. Trafficking does not require crossing a "
                        "border. It includes <strong>labor trafficking</strong>, such as forced "
                        "work on farms, in restaurants, construction, factories, nail salons or "
                        "as a live-in domestic worker, and <strong>sex trafficking</strong>.</p>",
                    ),
                    (
                        "indicators",
                        {
                            "heading": "Signs in the patient's visit",
                            "items": [
                                {
                                    "sign": (
                                        "A companion who answers for the patient, will not leave "
                                        "the room, or holds the patient's ID and papers"
                                    ),
                                    "why": (
                                        "Traffickers often come to appointments to control what "
                                        "the patient says and to keep hold of their documents."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "A history that is vague, keeps changing or sounds "
                                        "rehearsed"
                                    ),
                                    "why": (
                                        "Patients may have been told what to say, or be afraid to "
                                        "tell the truth about how they were injured."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "Delays in seeking care, or a wound or illness left "
                                        "untreated for a long time"
                                    ),
                                    "why": (
                                        "A trafficker may allow care only when a problem stops "
                                        "the person from working."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "Work injuries such as cuts, burns, falls or chemical "
                                        "exposure, with no protective equipment and no workers' "
                                        "compensation"
                                    ),
                                    "why": (
                                        "Forced workers are often made to do dangerous work "
                                        "without safety gear or the usual employer support."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Exhaustion, dehydration, poor nutrition or repetitive "
                                        "strain out of keeping with the patient's age"
                                    ),
                                    "why": (
                                        "Very long hours, little food and no rest are common in "
                                        "forced labor, including domestic servitude."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Repeated visits for sexually transmitted infections, "
                                        "pregnancy tests or emergency contraception"
                                    ),
                                    "why": (
                                        "Repeated sexual-health needs, especially in a young "
                                        "patient, can be a sign of commercial sexual exploitation."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "Tattoos or marks the patient seems ashamed of or "
                                        "unwilling to explain, such as a name or symbol"
                                    ),
                                    "why": (
                                        "Some traffickers mark victims as their property. Tattoos "
                                        "alone mean nothing; this matters only alongside other "
                                        "signs."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "The patient does not know their address, the date or the "
                                        "city they are in"
                                    ),
                                    "why": (
                                        "People who are moved often and kept isolated may not "
                                        "know where they are."
                                    ),
                                    "kind": "both",
                                },
                            ],
                        },
                    ),
                    (
                        "indicators",
                        {
                            "heading": "What registration staff and EMS may see first",
                            "items": [
                                {
                                    "sign": (
                                        "Registration: someone else fills in the forms, pays in "
                                        "cash and gives an address that belongs to a business"
                                    ),
                                    "why": (
                                        "Control over paperwork and payment can hide who the "
                                        "patient is and where they live."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "EMS: several workers living in a workplace such as a "
                                        "restaurant, warehouse or farm building"
                                    ),
                                    "why": (
                                        "A crew living where they work under a boss's control may "
                                        "be in forced labor."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "EMS: a call to a private home or motel room where "
                                        "several people live with locked doors and many phones"
                                    ),
                                    "why": (
                                        "These settings can be places where people are held and "
                                        "sold for sex."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "A minor with an adult who is not their parent or "
                                        "guardian and cannot give clear consent for care"
                                    ),
                                    "why": (
                                        "Unclear guardianship of a minor is a reason to take a "
                                        "closer look and involve social work."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "A patient who seems very afraid of the person with them, "
                                        "or of police"
                                    ),
                                    "why": (
                                        "Fear of a companion or of authorities is a common result "
                                        "of threats made by traffickers."
                                    ),
                                    "kind": "both",
                                },
                            ],
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "The fall at work",
                            "situation": (
                                "A man in his thirties comes to the emergency department with a "
                                "hand injury from three days ago. His supervisor brings him, "
                                "answers the questions and says he fell at home. The patient's "
                                "clothes are covered in drywall dust, and he asks twice how soon "
                                "he can go back to work."
                            ),
                            "question": "What stands out, and what would you like to do next?",
                            "debrief": (
                                "The delay, the employer speaking for him, the story that does "
                                "not match his clothing and his worry about getting back to work "
                                "may point to labor trafficking or another form of exploitation. "
                                "Do not challenge the supervisor or accuse anyone. The next step "
                                "is to find a natural way to see the patient alone, which the "
                                "next lesson covers."
                            ),
                        },
                    ),
                    (
                        "text",
                        "<h3>Keep an open mind</h3>"
                        "<p>Many of these signs have other explanations. Being uninsured, paying "
                        "cash, being undocumented or doing sex work as an adult does not, on its "
                        "own, make a patient a trafficking victim. Trafficking can also overlap "
                        "with intimate partner violence, child abuse and substance use, and one "
                        "patient may face several at once.</p>"
                        "<p>Look for what ties the signs together: <strong>someone else "
                        "controlling the patient's choices, movement, money or "
                        "documents</strong>. When you see that, make time to speak with the "
                        "patient alone.</p>"
                        "<p>Check your own assumptions too. Patients who are men or boys, "
                        "transgender or nonbinary, older, or US citizens are easily "
                        "overlooked.</p>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "Repeat visits",
                            "situation": (
                                "A 19-year-old patient has come to the emergency department four "
                                "times this year, twice for sexually transmitted infections and "
                                "once with a bruised wrist. Each time her boyfriend brings her, "
                                "pays in cash and answers for her. Today her record shows a third "
                                "different address."
                            ),
                            "question": "What pattern do you see, and what is the first step?",
                            "debrief": (
                                "Repeat visits, an injury, a partner who controls each visit and "
                                "changing addresses can point to sex trafficking, intimate "
                                "partner violence or both. The first step is not to confront the "
                                "boyfriend. Create a routine reason to see her alone, with a "
                                "professional interpreter if she needs one. What she chooses to "
                                "share, and what she wants to happen next, guides the response."
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "trauma-informed-conversations",
                "title": "Trauma-informed conversations: using SOAR",
                "summary": (
                    "How to stop, observe, ask and respond in a way that keeps the patient safe "
                    "and in control."
                ),
                "body": [
                    (
                        "text",
                        "<p>SOAR is a simple approach from the US Department of Health and Human "
                        "Services for health and social-service workers.</p>"
                        "<ul>"
                        "<li><strong>Stop:</strong> take a moment to think about trafficking as a "
                        "possibility, and about your own assumptions.</li>"
                        "<li><strong>Observe:</strong> notice the signs: behavior, history, "
                        "injuries, the person with the patient.</li>"
                        "<li><strong>Ask:</strong> talk with the patient privately, in a way that "
                        "is calm, kind and non-judgmental.</li>"
                        "<li><strong>Respond:</strong> offer help and resources the patient "
                        "chooses, and meet your duty to report where the law requires it.</li>"
                        "</ul>"
                        "<p>Being <strong>trauma-informed</strong> means expecting that the "
                        "patient may have been harmed, may not trust you yet, and may not be "
                        "ready to talk. The aim is not to get a disclosure. The aim is for the "
                        "patient to leave knowing they were treated with respect and that help "
                        "exists.</p>",
                    ),
                    (
                        "text",
                        "<h3>Privacy first</h3>"
                        "<p>Always try to speak to the patient alone. Use routine ways to do it "
                        "that do not raise suspicion, such as a policy of seeing every patient "
                        "alone for part of the exam, or taking them for an X-ray or to give a "
                        "sample.</p>"
                        "<h3>Interpreters</h3>"
                        "<p>Use a professional interpreter, in person or by phone or video. "
                        "<strong>Never use the companion</strong>, a family member or a child to "
                        "interpret. The companion may be the trafficker or may report back to "
                        "them, and the patient will not speak freely.</p>"
                        "<h3>Questions you might ask</h3>"
                        "<p>Explain first why you are asking, and what you can and cannot keep "
                        "private. Then ask simple, open questions, for example:</p>"
                        "<ul>"
                        "<li>Do you feel safe where you live and work?</li>"
                        "<li>Can you come and go as you please?</li>"
                        "<li>Does someone hold your ID or passport for you?</li>"
                        "<li>Do you owe money to your employer or to the person who brought you "
                        "here?</li>"
                        "<li>Has anyone threatened you or your family if you leave?</li>"
                        "<li>Has anyone made you do something you did not want to do, for work or "
                        "sex?</li>"
                        "</ul>",
                    ),
                    (
                        "text",
                        "<h3>Respecting the patient's choices</h3>"
                        "<p>An adult patient decides what happens next. They may say no to help, "
                        "deny anything is wrong or leave with the person who brought them. "
                        "Pushing too hard can put them at greater risk. Make sure they leave with "
                        "a way to reach help, such as the hotline number given in a safe way.</p>"
                        "<p><strong>Minors are different.</strong> If you suspect that a patient "
                        "under 18 is being trafficked, it is reportable as child abuse, and you "
                        "must report it to child protective services or law enforcement as your "
                        "state's law and your facility's policy require. Tell the young person "
                        "honestly that you have to share this to keep them safe.</p>",
                    ),
                    (
                        "do_dont",
                        {
                            "heading": "In the conversation",
                            "dos": [
                                "Find a routine reason to see the patient alone.",
                                (
                                    "Use a professional interpreter when the patient prefers "
                                    "another language."
                                ),
                                (
                                    "Explain the limits of confidentiality before asking "
                                    "sensitive questions."
                                ),
                                "Sit at eye level, speak calmly and let the patient set the pace.",
                                (
                                    "Believe what the patient tells you and thank them for "
                                    "sharing it."
                                ),
                                (
                                    "Involve social work or your facility's trafficking response "
                                    "team."
                                ),
                            ],
                            "donts": [
                                "Do not confront or accuse the companion.",
                                (
                                    "Do not use the companion, a relative or a child as an "
                                    "interpreter."
                                ),
                                (
                                    "Do not push for details, ask the same question again and "
                                    "again, or ask 'why didn't you leave?'"
                                ),
                                (
                                    "Do not promise things you cannot deliver, such as total "
                                    "secrecy or immigration outcomes."
                                ),
                                "Do not try to remove the patient from the trafficker yourself.",
                            ],
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "The companion who interprets",
                            "situation": (
                                "A woman in her twenties comes in with abdominal pain. The woman "
                                "with her says she speaks Spanish and offers to translate, and "
                                "she answers quickly for the patient. The patient keeps glancing "
                                "at her before each answer."
                            ),
                            "question": "How can you speak with the patient safely?",
                            "debrief": (
                                "Thank the companion and explain that the hospital provides "
                                "professional interpreters for every patient. Bring in a "
                                "professional interpreter and use a normal step, such as a test "
                                "or exam, to see the patient alone. Ask gentle, open questions "
                                "and accept whatever she chooses to share. Do not let the "
                                "companion know what was discussed."
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "She says no",
                            "situation": (
                                "A domestic worker in her fifties comes in with a burn on her "
                                "arm. Alone with you and a phone interpreter, she says her "
                                "employers keep her passport and she has not had a day off in two "
                                "years. She asks you not to tell anyone, because she needs to "
                                "keep sending money home."
                            ),
                            "question": "How do you respect her choice and still help?",
                            "debrief": (
                                "She is an adult, so unless the law requires a report or she is "
                                "in immediate danger, she decides what happens next. Treat the "
                                "burn, tell her that what she describes sounds serious and that "
                                "help exists, and offer the hotline number in a form she can keep "
                                "safely or memorize. Bring in social work if she agrees, and "
                                "document her words factually. A respectful visit can make her "
                                "more likely to seek help later."
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "responding-and-reporting",
                "title": "Responding and reporting",
                "summary": (
                    "What to offer an adult patient, what you must do for a minor, and how to "
                    "document and report safely."
                ),
                "body": [
                    (
                        "text",
                        "<h3>If the patient is an adult</h3>"
                        "<ul>"
                        "<li>Treat their medical needs first.</li>"
                        "<li>Offer the hotline (1-888-373-7888, text 233733), which can connect "
                        "them with shelter, legal help and other services in many languages.</li>"
                        "<li>Bring in social work or your facility's response team for safety "
                        "planning, with the patient's agreement.</li>"
                        "<li>Reporting an adult to police usually needs the patient's consent. "
                        "Rules vary by state and by type of injury, so follow your facility's "
                        "policy and ask your social work or legal team.</li>"
                        "</ul>"
                        "<h3>If the patient is under 18</h3>"
                        "<p>You are a mandated reporter. Report suspected trafficking of a minor "
                        "to child protective services or law enforcement, as your state's law and "
                        "your facility's policy say. You do not need proof, only a reasonable "
                        "suspicion.</p>"
                        "<h3>If anyone is in immediate danger</h3>"
                        "<p>Call hospital security and follow your emergency procedure. Call 911 "
                        "if you are outside a facility, such as on an EMS call.</p>",
                    ),
                    (
                        "text",
                        "<h3>Documenting safely</h3>"
                        "<p>Write what you observed and what the patient said, in their own words "
                        "where possible. Keep it factual and avoid labels or guesses. Your "
                        "facility may have diagnosis codes for suspected or confirmed "
                        "trafficking; use them as your policy says.</p>"
                        "<p>Think about who else may see the record. A trafficker may control the "
                        "patient's phone, patient-portal login or mail. Ask the patient how they "
                        "would like to receive information, and talk to your privacy officer if "
                        "you are unsure what can be shared.</p>",
                    ),
                    (
                        "do_dont",
                        {
                            "heading": "Responding safely",
                            "dos": [
                                (
                                    "Give the hotline number in a safe form, such as saying it "
                                    "aloud or writing it on something discreet, if the patient "
                                    "wants it."
                                ),
                                "Report suspected trafficking of a minor as the law requires.",
                                "Document facts and the patient's own words.",
                                "Tell security or call 911 if someone is in immediate danger.",
                                "Debrief with your team and look after your own well-being.",
                            ],
                            "donts": [
                                "Do not confront the suspected trafficker or try to hold them.",
                                (
                                    "Do not try a rescue or take the patient home or elsewhere "
                                    "yourself."
                                ),
                                (
                                    "Do not report an adult to police against their wishes unless "
                                    "the law or an immediate danger requires it."
                                ),
                                "Do not hand over printed resources that a trafficker could find.",
                            ],
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "A sixteen-year-old in triage",
                            "situation": (
                                "A 16-year-old boy comes in by ambulance after fainting at a "
                                "party. In private, he tells the nurse that an older man he calls "
                                "his boyfriend arranges for him to meet other men for money, and "
                                "that he can keep some of it. He begs the nurse not to tell "
                                "anyone."
                            ),
                            "question": "What are the nurse's duties here?",
                            "debrief": (
                                "Any commercial sex involving someone under 18 is trafficking, "
                                "whether or not he sees it that way. The nurse must report it to "
                                "child protective services or law enforcement under state law and "
                                "the facility's policy. The nurse should tell him honestly that "
                                "this has to be shared to keep him safe, rather than promise "
                                "secrecy, and should not question him in detail; social work and "
                                "trained investigators will take it from there."
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "The warehouse call",
                            "situation": (
                                "An EMS crew responds to a warehouse where a worker has "
                                "collapsed. They notice mattresses behind the shelving and a "
                                "padlocked exit. The manager insists the worker go only to a "
                                "clinic he chooses and tries to ride along."
                            ),
                            "question": "What should the crew do?",
                            "debrief": (
                                "Treat and transport the patient by your protocols to the right "
                                "hospital, not the one the manager picks, and follow your "
                                "agency's rules on who may ride along. Do not argue with the "
                                "manager about the conditions or search the building. Note what "
                                "you saw and pass it privately to the receiving staff. Then "
                                "report through your agency's procedure and to the hotline, and "
                                "call police if anyone is in immediate danger."
                            ),
                        },
                    ),
                    (
                        "report",
                        {
                            "heading": "How to report",
                            "note": (
                                "Follow your facility's protocol: involve social work or the "
                                "response team, and report suspected trafficking of a minor to "
                                "child protective services or law enforcement. The National Human "
                                "Trafficking Hotline (1-888-373-7888, text 233733) gives advice "
                                "and takes tips; call security or 911 for immediate danger."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    # ----------------------------------------------------------------------
    # 4. School personnel
    # ----------------------------------------------------------------------
    {
        "slug": "school-personnel",
        "title": "Human trafficking and young people: a guide for school staff",
        "groups": ["school-personnel"],
        "summary": (
            "Teachers, counselors, school nurses, bus drivers, coaches and administrators see "
            "students day after day and notice when something changes. This course explains how "
            "young people are trafficked for sex and for labor, the signs you may see at school, "
            "and how to report through your school's child-protection process."
        ),
        "objectives": [
            (
                "Learners can explain that any commercial sex involving a minor is trafficking, "
                "and that young people can also be forced to work."
            ),
            (
                "Learners can recognize signs of sex and labor trafficking in students from the "
                "classroom, the bus, the field and the nurse's office."
            ),
            (
                "Learners can respond to a student's disclosure calmly without interviewing the "
                "student themselves."
            ),
            (
                "Learners can report suspected trafficking as mandated reporters, following their "
                "school's child-protection policy."
            ),
        ],
        "minutes": 22,
        "lessons": [
            {
                "slug": "trafficking-and-young-people",
                "title": "Trafficking and young people",
                "summary": (
                    "How minors are trafficked for sex and for labor, and how traffickers find "
                    "and hold on to them."
                ),
                "body": [
                    (
                        "text",
                        "<p><strong>Human trafficking</strong> is making someone work, provide "
                        "services or take part in commercial sex through <strong>force, fraud or "
                        "coercion</strong>.</p>"
                        "<p>For young people there is an important difference. <strong>Any "
                        "commercial sex involving someone under 18 is trafficking</strong>, even "
                        "if no force, fraud or coercion is used, and even if the young person "
                        "says they chose it. 'Commercial' means something of value is given or "
                        "promised: money, but also food, a place to stay, drugs or gifts.</p>"
                        "<p>Young people are also victims of <strong>labor trafficking</strong>: "
                        "forced to work in restaurants, on farms, in factories, in homes as "
                        "domestic workers, in door-to-door sales crews, or in a family business "
                        "where they cannot refuse and the money is taken from them.</p>",
                    ),
                    (
                        "text",
                        "<h3>How young people are targeted</h3>"
                        "<ul>"
                        "<li><strong>Online.</strong> Through social media, games and chat apps, "
                        "where a new 'friend' offers attention, gifts or modeling work.</li>"
                        "<li><strong>A romance.</strong> An older boyfriend or girlfriend who "
                        "builds trust, then asks the student to 'help out' by selling sex.</li>"
                        "<li><strong>Peers.</strong> Other young people may recruit classmates, "
                        "sometimes because they are being exploited themselves.</li>"
                        "<li><strong>Family.</strong> Some young people are trafficked by a "
                        "parent, relative or guardian.</li>"
                        "<li><strong>Jobs and debts.</strong> A job offer that is not what it "
                        "seemed, or a debt owed to the person who brought them to the area or who "
                        "houses them.</li>"
                        "</ul>"
                        "<h3>Who is at risk</h3>"
                        "<p>Any student can be targeted, of any gender, background or "
                        "neighborhood. Risk is higher for students who have run away or are "
                        "homeless, are in foster care, have been abused, are isolated or bullied, "
                        "are LGBTQ+ and rejected at home, or have recently arrived in the country "
                        "without a parent. No border needs to be crossed: many victims are "
                        "trafficked in their own town.</p>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "'It was my choice'",
                            "situation": (
                                "A counselor overhears a 15-year-old telling a friend that she "
                                "has sex with men an older friend introduces her to, in return "
                                "for a place to stay. She says it is her own choice and nobody is "
                                "forcing her."
                            ),
                            "question": (
                                "Does it matter that the student says nobody is forcing her?"
                            ),
                            "debrief": (
                                "No. Because she is under 18 and is exchanging sex for something "
                                "of value, this is trafficking under federal law, whatever she "
                                "calls it. Many young people in this situation do not see "
                                "themselves as victims. The counselor should not question her "
                                "about it, but should follow the school's child-protection policy "
                                "and report, as the last lesson explains."
                            ),
                        },
                    ),
                    (
                        "text",
                        "<h3>Online, where many contacts begin</h3>"
                        "<p>Many young people first meet the person who exploits them online. "
                        "Warning signs a student may mention include:</p>"
                        "<ul>"
                        "<li>A new online friend who is very flattering and wants to keep the "
                        "friendship secret.</li>"
                        "<li>Offers of paid modeling, dancing or travel that seem too good to be "
                        "true.</li>"
                        "<li>Being asked for photos, then threatened with having them shared.</li>"
                        "<li>Pressure to meet in person, often somewhere far from home.</li>"
                        "</ul>"
                        "<p>Threatening to share images of a young person is a crime in itself "
                        "and a common way to pressure them. Treat it as a child-protection "
                        "concern and report it the same way. Investigators may also involve the "
                        "CyberTipline run by the National Center for Missing and Exploited "
                        "Children.</p>",
                    ),
                    (
                        "scenario",
                        {
                            "title": "The sales trip",
                            "situation": (
                                "A 16-year-old tells his teacher he will miss two weeks of school "
                                "to travel with a crew selling subscriptions door to door in "
                                "other states. He says the crew leader keeps everyone's money and "
                                "IDs so nothing gets lost, and that members who do not sell "
                                "enough get left behind."
                            ),
                            "question": "What concerns you about this job?",
                            "debrief": (
                                "Traveling sales crews have a long record of labor trafficking, "
                                "including of young people. A leader who keeps IDs and money and "
                                "threatens to strand members is using control to make them work. "
                                "The teacher should not contact the crew leader or try to argue "
                                "the student out of going. The teacher should follow the "
                                "child-protection policy and report promptly, because the student "
                                "may soon be out of reach."
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "heading": "The rule that matters most",
                            "dos": [
                                "Notice changes in students and write down what you see and hear.",
                                "Follow your school's child-protection policy.",
                                (
                                    "Report to the people your policy names and to child "
                                    "protective services or law enforcement as the law requires."
                                ),
                            ],
                            "donts": [
                                (
                                    "Do not confront a suspected trafficker, a parent or an older "
                                    "'boyfriend' or 'girlfriend'."
                                ),
                                (
                                    "Do not try to rescue a student, take them home or meet them "
                                    "outside school."
                                ),
                                "Do not do anything that puts you or the student at risk.",
                            ],
                        },
                    ),
                ],
            },
            {
                "slug": "warning-signs-at-school",
                "title": "Warning signs at school",
                "summary": (
                    "The changes teachers, counselors, nurses, bus drivers and coaches may "
                    "notice, and why patterns matter."
                ),
                "body": [
                    (
                        "text",
                        "<p>You see students often enough to notice change over time. That is "
                        "your advantage. A single sign rarely means trafficking; several signs "
                        "together, or a sudden change, are worth reporting.</p>"
                        "<p>Many of these signs can also point to other problems, such as abuse "
                        "at home, bullying or mental-health difficulties. You do not have to "
                        "decide which one it is. Your school's process and child protective "
                        "services exist for that.</p>",
                    ),
                    (
                        "indicators",
                        {
                            "heading": "Signs you may see in students",
                            "items": [
                                {
                                    "sign": (
                                        "Frequent absences, running away, or a sudden drop in "
                                        "grades"
                                    ),
                                    "why": (
                                        "Traffickers pull young people away from school, and "
                                        "exploitation leaves little time or energy for learning."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "A much older boyfriend or girlfriend, or new friends who "
                                        "are adults"
                                    ),
                                    "why": (
                                        "Older partners who give gifts and attention are a common "
                                        "way young people are drawn into commercial sex."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "New phones, clothes, nails or money the student cannot "
                                        "explain"
                                    ),
                                    "why": (
                                        "Gifts are used to build loyalty and a sense of debt, and "
                                        "can also be payment."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "Hotel key cards, several phones, or talk of traveling to "
                                        "other cities for weekends"
                                    ),
                                    "why": (
                                        "Young people sold for sex are often taken to hotels or "
                                        "moved between cities."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "Falling asleep in class after working late nights or "
                                        "early mornings"
                                    ),
                                    "why": (
                                        "Students forced to work long hours before or after "
                                        "school are often exhausted."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "A student who says they must work to pay a debt to the "
                                        "person they live with or who brought them here"
                                    ),
                                    "why": (
                                        "Debts that cannot be paid off are a common way to force "
                                        "young people to work."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "A student whose pay is taken by someone else, or who "
                                        "works in jobs unsafe or illegal for their age"
                                    ),
                                    "why": (
                                        "Losing control of earnings and doing dangerous work can "
                                        "point to labor trafficking."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Fear, anxiety, withdrawal, or someone else always "
                                        "answering for the student"
                                    ),
                                    "why": (
                                        "Threats and control can make a young person afraid to "
                                        "speak or to go home."
                                    ),
                                    "kind": "both",
                                },
                            ],
                        },
                    ),
                    (
                        "indicators",
                        {
                            "heading": "What different staff may notice",
                            "items": [
                                {
                                    "sign": (
                                        "Bus drivers: a student picked up at the stop by "
                                        "different adults, or getting into cars with people they "
                                        "seem afraid of"
                                    ),
                                    "why": (
                                        "Drivers see who meets students away from the school "
                                        "building."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "School nurses: repeated visits for sexual-health needs, "
                                        "injuries the student will not explain, or signs of "
                                        "exhaustion and hunger"
                                    ),
                                    "why": (
                                        "Health needs can reflect exploitation even when the "
                                        "student says nothing."
                                    ),
                                    "kind": "both",
                                },
                                {
                                    "sign": (
                                        "Coaches: an athlete who suddenly quits or misses "
                                        "practice because of a job they cannot turn down"
                                    ),
                                    "why": (
                                        "Forced work can take over a young person's time and "
                                        "leave no choice."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Teachers: writing, drawings or talk about 'the life', "
                                        "being owned or owing someone"
                                    ),
                                    "why": (
                                        "Students sometimes hint at what is happening through "
                                        "schoolwork before they can say it out loud."
                                    ),
                                    "kind": "sex",
                                },
                                {
                                    "sign": (
                                        "Counselors: a student who mentions selling things door "
                                        "to door in another town for someone who keeps the money"
                                    ),
                                    "why": (
                                        "Traveling sales crews are a known setting for labor "
                                        "trafficking of young people."
                                    ),
                                    "kind": "labour",
                                },
                                {
                                    "sign": (
                                        "Administrators: a student enrolled by an adult who is "
                                        "not the parent, with few records and unclear guardianship"
                                    ),
                                    "why": (
                                        "Unclear guardianship can hide a situation where a young "
                                        "person is controlled by someone else."
                                    ),
                                    "kind": "both",
                                },
                            ],
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "The route home",
                            "situation": (
                                "A bus driver notices that a 14-year-old student no longer gets "
                                "off at her usual stop. Twice a week she now gets off near a "
                                "shopping mall, where a young man in his twenties waits in a car. "
                                "She has a new phone and looks nervous when he honks."
                            ),
                            "question": (
                                "What should the driver do, and what should the driver avoid?"
                            ),
                            "debrief": (
                                "The driver should not speak to the man, follow the car or "
                                "question the student. The driver can note the dates, the stop, a "
                                "description of the man and the car, and the license plate if it "
                                "is easy to see. Then report to the transport supervisor or "
                                "school administrator as the child-protection policy says, and, "
                                "as a mandated reporter, to child protective services or law "
                                "enforcement."
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "Working the night shift",
                            "situation": (
                                "A 16-year-old who recently arrived in the country without his "
                                "parents keeps falling asleep in class. He tells his teacher he "
                                "works every night in a restaurant owned by the man he lives "
                                "with, and that he is not paid because he owes for his journey."
                            ),
                            "question": "Is this just a tired student with a job?",
                            "debrief": (
                                "It may be labor trafficking: a minor working long hours with no "
                                "pay, for someone who controls his housing and says he owes a "
                                "debt. The teacher should listen, thank him for sharing and not "
                                "ask for more details or contact the restaurant. The teacher then "
                                "follows the school's child-protection policy and makes a report "
                                "to child protective services or law enforcement."
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "responding-and-reporting",
                "title": "Responding and reporting",
                "summary": (
                    "How to respond if a student tells you something, and how to report through "
                    "your school's child-protection process."
                ),
                "body": [
                    (
                        "text",
                        "<h3>If a student tells you something</h3>"
                        "<ul>"
                        "<li>Stay calm and listen. Your reaction shapes whether they will ever "
                        "tell anyone again.</li>"
                        "<li>Let them say what they want to say. Do not ask for details or "
                        "leading questions, and do not ask them to repeat it.</li>"
                        "<li>Tell them you believe them and that it is not their fault.</li>"
                        "<li>Be honest: do not promise to keep it secret. Explain that you need "
                        "to tell people whose job is to help keep them safe.</li>"
                        "<li>Write down what they said, in their words, as soon as you can, with "
                        "the date and time.</li>"
                        "</ul>"
                        "<p><strong>Do not interview the student yourself.</strong> Trained "
                        "forensic interviewers and investigators do that. Repeated questioning by "
                        "different adults can upset the student and harm a later case.</p>",
                    ),
                    (
                        "text",
                        "<h3>Your duty to report</h3>"
                        "<p>In every state, teachers and most other school staff are mandated "
                        "reporters of child abuse, and trafficking a minor is a form of child "
                        "abuse. You need a reasonable suspicion, not proof.</p>"
                        "<ol>"
                        "<li>Follow your school's child-protection policy and tell the person it "
                        "names, such as the principal or another administrator.</li>"
                        "<li>Make the report to child protective services or law enforcement, as "
                        "your state's law and your policy require. In many states, telling a "
                        "supervisor does not replace your own duty to report.</li>"
                        "<li>Call 911 if a student is in immediate danger.</li>"
                        "</ol>"
                        "<p>The National Human Trafficking Hotline (1-888-373-7888, text 233733) "
                        "can also give advice and take tips, but it does not replace a report to "
                        "child protective services or police.</p>"
                        "<p>Keep what you know private and share it only with those who need to "
                        "know. Do not contact parents or guardians about your concerns unless "
                        "your policy and the investigators say so: in some cases, a family member "
                        "is the trafficker.</p>",
                    ),
                    (
                        "do_dont",
                        {
                            "heading": "Responding to concerns",
                            "dos": [
                                "Listen calmly and believe the student.",
                                (
                                    "Write down what you saw and what the student said, in their "
                                    "words."
                                ),
                                "Follow your school's child-protection policy.",
                                (
                                    "Report to child protective services or law enforcement as a "
                                    "mandated reporter."
                                ),
                                "Call 911 if a student is in immediate danger.",
                                (
                                    "Keep treating the student as you always have, and keep "
                                    "school a safe place."
                                ),
                            ],
                            "donts": [
                                (
                                    "Do not interview the student, ask for details or ask leading "
                                    "questions."
                                ),
                                "Do not promise to keep it a secret.",
                                (
                                    "Do not confront the suspected trafficker, a parent or an "
                                    "older partner."
                                ),
                                (
                                    "Do not try a rescue, drive the student anywhere or give them "
                                    "a place to stay."
                                ),
                                (
                                    "Do not contact the family unless your policy and "
                                    "investigators say to."
                                ),
                                (
                                    "Do not discuss the student with colleagues who do not need "
                                    "to know, or on social media."
                                ),
                            ],
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "After practice",
                            "situation": (
                                "After practice, a 17-year-old on the team tells her coach that "
                                "her mother's boyfriend sends her to meet men at hotels and takes "
                                "the money. She asks the coach to let her stay at the coach's "
                                "home tonight."
                            ),
                            "question": "How should the coach respond?",
                            "debrief": (
                                "The coach should listen calmly, thank her and tell her it is not "
                                "her fault, without asking for details. The coach should not take "
                                "her home, which could put them both at risk and harm the case. "
                                "Because she may be in danger tonight, the coach should contact "
                                "the administrator named in the policy right away and call 911 or "
                                "child protective services so a safe place can be found. The "
                                "coach then writes down what she said, in her own words."
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "title": "Gifts that become a debt",
                            "situation": (
                                "A school nurse overhears two 14-year-old boys talking about an "
                                "older student who pays them to deliver packages and to spend "
                                "time with adults he knows. He has told them they owe him for the "
                                "shoes he bought them."
                            ),
                            "question": "What should the nurse do with what was overheard?",
                            "debrief": (
                                "Gifts that turn into a debt are a common way to groom young "
                                "people for sex or labor trafficking, including being made to "
                                "carry drugs or other goods. The nurse does not need to know "
                                "which it is. The nurse should not question the boys in detail or "
                                "approach the older student, but should write down what was "
                                "heard, tell the administrator named in the policy and make a "
                                "report. The older student may be a victim too, and the school's "
                                "response should keep that in mind."
                            ),
                        },
                    ),
                    (
                        "text",
                        "<h3>After a report</h3>"
                        "<p>Keep the student's routine as normal as you can. School may be the "
                        "most stable place in their life. Do not treat them differently in front "
                        "of others or ask how the case is going.</p>"
                        "<p>Work with the counselor, nurse and social worker on any support plan, "
                        "and share only what each person needs to know. If the student goes "
                        "missing or seems in danger again, tell the administrator and make a new "
                        "report.</p>"
                        "<p>Hearing about a student's exploitation is hard. Talk to your employee "
                        "assistance program or a colleague your policy names.</p>",
                    ),
                    (
                        "report",
                        {
                            "heading": "How to report",
                            "note": (
                                "Follow your school's child-protection policy, tell the "
                                "administrator it names, and report to child protective services "
                                "or law enforcement as a mandated reporter. Call 911 if a student "
                                "is in immediate danger; the National Human Trafficking Hotline "
                                "(1-888-373-7888, text 233733) can also advise."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
]
