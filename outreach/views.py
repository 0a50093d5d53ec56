"""Pages outside the admin: the invite link, the organisation managers' page, and recording a
report made after the training."""


from allauth.account import app_settings as allauth_settings
from allauth.account.forms import SignupForm
from allauth.utils import get_form_class
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from redflag.lib.links import absolute_url
from redflag.lib.reauthentication import require_recent_password

from certificates import views as certificate_views
from certificates.services.bulk_downloads import BULK_KEEP_DAYS, bulk_file_response, write_roster

from . import invites
from .forms import InviteCodeForm, OutcomeReportForm, StaffOutcomeReportForm
from .models import learner_profiles, normalise_invite_code, organisation_by_invite_code
from .services import access, downloads, membership, outcomes, staff

PEOPLE_PER_PAGE = 100


@require_http_methods(["GET", "POST"])
@never_cache
def join(request, code):
    """The invite link a manager shares: remember the code, then sign up, sign in or confirm."""
    organisation = organisation_by_invite_code(code)
    if organisation is None:
        form = InviteCodeForm(initial={"code": code})
        return render(request, "outreach/join_unknown.html", {"form": form, "code": code},
                      status=404)
    user = request.user
    if not user.is_authenticated:
        # Remembered only for a visitor who is about to sign up, to fill in the profile step's
        # code; a signed-in learner joins only by confirming below.
        request.session[invites.SESSION_KEY] = organisation.invite_code
        signup_form_class = get_form_class(allauth_settings.FORMS, "signup", SignupForm)
        # The account first; the profile step then starts from the organisation (invites).
        signup_form = signup_form_class()
        return render(request, "outreach/join.html", {
            "organisation": organisation,
            "signup_form": signup_form,
            "login_url": f"{reverse('account_login')}?next={organisation.get_invite_path()}",
        })
    request.session.pop(invites.SESSION_KEY, None)
    profile = learner_profiles().filter(user=user).first()
    if profile is None:
        messages.info(request, _("Fill in your profile to join %(organisation)s.")
                      % {"organisation": organisation.name})
        back = urlencode({"next": organisation.get_invite_path()})
        return redirect(f"{reverse('profile')}?{back}")
    if request.method == "POST":
        membership.join_organisation(profile, organisation, by=user)
        messages.success(request, _("You joined %(organisation)s. Your manager can now see your "
                                    "training.") % {"organisation": organisation.name})
        return redirect("profile")
    return render(request, "outreach/join_confirm.html", {
        "organisation": organisation,
        "profile": profile,
        "already_member": profile.organisation_id == organisation.pk,
    })


@require_GET
def join_with_code(request):
    """The "I have a code" box: /join/?code=... goes to that code's invite link."""
    form = InviteCodeForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        code = normalise_invite_code(form.cleaned_data["code"])
        if code:
            return redirect("outreach:join", code)
    return render(request, "outreach/join_unknown.html", {"form": form, "code": ""})


@login_required
@require_GET
def my_organisation(request):
    organisation = access.managed_organisation(request.user)
    if organisation is None:
        raise Http404
    return redirect("outreach:organisation", organisation.pk)


@login_required
@require_GET
@never_cache
def organisation_detail(request, pk):
    organisation = access.organisation_for(request.user, pk)
    today = timezone.localdate()
    status = request.GET.get("status", "")
    if status not in staff.Status.LABELS:
        status = ""
    courses = staff.required_courses(organisation)
    counts = staff.status_counts(organisation, today=today, courses=courses)
    people = staff.organisation_people(organisation, today=today, status=status, courses=courses)
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    is_manager = access.manages(request.user, organisation)
    return render(request, "outreach/organisation.html", {
        "organisation": organisation,
        "counts": [(key, staff.Status.LABELS[key], counts[key])
                   for key in staff.Status.ORDER],
        "total": sum(counts.values()),
        "status": status,
        "page": page,
        "people": staff.person_rows(page.object_list, courses),
        # Named only when the group's courses are known: otherwise any course counts.
        "courses": [course for course in courses if course is not None],
        "today": today,
        "expiring_days": staff.EXPIRING_DAYS,
        "is_manager": is_manager,
        "downloads": (downloads.manager_downloads(request.user, organisation)[:5]
                      if is_manager else []),
        # Through the minimum cell size: a manager must not single out one of their staff.
        "outcome_reports": (outcomes.organisation_report_count(organisation)
                            if is_manager else None),
    })


@login_required
@require_GET
@never_cache
def certificate_pdf(request, pk, certificate_pk):
    """One staff member's certificate, from the organisation's page."""
    certificate = access.organisation_certificate(request.user, pk, certificate_pk)
    return certificate_views.pdf_response(request, certificate)


@login_required
@require_GET
@never_cache
def roster_csv(request, pk):
    """The roster an inspector asks for: names, positions, training and expiry dates."""
    organisation = access.organisation_for(request.user, pk)
    require_recent_password(request)  # a whole staff's names and training
    rows = staff.person_rows(staff.organisation_people(organisation))
    for row in rows:
        row.update(status=row["status_label"], group=organisation.group.name,
                   organisation=organisation.name, verify_url=_verify_url(row["code"]),
                   code=_display_code(row["code"]))
    response = HttpResponse(write_roster(rows), content_type="text/csv; charset=utf-8")
    filename = f"{slugify(organisation.name) or 'organisation'}-roster-{timezone.localdate()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _display_code(code: str) -> str:
    from certificates import codes

    return codes.display(code) if code else ""


def _verify_url(code: str) -> str:
    if not code:
        return ""
    return absolute_url(reverse("certificates:verify", args=[_display_code(code)]))


@login_required
@require_POST
def certificates_download_new(request, pk):
    """The manager asks for their staff's current certificates: built in the background."""
    organisation = access.organisation_managed_by(request.user, pk)
    require_recent_password(request)  # every current certificate of a whole staff
    bulk = downloads.start_certificates_download(request.user, organisation)
    if bulk is None:
        messages.info(request, _("No one at %(organisation)s holds a current certificate yet.")
                      % {"organisation": organisation.name})
        return redirect("outreach:organisation", organisation.pk)
    return redirect("outreach:certificates_download", organisation.pk, bulk.pk)


@login_required
@require_GET
@never_cache
def certificates_download(request, pk, download_pk):
    organisation, bulk = downloads.certificates_download_for(request.user, pk, download_pk)
    return render(request, "outreach/certificates_download.html", {
        "organisation": organisation,
        "bulk": bulk,
        "keep_days": BULK_KEEP_DAYS,
    })


@login_required
@require_GET
@never_cache
def certificates_download_file(request, pk, download_pk):
    organisation, bulk = downloads.certificates_download_for(request.user, pk, download_pk)
    if bulk.status != bulk.State.DONE or not bulk.file:
        return redirect("outreach:certificates_download", organisation.pk, bulk.pk)
    slug = slugify(organisation.name) or "organisation"
    day = timezone.localdate(bulk.created_at)
    return bulk_file_response(bulk, filename=f"{slug}-certificates-{day}.zip")


# Outcomes: a report made after the training ------------------------------------------------------

HOTLINE_PHONE = "1-888-373-7888"


@login_required
@require_GET
@never_cache
def outcome_list(request):
    """A learner's own records, each of which they may delete."""
    return render(request, "outreach/outcomes.html", {
        "reports": outcomes.reports_of(request.user),
        "may_record": outcomes.may_record(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def outcome_new(request):
    today = timezone.localdate()
    if not outcomes.may_record(request.user):
        messages.info(request, _("Once you pass a course and hold its certificate, you can "
                                 "record here that you made a report."))
        return redirect("outreach:outcomes")
    form = OutcomeReportForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        if _record(form, learner=request.user, by=request.user, today=today):
            messages.success(request, _("Thank you. Your report is counted. Redflag keeps only "
                                        "its date and who you reported to."))
            return redirect("outreach:outcomes")
    return render(request, "outreach/outcome_form.html", {
        "form": form, "hotline": HOTLINE_PHONE, "cancel_url": reverse("outreach:outcomes"),
    })


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def outcome_delete(request, pk):
    """Asks first (GET), then deletes (POST) one of the learner's own records; anyone else's
    is 404."""
    report = outcomes.report_of(request.user, pk)
    if request.method == "POST":
        outcomes.delete(report, by=request.user)
        messages.success(request, _("The record is deleted."))
        return redirect("outreach:outcomes")
    return render(request, "outreach/outcome_confirm_delete.html", {"report": report})


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def organisation_outcome_new(request, pk):
    """A manager records a report for a member of their own staff; any other organisation,
    or anyone not on its staff, is 404."""
    organisation = access.organisation_managed_by(request.user, pk)
    today = timezone.localdate()
    staff_members = list(outcomes.staff_with_certificates(organisation))
    form = StaffOutcomeReportForm(request.POST or None, today=today, staff=staff_members)
    if request.method == "POST":
        # A learner not among the choices is someone else's: 404, as their page would be.
        learner = (outcomes.staff_member(organisation, request.POST.get("learner"))
                   if (request.POST.get("learner") or "").isdigit() else None)
        if form.is_valid() and _record(form, learner=learner, by=request.user, today=today):
            messages.success(request, _("The report is counted. Redflag keeps only its date "
                                        "and who it went to."))
            return redirect("outreach:organisation", organisation.pk)
    return render(request, "outreach/outcome_form.html", {
        "form": form, "hotline": HOTLINE_PHONE, "organisation": organisation,
        "cancel_url": reverse("outreach:organisation", args=[organisation.pk]),
    })


def _record(form, *, learner, by, today) -> bool:
    """Record the form's report; a rule the service enforces shows next to its field."""
    try:
        outcomes.record(learner, reported_on=form.cleaned_data["reported_on"],
                        channel=form.cleaned_data["channel"], by=by, today=today)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True
