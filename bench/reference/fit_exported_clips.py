"""Trains the reference fine-tuning classifier on clips exported by `synvid bench finetune-parity` (a motion probe's,
say) to see whether, and after how many steps, the model leaves the ln(classes) plateau, independently of SynVid.

Usage: fit_exported_clips.py DIR [--lr 1e-4] [--epochs 30] [--seed 0] [--threads 1] [--val-batches 8] [--every 0]

The last --val-batches exported batches are held out; the others are trained on for --epochs passes in a seeded
order, with torch.optim.AdamW (constant lr, weight decay 0.05 on every parameter) and plain cross-entropy, batch as
exported, from PyTorch's own initialisation of VideoMAE's classifier (finetune_step_reference.VisionTransformer) with
the exported model config. Prints the training loss and accuracy and the held-out accuracy after every epoch (and
every --every steps when > 0). With an export of few batches the same clips repeat every epoch; with many, each
clip is seen once per epoch (docs/calibration.md compares the two).
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from finetune_step_reference import VisionTransformer  # noqa: E402
from step_parity import load_config  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--val-batches", type=int, default=8)
    parser.add_argument("--every", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    config = load_config(args.dir)
    clips = np.load(os.path.join(args.dir, "clips.npy"), mmap_mode="r")  # (S, B, 3, T, H, W)
    labels = np.load(os.path.join(args.dir, "labels.npy"))  # (S, B)
    steps = clips.shape[0]
    train_batches = steps - args.val_batches
    if train_batches < 1:
        sys.exit(f"fit_exported_clips: {steps} exported batches, fewer than --val-batches {args.val_batches} + 1")
    val_x = torch.from_numpy(np.asarray(clips[train_batches:]).reshape(-1, *clips.shape[2:]).copy())
    val_y = torch.from_numpy(labels[train_batches:].reshape(-1)).long()

    model = VisionTransformer(config["model"])
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)

    def held_out() -> float:
        model.eval()
        with torch.no_grad():
            logits = torch.cat([model(val_x[i:i + 64]) for i in range(0, len(val_y), 64)])
        return (logits.argmax(1) == val_y).float().mean().item()

    print(f"{train_batches} training batches of {clips.shape[1]} clips, {len(val_y)} held-out clips, lr {args.lr}")
    step = 0
    for epoch in range(args.epochs):
        total_loss = correct = seen = 0.0
        for b in np.random.RandomState(args.seed * 1000 + epoch).permutation(train_batches):
            x = torch.from_numpy(np.asarray(clips[b]).copy())
            y = torch.from_numpy(labels[b]).long()
            model.train()
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            total_loss += loss.item() * len(y)
            correct += (logits.argmax(1) == y).sum().item()
            seen += len(y)
            if args.every and step % args.every == 0:
                print(f"step {step} clips {step * len(y)} loss {total_loss / seen:.4f} train_acc {correct / seen:.3f} held_out {held_out():.3f}", flush=True)
        print(f"epoch {epoch + 1} step {step} loss {total_loss / seen:.4f} train_acc {correct / seen:.3f} held_out {held_out():.3f}", flush=True)


if __name__ == "__main__":
    main()
