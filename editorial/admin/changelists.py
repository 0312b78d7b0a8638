"""The admin's lists, answering any date their date hierarchy is given.

Django checks that `?<field>__year=&__month=&__day=` make a date, but not that the
day, month or year after it does: `year=9999` (with or without December 31st) is
a date whose end is past `datetime`'s range, an OverflowError or ValueError, a 500.
Such a period is a wacky lookup like any other: the list without it, "?e=1".
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class DatesInRangeChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as problem:
            raise IncorrectLookupParameters(problem) from problem


class DatesInRange:
    """Mixed into a ModelAdmin with a `date_hierarchy`."""

    def get_changelist(self, request, **kwargs):
        return DatesInRangeChangeList
