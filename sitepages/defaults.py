"""The accessibility statement, privacy notice and contact page a fresh site starts with.

A starting point for the programme team to make true of their own site (their
address, their contact, the date they last tested), in the admin. The
accessibility statement follows the UK government's sample statement (gov.uk,
"Sample accessibility statement"); the privacy notice says what UK GDPR asks a
notice to say. Written as the formatting toolbar writes (paragraphs in list
items), so an editor's first save changes only what they change.
"""

import datetime as dt

PREPARED_ON = dt.date(2026, 12, 6)
PREPARED_DATE = f"{PREPARED_ON.day} {PREPARED_ON:%B %Y}"  # "6 December 2026"
CONTACT = "stories@example.org"

ACCESSIBILITY = f"""
<p>This accessibility statement applies to the Stories of Impact website: its stories, themes,
people, organisations, search, impact report and printable brochures.</p>
<p>This website is run by the leadership programme's team. We want as many people as possible
to be able to use it. For example, that means you should be able to:</p>
<ul>
<li><p>change colours, contrast levels and fonts using your browser or device settings</p></li>
<li><p>zoom in up to 400% without the text spilling off the screen</p></li>
<li><p>navigate the whole website using just a keyboard or speech recognition software</p></li>
<li><p>listen to the website using a screen reader (including recent versions of JAWS, NVDA and
VoiceOver)</p></li>
</ul>
<p>We have also made the website's own text as simple as possible to understand.</p>
<p><a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making your device
easier to use if you have a disability.</p>
<h2>How accessible this website is</h2>
<p>We know some parts of this website are not fully accessible:</p>
<ul>
<li><p>the charts on the impact report are pictures: the same figures are in a table with each
chart, and that table is the accessible version</p></li>
<li><p>the printable brochures are made by your browser from a web page, so how well a PDF
saved from one works with a screen reader depends on the browser: the web page is the
accessible version</p></li>
<li><p>stories are written by and with programme participants, and some use the language of
public services (for example "Section 75 agreement") without explaining it</p></li>
</ul>
<h2>Feedback and contact information</h2>
<p>If you need information on this website in a different format, like accessible PDF, large
print, easy read, audio recording or braille, email
<a href="mailto:{CONTACT}">{CONTACT}</a>. Tell us the web address of the page and the format
you need.</p>
<p>We will consider your request and get back to you within 5 working days.</p>
<h2>Reporting accessibility problems with this website</h2>
<p>We are always looking to improve the accessibility of this website. If you find any
problems not listed on this page, or think we are not meeting accessibility requirements,
email <a href="mailto:{CONTACT}">{CONTACT}</a>.</p>
<h2>Enforcement procedure</h2>
<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the
"accessibility regulations"). If you are not happy with how we respond to your complaint,
contact the <a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support
Service (EASS)</a>. In Northern Ireland, contact the
<a href="https://www.equalityni.org/">Equality Commission for Northern Ireland</a>.</p>
<h2>Technical information about this website's accessibility</h2>
<p>The programme is committed to making its website accessible, in accordance with the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.</p>
<h3>Compliance status</h3>
<p>This website is partially compliant with the
<a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version 2.2</a>
AA standard, due to the non-compliances listed below.</p>
<h2>Non-accessible content</h2>
<p>The content listed below is non-accessible for the following reasons.</p>
<h3>Non-compliance with the accessibility regulations</h3>
<ul>
<li><p>A PDF saved from a printable brochure may not carry the headings and reading order of
the web page to a screen reader. This fails WCAG 2.2 success criterion 1.3.1 (Info and
relationships). The brochure's web page has the same content and is accessible; ask us if
you need the brochure in another format.</p></li>
</ul>
<h3>Disproportionate burden</h3>
<p>We are not claiming disproportionate burden for any part of this website.</p>
<h3>Content that is not within the scope of the accessibility regulations</h3>
<p>None that we know of.</p>
<h2>What we are doing to improve accessibility</h2>
<p>Every type of page on this website is checked automatically each time the website
changes (see below). We plan to have the website tested by disabled people and by an
accessibility specialist, and will update this statement with what they find.</p>
<h2>Preparation of this accessibility statement</h2>
<p>This statement was prepared on {PREPARED_DATE}.</p>
<p>This website was last tested on {PREPARED_DATE} against the WCAG 2.2 AA standard.
The test was carried out by the website's developers. Every type of public page (the home
page, a story, story lists and search, themes, people and organisations, the impact report,
the brochures and the page shown for an address that does not exist) is tested on every
change: with the axe accessibility checker in the Chromium browser, with the Nu HTML Checker,
at phone and desktop widths, and by keyboard. Automated checks find only some problems.</p>
"""

PRIVACY = f"""
<p>This notice explains what personal information the Stories of Impact website holds and
publishes, why, and what you can ask us to do with it.</p>
<h2>Who is responsible for your information</h2>
<p>The leadership programme's team runs this website and is the controller of the personal
information on it. You can contact the team at <a href="mailto:{CONTACT}">{CONTACT}</a>.</p>
<h2>What we publish about programme participants</h2>
<p>A story is about a person who took part in the programme. With their agreement, we
publish:</p>
<ul>
<li><p>their name, job title and organisation, and the programme and cohort they joined</p></li>
<li><p>their story: what they did, who they worked with and what changed</p></li>
<li><p>their photograph and their own words (quotes), only if they agreed to each</p></li>
</ul>
<h2>Our lawful basis: consent</h2>
<p>We publish a participant's information only with their consent (UK GDPR, Article 6(1)(a)).
We keep the exact words they agreed to and when. A participant reads and approves their story
before it is published.</p>
<h2>What we keep and do not publish</h2>
<ul>
<li><p>a participant's email address, to send them their story to approve</p></li>
<li><p>the history of their consent: who recorded it, when, and what changed</p></li>
<li><p>when a story was approved, and a scrambled (hashed) form of the network address it
was approved from, as evidence of the approval</p></li>
<li><p>for staff who edit the website: their account, and failed attempts to sign in (with
the network address they came from), to protect accounts from password guessing</p></li>
</ul>
<h2>How long we keep it</h2>
<p>A story stays on the website while the participant's consent stands. If consent ends or is
withdrawn, their stories and photograph come off the website at once. We keep the record of
what they agreed to and when they withdrew, as evidence; everything else we erase when they
ask us to. Printed brochures already given out cannot be recalled.</p>
<h2>Your rights</h2>
<p>You have the right to:</p>
<ul>
<li><p>ask for a copy of the information we hold about you (a subject access request)</p></li>
<li><p>ask us to correct information that is wrong</p></li>
<li><p>ask us to erase your information: we remove you and your stories, and keep only a note
that an erasure took place</p></li>
<li><p>withdraw your consent at any time, without giving a reason</p></li>
</ul>
<p>To do any of these, email <a href="mailto:{CONTACT}">{CONTACT}</a>. We will reply within one
month.</p>
<h2>Cookies</h2>
<p>This website sets no cookies for readers, and uses no analytics, advertising or tracking.
Everything on its pages comes from this website. Two cookies are used only where a form needs
them, and are strictly necessary:</p>
<ul>
<li><p>"csrftoken" protects a form from being sent by another website (when a
participant approves their story, or staff sign in)</p></li>
<li><p>"sessionid" keeps staff signed in while they edit the website</p></li>
</ul>
<h2>How to complain</h2>
<p>If you are unhappy with how we have used your information, please tell us first. You can
also complain to the
<a href="https://ico.org.uk/make-a-complaint/">Information Commissioner's Office (ICO)</a>,
or call its helpline on 0303 123 1113.</p>
"""

CONTACT_PAGE = f"""
<p>Email the programme team at <a href="mailto:{CONTACT}">{CONTACT}</a>. We aim to reply
within 5 working days.</p>
<h2>What to contact us about</h2>
<ul>
<li><p>a story, a correction, or a story you would like us to tell</p></li>
<li><p>this website in another format, or an accessibility problem (see our
<a href="/accessibility/">accessibility statement</a>)</p></li>
<li><p>your personal information, or withdrawing your consent (see our
<a href="/privacy/">privacy notice</a>)</p></li>
<li><p>joining the programme or working with it</p></li>
</ul>
"""

PAGES = [
    (
        "accessibility",
        "Accessibility statement",
        "How accessible this website is, how to ask for another format, and how to report a "
        "problem.",
        ACCESSIBILITY,
    ),
    (
        "privacy",
        "Privacy notice",
        "What personal information this website publishes and keeps, why, and your rights.",
        PRIVACY,
    ),
    (
        "contact",
        "Contact us",
        "How to reach the programme team.",
        CONTACT_PAGE,
    ),
]


def add_missing(model) -> None:
    """Make each page that is missing with its default text (`model`: SitePage, or the
    migration's historical copy of it). Pages already there are left as they are."""
    for slug, title, summary, body in PAGES:
        model.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": summary,
                "body": body.strip(),
                "last_reviewed_on": PREPARED_ON,
            },
        )
