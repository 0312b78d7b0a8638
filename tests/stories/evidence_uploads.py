"""Files for the evidence tests: real documents and pictures, and disguised ones."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


def picture(fmt="PNG", size=(40, 30), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 0 if mode == "1" else (10, 120, 200)).save(out, fmt)
    return out.getvalue()


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def office(part: str) -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", part: b"<document/>"})


def open_document(mimetype: str) -> bytes:
    return zipped({"mimetype": mimetype.encode(), "content.xml": b"<office:document/>"})


DOCX = office("word/document.xml")
XLSX = office("xl/workbook.xml")
PPTX = office("ppt/presentation.xml")
ODT = open_document("application/vnd.oasis.opendocument.text")
ODS = open_document("application/vnd.oasis.opendocument.spreadsheet")
CSV = "Ward,Referrals\nCaerdydd,12\nالرياض,4\n北京,7\n".encode()  # noqa: RUF001
TXT = b"Diolch yn fawr: the panel's notes, in Welsh and English.\n"

GOOD = {
    "report.pdf": PDF,
    "figures.csv": CSV,
    "notes.txt": TXT,
    "minutes.docx": DOCX,
    "budget.xlsx": XLSX,
    "slides.pptx": PPTX,
    "minutes.odt": ODT,
    "budget.ods": ODS,
    "photo.jpg": None,  # made below
    "photo.jpeg": None,
    "chart.png": None,
}


def good_files() -> dict[str, bytes]:
    files = dict(GOOD)
    files["photo.jpg"] = files["photo.jpeg"] = picture("JPEG")
    files["chart.png"] = picture("PNG")
    return files


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
