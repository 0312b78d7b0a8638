"""The partner network: organisations on a circle, grouped by kind, joined by shared stories.

Names run along the radius, outward from each circle, so neighbours fan apart rather
than overlap however many organisations there are. A long name is wrapped onto as many
lines as there is room for between neighbours, never cut short: "London Borough of
Tower Hamlets" is read whole in the picture, not as "London Borough of To…".
"""

import math
import re
from dataclasses import dataclass

from .frame import EMPTY_HEIGHT, EMPTY_WIDTH, Frame
from .text import LINE_HEIGHT, CentredLines, lines_width, wrap_within

PAD = 8.0
FONT = 12.0
NODE_SMALLEST, NODE_LARGEST = 4.0, 12.0  # radius of a node with no stories / the most
LINK_THINNEST, LINK_THICKEST = 1.0, 6.0
LABEL_GAP = 4.0  # between a circle and its name
LABEL_MAX = 150.0  # a line of a name; a name that needs more lines than fit runs wider
SMALLEST_RING = 120.0
# Centres of neighbouring nodes are at least this far apart along the ring: the largest
# circles do not touch, and (being wider than a line of text) neither do their names.
SPACING = 2 * NODE_LARGEST + 4


@dataclass(frozen=True)
class DrawnNode(CentredLines):
    node: object  # the NetworkNode: name, href, kind_label, stories
    x: float
    y: float
    r: float
    css_class: str  # "kind-nhs": the colour of its kind
    lines: tuple[str, ...]  # the whole name, wrapped
    label_x: float
    label_y: float
    anchor: str  # "start" on the right of the circle, "end" on the left
    angle: float  # of the label's line, in degrees clockwise from pointing right
    transform: str  # turns the label about (label_x, label_y) so it reads left to right


@dataclass(frozen=True)
class DrawnLink:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    stories: int
    source: str  # the organisations' names
    target: str


@dataclass(frozen=True)
class KindKey:
    label: str
    css_class: str
    organisations: int


@dataclass(frozen=True)
class NetworkChart(Frame):
    nodes: list[DrawnNode]  # as given: most stories first
    links: list[DrawnLink]  # fewest stories first, so the thickest lines are drawn on top
    legend: list[KindKey]

    @property
    def is_empty(self) -> bool:
        return not self.nodes

    @property
    def links_strongest_first(self) -> list[DrawnLink]:
        return self.links[::-1]


def kind_class(kind: str) -> str:
    """The CSS class that colours a kind: "local_authority" is "kind-local-authority"."""
    return "kind-" + (re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-") or "other")


def _ring_angles(nodes) -> dict[int, float]:
    """Each node's angle (degrees from the top, clockwise), kinds together, a space between."""
    groups: dict[str, list] = {}
    for node in nodes:
        groups.setdefault(node.kind, []).append(node)
    slots = len(nodes) + (len(groups) if len(groups) > 1 else 0)
    angles, slot = {}, 0
    for group in groups.values():
        for node in group:
            angles[node.organisation_id] = -90 + 360 * slot / slots
            slot += 1
        slot += 1
    return angles


def _node_radius(stories: int, most: int) -> float:
    # The area, not the radius, grows with the stories.
    share = math.sqrt(max(stories, 0) / most) if most > 0 else 0.0
    return round(NODE_SMALLEST + (NODE_LARGEST - NODE_SMALLEST) * share, 1)


def _lines_between_neighbours(ring: float, slots: int, nodes: int) -> int:
    """How many lines of a name fit between the starts of two neighbouring names."""
    if nodes < 2:
        return 3
    start = ring + NODE_SMALLEST + LABEL_GAP
    apart = 2 * start * math.sin(math.pi / max(slots, 2))
    return max(1, min(3, int((apart - FONT / 2) // (FONT * LINE_HEIGHT))))


def network_chart(network, *, chart_id: str, title: str, description: str) -> NetworkChart:
    """The network's nodes on a ring and its links as lines between them."""
    nodes = network.nodes
    if not nodes:
        return NetworkChart(
            chart_id, title, description, EMPTY_WIDTH, EMPTY_HEIGHT, FONT, [], [], []
        )
    angles = _ring_angles(nodes)
    ring = max(SMALLEST_RING, SPACING * len(angles) / (2 * math.pi))
    most_lines = _lines_between_neighbours(ring, len(angles), len(nodes))
    labels = {
        node.organisation_id: tuple(wrap_within(node.name, LABEL_MAX, FONT, most_lines))
        for node in nodes
    }
    label_room = max(lines_width(lines, FONT) for lines in labels.values())
    # Across the radius a label is as high as its lines (half each side of the radius).
    across = max(len(lines) for lines in labels.values()) * FONT * LINE_HEIGHT / 2
    size = round(2 * (PAD + ring + NODE_LARGEST + LABEL_GAP + label_room + across), 1)
    centre = size / 2
    most = max(node.stories for node in nodes)
    drawn = {}
    for node in nodes:
        angle = angles[node.organisation_id]
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        r = _node_radius(node.stories, most)
        label_x = round(centre + (ring + r + LABEL_GAP) * cos, 1)
        label_y = round(centre + (ring + r + LABEL_GAP) * sin, 1)
        on_right = cos > -1e-9
        turn = round(angle if on_right else angle - 180, 1)  # text on the left is not upside down
        drawn[node.organisation_id] = DrawnNode(
            node=node,
            x=round(centre + ring * cos, 1),
            y=round(centre + ring * sin, 1),
            r=r,
            css_class=kind_class(node.kind),
            lines=labels[node.organisation_id],
            label_x=label_x,
            label_y=label_y,
            anchor="start" if on_right else "end",
            angle=angle,
            transform=f"rotate({turn} {label_x} {label_y})",
        )
    return NetworkChart(
        chart_id,
        title,
        description,
        size,
        size,
        FONT,
        nodes=list(drawn.values()),
        links=_links(network.links, drawn),
        legend=_legend(drawn.values()),
    )


def _links(links, drawn) -> list[DrawnLink]:
    shown = [
        link
        for link in links
        if link.source in drawn and link.target in drawn and link.source != link.target
    ]
    most = max((link.stories for link in shown), default=0)
    lines = []
    for link in sorted(shown, key=lambda link: link.stories):
        a, b = drawn[link.source], drawn[link.target]
        share = max(link.stories, 0) / most if most > 0 else 0.0
        width = round(LINK_THINNEST + (LINK_THICKEST - LINK_THINNEST) * share, 1)
        lines.append(DrawnLink(a.x, a.y, b.x, b.y, width, link.stories, a.node.name, b.node.name))
    return lines


def _legend(drawn) -> list[KindKey]:
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for node in drawn:
        counts[node.css_class] = counts.get(node.css_class, 0) + 1
        labels.setdefault(node.css_class, node.node.kind_label)
    return [KindKey(labels[css], css, n) for css, n in counts.items()]
