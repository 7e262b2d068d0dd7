"""Turns a text PDF into a simulated scan: pages rasterized at 200 DPI in grey, slightly skewed,
blurred and noisy (Gaussian and salt-and-pepper), saved as JPEG images in an image-only PDF.
All randomness comes from the caller's generator, so a seed gives the same bytes."""

import io
import random
from typing import Any

import pymupdf
from PIL import Image, ImageChops, ImageDraw, ImageFilter

DPI = 200
FIXED_DATE = "D:20261126000000Z"


def _gaussian_noise(rng: random.Random, size: tuple[int, int], sigma: float) -> Image.Image:
    """Noise centred on 128: the mean of three uniform layers is close to Gaussian (sd ~42), rescaled."""
    count = size[0] * size[1]
    layers = [Image.frombytes("L", size, rng.randbytes(count)) for _ in range(3)]
    mean = Image.blend(Image.blend(layers[0], layers[1], 0.5), layers[2], 1 / 3)
    scale = sigma / 42.0
    return mean.point([max(0, min(255, round(128 + (v - 128) * scale))) for v in range(256)])


def _speckle(rng: random.Random, image: Image.Image, density: float) -> None:
    draw = ImageDraw.Draw(image)
    width, height = image.size
    for _ in range(int(width * height * density)):
        x, y = rng.randrange(width), rng.randrange(height)
        dot = rng.choice((0, 1))
        draw.rectangle((x, y, x + dot, y + dot), fill=rng.choice((0, 40, 255)))


def scan(pdf: bytes, rng: random.Random) -> tuple[bytes, dict[str, Any]]:
    params: dict[str, Any] = {
        "dpi": DPI,
        "skew_degrees": round(rng.choice((-1, 1)) * rng.uniform(0.5, 2.0), 2),
        "blur_radius": round(rng.uniform(0.4, 1.0), 2),
        "noise_sigma": round(rng.uniform(5.0, 14.0), 1),
        "salt_pepper_density": round(rng.uniform(0.0001, 0.0005), 5),
        "jpeg_quality": rng.randint(55, 80),
    }
    source = pymupdf.open("pdf", pdf)
    out = pymupdf.open()
    for number in range(source.page_count):
        page = source[number]
        pixmap = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY, alpha=False)
        image = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
        # Toner never quite black, paper never quite white.
        image = image.point([round(18 + v * 0.9) for v in range(256)])
        image = image.rotate(params["skew_degrees"], resample=Image.Resampling.BICUBIC, fillcolor=247)
        image = image.filter(ImageFilter.GaussianBlur(params["blur_radius"]))
        image = ImageChops.add(image, _gaussian_noise(rng, image.size, params["noise_sigma"]), offset=-128)
        _speckle(rng, image, params["salt_pepper_density"])
        jpeg = io.BytesIO()
        image.save(jpeg, format="JPEG", quality=params["jpeg_quality"])
        target = out.new_page(width=page.rect.width, height=page.rect.height)
        target.insert_image(target.rect, stream=jpeg.getvalue())
    out.set_metadata(
        {"creator": "scanner", "producer": "bench/corpus/scan.py", "creationDate": FIXED_DATE, "modDate": FIXED_DATE}
    )
    return bytes(out.tobytes(garbage=3, deflate=True, no_new_id=True)), params
