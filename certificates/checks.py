"""Start-up check: certificates render ten times slower without HarfBuzz's subsetter."""

from django.core.checks import Warning, register


@register()
def harfbuzz_subset_available(app_configs, **kwargs):
    try:
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except Exception as error:  # WeasyPrint's own system libraries (Pango) are missing
        return [
            Warning(
                f"WeasyPrint cannot load its system libraries ({error}); "
                "certificates cannot render.",
                hint="Install Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0).",
                id="certificates.W002",
            )
        ]
    if harfbuzz_subset is None or not harfbuzz.hb_version_atleast(4, 1, 0):
        return [
            Warning(
                "HarfBuzz's subset library (>= 4.1) cannot be loaded: WeasyPrint will subset "
                "certificate fonts with fontTools, about ten times slower.",
                hint="Install libharfbuzz-subset0 (Debian/Ubuntu) and restart.",
                id="certificates.W001",
            )
        ]
    return []
