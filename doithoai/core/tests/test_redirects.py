from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from doithoai.core.actors import actor_or_none
from doithoai.core.redirects import is_safe_url, safe_next


def test_only_a_next_on_this_site_is_followed():
    factory = RequestFactory()
    assert safe_next(factory.post("/x", {"next": "/cuoc-hop/3"}), "/") == "/cuoc-hop/3"
    assert safe_next(factory.post("/x", {"next": "https://evil.example/"}), "/") == "/"
    assert safe_next(factory.post("/x", {"next": "//evil.example/"}), "/") == "/"
    assert safe_next(factory.post("/x", {}), "/mac-dinh") == "/mac-dinh"


def test_the_address_next_is_read_only_when_asked():
    request = RequestFactory().get("/x", {"next": "/trang"})
    assert safe_next(request, "/") == "/"
    assert safe_next(request, "/", query=True) == "/trang"


def test_a_page_over_https_does_not_send_to_plain_http():
    request = RequestFactory().post("/x", secure=True)
    assert not is_safe_url(request, "http://testserver/trang")
    assert is_safe_url(request, "https://testserver/trang")
    assert not is_safe_url(request, "")


def test_an_anonymous_actor_is_recorded_as_none(django_user_model):
    user = django_user_model(username="a")
    assert actor_or_none(user) is user
    assert actor_or_none(AnonymousUser()) is None
    assert actor_or_none(None) is None
