"""Artwork drawn with Pillow and embedded as PNG images: signatures, accreditation marks, logos.

Real reports sign the auditor's report with a scanned signature of the firm's name, and certificates carry the
accreditation body's mark as a picture beside its number. Neither is in the text layer: a reader has to go by the
words around it (city and date under the signature, the number beside the mark) or read the picture with OCR.
"""

from __future__ import annotations

import io
import random
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.platypus import Image as PdfImage

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for d in _FONT_DIRS:
        path = d / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    try:  # no DejaVu or Liberation fonts on this host: Pillow's own (scalable from Pillow 10.1)
        return ImageFont.load_default(size=size)
    except TypeError:
        return ImageFont.load_default()


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def signature(text: str, seed: int) -> bytes:
    """A firm's name written as a slanted 'hand' signature with a flourish under it (PNG)."""
    rng = random.Random(f"sig:{text}:{seed}")
    font = _font("DejaVuSerif-Italic.ttf", 44)
    w = int(26 * len(text)) + 60
    image = Image.new("L", (w, 110), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 12), text, fill=rng.randrange(10, 60), font=font)
    y = 78
    points = [(20 + i * 18, y + rng.randrange(-6, 7)) for i in range(w // 18)]
    draw.line(points, fill=40, width=3)
    image = image.rotate(rng.uniform(-3, 3), resample=Image.Resampling.BICUBIC, fillcolor=255)
    return _png(image)


def mark(initials: str, seed: int, *, caption: str = "") -> bytes:
    """An accreditation or certification mark: the body's initials in a ring, an optional caption under it."""
    rng = random.Random(f"mark:{initials}:{seed}")
    size = 220
    image = Image.new("L", (size, size + (40 if caption else 0)), 255)
    draw = ImageDraw.Draw(image)
    ink = rng.randrange(0, 70)
    draw.ellipse((8, 8, size - 8, size - 8), outline=ink, width=10)
    points = 64
    font = _font("DejaVuSans-Bold.ttf", points)
    box = draw.textbbox((0, 0), initials, font=font)
    while box[2] - box[0] > size - 60 and points > 16:  # the initials fit inside the ring
        points -= 4
        font = _font("DejaVuSans-Bold.ttf", points)
        box = draw.textbbox((0, 0), initials, font=font)
    draw.text(((size - (box[2] - box[0])) / 2, (size - (box[3] - box[1])) / 2 - box[1]), initials, fill=ink, font=font)
    if caption:
        small = _font("DejaVuSans.ttf", 20)
        cb = draw.textbbox((0, 0), caption, font=small)
        draw.text(((size - (cb[2] - cb[0])) / 2, size + 8), caption, fill=ink, font=small)
    return _png(image)


def flowable(png: bytes, width: float, align: str = "LEFT") -> PdfImage:
    """The PNG as a reportlab flowable ``width`` points wide, aspect kept."""
    with Image.open(io.BytesIO(png)) as im:
        w, h = im.size
    image = PdfImage(io.BytesIO(png), width=width, height=width * h / w)
    image.hAlign = align
    return image
