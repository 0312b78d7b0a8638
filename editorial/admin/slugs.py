import secrets

from django.utils.text import slugify


class FillsEmptySlug:
    """ModelAdmin mixin: a slug left empty is made on the server.

    The admin's script fills slugs as editors type, but it drops letters it
    cannot spell in ASCII ("王小明" gives nothing). An empty slug is made from
    `slug_source` with Django's slugify, or, for a name with no Latin letters,
    from the model's name and a short random code, which the editor can change.
    """

    slug_source = "name"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "slug" not in form.base_fields:
            return form
        source, prefix = self.slug_source, self.model._meta.model_name

        def clean_slug(self_form):
            typed = self_form.cleaned_data.get("slug")
            made = slugify(self_form.data.get(source, ""))[:150]
            return typed or made or f"{prefix}-{secrets.token_hex(3)}"

        form = type(form.__name__, (form,), {"clean_slug": clean_slug})
        form.base_fields["slug"].required = False
        form.base_fields["slug"].help_text = "Leave empty to make one from the name."
        return form
