"""Error answers of the API: JSON with a code and a message, as the schema documents them."""

import pytest

from tests.conftest import TenantFixture, api_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/candidates/1.5/", "/api/jobs/1.5/", "/api/no-such-thing/"])
def test_an_api_path_that_no_route_matches_is_a_json_404(alpha: TenantFixture, path: str) -> None:
    # Found by tests/test_api_fuzz.py: the router's id pattern refuses a dot, and
    # Django's HTML page answered, a content type the schema does not document.
    response = api_client(alpha).get(path)
    assert response.status_code == 404
    assert response["content-type"] == "application/json"
    assert response.json()["code"] == "not_found"


def test_a_page_outside_the_api_that_is_not_found_is_still_a_page(alpha: TenantFixture) -> None:
    response = api_client(alpha).get("/no-such-page/")
    assert response.status_code == 404
    assert response["content-type"].startswith("text/html")
