"""Pictures for the demo content, drawn here with Pillow (nothing is downloaded).

Each picture is drawn from a seed (the object's slug), so the same demo gets
the same pictures, and each comes with alt text that says what is drawn.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

PALETTE = {
    "teal": (0, 105, 112),
    "navy": (28, 45, 92),
    "gold": (230, 170, 40),
    "coral": (226, 96, 80),
    "leaf green": (76, 140, 60),
    "plum": (112, 48, 110),
    "sky blue": (86, 160, 214),
    "sand": (222, 200, 160),
}


def _colours(rng: random.Random, count: int) -> list[tuple[str, tuple[int, int, int]]]:
    return rng.sample(list(PALETTE.items()), count)


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalpha())[:2].upper() or "?"


def _font(size: int):
    return ImageFont.load_default(size=size)


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=88)
    return out.getvalue()


def hero(seed: str) -> tuple[bytes, str]:
    """A 1600 by 1000 abstract picture of overlapping circles, and its alt text."""
    rng = random.Random(seed)
    (back_name, back), (one_name, one), (two_name, two) = _colours(rng, 3)
    image = Image.new("RGB", (1600, 1000), back)
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for index in range(rng.randint(6, 10)):
        colour = one if index % 2 else two
        radius = rng.randint(120, 420)
        x, y = rng.randint(0, 1600), rng.randint(0, 1000)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*colour, 150))
    image.paste(layer.filter(ImageFilter.GaussianBlur(2)), mask=layer)
    alt = f"Abstract illustration: overlapping {one_name} and {two_name} circles on {back_name}."
    return _jpeg(image), alt


def portrait(name: str) -> tuple[bytes, str]:
    """A 600 by 600 illustrated portrait: head and shoulders with the person's initials."""
    rng = random.Random(name)
    (back_name, back), (_, figure) = _colours(rng, 2)
    image = Image.new("RGB", (600, 600), back)
    draw = ImageDraw.Draw(image)
    draw.ellipse((200, 110, 400, 310), fill=figure)
    draw.ellipse((110, 330, 490, 720), fill=figure)
    draw.text((300, 210), _initials(name), font=_font(84), fill="white", anchor="mm")
    return _jpeg(image), f"Illustrated portrait of {name} on a {back_name} background."


def logo(name: str) -> tuple[bytes, str]:
    """A 480 by 240 logo with a transparent background: a badge and the initials."""
    rng = random.Random(name)
    ((_, colour),) = _colours(rng, 1)
    image = Image.new("RGBA", (480, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((20, 20, 460, 220), radius=48, fill=(*colour, 255))
    draw.text((240, 120), _initials(name), font=_font(110), fill="white", anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue(), f"{name} logo"
