"""The demo's drawn pictures: a cover for each theme, wordmark logos, alt text that says
what is shown, the same bytes every time, and files the upload checks accept."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from demo import motifs, pictures
from demo.loader import read
from images.uploads import clean_upload

THEMES = {row["slug"]: row["name"] for row in read("themes")}
CARD_CROP_MARGIN = 50  # a 3:2 card cut from a 1600 by 1000 cover loses 50 pixels a side


def cover(slug: str, seed: str = "a-story") -> tuple[Image.Image, str]:
    content, alt = pictures.cover(seed=seed, theme_slug=slug, theme_name=THEMES.get(slug, slug))
    return Image.open(io.BytesIO(content)), alt


def dominant(image: Image.Image) -> tuple[int, int, int]:
    """The colour most of the picture is, as a reader would name it at a glance."""
    small = image.convert("RGB").reduce(8)
    return max(small.getcolors(maxcolors=small.width * small.height))[1]


def near(one, two, tolerance: int = 6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(one, two, strict=True))


def test_each_theme_has_a_cover_of_its_own_colour():
    colours = {slug: dominant(cover(slug)[0]) for slug in THEMES}
    assert len(set(colours.values())) == len(THEMES), colours
    for slug, colour in colours.items():
        assert near(colour, motifs.for_theme(slug).palette.background), slug
    pixels = {hashlib.sha256(cover(slug)[0].tobytes()).hexdigest() for slug in THEMES}
    assert len(pixels) == len(THEMES)


def test_the_same_story_gets_the_same_bytes_every_time():
    first = pictures.cover(seed="a-story", theme_slug="system-leadership", theme_name="System")
    second = pictures.cover(seed="a-story", theme_slug="system-leadership", theme_name="System")
    assert first == second
    assert pictures.logo("Suffolk Mind", "vcs") == pictures.logo("Suffolk Mind", "vcs")


def test_two_stories_under_one_theme_share_its_look_but_not_its_picture():
    one, _ = cover("community-development", seed="barnsley-warm-spaces")
    two, _ = cover("community-development", seed="rhondda-cynon-taf-community-owned-hubs")
    assert one.tobytes() != two.tobytes()
    assert dominant(one) == dominant(two)


@pytest.mark.parametrize(
    ("slug", "drawn"),
    [
        ("health-inequalities", "heart crossed by a dark pulse line"),
        ("system-leadership", "circles joined by lines into a network"),
        ("community-development", "a row of houses with people in front"),
        ("co-design-and-co-production", "a circle, a square and a triangle overlapping"),
    ],
)
def test_cover_alt_text_says_what_is_drawn_and_the_words_set_in_it(slug, drawn):
    _, alt = cover(slug)
    assert alt.startswith("Illustration: ")
    assert drawn in alt
    assert f"“{THEMES[slug]}”" in alt, "words inside a picture are not read out: the alt says them"


def test_every_demo_theme_has_its_own_illustration_and_a_new_theme_still_gets_one():
    assert set(THEMES) <= set(motifs.MOTIFS)
    assert len({motif.describe for motif in motifs.MOTIFS.values()}) == len(motifs.MOTIFS)
    image, alt = cover("a-theme-added-later")
    assert image.size == pictures.COVER_SIZE
    assert "“a-theme-added-later”" in alt


@pytest.mark.parametrize("slug", [*THEMES, "a-theme-added-later"])
def test_the_words_stay_inside_the_card_crop(slug):
    image, _ = cover(slug)
    background = motifs.for_theme(slug).palette.background
    edge = image.crop((0, 0, CARD_CROP_MARGIN, image.height)).convert("RGB")
    low, high = zip(*edge.getextrema(), strict=True)
    assert near(low, background) and near(high, background), "something is drawn in the cut"
    ink = motifs.for_theme(slug).palette.ink
    type_column = image.crop((CARD_CROP_MARGIN, 0, motifs.AREA[0] - 60, image.height))
    colours = type_column.convert("RGB").getcolors(maxcolors=1 << 20)
    inked = sum(count for count, colour in colours if near(colour, ink, 24))
    assert inked > 5_000, "the theme's name is set in the type column, in the theme's ink"


def test_covers_and_logos_pass_the_upload_checks():
    content, _ = pictures.cover(seed="x", theme_slug="health-inequalities", theme_name="Health")
    cleaned = clean_upload(SimpleUploadedFile("cover.jpg", content))
    assert cleaned.content_type == "image/jpeg"
    content, _ = pictures.logo("Leeds City Council", "local_authority")
    cleaned = clean_upload(SimpleUploadedFile("logo.png", content))
    assert cleaned.content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Peabody", "other"), ("NHS Suffolk and North East Essex Integrated Care Board", "nhs")],
)
def test_a_logo_is_the_name_in_the_colour_of_its_kind_on_nothing(name, kind):
    content, alt = pictures.logo(name, kind)
    image = Image.open(io.BytesIO(content))
    assert image.mode == "RGBA" and image.getpixel((image.width - 1, 0))[3] == 0
    opaque = [colour for count, colour in image.getcolors(1 << 20) if colour[3] == 255]
    assert {colour[:3] for colour in opaque} == {pictures.KIND_COLOURS[kind]}
    assert alt == f"{name} logo"


def test_every_demo_logo_reads_at_the_width_pages_show_it():
    shown_at, smallest_readable = 120, 11  # CSS pixels: organisation pages show logos 120 wide
    for organisation in read("organisations"):
        content, _ = pictures.logo(organisation["name"], organisation["kind"])
        width = Image.open(io.BytesIO(content)).width
        assert pictures.LOGO_TYPE * shown_at / width >= smallest_readable, organisation["name"]
