"""How a figure reads: one way for every page, the brochure and the headline sentence."""

from decimal import Decimal

# The unit outcomes in pounds are stored in (stories.models.normalise_unit).
POUNDS = "GBP"


def figure(value, unit: str = "") -> str:
    """£1,340,000 for pounds, else "6,200 people"; pence only where there are some."""
    if value is None:
        return ""
    amount = Decimal(value)
    places = 0 if amount == amount.to_integral_value() else 2
    number = f"{amount:,.{places}f}"
    if unit == POUNDS:
        return f"£{number}"
    return f"{number} {unit}".strip()
