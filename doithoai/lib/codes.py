"""Short public codes (invitations, petition tracking): typed from paper or read from a QR.

Eight characters from an alphabet without the characters people confuse (0/O, 1/I), unguessable
(`secrets`, 32^8 ≈ 10^12 values), because each is the key of a public page.
"""

from __future__ import annotations

import secrets

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8


def new_code() -> str:
    """Eight characters of five random bits each (the alphabet has 32 letters): 40 bits from `secrets`."""
    bits = int.from_bytes(secrets.token_bytes(5), "big")
    return "".join(CODE_ALPHABET[(bits >> (5 * i)) & 31] for i in range(CODE_LENGTH))


def normalize_code(text: str | None) -> str:
    """What people type or a QR holds → the stored code: 'abcd-2345', 'ABCD 2345' or the invitation's URL."""
    text = (text or "").strip()
    if "/" in text:
        # A QR holds the page's URL: …/giay-moi/ABCD2345/
        text = next((part for part in reversed(text.split("/")) if part), "")
    return "".join(ch for ch in text.upper() if ch.isalnum())


def is_valid_code(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def format_code(code: str) -> str:
    """'ABCD-2345': easier to read aloud and type."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code
