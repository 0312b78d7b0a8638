"""Demo content for load_demo: the seed story first, then further stories.

Prose is our own; words attributed to participants are kept as quotes.
"""

THEMES = [
    {
        "slug": "health-inequalities",
        "name": "Health inequalities",
        "summary": "Unfair and avoidable differences in health between groups of people, and what leaders can do to narrow them.",
        "description": (
            "Stories under this theme show participants finding out who is missing out, gathering evidence on the gap "
            "and changing services so that people with the poorest health get a fairer deal. They range from vaccine "
            "uptake and mental health to income, housing and transport."
        ),
        "order": 1,
    },
    {
        "slug": "system-leadership",
        "name": "System leadership",
        "summary": "Leading across organisational boundaries, where no single body is in charge and progress depends on relationships.",
        "description": (
            "System leaders build shared purpose with people they do not manage, in councils, the NHS, the voluntary "
            "sector and beyond. These stories show the slow work of building trust and the faster progress it makes "
            "possible once it is in place."
        ),
        "order": 2,
    },
    {
        "slug": "proportionate-universalism",
        "name": "Proportionate universalism",
        "summary": "Services for everyone, delivered at a scale and intensity that rises with the level of need.",
        "description": (
            "Proportionate universalism avoids both a one-size-fits-all offer and a narrowly targeted one. Participants "
            "describe how they kept a universal door open while putting more time, money and skill where need is greatest."
        ),
        "order": 3,
    },
    {
        "slug": "co-design-and-co-production",
        "name": "Co-design and co-production",
        "summary": "Designing and delivering services with the people who use them, not simply for them.",
        "description": (
            "Co-production treats residents, patients and staff as experts in their own lives and work. These stories "
            "show what changes when people with lived experience help set the questions, shape the answers and share "
            "in delivery."
        ),
        "order": 4,
    },
    {
        "slug": "community-development",
        "name": "Community development",
        "summary": "Building the confidence, connections and capacity of communities to act on what matters to them.",
        "description": (
            "Community development starts from what a place already has: its groups, buildings, volunteers and "
            "relationships. Participants explain how public bodies can back that energy rather than replace it."
        ),
        "order": 5,
    },
    {
        "slug": "compassionate-leadership",
        "name": "Compassionate leadership",
        "summary": "Leading with attention, understanding, empathy and practical help, for colleagues and for the public.",
        "description": (
            "Compassionate leaders notice what is making work hard and act to remove the obstacles. These stories "
            "come from wards, police teams and council services under sustained pressure, and show how care for staff "
            "shapes care for the public."
        ),
        "order": 6,
    },
    {
        "slug": "population-health-and-prevention",
        "name": "Population health and prevention",
        "summary": "Improving the health of whole populations and stopping problems before they start.",
        "description": (
            "Prevention means acting on the causes of ill health as well as treating illness. Participants describe "
            "using data, home visits, housing repairs and money advice to keep people well and out of crisis."
        ),
        "order": 7,
    },
]

PROGRAMMES = [
    {
        "slug": "leadership-essentials",
        "name": "Leadership Essentials",
        "description": (
            "A six-month programme for managers in public services and the voluntary sector, built around health "
            "inequalities, system working and community development. Participants learn together as a cohort and stay "
            "connected through the alumni network."
        ),
    },
    {
        "slug": "systems-leadership-fellowship",
        "name": "Systems Leadership Fellowship",
        "description": (
            "A twelve-month fellowship for senior leaders working across organisational boundaries on complex public "
            "health problems. Each fellow takes on a live system challenge, supported by action learning sets and "
            "one-to-one coaching."
        ),
    },
]

COHORTS = [
    {
        "slug": "leadership-essentials-october-2019",
        "programme": "leadership-essentials",
        "name": "October 2019",
        "start_date": "2019-10-07",
    },
    {
        "slug": "leadership-essentials-march-2020",
        "programme": "leadership-essentials",
        "name": "March 2020",
        "start_date": "2020-03-02",
    },
    {
        "slug": "leadership-essentials-september-2021",
        "programme": "leadership-essentials",
        "name": "September 2021",
        "start_date": "2021-09-13",
    },
    {
        "slug": "leadership-essentials-february-2023",
        "programme": "leadership-essentials",
        "name": "February 2023",
        "start_date": "2023-02-06",
    },
    {
        "slug": "systems-leadership-fellowship-january-2022",
        "programme": "systems-leadership-fellowship",
        "name": "January 2022",
        "start_date": "2022-01-17",
    },
    {
        "slug": "systems-leadership-fellowship-january-2024",
        "programme": "systems-leadership-fellowship",
        "name": "January 2024",
        "start_date": "2024-01-15",
    },
]

ORGANISATIONS = [
    # Suffolk: the seed story's organisations.
    {
        "slug": "ipswich-borough-council",
        "name": "Ipswich Borough Council",
        "kind": "local_authority",
        "website": "https://www.ipswich.gov.uk",
        "description": "The district council for Ipswich, responsible among other things for the town's sport and leisure centres, parks and housing.",
    },
    {
        "slug": "ipswich-and-east-suffolk-ccg",
        "name": "Ipswich and East Suffolk Clinical Commissioning Group",
        "kind": "nhs",
        "website": "",
        "description": "The NHS body that commissioned health services for Ipswich and east Suffolk until July 2022, when its work passed to the new integrated care board.",
    },
    {
        "slug": "esneft",
        "name": "East Suffolk and North Essex NHS Foundation Trust",
        "kind": "nhs",
        "website": "https://www.esneft.nhs.uk",
        "description": "The trust (ESNEFT) that runs Ipswich and Colchester hospitals and community health services across east Suffolk and north Essex.",
    },
    {
        "slug": "suffolk-county-council",
        "name": "Suffolk County Council",
        "kind": "local_authority",
        "website": "https://www.suffolk.gov.uk",
        "description": "The upper-tier council for Suffolk, responsible for public health, adult social care, children's services and highways.",
    },
    {
        "slug": "norfolk-and-suffolk-nhs-foundation-trust",
        "name": "Norfolk and Suffolk NHS Foundation Trust",
        "kind": "nhs",
        "website": "https://www.nsft.nhs.uk",
        "description": "The specialist mental health trust for Norfolk and Suffolk, providing community and inpatient services.",
    },
    {
        "slug": "suffolk-gp-federation",
        "name": "Suffolk GP Federation",
        "kind": "nhs",
        "website": "https://suffolkfed.org.uk",
        "description": "A not-for-profit federation of Suffolk GP practices that delivers NHS services at scale on behalf of its members.",
    },
    {
        "slug": "suffolk-mind",
        "name": "Suffolk Mind",
        "kind": "vcs",
        "website": "https://www.suffolkmind.org.uk",
        "description": "A local mental health charity offering wellbeing support, counselling and training across Suffolk.",
    },
    {
        "slug": "ipswich-and-suffolk-council-for-racial-equality",
        "name": "Ipswich and Suffolk Council for Racial Equality",
        "kind": "vcs",
        "website": "https://www.iscre.org.uk",
        "description": "A Suffolk charity (ISCRE) that works to end discrimination and promote equality, with community outreach and legal advice services.",
    },
    {
        "slug": "university-of-suffolk",
        "name": "University of Suffolk",
        "kind": "education",
        "website": "https://www.uos.ac.uk",
        "description": "A university based on the Ipswich waterfront, home to the Integrated Care Academy, which brings research and learning to health and care partners.",
    },
    {
        "slug": "nhs-suffolk-and-north-east-essex-icb",
        "name": "NHS Suffolk and North East Essex Integrated Care Board",
        "kind": "nhs",
        "website": "https://suffolkandnortheastessex.icb.nhs.uk",
        "description": "The integrated care board that has planned and funded NHS services for Suffolk and north east Essex since July 2022.",
    },
    # Wales.
    {
        "slug": "rhondda-cynon-taf-county-borough-council",
        "name": "Rhondda Cynon Taf County Borough Council",
        "kind": "local_authority",
        "website": "https://www.rctcbc.gov.uk",
        "description": "The unitary council for Rhondda Cynon Taf in the south Wales valleys, serving the Rhondda, Cynon and Taf areas.",
    },
    {
        "slug": "cwm-taf-morgannwg-university-health-board",
        "name": "Cwm Taf Morgannwg University Health Board",
        "kind": "nhs",
        "website": "https://ctmuhb.nhs.wales",
        "description": "The NHS Wales health board for Merthyr Tydfil, Rhondda Cynon Taf and Bridgend, running hospital, community and primary care services.",
    },
    {
        "slug": "interlink-rct",
        "name": "Interlink RCT",
        "kind": "vcs",
        "website": "https://www.interlinkrct.org.uk",
        "description": "The county voluntary council for Rhondda Cynon Taf, supporting community groups, volunteering and local charities.",
    },
    {
        "slug": "public-health-wales",
        "name": "Public Health Wales",
        "kind": "national",
        "website": "https://phw.nhs.wales",
        "description": "The national public health agency for Wales, working to protect and improve health and reduce inequalities.",
    },
    {
        "slug": "university-of-south-wales",
        "name": "University of South Wales",
        "kind": "education",
        "website": "https://www.southwales.ac.uk",
        "description": "A university with campuses in Pontypridd, Cardiff and Newport and a long record of public health and community research.",
    },
    # Scotland.
    {
        "slug": "glasgow-city-council",
        "name": "Glasgow City Council",
        "kind": "local_authority",
        "website": "https://www.glasgow.gov.uk",
        "description": "The council for Scotland's largest city, responsible for education, early learning and childcare, housing and regeneration.",
    },
    {
        "slug": "nhs-greater-glasgow-and-clyde",
        "name": "NHS Greater Glasgow and Clyde",
        "kind": "nhs",
        "website": "https://www.nhsggc.scot",
        "description": "Scotland's largest health board, providing hospital, community and public health services including health visiting.",
    },
    {
        "slug": "citizens-advice-scotland",
        "name": "Citizens Advice Scotland",
        "kind": "vcs",
        "website": "https://www.cas.org.uk",
        "description": "The national umbrella body for Scotland's network of local Citizens Advice Bureaux, which give free advice on money, benefits and rights.",
    },
    {
        "slug": "glasgow-caledonian-university",
        "name": "Glasgow Caledonian University",
        "kind": "education",
        "website": "https://www.gcu.ac.uk",
        "description": "A Glasgow university with research strengths in public health, social policy and community wellbeing.",
    },
    # London.
    {
        "slug": "london-borough-of-tower-hamlets",
        "name": "London Borough of Tower Hamlets",
        "kind": "local_authority",
        "website": "https://www.towerhamlets.gov.uk",
        "description": "The council for one of east London's most densely populated and diverse boroughs, with a large Bangladeshi community.",
    },
    {
        "slug": "barts-health-nhs-trust",
        "name": "Barts Health NHS Trust",
        "kind": "nhs",
        "website": "https://www.bartshealth.nhs.uk",
        "description": "A large east London hospital trust whose sites include the Royal London Hospital in Whitechapel.",
    },
    {
        "slug": "tower-hamlets-gp-care-group",
        "name": "Tower Hamlets GP Care Group",
        "kind": "nhs",
        "website": "",
        "description": "A community interest company owned by Tower Hamlets GP practices that runs community health services across the borough.",
    },
    {
        "slug": "poplar-harca",
        "name": "Poplar HARCA",
        "kind": "other",
        "website": "https://www.poplarharca.co.uk",
        "description": "A housing association in Poplar, east London, that manages homes and community centres and runs resident-led programmes.",
    },
    {
        "slug": "peabody",
        "name": "Peabody",
        "kind": "other",
        "website": "https://www.peabody.org.uk",
        "description": "One of London's oldest housing associations, and the largest landlord in Thamesmead in south-east London.",
    },
    {
        "slug": "royal-borough-of-greenwich",
        "name": "Royal Borough of Greenwich",
        "kind": "local_authority",
        "website": "https://www.royalgreenwich.gov.uk",
        "description": "The south-east London council whose area includes much of Thamesmead, with public health and environmental health teams.",
    },
    {
        "slug": "lewisham-and-greenwich-nhs-trust",
        "name": "Lewisham and Greenwich NHS Trust",
        "kind": "nhs",
        "website": "https://www.lewishamandgreenwich.nhs.uk",
        "description": "The NHS trust running hospital and community services in Lewisham and Greenwich, including children's respiratory care.",
    },
    # Yorkshire.
    {
        "slug": "barnsley-metropolitan-borough-council",
        "name": "Barnsley Metropolitan Borough Council",
        "kind": "local_authority",
        "website": "https://www.barnsley.gov.uk",
        "description": "The council for Barnsley in South Yorkshire, which works through area councils and ward alliances to support local communities.",
    },
    {
        "slug": "nhs-south-yorkshire-icb",
        "name": "NHS South Yorkshire Integrated Care Board",
        "kind": "nhs",
        "website": "",
        "description": "The integrated care board that plans and funds NHS services for Barnsley, Doncaster, Rotherham and Sheffield.",
    },
    {
        "slug": "age-uk-barnsley",
        "name": "Age UK Barnsley",
        "kind": "vcs",
        "website": "",
        "description": "An independent local charity supporting older people in Barnsley with advice, befriending and social activities.",
    },
    {
        "slug": "berneslai-homes",
        "name": "Berneslai Homes",
        "kind": "other",
        "website": "https://www.berneslaihomes.co.uk",
        "description": "The arm's-length company that manages Barnsley Council's homes and the community rooms on its estates.",
    },
    {
        "slug": "west-yorkshire-police",
        "name": "West Yorkshire Police",
        "kind": "other",
        "website": "https://www.westyorkshire.police.uk",
        "description": "The police force for Leeds, Bradford, Calderdale, Kirklees and Wakefield, with neighbourhood policing teams in every district.",
    },
    {
        "slug": "leeds-and-york-partnership-nhs-foundation-trust",
        "name": "Leeds and York Partnership NHS Foundation Trust",
        "kind": "nhs",
        "website": "https://www.leedsandyorkpft.nhs.uk",
        "description": "The mental health and learning disability trust for Leeds and York, running crisis, community and inpatient services.",
    },
    {
        "slug": "leeds-city-council",
        "name": "Leeds City Council",
        "kind": "local_authority",
        "website": "https://www.leeds.gov.uk",
        "description": "The council for Leeds, responsible for adult social care, housing, public health and community safety.",
    },
    {
        "slug": "leeds-mind",
        "name": "Leeds Mind",
        "kind": "vcs",
        "website": "",
        "description": "A local mental health charity in Leeds offering peer support, wellbeing services and suicide bereavement support.",
    },
    {
        "slug": "leeds-beckett-university",
        "name": "Leeds Beckett University",
        "kind": "education",
        "website": "https://www.leedsbeckett.ac.uk",
        "description": "A Leeds university with a strong record in applied health, sport and community research.",
    },
    # Greater Manchester.
    {
        "slug": "greater-manchester-fire-and-rescue-service",
        "name": "Greater Manchester Fire and Rescue Service",
        "kind": "other",
        "website": "https://www.manchesterfire.gov.uk",
        "description": "The fire and rescue service for the ten Greater Manchester boroughs, with a large prevention and home safety programme.",
    },
    {
        "slug": "salford-city-council",
        "name": "Salford City Council",
        "kind": "local_authority",
        "website": "https://www.salford.gov.uk",
        "description": "The council for the City of Salford, responsible for adult social care, housing standards and home improvement grants.",
    },
    {
        "slug": "nhs-greater-manchester",
        "name": "NHS Greater Manchester",
        "kind": "nhs",
        "website": "",
        "description": "The integrated care board for Greater Manchester, which plans NHS services and leads population health work across the city region.",
    },
    {
        "slug": "salford-cvs",
        "name": "Salford CVS",
        "kind": "vcs",
        "website": "",
        "description": "The infrastructure body for Salford's voluntary, community and social enterprise sector.",
    },
]

# Siân has two stories; one record keeps them in step.
SIAN_PRITCHARD = {
    "slug": "sian-pritchard",
    "name": "Siân Pritchard",
    "job_title": "Community Development Manager",
    "organisation": "rhondda-cynon-taf-county-borough-council",
    "cohorts": [
        "leadership-essentials-october-2019",
        "systems-leadership-fellowship-january-2024",
    ],
    "bio": (
        "Siân has worked in community development in the south Wales valleys for fifteen years. She completed "
        "Leadership Essentials in 2019 and returned for the Systems Leadership Fellowship in 2024."
    ),
}

STORIES = [
    # 1. The seed story.
    {
        "slug": "andrew-wilesmith-ipswich-leisure-to-community-health",
        "title": "From leisure centres to community health: Andrew Wilesmith's system journey in Ipswich",
        "status": "published",
        "published_at": "2021-09-01",
        "featured": True,
        "participant": {
            "slug": "andrew-wilesmith",
            "name": "Andrew Wilesmith",
            "job_title": "Operations Manager, Sport and Leisure",
            "organisation": "ipswich-borough-council",
            "cohorts": ["leadership-essentials-march-2020"],
            "bio": (
                "Andrew manages sport and leisure operations for Ipswich Borough Council. He joined Leadership "
                "Essentials in March 2020 and led the council's Covid Response hub during the first lockdown."
            ),
        },
        "summary": (
            "Relationships Andrew Wilesmith built with health partners before and during Covid-19 led to NHS Section 75 "
            "funding and a multi-year, co-produced health and wellbeing programme that is reshaping Ipswich's leisure service."
        ),
        "pull_quote": (
            "It isn't rocket science, it's having a conversation, building a relationship, and trusting that someone "
            "knows more than you do about it."
        ),
        "body": """<p>Andrew Wilesmith travelled home from his Leadership Essentials sessions in March 2020 just four days before the first national lockdown. What his cohort had been discussing was about to be tested in practice.</p>
<h2>Groundwork before the crisis</h2>
<p>Andrew runs sport and leisure operations for Ipswich Borough Council. Before the pandemic, he and his line manager, the Head of Sport and Programmes, were already getting to know health partners, notably the Head of Transformation and Alliance at Ipswich and East Suffolk Clinical Commissioning Group. "We didn't dive straight into action but spent time sounding each other out, exploring our priorities and whether we could work together," Andrew explains.</p>
<p>That patient start paid off. When partners set up a Covid Response hub to coordinate the emergency effort, Andrew became the council's lead for it. It let him meet people a leisure manager would rarely sit down with, and by the summer those links had earned him a leading part in the council's Boroughwide Community Response Recovery Group.</p>
<h2>Putting health inequalities on the table</h2>
<p>Health inequalities run through Leadership Essentials, and Andrew used his new role to raise them. The recovery group looked at how Covid-19 was affecting different residents, especially those already at a disadvantage, and that became the template for what came next.</p>
<p>As trust with the CCG grew, he was invited onto its One Team Leadership programme alongside colleagues from ESNEFT, Suffolk County Council, Norfolk and Suffolk NHS Foundation Trust and Suffolk GP Federation. As the only local authority participant among senior health and voluntary sector leaders, he found doors opening to hospital teams and mental health services.</p>
<h2>A Section 75 award and a different kind of plan</h2>
<p>In 2021 the CCG made a significant award to the council under <a href="https://www.legislation.gov.uk/ukpga/2006/41/section/75">Section 75 of the NHS Act 2006</a>, which lets NHS bodies and councils pool money to commission health and care services. It gave Ipswich the freedom to design a multi-year health and wellbeing programme to meet health needs, narrow inequalities and support Covid recovery.</p>
<p>The programme covers physical activity, mental health, homelessness, employment skills, children and young people, and building capacity in community groups, drawing on what the hub had learned about local needs. "This is not only about loneliness, many people are more worried generally or fearful of going out," Andrew says.</p>
<p>Andrew wrote the delivery plan, starting from two questions: who should help deliver it, and what will it achieve? Asking who was best placed, instead of defaulting to in-house delivery, brought in Suffolk Mind and the Ipswich and Suffolk Council for Racial Equality alongside public sector partners. The plan rests on co-design and co-production, and on proportionate universalism: services for all, with effort scaled to need. Evaluation is built in, because the sport and physical activity sector has too often struggled to show its impact; a partnership with the new Integrated Care Academy at the University of Suffolk is being explored.</p>
<h2>Changing the service itself</h2>
<p>The plan also shifts the leisure service from running centres towards communities, with new health and wellbeing engagement officers and apprentices, so the approach outlasts the first CCG funding.</p>
<blockquote>It isn't rocket science, it's having a conversation, building a relationship, and trusting that someone knows more than you do about it. It takes time to influence and time to embed, this is a long-term approach.</blockquote>
<p>Andrew admits he once sat on a working group without seeing why it mattered to sport. "I didn't get it, I didn't have the knowledge and understanding, I wasn't open to it, and I missed the opportunity," he says. He now sees systems as "like a 1000-piece jigsaw puzzle, with each person and organisation a jigsaw piece", slow to start and never finished quickly. "Sometimes you only have 800 pieces when actually the other 200 are essential."</p>
<h2>A network that keeps going</h2>
<p>He stays in touch with his cohort one-to-one and through the alumni network. "The WhatsApp group is a different level, it's fantastic," he says. "Sport England call this uniting the movement and that's a really good term, it does feel like it is a movement, and more and more people are joining the conversation."</p>""",
        "themes": [
            "health-inequalities",
            "system-leadership",
            "proportionate-universalism",
            "co-design-and-co-production",
            "community-development",
        ],
        "tags": ["covid-19", "physical-activity", "mental-health", "alumni-network", "evaluation"],
        "partners": [
            (
                "ipswich-and-east-suffolk-ccg",
                "Strategic partner; made the Section 75 funding award and ran the One Team Leadership programme",
            ),
            ("esneft", "One Team Leadership programme partner; opened links with hospital teams"),
            ("suffolk-county-council", "One Team Leadership programme partner"),
            (
                "norfolk-and-suffolk-nhs-foundation-trust",
                "One Team Leadership programme partner; opened links with mental health services",
            ),
            ("suffolk-gp-federation", "One Team Leadership programme partner"),
            ("suffolk-mind", "Delivery partner for mental health and wellbeing work"),
            (
                "ipswich-and-suffolk-council-for-racial-equality",
                "Community delivery partner for the health and wellbeing programme",
            ),
            (
                "university-of-suffolk",
                "Research and evaluation partner being explored through its Integrated Care Academy",
            ),
        ],
        "outcomes": [
            {
                "kind": "funding",
                "description": "Section 75 funding award from Ipswich and East Suffolk CCG to the council for health and wellbeing work",
                "value": None,
                "unit": "",
                "achieved_on": "2021-04-01",
                "verified_by": "Ipswich and East Suffolk CCG finance team",
                "verified_on": "2021-06-30",
            },
            {
                "kind": "service_change",
                "description": "Multi-year health and wellbeing programme covering physical activity, mental health, homelessness, employment skills, young people and community capacity",
                "value": None,
                "unit": "",
                "achieved_on": "2021-07-01",
            },
            {
                "kind": "staff_skills",
                "description": "New health and wellbeing engagement officer and apprentice roles to work directly with communities",
                "value": None,
                "unit": "",
                "achieved_on": "2021-09-01",
            },
            {
                "kind": "partnership",
                "description": "Research and evaluation partnership explored with the University of Suffolk's Integrated Care Academy",
                "value": None,
                "unit": "",
                "achieved_on": "2022-01-15",
            },
        ],
    },
    # 2.
    {
        "slug": "rhondda-cynon-taf-community-food-network",
        "title": "Keeping the valleys fed: a community food network built with volunteers",
        "status": "published",
        "published_at": "2021-02-15",
        "featured": True,
        "participant": SIAN_PRITCHARD,
        "summary": (
            "When lockdown closed community centres across Rhondda Cynon Taf, Siân Pritchard linked 43 volunteer groups, "
            "council teams and the health board into one food and wellbeing network that reached thousands of shielding residents."
        ),
        "pull_quote": (
            "The groups already knew who was struggling. Our job was to get out of their way and make sure they had "
            "what they needed."
        ),
        "body": """<p>Siân Pritchard finished Leadership Essentials only a few months before Covid-19 reached the south Wales valleys. As Community Development Manager for Rhondda Cynon Taf County Borough Council, she knew the area's chapels, rugby clubs and tenants' groups well. She also knew the figures: some of the most deprived neighbourhoods in Wales, and high rates of long-term illness among older residents.</p>
<h2>Starting with what was already there</h2>
<p>In March 2020 the council's first instinct was to run a central food distribution operation from a warehouse. Siân argued for a different approach. Drawing on the asset-based community development she had studied on the programme, she mapped the groups that were already cooking, shopping and checking on neighbours, and proposed that the council back them rather than duplicate them.</p>
<p>Within three weeks, 43 community groups across the Rhondda Fawr, Rhondda Fach and Cynon valleys were linked into one network. Interlink RCT handled volunteer safeguarding checks and small grants. The council supplied premises, vans and a single referral line. Community nursing teams from Cwm Taf Morgannwg University Health Board referred patients who were shielding or had just come home from hospital.</p>
<h2>More than food parcels</h2>
<p>Volunteers soon found that many callers wanted a conversation as much as groceries. The network added a telephone befriending rota and a short checklist so that volunteers could spot signs of low mood, unpaid bills or missed medication and pass them to the right service. In the first six months it made 1,150 onward referrals to debt advice, mental health support and social services.</p>
<blockquote>The groups already knew who was struggling. Our job was to get out of their way and make sure they had what they needed.</blockquote>
<h2>What changed inside the council</h2>
<p>Siân says the biggest shift was internal. Colleagues who had been wary of handing control to volunteers watched groups move faster than any council department could. The network now meets monthly, co-chaired by a volunteer and a council officer, and reports to the public services board's wellbeing working group.</p>
<p>"Leadership Essentials gave me the language to make the case," she says. "Co-production sounded like jargon until people saw it working on their own street."</p>""",
        "themes": ["community-development", "health-inequalities", "co-design-and-co-production"],
        "tags": ["covid-19", "food-insecurity", "volunteering", "older-people"],
        "partners": [
            (
                "interlink-rct",
                "Ran volunteer safeguarding checks and small grants for community groups",
            ),
            (
                "cwm-taf-morgannwg-university-health-board",
                "Community nurses referred shielding patients and people just discharged from hospital",
            ),
        ],
        "outcomes": [
            {
                "kind": "people_reached",
                "description": "Residents supported with food deliveries and wellbeing calls in the first six months",
                "value": "6200",
                "unit": "people",
                "achieved_on": "2020-09-30",
                "verified_by": "Rhondda Cynon Taf Council community team",
                "verified_on": "2020-11-02",
            },
            {
                "kind": "partnership",
                "description": "Community groups linked into a single network",
                "value": "43",
                "unit": "groups",
                "achieved_on": "2020-06-30",
            },
            {
                "kind": "people_reached",
                "description": "Onward referrals to debt advice, mental health support and social services",
                "value": "1150",
                "unit": "referrals",
                "achieved_on": "2020-12-31",
            },
        ],
    },
    # 3.
    {
        "slug": "glasgow-money-advice-in-early-years-settings",
        "title": "Money advice where families already go: Glasgow's income maximisation pilot",
        "status": "published",
        "published_at": "2023-03-20",
        "featured": True,
        "participant": {
            "slug": "mhairi-campbell",
            "name": "Mhairi Campbell",
            "job_title": "Child Poverty Programme Manager",
            "organisation": "glasgow-city-council",
            "cohorts": ["systems-leadership-fellowship-january-2022"],
            "bio": (
                "Mhairi leads Glasgow City Council's work with partners on the city's child poverty action plan. "
                "She was a fellow on the Systems Leadership Fellowship in 2022."
            ),
        },
        "summary": (
            "Mhairi Campbell used her fellowship to place welfare rights advisers in nurseries and health visiting clinics, "
            "with most support in the wards with the highest child poverty, helping families secure over £1.3 million a year."
        ),
        "pull_quote": "Every family gets asked the question. The families who need the most help get the most time.",
        "body": """<p>Child poverty in Glasgow is not evenly spread. In some wards in the north and east of the city more than a third of children live in low-income households; in others the figure is far lower. When Mhairi Campbell joined the Systems Leadership Fellowship in January 2022, her live challenge was how to reach families who were entitled to support but not claiming it.</p>
<h2>Ask everyone, help in proportion</h2>
<p>Mhairi built the pilot on proportionate universalism. A targeted scheme risked feeling stigmatising, so every parent using a council nursery or an NHS Greater Glasgow and Clyde health visiting clinic in the pilot areas would be asked one routine question about money worries. What happened next depended on the answer. Some families received a leaflet and a link to an online benefits checker; others were offered a same-week appointment with a welfare rights adviser in the building they already used.</p>
<p>Advisers from local Citizens Advice bureaux were based in 14 early years centres for two days a week, with the most hours in the wards with the highest child poverty rates. Health visitors were trained to ask the question so that it felt ordinary rather than intrusive.</p>
<h2>Working across the boundaries</h2>
<p>The hardest part was agreeing a shared referral route between three organisations with different data systems and priorities. A data-sharing agreement took five months. The fellowship's action learning set helped Mhairi keep going. "I learned to stop waiting for permission from every corner of the system," she says. "Find the people who want it to work and build from there."</p>
<h2>Results so far</h2>
<p>In its first twelve months the pilot referred 1,140 families for advice and secured £1.34 million in additional annual income, mostly through Scottish Child Payment, Best Start Grants and corrected Universal Credit awards. Several families also had rent arrears cleared through discretionary housing payments.</p>
<p>Glasgow Caledonian University is evaluating the pilot, including whether families report lower stress and better food security six months after advice. Early interviews suggest that parents valued being seen somewhere familiar, by people their health visitor trusted.</p>
<p>The council has agreed to extend the model to a further 20 early years centres, and the health board is testing the same routine question in antenatal clinics.</p>""",
        "themes": [
            "proportionate-universalism",
            "health-inequalities",
            "population-health-and-prevention",
            "system-leadership",
        ],
        "tags": ["child-poverty", "welfare-rights", "cost-of-living", "evaluation"],
        "partners": [
            (
                "nhs-greater-glasgow-and-clyde",
                "Health visitors asked the routine money question and made referrals",
            ),
            (
                "citizens-advice-scotland",
                "Welfare rights advisers from local bureaux based in early years centres",
            ),
            ("glasgow-caledonian-university", "Independent evaluation of outcomes for families"),
        ],
        "outcomes": [
            {
                "kind": "funding",
                "description": "Additional annual income secured for families in the first year",
                "value": "1340000",
                "unit": "GBP",
                "achieved_on": "2022-12-31",
                "verified_by": "Glasgow City Council welfare rights service",
                "verified_on": "2023-02-10",
            },
            {
                "kind": "people_reached",
                "description": "Families referred for welfare rights advice",
                "value": "1140",
                "unit": "families",
                "achieved_on": "2022-12-31",
            },
            {
                "kind": "service_change",
                "description": "Early years centres hosting advisers",
                "value": "14",
                "unit": "centres",
                "achieved_on": "2022-08-31",
            },
        ],
    },
    # 4.
    {
        "slug": "tower-hamlets-community-health-champions",
        "title": "Trusted voices, shared decisions: health champions in Tower Hamlets",
        "status": "published",
        "published_at": "2022-07-11",
        "featured": False,
        "participant": {
            "slug": "amara-okafor",
            "name": "Amara Okafor",
            "job_title": "Head of Community Health Programmes",
            "organisation": "london-borough-of-tower-hamlets",
            "cohorts": ["leadership-essentials-september-2021"],
            "bio": (
                "Amara leads community health programmes in the public health team at Tower Hamlets Council. "
                "She joined Leadership Essentials in September 2021 after a decade in health promotion."
            ),
        },
        "summary": (
            "Amara Okafor rebuilt Tower Hamlets' community health champions scheme around residents' own priorities, "
            "recruiting 160 champions and co-designing a diabetes prevention offer with Bangladeshi women."
        ),
        "pull_quote": (
            "We stopped asking residents to help us deliver our messages and started asking them what the messages "
            "should be."
        ),
        "body": """<p>Tower Hamlets set up community health champions in early 2021, when Covid-19 vaccine uptake in parts of the borough was lagging well behind the London average. The champions, local residents trained to share reliable health information, made a real difference. But when Amara Okafor joined Leadership Essentials that autumn, she began to question how the council was using them.</p>
<h2>From loudspeakers to partners</h2>
<p>"Honestly, we were treating champions as a loudspeaker," Amara says. Messages were written in the town hall and handed out for champions to pass on. The programme's sessions on co-production prompted her to turn that around. She set up a champions' forum that meets every six weeks, with an allowance for members' time, and asked it to choose the next priority.</p>
<p>The forum's answer was type 2 diabetes. Many champions had watched parents and neighbours develop the condition in their forties and fifties, and several were worried about themselves.</p>
<h2>Designing the offer together</h2>
<p>Rather than promote the national diabetes prevention programme as it stood, the forum and a group of Bangladeshi women designed something that fitted their lives. The result was a twelve-week course held in Poplar HARCA community centres, combining women-only walking groups in Mile End Park with cooking sessions led in Sylheti and English. Tower Hamlets GP Care Group referred women identified through NHS Health Checks, and diabetes specialist nurses from Barts Health NHS Trust gave talks and answered questions.</p>
<p>Childcare was offered on site, sessions avoided school pick-up times, and recipes adapted family favourites rather than replacing them.</p>
<h2>What it achieved</h2>
<p>By spring 2022 the scheme had 160 active champions who between them speak 14 languages, and they had recorded more than 7,400 health conversations. Of the 320 women who started the course, 261 completed it, and the GP Care Group is tracking changes in their blood sugar readings at their next review.</p>
<p>"We stopped asking residents to help us deliver our messages and started asking them what the messages should be," Amara says. The forum has since chosen its next focus: mental health among young carers.</p>""",
        "themes": [
            "co-design-and-co-production",
            "health-inequalities",
            "community-development",
            "population-health-and-prevention",
        ],
        "tags": ["vaccination", "covid-19", "physical-activity", "volunteering"],
        "partners": [
            (
                "tower-hamlets-gp-care-group",
                "Referred women identified through NHS Health Checks and is tracking results",
            ),
            ("barts-health-nhs-trust", "Diabetes specialist nurses contributed to course sessions"),
            ("poplar-harca", "Provided community centres as course venues"),
        ],
        "outcomes": [
            {
                "kind": "people_reached",
                "description": "Active community health champions recruited",
                "value": "160",
                "unit": "people",
                "achieved_on": "2022-03-31",
            },
            {
                "kind": "people_reached",
                "description": "Health conversations recorded by champions",
                "value": "7400",
                "unit": "conversations",
                "achieved_on": "2022-06-30",
            },
            {
                "kind": "people_reached",
                "description": "Women who completed the co-designed diabetes prevention course",
                "value": "261",
                "unit": "people",
                "achieved_on": "2022-05-31",
                "verified_by": "Tower Hamlets public health team",
                "verified_on": "2022-06-20",
            },
        ],
    },
    # 5.
    {
        "slug": "barnsley-warm-spaces-to-community-hubs",
        "title": "Warm welcomes: how Barnsley turned winter warm spaces into lasting community hubs",
        "status": "published",
        "published_at": "2023-04-17",
        "featured": False,
        "participant": {
            "slug": "daniel-hargreaves",
            "name": "Daniel Hargreaves",
            "job_title": "Service Manager, Stronger Communities",
            "organisation": "barnsley-metropolitan-borough-council",
            "cohorts": ["systems-leadership-fellowship-january-2022"],
            "bio": (
                "Daniel manages Barnsley Council's stronger communities service, working with area councils and ward "
                "alliances. He was a fellow on the Systems Leadership Fellowship in 2022."
            ),
        },
        "summary": (
            "In the cost-of-living winter of 2022, Daniel Hargreaves helped churches, libraries and ward alliances open 62 "
            "warm spaces across Barnsley, while looking after the staff and volunteers who were already stretched thin."
        ),
        "pull_quote": "People were tired. Before I asked anyone to do more, I needed to ask how they were.",
        "body": """<p>By the autumn of 2022, energy bills were climbing fast and Barnsley's community groups were worried about the winter ahead. Daniel Hargreaves, who manages the council's stronger communities service, was midway through the Systems Leadership Fellowship. His live challenge became how to help people stay warm and connected without piling more pressure on teams that had barely recovered from Covid-19.</p>
<h2>Listening first</h2>
<p>Daniel started with his own staff and with volunteer leaders from ward alliances. He held short listening sessions in each of the borough's six area council areas, asking two questions: what is getting in the way, and what would help? The answers were practical. Volunteers needed simple guidance rather than long forms, small sums of money paid quickly, and permission to say no.</p>
<p>"People were tired," he says. "Before I asked anyone to do more, I needed to ask how they were." He protected a half-day a fortnight for his team to step back from casework, and made sure volunteers were thanked in person, not just by email.</p>
<h2>A network of warm spaces</h2>
<p>Between October and March, 62 warm spaces opened in libraries, churches, sports clubs and community rooms. Berneslai Homes promoted them to tenants and opened community rooms on several estates. Age UK Barnsley ran sessions for older residents with benefits checks alongside hot drinks. NHS South Yorkshire Integrated Care Board funded pharmacists and nurses to offer blood pressure checks and winter vaccinations at the busiest sites.</p>
<p>The council distributed £95,000 in small grants, most of them under £2,000, with decisions made within ten working days.</p>
<h2>Beyond the winter</h2>
<p>The spaces recorded around 18,500 visits. When spring came, many groups did not want to close. Forty-one have stayed open as year-round community hubs, offering everything from craft clubs to job search help.</p>
<p>Daniel says the fellowship changed how he sees his role. "I used to think my job was to run projects. Now I think it is to make it easier for other people to do the things they already want to do."</p>""",
        "themes": ["community-development", "compassionate-leadership", "system-leadership"],
        "tags": ["cost-of-living", "volunteering", "older-people", "staff-wellbeing"],
        "partners": [
            ("age-uk-barnsley", "Ran warm space sessions for older residents with benefits checks"),
            (
                "berneslai-homes",
                "Promoted warm spaces to tenants and opened estate community rooms",
            ),
            (
                "nhs-south-yorkshire-icb",
                "Funded blood pressure checks and winter vaccinations at busy sites",
            ),
        ],
        "outcomes": [
            {
                "kind": "service_change",
                "description": "Warm spaces opened across the borough in winter 2022 to 2023",
                "value": "62",
                "unit": "warm spaces",
                "achieved_on": "2023-01-31",
            },
            {
                "kind": "people_reached",
                "description": "Visits recorded at warm spaces",
                "value": "18500",
                "unit": "visits",
                "achieved_on": "2023-03-31",
            },
            {
                "kind": "funding",
                "description": "Small grants paid to community groups",
                "value": "95000",
                "unit": "GBP",
                "achieved_on": "2023-02-28",
                "verified_by": "Barnsley Council grants officer",
                "verified_on": "2023-03-15",
            },
            {
                "kind": "service_change",
                "description": "Warm spaces that continued as year-round community hubs",
                "value": "41",
                "unit": "hubs",
                "achieved_on": "2023-04-01",
            },
        ],
    },
    # 6.
    {
        "slug": "greater-manchester-safe-and-well-visits",
        "title": "More than smoke alarms: home safety visits that prevent harm in Salford",
        "status": "published",
        "published_at": "2024-02-19",
        "featured": False,
        "participant": {
            "slug": "zoe-lambert",
            "name": "Zoë Lambert",
            "job_title": "Station Manager, Prevention",
            "organisation": "greater-manchester-fire-and-rescue-service",
            "cohorts": ["leadership-essentials-february-2023"],
            "bio": (
                "Zoë is a station manager leading prevention work for Greater Manchester Fire and Rescue Service in "
                "Salford. She joined the fire service as a firefighter in 2008 and took part in Leadership Essentials in 2023."
            ),
        },
        "summary": (
            "Zoë Lambert reshaped home safety visits in Salford so crews also check for falls risk, cold homes and "
            "loneliness, with longer visits for the households at greatest risk."
        ),
        "pull_quote": (
            "Our crews are invited into homes that no other public service sees. It would be a waste not to look "
            "after the whole person while we're there."
        ),
        "body": """<p>Fire deaths in Greater Manchester are concentrated among a small number of people: older residents living alone, people who smoke at home with limited mobility, and people whose health or circumstances make it hard to escape a fire. Many of the same people are also at risk of falls, cold-related illness and isolation. Zoë Lambert, a station manager leading prevention in Salford, saw an opportunity to address all of these at once.</p>
<h2>One offer, different intensities</h2>
<p>On Leadership Essentials, Zoë was struck by the idea of proportionate universalism. She redesigned the service in three tiers. Every household can complete an online home fire safety check and receive advice and, where needed, a free smoke alarm. Households with some risk factors get a standard visit from a crew. Those at highest risk, identified using shared data from NHS Greater Manchester and Salford City Council, receive a longer Safe and Well visit from a specially trained advocate.</p>
<p>The longer visits now include a short falls screen, a check on heating and damp, a conversation about loneliness, and questions about smoking and alcohol. Advocates can refer directly to the community falls team, to the council's home improvement grants and to social prescribing link workers through Salford CVS.</p>
<h2>Convincing the system</h2>
<p>The changes needed agreements with partners who had never thought of the fire service as a health partner. Zoë spent the first months attending neighbourhood meetings and offering practical help, such as fitting key safes for the falls team. "I wanted them to see us as people who turn up and do what we say, not just people with a blue light," she says.</p>
<h2>What changed</h2>
<p>In 2023 crews and advocates in Salford completed 3,250 Safe and Well visits with health checks. They made 460 referrals to falls prevention services and helped 210 households apply for heating repairs or insulation. Advocates report that many residents raised worries they had not mentioned to anyone else.</p>
<p>The approach is now being tested in Bolton and Wigan, and Zoë is working with the integrated care board on how to measure avoided hospital admissions.</p>""",
        "themes": [
            "population-health-and-prevention",
            "proportionate-universalism",
            "system-leadership",
        ],
        "tags": ["older-people", "cost-of-living", "social-prescribing"],
        "partners": [
            (
                "nhs-greater-manchester",
                "Shared risk data and linked advocates with community falls teams",
            ),
            ("salford-city-council", "Home improvement grants and housing standards follow-up"),
            (
                "salford-cvs",
                "Connected residents to social prescribing link workers and local groups",
            ),
        ],
        "outcomes": [
            {
                "kind": "people_reached",
                "description": "Safe and Well visits with health checks completed in Salford in 2023",
                "value": "3250",
                "unit": "visits",
                "achieved_on": "2023-12-31",
                "verified_by": "Greater Manchester Fire and Rescue Service",
                "verified_on": "2024-01-22",
            },
            {
                "kind": "people_reached",
                "description": "Referrals to falls prevention services",
                "value": "460",
                "unit": "referrals",
                "achieved_on": "2023-12-31",
            },
            {
                "kind": "people_reached",
                "description": "Households helped to apply for heating repairs or insulation",
                "value": "210",
                "unit": "households",
                "achieved_on": "2023-12-31",
            },
        ],
    },
    # 7.
    {
        "slug": "leeds-trauma-informed-neighbourhood-policing",
        "title": "Safer next week: trauma-informed neighbourhood policing in east Leeds",
        "status": "published",
        "published_at": "2024-10-07",
        "featured": False,
        "participant": {
            "slug": "lukasz-nowak",
            "name": "Łukasz Nowak",
            "job_title": "Inspector, Neighbourhood Policing",
            "organisation": "west-yorkshire-police",
            "cohorts": ["systems-leadership-fellowship-january-2024"],
            "bio": (
                "Łukasz is a neighbourhood policing inspector in east Leeds, where he grew up after moving from Poznań "
                "as a teenager. He was a fellow on the Systems Leadership Fellowship in 2024."
            ),
        },
        "summary": (
            "Inspector Łukasz Nowak worked with mental health services, the council and a local charity to change how "
            "officers in east Leeds respond to people in repeated distress, freeing officer time and agreeing support plans."
        ),
        "pull_quote": (
            "I used to measure a good shift by how many jobs we closed. Now I ask whether the person is safer next "
            "week than they were today."
        ),
        "body": """<p>In east Leeds, a small number of people in mental health crisis accounted for a large share of calls to neighbourhood officers. The same names came up week after week. Officers did their best, but a police response rarely resolved anything, and both officers and the people they met were left frustrated. Inspector Łukasz Nowak chose this as his live challenge on the Systems Leadership Fellowship.</p>
<h2>Understanding the pattern</h2>
<p>Łukasz began by reviewing a year of calls with colleagues from Leeds and York Partnership NHS Foundation Trust. Of the 60 most frequent callers, most had experienced serious trauma, many were in insecure housing, and several did not speak English as a first language. Three were Polish speakers who had never been offered support in Polish.</p>
<p>"We were treating each call as a new incident," he says. "For the person, it was the same crisis continuing."</p>
<h2>A different response</h2>
<p>Working with the trust and Leeds City Council, Łukasz set up a fortnightly meeting where police, mental health nurses, housing officers and peer workers from Leeds Mind agree a personal support plan with each person, written with them rather than about them. Calls from people with a plan are flagged so that the responding officer knows what helps and who to contact. The approach fits the national Right Care, Right Person model, which aims to ensure people in mental health crisis are seen by the right professional.</p>
<p>He also introduced trauma-informed practice training for 180 officers and staff, and short structured debriefs after difficult incidents. "You cannot ask officers to be compassionate all day if nobody is compassionate to them," he says.</p>
<h2>Early results</h2>
<p>Over six months, 57 people agreed a support plan. Repeat calls from this group fell by more than a third, releasing around 2,100 officer hours. Two people who had been arrested repeatedly are now in settled accommodation with regular support.</p>
<p>Leeds Beckett University is helping the team evaluate the work, and the model is being considered for other Leeds neighbourhoods.</p>""",
        "themes": ["compassionate-leadership", "system-leadership", "health-inequalities"],
        "tags": ["mental-health", "policing", "staff-wellbeing"],
        "partners": [
            (
                "leeds-and-york-partnership-nhs-foundation-trust",
                "Mental health nurses co-wrote support plans and joined case reviews",
            ),
            ("leeds-city-council", "Housing officers joined fortnightly case meetings"),
            ("leeds-mind", "Peer workers supported people to shape their own plans"),
            ("leeds-beckett-university", "Supporting evaluation of the approach"),
        ],
        "outcomes": [
            {
                "kind": "people_reached",
                "description": "People with a personal support plan agreed with them",
                "value": "57",
                "unit": "people",
                "achieved_on": "2024-06-30",
            },
            {
                "kind": "staff_skills",
                "description": "Officers and staff trained in trauma-informed practice",
                "value": "180",
                "unit": "people",
                "achieved_on": "2024-05-31",
                "verified_by": "West Yorkshire Police learning and development",
                "verified_on": "2024-07-01",
            },
            {
                "kind": "service_change",
                "description": "Officer hours released over six months",
                "value": "2100",
                "unit": "hours",
                "achieved_on": "2024-06-30",
            },
        ],
    },
    # 8.
    {
        "slug": "thamesmead-damp-and-mould-resident-design-panel",
        "title": "Damp, mould and health: co-designing warmer homes with Thamesmead residents",
        "status": "published",
        "published_at": "2023-06-12",
        "featured": True,
        "participant": {
            "slug": "priya-raman",
            "name": "Priya Raman",
            "job_title": "Head of Community Investment",
            "organisation": "peabody",
            "cohorts": ["leadership-essentials-september-2021"],
            "bio": (
                "Priya leads community investment for Peabody in Thamesmead, where she previously worked as a "
                "neighbourhood officer. She took part in Leadership Essentials in 2021."
            ),
        },
        "summary": (
            "Priya Raman set up a residents' design panel to rethink how Peabody finds and fixes damp and mould in "
            "Thamesmead, linking repairs to the NHS so that homes of children with breathing problems are seen first."
        ),
        "pull_quote": (
            "Residents had been telling us about mould for years. Co-design meant finally treating them as the "
            "experts on their own homes."
        ),
        "body": """<p>In late 2022, a coroner's findings about a young child's death linked to mould in a social rented home put damp and mould at the top of every housing association's agenda. For Priya Raman, Head of Community Investment at Peabody in Thamesmead, the question was not only how to fix homes faster, but how to stop residents feeling unheard.</p>
<h2>Residents as designers</h2>
<p>Priya had explored co-design on Leadership Essentials and saw that the usual approach, a new policy written by staff and then consulted on, would not rebuild trust. Instead she recruited a panel of 18 residents, including parents of young children, older tenants and people who had reported mould repeatedly. Members were paid for their time and met every three weeks for six months.</p>
<p>The panel redesigned the reporting process from scratch. Residents can now send photos by text message, reports are acknowledged the same day, and every case gets a named officer. Information is available in the eight languages most spoken on the estates, and panel members helped write plain-English advice on ventilation that does not blame tenants.</p>
<h2>Linking homes and health</h2>
<p>Priya also wanted the NHS involved. Working with the Royal Borough of Greenwich's public health team and children's respiratory nurses at Lewisham and Greenwich NHS Trust, Peabody agreed a route for clinicians to flag, with families' consent, homes where a child has asthma or another breathing condition. These homes are inspected within five working days.</p>
<p>"Residents had been telling us about mould for years," Priya says. "Co-design meant finally treating them as the experts on their own homes."</p>
<h2>Results</h2>
<p>In the first year Peabody proactively surveyed 1,900 homes in Thamesmead and treated damp and mould in 640 of them. Forty-seven homes were flagged by NHS clinicians. The board has committed £2.4 million to ventilation and insulation upgrades, with the panel helping to set priorities.</p>
<p>The panel has since become a standing group, and members are now co-designing the next phase of estate improvements.</p>""",
        "themes": [
            "co-design-and-co-production",
            "population-health-and-prevention",
            "health-inequalities",
            "community-development",
        ],
        "tags": ["housing", "children-and-young-people", "cost-of-living"],
        "partners": [
            (
                "royal-borough-of-greenwich",
                "Public health team advised on priorities and environmental health standards",
            ),
            (
                "lewisham-and-greenwich-nhs-trust",
                "Children's respiratory nurses flagged homes affecting children's health",
            ),
        ],
        "outcomes": [
            {
                "kind": "service_change",
                "description": "Homes in Thamesmead proactively surveyed for damp and mould",
                "value": "1900",
                "unit": "homes",
                "achieved_on": "2022-12-31",
            },
            {
                "kind": "service_change",
                "description": "Homes where damp and mould were treated in the first year",
                "value": "640",
                "unit": "homes",
                "achieved_on": "2023-03-31",
            },
            {
                "kind": "funding",
                "description": "Investment committed to ventilation and insulation upgrades",
                "value": "2400000",
                "unit": "GBP",
                "achieved_on": "2023-01-20",
                "verified_by": "Peabody board papers",
                "verified_on": "2023-02-01",
            },
            {
                "kind": "people_reached",
                "description": "Residents on the paid design panel",
                "value": "18",
                "unit": "people",
                "achieved_on": "2022-10-01",
            },
        ],
    },
    # 9.
    {
        "slug": "ipswich-mental-health-support-in-community-spaces",
        "title": "Mental health support in community spaces across Ipswich",
        "status": "published",
        "published_at": "2021-11-22",
        "featured": False,
        "participant": {
            "slug": "kwame-mensah",
            "name": "Kwame Mensah",
            "job_title": "Service Manager, Community Mental Health",
            "organisation": "norfolk-and-suffolk-nhs-foundation-trust",
            "cohorts": ["leadership-essentials-march-2020"],
            "bio": (
                "Kwame is a mental health nurse by background and manages community mental health services in "
                "Ipswich. He was in the same March 2020 Leadership Essentials cohort as Andrew Wilesmith."
            ),
        },
        "summary": (
            "Kwame Mensah worked with Suffolk Mind, GP practices and the borough council to bring mental health drop-ins "
            "into leisure centres and community venues, while rebuilding a team worn down by the pandemic."
        ),
        "pull_quote": (
            "Compassion isn't soft. It's paying attention to what is making the work hard and then doing something "
            "about it."
        ),
        "body": """<p>By the summer of 2021 Kwame Mensah's community mental health team in Ipswich was under heavy strain. Referrals had risen sharply during the pandemic, waiting lists were long, and nearly one in five posts was vacant. Kwame, who had been in the March 2020 Leadership Essentials cohort, decided to tackle two problems together: how people got help, and how his team was coping.</p>
<h2>Starting with the team</h2>
<p>Kwame began with short weekly huddles where staff could say what was getting in the way. The answers were often small but draining: duplicate paperwork, unclear referral criteria, rooms that were never free. He fixed what he could within weeks and was honest about what would take longer.</p>
<p>"Compassion isn't soft," he says. "It's paying attention to what is making the work hard and then doing something about it."</p>
<h2>Meeting people where they are</h2>
<p>Many people on the waiting list did not need specialist care. They needed someone to talk to, practical help and a route back if things got worse. Through the cohort's WhatsApp group, Kwame reconnected with Andrew Wilesmith at Ipswich Borough Council, who offered rooms in council leisure centres. Suffolk Mind provided peer workers, and Suffolk GP Federation's mental health practitioners agreed to attend.</p>
<p>The result was a set of weekly wellbeing drop-ins, designed with people who had used mental health services. They asked for informal settings, no appointment letters and evening sessions for people in work. The Ipswich and Suffolk Council for Racial Equality advised on reaching communities that rarely came forward, and hosted a session in its own building.</p>
<h2>What changed</h2>
<p>In the first year, around 1,300 people attended the drop-ins and many were supported without a formal referral. Waiting times for the community team began to fall. With less pressure and a clearer purpose, Kwame filled seven vacant posts, several with staff returning to the trust.</p>
<p>"Leadership Essentials taught me that I don't have to own a solution for it to work," he says. "I just have to help it happen."</p>""",
        "themes": ["compassionate-leadership", "system-leadership", "co-design-and-co-production"],
        "tags": ["mental-health", "alumni-network", "covid-19", "staff-wellbeing"],
        "partners": [
            ("suffolk-mind", "Peer workers co-led the wellbeing drop-ins"),
            ("ipswich-borough-council", "Provided rooms in leisure centres for drop-in sessions"),
            ("suffolk-gp-federation", "Mental health practitioners attended drop-ins"),
            (
                "ipswich-and-suffolk-council-for-racial-equality",
                "Advised on outreach and hosted a community drop-in",
            ),
        ],
        "outcomes": [
            {
                "kind": "people_reached",
                "description": "People attending community wellbeing drop-ins in the first year",
                "value": "1300",
                "unit": "people",
                "achieved_on": "2021-10-31",
            },
            {
                "kind": "staff_skills",
                "description": "Vacant posts filled in the community mental health team",
                "value": "7",
                "unit": "posts",
                "achieved_on": "2021-08-31",
            },
            {
                "kind": "service_change",
                "description": "Weekly drop-in sessions run in community venues",
                "value": "6",
                "unit": "sessions a week",
                "achieved_on": "2021-06-30",
            },
        ],
    },
    # 10.
    {
        "slug": "suffolk-needs-weighted-inequalities-funding",
        "title": "Sharing out the inequalities fund fairly in Suffolk and North East Essex",
        "status": "published",
        "published_at": "2023-10-02",
        "featured": False,
        "participant": {
            "slug": "niamh-oconnor",
            "name": "Niamh O'Connor",
            "job_title": "Head of Population Health and Inequalities",
            "organisation": "nhs-suffolk-and-north-east-essex-icb",
            "cohorts": ["systems-leadership-fellowship-january-2022"],
            "bio": (
                "Niamh leads population health and inequalities work for the integrated care board, having previously "
                "worked in local authority public health. She was a fellow on the Systems Leadership Fellowship in 2022."
            ),
        },
        "summary": (
            "Niamh O'Connor designed a needs-weighted formula for the integrated care board's health inequalities funding, "
            "so that neighbourhoods with the worst outcomes receive most, and handed spending decisions to local alliances."
        ),
        "pull_quote": (
            "Equal shares felt fair around the table, but they weren't fair to the people living in our most deprived "
            "neighbourhoods."
        ),
        "body": """<p>When the integrated care board replaced the clinical commissioning groups in July 2022, it inherited a health inequalities budget that had been split between areas in equal shares. Niamh O'Connor, then a fellow on the Systems Leadership Fellowship, thought that was the wrong starting point.</p>
<h2>A formula built on need</h2>
<p>Using proportionate universalism as her guide, Niamh proposed that a fifth of the fund be shared equally, so every area could keep universal prevention work going, and the rest be weighted by deprivation and premature mortality. The approach followed the NHS Core20PLUS5 framework, which focuses on the most deprived fifth of the population and other groups who face poor access to care.</p>
<p>Getting agreement took most of a year. Some partners worried about losing money; others questioned the data. Niamh held workshops in each alliance area to walk through the figures. "Equal shares felt fair around the table," she says, "but they weren't fair to the people living in our most deprived neighbourhoods."</p>
<h2>Decisions made locally</h2>
<p>The second part of the change was about who decides. Rather than commissioning centrally, the ICB handed each alliance its allocation and asked local partners to decide how to spend it, with clear reporting on outcomes. In Ipswich and east Suffolk, partners chose to fund blood pressure case-finding by ESNEFT's community teams in the town's most deprived wards, extra capacity in Ipswich Borough Council's health and wellbeing programme, and Suffolk County Council's work with families on smoking in pregnancy.</p>
<h2>Measuring what happens</h2>
<p>In the first full year, £3.2 million was allocated across 28 projects. More than 5,600 people had their blood pressure checked, a third of them for the first time in five years. The University of Suffolk is evaluating the programme, looking in particular at whether the funding is reaching the people the formula was designed for.</p>
<p>Niamh says the fellowship gave her the resilience for the long negotiation. "System change is mostly patience. The formula took an afternoon; the trust took a year."</p>""",
        "themes": [
            "proportionate-universalism",
            "population-health-and-prevention",
            "system-leadership",
        ],
        "tags": ["funding", "evaluation", "blood-pressure"],
        "partners": [
            (
                "ipswich-borough-council",
                "Received funding to extend its health and wellbeing programme",
            ),
            ("esneft", "Community teams ran blood pressure case-finding in deprived wards"),
            (
                "suffolk-county-council",
                "Public health partner; led family work on smoking in pregnancy",
            ),
            (
                "university-of-suffolk",
                "Evaluating whether funding reaches the intended communities",
            ),
        ],
        "outcomes": [
            {
                "kind": "funding",
                "description": "Health inequalities funding allocated using a needs-weighted formula",
                "value": "3200000",
                "unit": "GBP",
                "achieved_on": "2023-06-30",
                "verified_by": "Suffolk and North East Essex ICB finance committee",
                "verified_on": "2023-07-18",
            },
            {
                "kind": "funding",
                "description": "Local projects funded through alliance decisions",
                "value": "28",
                "unit": "projects",
                "achieved_on": "2023-09-30",
            },
            {
                "kind": "people_reached",
                "description": "People who had their blood pressure checked",
                "value": "5600",
                "unit": "people",
                "achieved_on": "2023-09-30",
            },
        ],
    },
    # 11.
    {
        "slug": "cynon-valley-community-researchers",
        "title": "Research with, not on: community researchers in the Cynon Valley",
        "status": "published",
        "published_at": "2024-05-13",
        "featured": False,
        "participant": {
            "slug": "eleri-thomas",
            "name": "Eleri Thomas",
            "job_title": "Senior Lecturer in Public Health",
            "organisation": "university-of-south-wales",
            "cohorts": ["leadership-essentials-february-2023"],
            "bio": (
                "Eleri teaches and researches public health at the University of South Wales, with a focus on "
                "participatory methods. She was brought up in Aberdare and took part in Leadership Essentials in 2023."
            ),
        },
        "summary": (
            "Eleri Thomas trained 24 residents as paid community researchers to find out what helps people in the Cynon "
            "Valley stay well, and their findings led to a community transport pilot for hospital and GP appointments."
        ),
        "pull_quote": (
            "The community researchers asked questions I would never have thought to ask, and people answered "
            "honestly because they were asked by a neighbour."
        ),
        "body": """<p>Eleri Thomas had spent years studying health in the south Wales valleys, but she was uneasy about how that research was done. Academics designed the questions, collected the data and published the findings, often without the community ever hearing what was learned. Leadership Essentials gave her the push to try something different.</p>
<h2>Training residents as researchers</h2>
<p>With Interlink RCT and Rhondda Cynon Taf County Borough Council, Eleri recruited 24 residents from Aberdare, Mountain Ash and the surrounding villages. They included a retired miner, two young mothers, a former care worker and several people living with long-term conditions. Each was paid for their time and completed an accredited course in research methods and ethics.</p>
<p>The researchers chose the question: what helps people here stay well, and what gets in the way? They designed the interview guide themselves and carried out 410 conversations in cafés, community centres, school gates and homes.</p>
<h2>What they found</h2>
<p>Some findings were expected, such as worries about money and loneliness among older people. Others were not. Transport came up again and again. Without a car, a round trip by bus to Prince Charles Hospital in Merthyr Tydfil could take most of a day, and people reported missing appointments or skipping follow-up tests because of it. Young men described feeling that there was nowhere to go and nobody to talk to.</p>
<p>"The community researchers asked questions I would never have thought to ask," Eleri says, "and people answered honestly because they were asked by a neighbour."</p>
<h2>From findings to action</h2>
<p>The researchers presented their findings to the health board, the council and Public Health Wales at an event they planned and chaired. Cwm Taf Morgannwg University Health Board has since funded an £85,000 community transport pilot for hospital and GP appointments, run by a local community transport group. A men's wellbeing group has started in Mountain Ash, led by two of the researchers.</p>
<p>Eleri is now helping the university change how it involves communities in all its public health research.</p>""",
        "themes": ["co-design-and-co-production", "community-development", "health-inequalities"],
        "tags": ["evaluation", "volunteering", "transport", "older-people"],
        "partners": [
            ("interlink-rct", "Helped recruit residents and supported the researcher group"),
            (
                "rhondda-cynon-taf-county-borough-council",
                "Co-funded researcher payments and provided venues",
            ),
            (
                "cwm-taf-morgannwg-university-health-board",
                "Funded the community transport pilot in response to findings",
            ),
            ("public-health-wales", "Advised on research design and shared findings nationally"),
        ],
        "outcomes": [
            {
                "kind": "staff_skills",
                "description": "Residents trained and paid as community researchers",
                "value": "24",
                "unit": "people",
                "achieved_on": "2024-02-29",
            },
            {
                "kind": "people_reached",
                "description": "Conversations carried out by community researchers",
                "value": "410",
                "unit": "conversations",
                "achieved_on": "2024-03-31",
            },
            {
                "kind": "funding",
                "description": "Funding for a community transport pilot for health appointments",
                "value": "85000",
                "unit": "GBP",
                "achieved_on": "2024-04-15",
                "verified_by": "Cwm Taf Morgannwg University Health Board",
                "verified_on": "2024-05-01",
            },
        ],
    },
    # 12.
    {
        "slug": "royal-london-compassionate-leadership-acute-ward",
        "title": "Looking after the people who look after patients: compassionate leadership on an acute ward",
        "status": "published",
        "published_at": "2021-03-08",
        "featured": False,
        "participant": {
            "slug": "harjit-kaur-sandhu",
            "name": "Harjit Kaur Sandhu",
            "job_title": "Matron, Acute Medicine",
            "organisation": "barts-health-nhs-trust",
            "cohorts": ["leadership-essentials-october-2019"],
            "bio": (
                "Harjit is a matron for acute medicine at the Royal London Hospital and has nursed in east London for "
                "more than twenty years. She completed Leadership Essentials in 2019."
            ),
        },
        "summary": (
            "Matron Harjit Kaur Sandhu supported nursing teams at the Royal London Hospital through the first waves of "
            "Covid-19, co-designing a wellbeing room and a fairer rota with the nurses themselves."
        ),
        "pull_quote": (
            "I couldn't take the pressure away. What I could do was notice it, name it, and make sure nobody carried "
            "it alone."
        ),
        "body": """<p>Harjit Kaur Sandhu completed Leadership Essentials in December 2019. Within three months, the acute medical unit she oversees at the Royal London Hospital was receiving some of the first critically ill Covid-19 patients in east London.</p>
<h2>Noticing the strain</h2>
<p>Her nurses worked long shifts in full protective equipment, cared for patients who died without family present, and went home afraid of infecting their own households. Many had been redeployed from other wards and did not know their new colleagues. Sickness absence rose and several experienced nurses talked about leaving.</p>
<p>Harjit drew on the compassionate leadership sessions from the programme: attending to what staff were experiencing, understanding the causes, and taking practical action. "I couldn't take the pressure away," she says. "What I could do was notice it, name it, and make sure nobody carried it alone."</p>
<h2>Designing support with the nurses</h2>
<p>Instead of deciding what staff needed, she asked them. A group of nurses, healthcare assistants and a chaplain designed a wellbeing room from an unused office: somewhere quiet to sit, with water, snacks and a list of support services on the wall. It was used by around 150 staff a week at the height of the second wave.</p>
<p>The same group reworked the rota. Sixty-four staff took part in designing a self-rostering system that gave people more say over their shifts, protected rest after night runs, and paired redeployed nurses with a buddy from the unit. Every shift now begins with a short check-in and ends with a check-out, where anyone can say how they are leaving work.</p>
<p>Tower Hamlets Council helped with practical problems, such as parking permits near the hospital and emergency food deliveries for staff who were self-isolating.</p>
<h2>What changed</h2>
<p>Over the following year, sickness absence on the unit fell back below pre-pandemic levels and the unit recruited to all its vacant nursing posts. Harjit's approach has been shared with other matrons across the trust.</p>
<p>"Compassion is not an extra," she says. "When nurses feel cared for, patients feel it too."</p>""",
        "themes": ["compassionate-leadership", "co-design-and-co-production"],
        "tags": ["covid-19", "staff-wellbeing"],
        "partners": [
            (
                "london-borough-of-tower-hamlets",
                "Provided parking permits and emergency food support for hospital staff during lockdown",
            ),
        ],
        "outcomes": [
            {
                "kind": "staff_skills",
                "description": "Staff who helped design the self-rostering system",
                "value": "64",
                "unit": "people",
                "achieved_on": "2020-12-31",
            },
            {
                "kind": "people_reached",
                "description": "Average weekly visits to the staff wellbeing room at the height of the second wave",
                "value": "150",
                "unit": "visits a week",
                "achieved_on": "2020-06-30",
            },
        ],
    },
    # 13. Draft.
    {
        "slug": "health-equity-toolkit-for-welsh-public-services-boards",
        "title": "Measuring what matters: a health equity toolkit for public services boards",
        "status": "draft",
        "published_at": None,
        "featured": False,
        "participant": {
            "slug": "farah-siddiqui",
            "name": "Farah Siddiqui",
            "job_title": "Principal Health Equity Specialist",
            "organisation": "public-health-wales",
            "cohorts": ["systems-leadership-fellowship-january-2024"],
            "bio": (
                "Farah works on health equity and the wider determinants of health at Public Health Wales. "
                "She was a fellow on the Systems Leadership Fellowship in 2024."
            ),
        },
        "summary": (
            "Farah Siddiqui is helping Welsh public services boards check whether their wellbeing plans are narrowing "
            "health gaps, with a practical toolkit tested first in Cwm Taf Morgannwg."
        ),
        "pull_quote": (
            "Every plan says it will reduce inequalities. Very few can tell you, a year later, whether it has."
        ),
        "body": """<p>Public services boards in Wales bring councils, health boards, fire services and others together to publish local wellbeing plans. Almost every plan commits to reducing inequalities. Farah Siddiqui, who works on health equity at Public Health Wales, noticed that very few boards could say whether they were succeeding.</p>
<h2>The live challenge</h2>
<p>On the Systems Leadership Fellowship, Farah set herself the task of changing that. She began by interviewing officers and board members in four areas. They told her the problem was not a lack of data but too much of it, spread across organisations, published at different times and rarely broken down by neighbourhood or group.</p>
<p>"Every plan says it will reduce inequalities," she says. "Very few can tell you, a year later, whether it has."</p>
<h2>Building the toolkit</h2>
<p>With Rhondda Cynon Taf County Borough Council and Cwm Taf Morgannwg University Health Board, Farah developed a short toolkit. It asks boards to choose no more than eight measures, to report each one for the most and least deprived fifth of their population, and to include at least one measure chosen by residents. A simple dashboard shows whether the gap is closing, widening or standing still.</p>
<p>Researchers at the University of South Wales helped test the measures against existing survey and health data, and identified where local figures would be too small to be reliable.</p>
<h2>Testing it in practice</h2>
<p>Four public services boards have been piloting the toolkit since 2025. Early feedback suggests it is already changing conversations: in one area, board members asked for a project to be redesigned after seeing that uptake was highest in the least deprived neighbourhoods.</p>
<p>Farah hopes the toolkit will be offered to every board in Wales once the pilot is evaluated, and is working with the Welsh Government on how it could link to national wellbeing indicators.</p>""",
        "themes": ["health-inequalities", "population-health-and-prevention", "system-leadership"],
        "tags": ["evaluation", "funding"],
        "partners": [
            (
                "rhondda-cynon-taf-county-borough-council",
                "Co-developed the toolkit and hosts the first pilot",
            ),
            (
                "cwm-taf-morgannwg-university-health-board",
                "Co-developed the toolkit and provided health data",
            ),
            ("university-of-south-wales", "Tested measures for reliability at neighbourhood level"),
        ],
        "outcomes": [
            {
                "kind": "partnership",
                "description": "Public services boards piloting the health equity toolkit",
                "value": "4",
                "unit": "boards",
            },
            {
                "kind": "other",
                "description": "Core measures in the toolkit, each reported by deprivation fifth",
                "value": "8",
                "unit": "measures",
            },
        ],
    },
    # 14. Scheduled; second story for Siân Pritchard.
    {
        "slug": "rhondda-cynon-taf-community-owned-hubs",
        "title": "From emergency food to community-owned hubs in Rhondda Cynon Taf",
        "status": "scheduled",
        "published_at": None,
        "publish_in_days": 21,
        "featured": False,
        "participant": SIAN_PRITCHARD,
        "summary": (
            "Siân Pritchard returns to the network she built in 2020, which has grown into 12 community-owned hubs "
            "offering food, advice and health support, and explains what the Systems Leadership Fellowship added."
        ),
        "pull_quote": (
            "In 2020 we asked the groups to help us. Now they are the ones setting the agenda, and the council turns "
            "up to help them."
        ),
        "body": """<p>In 2020, Siân Pritchard brought 43 volunteer groups together to feed and check on shielding residents across Rhondda Cynon Taf. That emergency network now looks very different, and so does her role.</p>
<h2>From crisis to ownership</h2>
<p>As the pandemic eased, many groups wanted to keep going, but they needed buildings and steady income. Siân worked with Interlink RCT to help them take on community assets. Twelve hubs are now run by community organisations in former chapels, libraries and welfare halls that the council transferred or leased at low cost. Together the groups have raised £640,000 from charitable trusts, the National Lottery and local businesses.</p>
<p>Each hub is different. One runs a pay-as-you-feel pantry and a repair café; another hosts a weekly clinic where a community nurse checks blood pressure and reviews medication. Several offer warm spaces in winter and holiday activities for children.</p>
<h2>What the fellowship added</h2>
<p>Siân joined the Systems Leadership Fellowship in 2024 with a new challenge: the hubs were thriving, but the wider system still treated them as a nice extra rather than part of how services are delivered. Her action learning set helped her reframe the problem around shared outcomes.</p>
<p>With Public Health Wales and researchers at the University of South Wales, the hubs agreed a common set of measures, from the number of people helped with debt to the number of GP appointments avoided through early support. For the first time, the health board and the council can see what the hubs contribute in terms they recognise.</p>
<p>"In 2020 we asked the groups to help us," Siân says. "Now they are the ones setting the agenda, and the council turns up to help them."</p>
<h2>Looking ahead</h2>
<p>The hubs have formed their own alliance, chaired by a volunteer from Treorchy, which now has a seat on the regional partnership board. Siân's next goal is a three-year funding agreement that lets the hubs plan beyond the next grant.</p>""",
        "themes": ["community-development", "co-design-and-co-production", "system-leadership"],
        "tags": ["food-insecurity", "volunteering", "cost-of-living", "evaluation"],
        "partners": [
            ("interlink-rct", "Supported groups through community asset transfer and fundraising"),
            ("public-health-wales", "Helped agree shared outcome measures for the hubs"),
            ("university-of-south-wales", "Researchers supported outcome measurement"),
            (
                "cwm-taf-morgannwg-university-health-board",
                "Community nurses run clinics in several hubs",
            ),
        ],
        "outcomes": [
            {
                "kind": "service_change",
                "description": "Community hubs run by local organisations in transferred or leased buildings",
                "value": "12",
                "unit": "hubs",
            },
            {
                "kind": "funding",
                "description": "Funding raised by hub groups from trusts, the National Lottery and local businesses",
                "value": "640000",
                "unit": "GBP",
            },
        ],
    },
]
