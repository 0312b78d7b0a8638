"""Word banks for synthetic stories (data/words.json): UK public-sector people and places."""

import json
from pathlib import Path

_WORDS = json.loads((Path(__file__).parent / "data" / "words.json").read_text(encoding="utf-8"))

PLACES: list[str] = _WORDS["places"]
FIRST_NAMES: list[str] = _WORDS["first_names"]
SURNAMES: list[str] = _WORDS["surnames"]
JOB_TITLES: list[str] = _WORDS["job_titles"]
TITLE_PATTERNS: list[str] = _WORDS["title_patterns"]
PARAGRAPHS: list[str] = _WORDS["paragraphs"]
QUOTES: list[str] = _WORDS["quotes"]
ROLES: list[str] = _WORDS["roles"]
TAGS: list[str] = _WORDS["tags"]
# (organisation kind, name pattern)
ORGANISATION_PATTERNS: list[tuple[str, str]] = [
    (row["kind"], row["pattern"]) for row in _WORDS["organisation_patterns"]
]
# (description, outcome kind, lowest value, highest value, unit); 0, 0 and no unit: no figure
OUTCOME_PATTERNS: list[tuple[str, str, int, int, str]] = [
    (row["description"], row["kind"], row["lowest"], row["highest"], row["unit"])
    for row in _WORDS["outcome_patterns"]
]
