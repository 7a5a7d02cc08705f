"""Writes a random ImageNet-normalised clip (B,3,T,H,W) float32 and a tube mask (B,N) bool as .npy files.

Usage: make_inputs.py OUT_DIR [--batch 1] [--frames 8] [--img 64] [--patch 16] [--tubelet 2] [--ratio 0.75] [--seed 0]
Writes OUT_DIR/input.npy and OUT_DIR/mask.npy (numpy only).
"""
from __future__ import annotations

import argparse
import os

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--frames", type=int, default=8)
    ap.add_argument("--img", type=int, default=64)
    ap.add_argument("--patch", type=int, default=16)
    ap.add_argument("--tubelet", type=int, default=2)
    ap.add_argument("--ratio", type=float, default=0.75)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    clip = rng.standard_normal((args.batch, 3, args.frames, args.img, args.img)).astype(np.float32)
    per_frame = (args.img // args.patch) ** 2
    slots = args.frames // args.tubelet
    masked = int(args.ratio * per_frame)
    rows = []
    for _ in range(args.batch):  # §4.6: shuffle one frame's mask, tile it over the temporal slots
        m = np.concatenate([np.zeros(per_frame - masked, dtype=bool), np.ones(masked, dtype=bool)])
        rng.shuffle(m)
        rows.append(np.tile(m, slots))
    mask = np.stack(rows)
    os.makedirs(args.out_dir, exist_ok=True)
    np.save(os.path.join(args.out_dir, "input.npy"), clip)
    np.save(os.path.join(args.out_dir, "mask.npy"), mask)
    print(f"wrote input.npy {clip.shape} float32 and mask.npy {mask.shape} bool ({int(mask[0].sum())} masked per sample)")


if __name__ == "__main__":
    main()
