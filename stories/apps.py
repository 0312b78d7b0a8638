from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        # Models may be imported only once every app is loaded: here, as Django asks.
        from taggit.models import Tag

        from pagecache import signals as pagecache
        from pagecache.renewal import at_end
        from pagecache.versions import add_schedule, add_sweep
        from stories import tallies, tally_signals
        from stories.models import (
            Consideration,
            Evidence,
            Outcome,
            PanelMember,
            PathwayStep,
            SelectionRound,
            Story,
            StoryPartner,
            TaggedStory,
            Theme,
        )
        from stories.search import signals

        # What public pages show, directly or through a relation.
        pagecache.watch(
            Story, Theme, StoryPartner, Outcome, Evidence, PathwayStep, TaggedStory, Tag
        )
        pagecache.watch_relations(Story.themes.through, Story.partners.through)
        # A round's choices are marked on the public pages from its decision day.
        pagecache.watch(SelectionRound, PanelMember, Consideration)
        add_schedule(Story.objects.next_scheduled_change)
        add_schedule(SelectionRound.objects.next_decision)
        at_end(signals.refresh_noted)
        tally_signals.connect()
        at_end(tally_signals.count_noted)
        add_sweep(tallies.sweep)
