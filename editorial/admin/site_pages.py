"""The accessibility statement, privacy notice and contact page, as editors edit them."""

from django import forms
from django.contrib import admin

from editorial.admin.media import NoncedMediaAdmin
from editorial.admin.writes import OneRenewalPerWrite
from editorial.site_page_services import save_site_page
from sitepages.models import SitePage


@admin.register(SitePage)
class SitePageAdmin(OneRenewalPerWrite, NoncedMediaAdmin, admin.ModelAdmin):
    list_display = ["title", "address", "last_reviewed_on", "updated_at"]
    fields = ["title", "summary", "body", "last_reviewed_on"]
    readonly_fields = []
    view_on_site = True

    # The set is fixed (made by the migrations, linked from every page's footer).
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "summary":  # a sentence or two: room to read it whole
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        save_site_page(page=obj, by=request.user)

    @admin.display(description="Address")
    def address(self, obj):
        return obj.get_absolute_url()
