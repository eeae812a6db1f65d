"""A check for tests of public pages: no submitter's personal data unless they consented.

    assert_no_personal_data(html, petitions)

fails, naming each leak, when the page shows
- a phone number of any petition (never public): as stored, with +84, or grouped with spaces, dots or dashes;
- the name of a submitter who did not consent to publication (`consent_publish_name`);
- an address (never public), unless it is only the name of the petition's village or unit.

The page is compared as HTML and as text with entities unescaped. A petition whose own text contains its
submitter's name cannot pass on a page that shows the text: seed data must not do that.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable

from doithoai.petitions.models import Petition

_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\s.\-\u00a0](?=\d)")


def _digits_joined(text: str) -> str:
    return _BETWEEN_DIGITS.sub("", text)


def personal_data_leaks(html: str, petitions: Iterable[Petition]) -> list[str]:
    """What of the petitions' personal data the page shows that it should not, one line each."""
    page = html_lib.unescape(html)
    joined = _digits_joined(page)
    leaks: list[str] = []
    for petition in petitions:
        phone = "".join(ch for ch in petition.submitter_phone if ch.isdigit())
        if len(phone) >= 9 and phone[-9:] in joined:
            leaks.append(f"petition {petition.pk}: phone {petition.submitter_phone!r}")
        name = petition.submitter_name.strip()
        if name and not petition.consent_publish_name and name in page:
            leaks.append(f"petition {petition.pk}: name {name!r} (no consent)")
        address = petition.submitter_address.strip()
        if len(address) >= 4 and address in page:
            village = petition.village
            if address not in {petition.unit.name, village.name if village is not None else ""}:
                leaks.append(f"petition {petition.pk}: address {address!r}")
    return leaks


def assert_no_personal_data(html: str | bytes, petitions: Iterable[Petition]) -> None:
    text = html.decode() if isinstance(html, bytes) else html
    leaks = personal_data_leaks(text, petitions)
    assert not leaks, "personal data on a public page:\n" + "\n".join(leaks)
