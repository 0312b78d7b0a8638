"""Reference pages for `make bench`, mounted only when BENCH_REFERENCE_HTML is set.

`bare_page` renders a template that needs no data (Django's own ceiling on this
machine, through the same middleware as every page); the same HTML is also
served as a static file by WhiteNoise, the ceiling for any dynamic page.
"""

from pathlib import Path

from django.http import HttpResponse
from django.template import Context, Template


def bare_page_view(html_path: str):
    template = Template(Path(html_path).read_text(encoding="utf-8"))

    def bare_page(request):
        return HttpResponse(template.render(Context({})))

    return bare_page
