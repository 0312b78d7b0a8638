"""Charts for the impact page, laid out in Python and drawn as SVG by templates/impact/charts/.

Each function returns a dataclass holding every coordinate, class and label its template
needs, so a template does arithmetic on nothing and asks the database for nothing. The
page's Content-Security-Policy allows no inline style: colours come from classes in
static/css/impact.css.
"""

from .bars import Bar, BarChart, bar_chart, bars_from_kinds
from .coverage import CoverageChart, coverage_chart
from .network import NetworkChart, kind_class, network_chart
from .pathway import PathwayChart, pathway_chart

__all__ = [
    "Bar",
    "BarChart",
    "CoverageChart",
    "NetworkChart",
    "PathwayChart",
    "bar_chart",
    "bars_from_kinds",
    "coverage_chart",
    "kind_class",
    "network_chart",
    "pathway_chart",
]
