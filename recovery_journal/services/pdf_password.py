"""A password on a PDF (AES-256), for a report sent by email."""

from __future__ import annotations

import io
import secrets


def protect_pdf(data: bytes, password: str) -> bytes:
    """``data`` encrypted with AES-256: it opens only with ``password``.

    The owner password is random and thrown away, so the person's password is the only key.
    """
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(
        user_password=password, owner_password=secrets.token_urlsafe(24), algorithm="AES-256"
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
