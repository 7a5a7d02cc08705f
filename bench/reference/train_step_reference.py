"""Times full VideoMAE pre-training steps in PyTorch, defined as SynVid's `synvid bench train-step`.

Usage: train_step_reference.py --model small --frames 16 --img 112 --batch 4 --threads 1 --steps 5 [--warmup 1]

A step is what SynVid's PretrainStep.Run does: train mode, normalised-pixel target (no grad), forward on a random
ImageNet-normalised clip with a tube mask (ratio 0.75), MSE, zero_grad, backward, AdamW (lr 2.25e-4, betas (0.9, 0.95),
eps 1e-8, weight decay 0.05 on ≥2-D weights only), loss.item(). The same clip and mask every step; `--warmup` untimed
steps first. The last line is the median step time in ms.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from videomae_reference import (PretrainVideoMAE, geometry_for, normalized_pixel_target,  # noqa: E402
                                parameter_groups, tube_mask)


def loaded_blas() -> str:
    """The BLAS library this process mapped (Debian's torch links libblas.so.3, chosen by update-alternatives)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
        return ", ".join(sorted(os.path.realpath(p) for p in paths)) or "none mapped"
    except OSError:
        return "unknown"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="small", help="tiny, small, base, large or huge")
    ap.add_argument("--frames", type=int, default=16)
    ap.add_argument("--img", type=int, default=112)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--steps", type=int, default=5, help="timed steps")
    ap.add_argument("--warmup", type=int, default=1, help="untimed steps first")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, BLAS: {loaded_blas()}", flush=True)
    torch.manual_seed(0)
    g = geometry_for(args.model, args.frames, args.img)
    model = PretrainVideoMAE(g)
    groups = parameter_groups(model, 0.05)
    for grp in groups:
        grp.pop("names")
    opt = torch.optim.AdamW(groups, lr=2.25e-4, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.05)
    clip = torch.randn(args.batch, 3, args.frames, args.img, args.img)
    mask = torch.from_numpy(tube_mask(args.batch, g, seed=0))

    times = []
    loss_value = 0.0
    for i in range(args.warmup + args.steps):
        start = time.perf_counter()
        model.train()
        target = normalized_pixel_target(clip, mask, g)
        loss = torch.nn.functional.mse_loss(model(clip, mask), target)
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss_value = loss.item()
        ms = (time.perf_counter() - start) * 1e3
        timed = i >= args.warmup
        if timed:
            times.append(ms)
        print(f"step {i + 1}/{args.warmup + args.steps}: {ms:.1f} ms{'' if timed else ' (warm-up)'}, loss {loss_value:.4f}",
              flush=True)

    print(f"reference train-step {args.model}, {args.frames} frames, {args.img}², batch {args.batch}, "
          f"{torch.get_num_threads()} thread(s), torch {torch.__version__}: median {statistics.median(times):.1f} ms "
          f"(min {min(times):.1f} ms)")
    print(f"{statistics.median(times):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
