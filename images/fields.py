from django import forms
from django.db import models

from images.uploads import clean_upload


class CleanImageFormField(forms.ImageField):
    """An image upload checked by content and stored without metadata."""

    def to_python(self, data):
        if data in self.empty_values or not getattr(data, "size", 0):
            return super().to_python(data)
        return super().to_python(clean_upload(data))


class CleanImageField(models.ImageField):
    """An ImageField whose uploads go through images.uploads.clean_upload."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CleanImageFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs
