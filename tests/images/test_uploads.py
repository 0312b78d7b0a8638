"""Uploads are checked by content before anything is stored, and stored clean."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from images.fields import CleanImageFormField
from images.uploads import MAX_BYTES, MAX_PIXELS
from tests.images.pictures import image_bytes, upload


def clean(file):
    return CleanImageFormField().clean(file)


@pytest.mark.parametrize("fmt,extension", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_each_accepted_format_is_stored_in_that_format(fmt, extension):
    cleaned = clean(upload(f"picture.{extension}", image_bytes(fmt)))
    assert cleaned.name == f"picture.{extension}"
    assert Image.open(cleaned).format == fmt


def test_a_png_named_jpg_is_judged_by_its_content_and_renamed():
    cleaned = clean(upload("holiday.jpg", image_bytes("PNG")))
    assert cleaned.name == "holiday.png"
    assert Image.open(cleaned).format == "PNG"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("notes.jpg", b"These are my meeting notes, not a photo.", "not an image we can read"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "not an image we can read",
        ),
        ("animation.jpg", image_bytes("GIF", mode="P", colour=3), "GIF files are not accepted"),
        ("scan.jpg", image_bytes("TIFF"), "TIFF files are not accepted"),
        ("empty.jpg", b"", "The submitted file is empty"),
    ],
)
def test_anything_else_is_refused_with_a_clear_message(name, content, message):
    with pytest.raises(ValidationError) as refused:
        clean(upload(name, content))
    assert message in " ".join(refused.value.messages)


def test_an_oversized_file_is_refused_before_it_is_decoded():
    big = upload("huge.jpg", b"\xff\xd8" + b"\0" * MAX_BYTES)
    with pytest.raises(ValidationError, match="images can be at most 20 MB"):
        clean(big)


@pytest.mark.parametrize("size", [(9000, 6000), (12000, 9000)], ids=["54-megapixels", "bomb"])
def test_too_many_pixels_is_a_form_error_not_a_crash(size):
    # Mode "1" keeps the test's own memory small; the file is a few kilobytes.
    content = image_bytes("PNG", size=size, mode="1")
    assert len(content) < 200_000 and size[0] * size[1] > MAX_PIXELS
    with pytest.raises(ValidationError, match="too many pixels"):
        clean(upload("small-file-big-image.png", content))


def test_a_truncated_image_is_refused():
    content = image_bytes("JPEG", size=(1200, 900))
    with pytest.raises(ValidationError, match="damaged or incomplete"):
        clean(upload("cut-off.jpg", content[: len(content) // 2]))


def test_gps_and_camera_metadata_are_removed():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0131] = "Camera app 1.0"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 3.0, 30.0), "E", (1.0, 9.0, 20.0)
    content = image_bytes("JPEG", size=(400, 300), exif=exif.tobytes())
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(0x8825), "the test image has GPS"

    stored = Image.open(clean(upload("phone.jpg", content)))
    assert not stored.getexif()
    assert not stored.getexif().get_ifd(0x8825)
    assert "exif" not in stored.info


def test_orientation_is_applied_before_metadata_goes():
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: rotate 90 degrees to show upright
    content = image_bytes("JPEG", size=(400, 300), exif=exif.tobytes())
    stored = Image.open(clean(upload("sideways.jpg", content)))
    assert stored.size == (300, 400)
    assert 0x0112 not in stored.getexif()


def test_a_phone_multi_picture_jpeg_is_accepted_as_jpeg():
    frames = [Image.new("RGB", (640, 480), c) for c in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "MPO", save_all=True, append_images=frames[1:])
    assert Image.open(io.BytesIO(out.getvalue())).format == "MPO"
    cleaned = CleanImageFormField().clean(upload("phone.jpg", out.getvalue()))
    assert Image.open(cleaned).format == "JPEG"
    assert (
        Image.open(cleaned).getpixel((0, 0)) == (254, 0, 0)
        or Image.open(cleaned).getpixel((0, 0))[0] > 240
    )


def test_a_transparent_palette_logo_keeps_its_transparency():
    logo = Image.new("P", (200, 100), 0)
    logo.putpalette([255, 0, 0] + [0, 0, 255] * 255)
    logo.paste(1, (50, 25, 150, 75))
    out = io.BytesIO()
    logo.save(out, "PNG", transparency=0)
    stored = Image.open(CleanImageFormField().clean(upload("logo.png", out.getvalue())))
    assert stored.mode == "RGBA"
    assert stored.getpixel((0, 0))[3] == 0, "the transparent colour stays transparent"
    assert stored.getpixel((100, 50))[:3] == (0, 0, 255)


def test_a_16_bit_greyscale_png_is_scaled_not_clipped():
    grey = Image.new("I;16", (64, 64), 32768)  # mid-grey in 16 bits
    out = io.BytesIO()
    grey.save(out, "PNG")
    stored = Image.open(CleanImageFormField().clean(upload("scan.png", out.getvalue())))
    assert 120 <= stored.convert("L").getpixel((0, 0)) <= 136
