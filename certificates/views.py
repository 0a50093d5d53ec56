from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import codes
from .forms import VerifyForm
from .ratelimit import allow_verification
from .services import access, overview, rendering


def _rate_limited(request):
    response = render(request, "certificates/rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


@require_GET
def verify_form(request):
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        code = codes.display(form.cleaned_data["code"])
        return HttpResponseRedirect(reverse("certificates:verify", args=[code]))
    return render(request, "certificates/verify_form.html", {"form": form})


@require_GET
@never_cache
def verify(request, code):
    normalised = codes.normalise(code)
    if normalised and codes.display(normalised) != code:
        # Typed in lower case or without dashes: one canonical address per certificate.
        return HttpResponseRedirect(
            reverse("certificates:verify", args=[codes.display(normalised)])
        )
    if not allow_verification(request):
        return _rate_limited(request)
    certificate = access.verify(code) if normalised else None
    if certificate is None:
        form = VerifyForm(initial={"code": code})
        return render(
            request, "certificates/verify_not_found.html", {"form": form, "code": code}, status=404
        )
    return render(
        request,
        "certificates/verify_detail.html",
        access.public_check(certificate, today=timezone.localdate()),
    )


@login_required
@never_cache
def my_training(request):
    return render(
        request, "certificates/my_training.html", overview.training_overview(request.user)
    )


@login_required
@never_cache
def download(request, pk):
    return pdf_response(request, access.certificate_for_download(request.user, pk))


def pdf_response(request, certificate):
    """The certificate's PDF as a download, or a page asking to come back in a minute when it
    cannot be rendered just now. Whoever calls this has checked that the user may have it."""
    try:
        data = rendering.pdf_for_download(certificate)
    except rendering.PdfNotReady:
        response = render(
            request,
            "certificates/pdf_pending.html",
            {"certificate": certificate, "own": certificate.user_id == request.user.pk},
            status=503,
        )
        response["Retry-After"] = str(rendering.RENDER_RETRY_SECONDS)
        return response
    response = HttpResponse(data, content_type="application/pdf")
    filename = rendering.pdf_filename(certificate)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response
