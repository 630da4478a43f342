"""A rendered PDF turned into page images that look scanned, at a named and seeded noise level.

Real filings reach OCR as scans: slightly skewed, blurred, speckled, faded, re-compressed. Each
level fixes how much of each defect to apply, and every random draw comes from the seed and the
page number, so a fixture can be regenerated pixel for pixel. The draws do not depend on the
level, so a heavier level degrades the same page in the same way, only more.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from form4.synthetic.noise import NoiseLevel

__all__ = ["LEVELS", "Degradation", "NoiseLevel", "degrade", "rasterise", "scan"]

DEFAULT_DPI = 200
"""A common office-scanner resolution, and enough for Tesseract on the form's 6 pt captions."""

_WHITE = 255
_FADE_CELLS = 48
"""Ink fades in patches about this many pixels across, like a worn toner cartridge."""


@dataclass(frozen=True)
class Degradation:
    """How strongly each scanner defect is applied; zero (or 1.0 for ratios) turns it off."""

    max_rotation: float
    """Largest skew, in degrees, either way."""
    resolution: float
    """Share of the resolution kept: the page is shrunk by it and enlarged back."""
    blur: float
    """Gaussian blur radius in pixels."""
    noise: float
    """Standard deviation of additive grey-level noise."""
    speckle: float
    """Share of pixels turned to pure black or white dust."""
    fade: float
    """Largest share of ink lost in a faded patch (low toner)."""
    erosion: float
    """Weight of an eroded copy of the strokes: thin, broken characters."""
    jpeg_quality: int | None
    """JPEG re-compression quality, or None for a lossless page."""


LEVELS: Mapping[NoiseLevel, Degradation] = MappingProxyType(
    {
        NoiseLevel.CLEAN: Degradation(
            max_rotation=0.0,
            resolution=1.0,
            blur=0.0,
            noise=0.0,
            speckle=0.0,
            fade=0.0,
            erosion=0.0,
            jpeg_quality=None,
        ),
        NoiseLevel.LIGHT: Degradation(
            max_rotation=0.3,
            resolution=0.9,
            blur=0.5,
            noise=3.0,
            speckle=0.00005,
            fade=0.15,
            erosion=0.0,
            jpeg_quality=90,
        ),
        NoiseLevel.MEDIUM: Degradation(
            max_rotation=0.7,
            resolution=0.75,
            blur=0.8,
            noise=5.0,
            speckle=0.0002,
            fade=0.3,
            erosion=0.2,
            jpeg_quality=50,
        ),
        NoiseLevel.HEAVY: Degradation(
            max_rotation=1.2,
            resolution=0.65,
            blur=1.0,
            noise=8.0,
            speckle=0.0004,
            fade=0.45,
            erosion=0.35,
            jpeg_quality=35,
        ),
    }
)
"""Set so that Tesseract's character error rate against the text layer of the seeds' renders is
about 1% (clean), 4% (light), 8% (medium) and 25% (heavy, where a table line can be lost)."""

Seed = int | Sequence[int]

_PDFIUM = threading.Lock()
"""PDFium is not thread-safe: two threads rasterising at once crash the process."""


def rasterise(pdf: bytes, dpi: int = DEFAULT_DPI) -> list[Image.Image]:
    """Each page as a greyscale image, as a flatbed scanner in greyscale mode would give it."""
    with _PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            images = [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document]
        finally:
            document.close()
    for image in images:
        image.info["dpi"] = (dpi, dpi)
    return images


def degrade(image: Image.Image, level: NoiseLevel, seed: Seed = 0) -> Image.Image:
    """One page with the level's defects, in the order a scan picks them up.

    Ink first (the paper copy), then the scanner's skew, resolution and optics, then sensor
    noise, and last the compression of the saved file.
    """
    params = LEVELS[level]
    rng = np.random.default_rng(seed)
    # Draw everything up front, so each draw is the same whatever the level switches off.
    angle = rng.uniform(-1.0, 1.0)
    fade_field = rng.random((image.height // _FADE_CELLS + 2, image.width // _FADE_CELLS + 2))
    noise_field = rng.standard_normal((image.height, image.width), dtype=np.float32)
    speckle_field = rng.random((image.height, image.width), dtype=np.float32)

    page = _fade(image, fade_field, params.fade)
    page = _erode(page, params.erosion)
    if params.max_rotation:
        page = page.rotate(
            angle * params.max_rotation, resample=Image.Resampling.BICUBIC, fillcolor=_WHITE
        )
    page = _lower_resolution(page, params.resolution)
    if params.blur:
        page = page.filter(ImageFilter.GaussianBlur(params.blur))
    page = _sensor_noise(page, noise_field, params.noise, speckle_field, params.speckle)
    page = _recompress(page, params.jpeg_quality)
    if "dpi" in image.info:  # what OCR needs to know of the scan besides its pixels
        page.info["dpi"] = image.info["dpi"]
    return page


def scan(
    pdf: bytes, level: NoiseLevel = NoiseLevel.LIGHT, seed: int = 0, dpi: int = DEFAULT_DPI
) -> list[Image.Image]:
    """The PDF's pages as scanned images; each page draws its own defects from (seed, page)."""
    return [degrade(page, level, (seed, number)) for number, page in enumerate(rasterise(pdf, dpi))]


def _fade(image: Image.Image, field: np.ndarray, strength: float) -> Image.Image:
    """Lighten the ink by a smooth random share, up to ``strength``, patch by patch."""
    if not strength:
        return image
    coarse = Image.fromarray((field * 255).astype(np.uint8))
    smooth = coarse.resize(
        (coarse.width * _FADE_CELLS, coarse.height * _FADE_CELLS), Image.Resampling.BICUBIC
    ).crop((0, 0, image.width, image.height))
    kept = 1.0 - strength * np.asarray(smooth, dtype=np.float32) / 255
    ink = _WHITE - np.asarray(image, dtype=np.float32)
    return _to_image(_WHITE - ink * kept)


def _erode(image: Image.Image, weight: float) -> Image.Image:
    """Thin the strokes by blending in a copy where every pixel took its lightest neighbour."""
    if not weight:
        return image
    return Image.blend(image, image.filter(ImageFilter.MaxFilter(3)), weight)


def _lower_resolution(image: Image.Image, share: float) -> Image.Image:
    """Detail lost to a coarser sensor, at the original size so page geometry stays put."""
    if share >= 1.0:
        return image
    small = (max(1, round(image.width * share)), max(1, round(image.height * share)))
    return image.resize(small, Image.Resampling.BILINEAR).resize(
        image.size, Image.Resampling.BILINEAR
    )


def _sensor_noise(
    image: Image.Image,
    noise_field: np.ndarray,
    noise: float,
    speckle_field: np.ndarray,
    speckle: float,
) -> Image.Image:
    """Grain everywhere, plus dust: isolated black and white dots."""
    if not noise and not speckle:
        return image
    pixels = np.asarray(image, dtype=np.float32) + noise * noise_field
    pixels[speckle_field < speckle / 2] = 0
    pixels[speckle_field > 1 - speckle / 2] = _WHITE
    return _to_image(pixels)


def _recompress(image: Image.Image, quality: int | None) -> Image.Image:
    """JPEG artefacts, as in a scan saved or mailed as a JPEG."""
    if quality is None:
        return image
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def _to_image(pixels: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(np.rint(pixels), 0, _WHITE).astype(np.uint8))
