"""What a reader's office suite does with our .docx files: LibreOffice's PDF conversion.

Without LibreOffice the tests that use it are skipped, except on CI (CI=true), which
must install it (.ci/run), as the browser tests do for Chromium.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def office() -> str:
    """The soffice program, or skip (fail on CI)."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        reason = "LibreOffice (soffice) is missing: apt-get install libreoffice-writer-nogui"
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI must run the PDF conversion, but {reason}", pytrace=False)
        pytest.skip(reason)
    return program


def to_pdf(folder: Path, documents: dict[str, bytes]) -> dict[str, bytes]:
    """Each named .docx converted to PDF in one LibreOffice run: {name: PDF bytes}."""
    program = office()
    paths = []
    for name, content in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(content)
        paths.append(str(path))
    subprocess.run(  # noqa: S603 (our own arguments)
        [
            program,
            # A profile of its own: another soffice (or a parallel test) cannot lock it.
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *paths,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {name: (folder / f"{name}.pdf").read_bytes() for name in documents}


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
