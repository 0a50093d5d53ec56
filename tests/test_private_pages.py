"""Pages about one person are never kept by a browser or a proxy: on a shared computer the back
button or a cache must not show the previous learner's training or profile."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["certificates:my_training", "profile"])
def test_a_personal_page_tells_browsers_and_proxies_not_to_store_it(learner_client, name):
    response = learner_client.get(reverse(name))
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control
