"""Every write that a public page could show replaces the content version."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from pagecache.versions import bump

# What public pages show, directly or through a relation.
WATCHED = [
    ("stories", "Story"),
    ("stories", "Theme"),
    ("stories", "StoryPartner"),
    ("stories", "Outcome"),
    ("stories", "TaggedStory"),
    ("taggit", "Tag"),
    ("participants", "Participant"),
    ("participants", "Organisation"),
    ("participants", "Cohort"),
    ("participants", "Programme"),
]


def content_changed(sender, raw=False, **kwargs):
    if not raw:
        bump()


for app_label, model_name in WATCHED:
    model = apps.get_model(app_label, model_name)
    for signal in (post_save, post_delete):
        signal.connect(content_changed, sender=model, dispatch_uid=f"pagecache-{model_name}")

for relation in (
    apps.get_model("stories", "Story").themes.through,
    apps.get_model("participants", "Participant").cohorts.through,
):
    m2m_changed.connect(content_changed, sender=relation, dispatch_uid=f"pagecache-{relation}")
