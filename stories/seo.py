"""Structured data for search engines and link previews."""

from django.conf import settings

from images.renditions import largest


def article_data(story, request) -> dict:
    """schema.org Article for a story page, built only from public fields."""
    participant = story.participant
    author = {"@type": "Person", "name": participant.name}
    if participant.job_title:
        author["jobTitle"] = participant.job_title
    if participant.organisation:
        author["worksFor"] = {"@type": "Organization", "name": participant.organisation.name}
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.title[:110],
        "description": story.summary,
        "datePublished": story.published_at.isoformat(),
        "dateModified": story.updated_at.isoformat(),
        "author": author,
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "mainEntityOfPage": request.build_absolute_uri(story.get_absolute_url()),
        "about": [theme.name for theme in story.themes.all()],
        "keywords": [tag.name for tag in story.tags.all()],
    }
    if image := largest(story, "hero_image", "og"):
        data["image"] = request.build_absolute_uri(image["url"])
    return data
