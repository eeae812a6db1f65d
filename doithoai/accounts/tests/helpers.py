"""Helpers for the account tests: signing in through the real form, and codes from an authenticator app."""

from __future__ import annotations

import re
from base64 import b32decode

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

LOGIN_URL = reverse("accounts:login")


def login(client, username, password, ip="198.51.100.10", **extra):
    """Post the sign-in form as a person would, from address `ip`."""
    return client.post(LOGIN_URL, {"username": username, "password": password, **extra}, REMOTE_ADDR=ip)


def code_for_key(bin_key: bytes) -> str:
    """The code an authenticator app shows right now for this secret."""
    return f"{TOTP(bin_key).token():06d}"


def code_for(device: TOTPDevice) -> str:
    return code_for_key(device.bin_key)


def wrong_code_for(device: TOTPDevice) -> str:
    """A well-formed code that none of the accepted time steps (now, one before, one after) shows."""
    totp = TOTP(device.bin_key)
    valid = set()
    for offset in (-1, 0, 1):
        totp.drift = offset
        valid.add(totp.token())
    candidate = 123456
    while candidate in valid:
        candidate += 1
    return f"{candidate:06d}"


def secret_on_page(html: str) -> bytes:
    """The key as a person would type it from the set-up page (base32, in groups), decoded."""
    match = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', html)
    assert match, "the set-up page shows the secret for manual entry"
    secret = match.group(1).replace(" ", "")
    return b32decode(secret + "=" * (-len(secret) % 8))
