"""Regenerates tests/fixtures/perturbations: UCF101-P outputs of the reference per-frame functions.

Usage: make_perturbation_fixture.py OUT_DIR [--input FILE] [--frames 0,7] [--check DIR]

The per-frame functions below restate those of the UCF101-P code (Schiappa et al. 2023), which takes them from the
ImageNet-C code (Hendrycks & Dietterich 2019), with the constants recorded in docs/reference-behaviour.md §6.2:

- compression: PIL JPEG re-encode at quality 25, 18, 15, 10, 7 (PIL's defaults otherwise: 4:2:0, baseline);
- defocus_blur: a normalised disk of radius ρ on a ±8 grid (±ρ beyond 8), anti-aliased by cv2.GaussianBlur (3×3, or
  5×5 beyond 8) of σ = a, applied per channel with cv2.filter2D to the frame in [0, 1];
  (ρ, a) = (3, .1), (4, .5), (6, .5), (8, .5), (10, .5);
- zoom_blur: the mean of the float32 frame in [0, 1] and its centre zooms (crop ⌈h/z⌉, scipy.ndimage.zoom order 1,
  trim to h) for z in np.arange(1, 1.11, .01), (1, 1.16, .01), (1, 1.21, .02), (1, 1.26, .02), (1, 1.31, .03);
- static_rotate: PIL Image.rotate(degrees) (nearest, about the centre, same size, black fill) for 7.5, 15, 30, 45,
  90, 180 degrees (severity 6 is the reference's extra level).

Frames go in as 8-bit RGB PIL images, as docs/reference-behaviour.md §6.4.1 says they should (the reference's own
tensor → PIL conversion inverts colours); float results become uint8 as ⌊clip(x, 0, 1)·255⌋. The temporal index
lists in manifest.json are sampling (every 2^s-th frame) and reverse_sampling (the same, backwards) over 64 frames.

The input clip is an input here, not something this script derives: the fixture's manifest gives no seed for it, so
it is copied from --input (default: the checked-in tests/fixtures/perturbations/input.npy). With --check DIR every
file written is compared with DIR's and the script exits 1 unless all are identical.
Needs numpy, Pillow, OpenCV (cv2) and SciPy.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from io import BytesIO

import cv2
import numpy as np
import PIL
import scipy
from PIL import Image
from scipy.ndimage import zoom as scizoom

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_INPUT = os.path.join(HERE, "..", "..", "tests", "fixtures", "perturbations", "input.npy")

JPEG_QUALITY = [25, 18, 15, 10, 7]
DEFOCUS = [(3, 0.1), (4, 0.5), (6, 0.5), (8, 0.5), (10, 0.5)]
ZOOM = [(1, 1.11, 0.01), (1, 1.16, 0.01), (1, 1.21, 0.02), (1, 1.26, 0.02), (1, 1.31, 0.03)]
ROTATE_DEGREES = [7.5, 15, 30, 45, 90, 180]
TEMPORAL_FRAMES = 64


def jpeg_compression(x: Image.Image, severity: int) -> Image.Image:
    output = BytesIO()
    x.save(output, "JPEG", quality=JPEG_QUALITY[severity - 1])
    return Image.open(output)


def disk(radius: int, alias_blur: float = 0.1, dtype=np.float32) -> np.ndarray:
    if radius <= 8:
        grid = np.arange(-8, 8 + 1)
        ksize = (3, 3)
    else:
        grid = np.arange(-radius, radius + 1)
        ksize = (5, 5)
    xs, ys = np.meshgrid(grid, grid)
    aliased_disk = np.array((xs ** 2 + ys ** 2) <= radius ** 2, dtype=dtype)
    aliased_disk /= np.sum(aliased_disk)
    return cv2.GaussianBlur(aliased_disk, ksize=ksize, sigmaX=alias_blur)


def defocus_blur(x: Image.Image, severity: int) -> np.ndarray:
    radius, alias = DEFOCUS[severity - 1]
    x = np.array(x) / 255.0
    kernel = disk(radius=radius, alias_blur=alias)
    channels = np.array([cv2.filter2D(x[:, :, d], -1, kernel) for d in range(3)]).transpose((1, 2, 0))
    return np.clip(channels, 0, 1) * 255


def clipped_zoom(img: np.ndarray, zoom_factor: float) -> np.ndarray:
    h = img.shape[0]
    ch = int(np.ceil(h / zoom_factor))  # the reference uses the height for both axes (square frames)
    top = (h - ch) // 2
    img = scizoom(img[top:top + ch, top:top + ch], (zoom_factor, zoom_factor, 1), order=1)
    trim_top = (img.shape[0] - h) // 2
    return img[trim_top:trim_top + h, trim_top:trim_top + h]


def zoom_blur(x: Image.Image, severity: int) -> np.ndarray:
    factors = np.arange(*ZOOM[severity - 1])
    x = (np.array(x) / 255.0).astype(np.float32)
    out = np.zeros_like(x)
    for zoom_factor in factors:
        out += clipped_zoom(x, zoom_factor)
    x = (x + out) / (len(factors) + 1)
    return np.clip(x, 0, 1) * 255


def static_rotate(x: Image.Image, severity: int) -> Image.Image:
    return x.rotate(ROTATE_DEGREES[severity - 1])


SPATIAL = {
    "compression": (jpeg_compression, len(JPEG_QUALITY)),
    "defocus_blur": (defocus_blur, len(DEFOCUS)),
    "zoom_blur": (zoom_blur, len(ZOOM)),
    "static_rotate": (static_rotate, len(ROTATE_DEGREES)),
}


def apply(fn, frame: np.ndarray, severity: int) -> np.ndarray:
    """One uint8 RGB frame through a per-frame function; float results are cast as the reference casts them."""
    return np.uint8(np.asarray(fn(Image.fromarray(frame), severity)))


def temporal_indices(frame_count: int) -> dict[str, list[int]]:
    indices = np.arange(frame_count)
    result = {}
    for s in range(1, 6):
        result[f"sampling_s{s}"] = indices[::2 ** s].tolist()
    for s in range(1, 6):
        result[f"reverse_sampling_s{s}"] = indices[::2 ** s][::-1].tolist()
    return result


def compare(out_dir: str, check_dir: str) -> bool:
    """Compares every .npy and the manifest's temporal lists; prints one line per file."""
    ok = True
    for name in sorted(f for f in os.listdir(out_dir) if f.endswith(".npy")):
        ours = np.load(os.path.join(out_dir, name))
        path = os.path.join(check_dir, name)
        if not os.path.exists(path):
            print(f"{name}: missing in {check_dir}")
            ok = False
            continue
        theirs = np.load(path)
        if ours.shape != theirs.shape or ours.dtype != theirs.dtype:
            print(f"{name}: shape/dtype {ours.shape} {ours.dtype} vs {theirs.shape} {theirs.dtype}")
            ok = False
            continue
        diff = np.abs(ours.astype(np.int32) - theirs.astype(np.int32))
        if np.array_equal(ours, theirs):
            print(f"{name}: identical")
        else:
            ok = False
            print(f"{name}: DIFFERS, max abs diff {diff.max()}, {np.count_nonzero(diff)} of {diff.size} values")
    with open(os.path.join(out_dir, "manifest.json")) as f:
        ours = json.load(f)["temporal_indices_for_64_frames"]
    with open(os.path.join(check_dir, "manifest.json")) as f:
        theirs = json.load(f)["temporal_indices_for_64_frames"]
    same = ours == theirs
    print(f"manifest.json temporal_indices_for_64_frames: {'identical' if same else 'DIFFER'}")
    return ok and same


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--input", default=DEFAULT_INPUT, help="T×H×W×3 uint8 clip (default: the checked-in input.npy)")
    ap.add_argument("--frames", default="0,7", help="input frames whose outputs are written")
    ap.add_argument("--check", metavar="DIR", default=None, help="compare with an existing fixture folder; exit 1 unless identical")
    args = ap.parse_args()
    if args.check and os.path.abspath(args.check) == os.path.abspath(args.out_dir):
        ap.error("--check must name another folder than OUT_DIR")
    print(f"numpy {np.__version__}, Pillow {PIL.__version__}, OpenCV {cv2.__version__}, SciPy {scipy.__version__}")

    clip = np.load(args.input)
    assert clip.dtype == np.uint8 and clip.ndim == 4 and clip.shape[-1] == 3, "input must be T×H×W×3 uint8"
    assert clip.shape[1] == clip.shape[2], "zoom_blur's reference code assumes square frames"
    frames = [int(i) for i in args.frames.split(",")]
    os.makedirs(args.out_dir, exist_ok=True)
    if os.path.abspath(args.input) != os.path.abspath(os.path.join(args.out_dir, "input.npy")):
        shutil.copyfile(args.input, os.path.join(args.out_dir, "input.npy"))

    outputs = {}
    for key, (fn, severities) in SPATIAL.items():
        for s in range(1, severities + 1):
            name = f"{key}_s{s}.npy"
            np.save(os.path.join(args.out_dir, name), np.stack([apply(fn, clip[i], s) for i in frames]))
            outputs[name] = f"{key} severity {s}, outputs for input frames {frames}"

    t, h, w, _ = clip.shape
    manifest = {
        "description": "Reference UCF101-P perturbation outputs (uint8 RGB frames in, uint8 out), computed with the "
                       "reference per-frame functions on correctly converted frames.",
        "input": f"input.npy: {t}x{h}x{w}x3 uint8 RGB clip",
        "spatial_outputs": outputs,
        "spatial_note": "compression = PIL JPEG re-encode at the quality of the severity; defocus_blur = disk kernel "
                        "(cv2.filter2D per channel on [0,1] floats); zoom_blur = mean of the frame and its centre zooms "
                        "(scipy order-1); static_rotate = PIL Image.rotate(deg) (nearest, about the centre, black fill), "
                        f"degrees {ROTATE_DEGREES} for severity 1..6",
        "temporal_indices_for_64_frames": temporal_indices(TEMPORAL_FRAMES),
    }
    with open(os.path.join(args.out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"wrote {len(outputs)} outputs, input.npy and manifest.json to {args.out_dir}")

    if args.check:
        ok = compare(args.out_dir, args.check)
        print(f"perturbation fixture check: {'PASS' if ok else 'FAIL'}")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
