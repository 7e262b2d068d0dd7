"""A day's work in the staff console, in headless Chromium: sign in, search,
preview a resume, decide a duplicate and undo the merge, the rehire check
(refused for a recruiter, overridden by an hr_admin), German, and the wall
between tenants. Each step leaves a screenshot (tests/console/conftest.py)."""

import re

from playwright.sync_api import Page, expect

from apps.applications.models import StageChange
from apps.audit.models import AuditEvent
from apps.candidates.models import DuplicateReview, Merge
from apps.tenants.context import tenant_context
from tests.conftest import PASSWORD, SEEDED
from tests.console.conftest import HR, RECRUITER_USER, Console, shot, sign_in


def test_staff_sign_in_see_todays_numbers_and_find_a_candidate(page: Page, console: Console) -> None:
    sign_in(page, console, HR)
    dashboard = page.locator("#console-dashboard")
    expect(dashboard).to_contain_text("New candidates today")
    expect(dashboard).to_contain_text("Rehire flags to review")
    shot(page, "01-home")
    page.goto(f"{console.base_url}/admin/candidates/candidate/")
    page.fill("#searchbar", "Lovelace")
    page.press("#searchbar", "Enter")
    page.wait_for_load_state()
    results = page.locator("#result_list")
    expect(results).to_contain_text("Ada Lovelace")
    expect(results).not_to_contain_text("Grace Hopper")
    shot(page, "02-search")


def test_the_resume_preview_shows_the_pages_and_the_read_is_audited(page: Page, console: Console) -> None:
    sign_in(page, console, RECRUITER_USER)
    page.goto(f"{console.base_url}/admin/candidates/candidate/{console.ada.pk}/change/")
    page.click("a.resume-preview")
    page.wait_for_load_state()
    first = page.locator("img.resume-page").first
    expect(first).to_be_visible()
    page.wait_for_function("() => [...document.querySelectorAll('img.resume-page')].every(i => i.naturalWidth > 0)")
    assert first.evaluate("image => image.naturalWidth") > 300
    expect(page.locator("body")).to_contain_text("Extracted fields")
    shot(page, "03-resume-preview", height=1500)
    with tenant_context(console.tenant, actor="test"):
        reads = AuditEvent.objects.filter(
            object_type="candidates_resume", object_id=str(console.resume.pk), action="read"
        )
        assert reads.filter(actor=f"user:{console.recruiter.pk}", changes__page=1).exists()


def test_a_duplicate_is_decided_same_and_the_merge_undone(page: Page, console: Console) -> None:
    sign_in(page, console, HR)
    page.goto(f"{console.base_url}/admin/candidates/duplicatereview/")
    row = page.locator("#result_list tbody tr", has_text="Grace Hopper")
    expect(row).to_have_count(1)
    shot(page, "04-duplicate-queue")
    with tenant_context(console.tenant, actor="test"):
        review = DuplicateReview.objects.get()

    # The candidate's page lists the same pair, with the reasons and a link to the review.
    page.goto(f"{console.base_url}/admin/candidates/candidate/{review.candidate_id}/change/")
    panel = page.locator("#duplicates-panel")
    expect(panel.locator("tr.duplicate")).to_have_count(1)
    expect(panel).to_contain_text(f"#{review.other_id} Grace Hopper")
    expect(panel).to_contain_text("same location")
    expect(panel.locator("a.duplicate-review")).to_have_text("open")
    shot(page, "04b-duplicates-panel", element="#duplicates-panel")
    panel.locator("a.duplicate-review").click()
    page.wait_for_load_state()
    expect(page.locator("#content")).to_contain_text("grace@navy.example")

    page.goto(f"{console.base_url}/admin/candidates/duplicatereview/")
    page.locator("#result_list tbody tr", has_text="Grace Hopper").locator("input.action-select").check()
    page.select_option("select[name=action]", "decide_same")
    page.click("button[name=index]")
    page.wait_for_load_state()
    expect(page.locator("ul.messagelist")).to_contain_text("1 pair decided.")
    shot(page, "05-duplicate-merged")
    with tenant_context(console.tenant, actor="test"):
        assert DuplicateReview.objects.get().status == DuplicateReview.Status.SAME
        merge = Merge.objects.get(undone_at__isnull=True)

    # Undone from the survivor's page: its panel lists the merge with the undo link.
    page.goto(f"{console.base_url}/admin/candidates/candidate/{merge.survivor_id}/change/")
    panel = page.locator("#duplicates-panel")
    expect(panel.locator("tr.merge")).to_have_count(1)
    expect(panel.locator("a.duplicate-review")).to_have_text("same person")
    shot(page, "05b-merge-in-panel", element="#duplicates-panel")
    panel.locator("a.merge-undo").click()
    page.wait_for_load_state()
    page.click("input[type=submit][value='Yes, undo it']")
    page.wait_for_load_state()
    expect(page.locator("ul.messagelist")).to_contain_text("1 merge undone.")
    assert page.url.endswith(f"/admin/candidates/candidate/{merge.survivor_id}/change/")
    expect(page.locator("#duplicates-panel a.merge-undo")).to_have_count(0)
    shot(page, "06-merge-undone", height=900)
    with tenant_context(console.tenant, actor="test"):
        assert Merge.objects.get().undone_at is not None


def test_a_recruiter_is_refused_hiring_a_former_employee_and_an_hr_admin_overrides(
    page: Page, console: Console
) -> None:
    sign_in(page, console, RECRUITER_USER)
    page.goto(f"{console.base_url}/admin/applications/application/?rehire_review=open")
    row = page.locator("#result_list tbody tr", has_text="Bob Former")
    expect(row).to_contain_text("Dismissed for misconduct")
    assert page.locator("select[name=action] option[value=hire_with_override]").count() == 0
    shot(page, "07-rehire-queue")
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "move_to_hired")
    page.click("button[name=index]")
    page.wait_for_load_state()
    expect(page.locator("ul.messagelist .error")).to_contain_text("matches a former employee")
    shot(page, "08-rehire-refused")

    page.context.clear_cookies()
    sign_in(page, console, HR)
    page.goto(f"{console.base_url}/admin/applications/application/?rehire_review=open")
    page.locator("#result_list tbody tr", has_text="Bob Former").locator("input.action-select").check()
    page.select_option("select[name=action]", "hire_with_override")
    page.click("button[name=index]")
    page.wait_for_load_state()
    page.fill("textarea[name=reason]", "Cleared by the works council on appeal")
    shot(page, "09-rehire-override-reason")
    page.click("input[type=submit]")
    page.wait_for_load_state()
    expect(page.locator("ul.messagelist")).to_contain_text("1 application moved to hired.")
    with tenant_context(console.tenant, actor="test"):
        change = StageChange.objects.filter(application=console.flagged, to_stage="hired").get()
        assert change.override
        assert change.actor_id == console.hr.pk
        assert change.reason == "Cleared by the works council on appeal"

    page.goto(f"{console.base_url}/admin/applications/job/{console.job.pk}/pipeline/")
    expect(page.locator(".pipeline-stage[data-stage=hired]")).to_contain_text("Bob Former")
    shot(page, "10-job-pipeline")


def test_with_a_german_browser_the_console_speaks_german(german_page: Page, console: Console) -> None:
    sign_in(german_page, console, HR)
    header = german_page.locator("#header")
    expect(header).to_contain_text("ATS-Personalkonsole")  # ours, translated in locale/de
    expect(header).to_contain_text("Abmelden")  # Django's own "Log out"
    german_page.goto(f"{console.base_url}/admin/applications/application/")
    expect(german_page.locator("select[name=action]")).to_contain_text("Mit Begründung ablehnen")
    shot(german_page, "11-german")


def test_a_staff_user_chooses_german_for_the_console_whatever_the_browser_says(page: Page, console: Console) -> None:
    sign_in(page, console, RECRUITER_USER)
    expect(page.locator("#header")).to_contain_text("ATS staff console")
    page.click("#console-language")
    page.select_option("select[name=language]", "de")
    shot(page, "12-language")
    page.click("input[name=_save]")
    page.wait_for_load_state()
    expect(page.locator("#header")).to_contain_text("ATS-Personalkonsole")
    expect(page.locator("#header")).to_contain_text("Abmelden")
    page.click("#console-language")
    page.select_option("select[name=language]", "")
    page.click("input[name=_save]")
    page.wait_for_load_state()
    expect(page.locator("#header")).to_contain_text("Log out")


def test_staff_of_one_tenant_cannot_open_another_tenants_admin(page: Page, console: Console) -> None:
    sign_in(page, console, HR)
    expect(page.locator("#console-dashboard")).to_be_visible()
    beta = console.base_url.replace(console.host, SEEDED["beta"].host)
    page.goto(f"{beta}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.fill("#id_username", HR)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    shot(page, "13-other-tenant-refused")
