"""Form rendering for the public site.

`{{ form }}` renders an error summary that links to each field, then every field with
its label, hint and inline error wired to the input through aria-describedby
(templates/components/). The Wagtail admin renders its own fields and is unaffected.
"""

from django.forms.renderers import TemplatesSetting


class SerambiFormRenderer(TemplatesSetting):
    # TemplatesSetting renders with the project's template engine, so the components in
    # forum_site/templates are found; Django's widget templates come from the
    # "django.forms" app in INSTALLED_APPS.
    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
