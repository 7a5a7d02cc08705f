"""Replays SynVid's pre-training steps in PyTorch with the reference VideoMAE model and AdamW, and compares.

Usage: pretrain_step_reference.py DIR [--tolerance 1e-3] [--update-tolerance 0.05] [--threads 1]

DIR is what `synvid bench pretrain-parity --out DIR` wrote. The model is videomae_reference.PretrainVideoMAE with the
exported geometry, loaded strictly from SynVid's init.pth. Groups: VideoMAE's get_parameter_groups without layer decay
(no weight decay for 1-D tensors, biases, pos_embed, cls_token and mask_token); every group's lr is VideoMAE's
cosine_scheduler value × its lr_scale (1); torch.optim.AdamW with the exported betas and eps. A step: zero_grad, then
for each of the accumulation passes the normalised-pixel (or raw-pixel) target of the masked tokens, forward, MSE,
backward of loss / accumulation; optional clip_grad_norm_; step. Prints the groups, the init and the step table, and
exits 1 when any check fails (largest relative loss difference above --tolerance among them).
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from step_parity import (Report, adamw, compare_groups, compare_init, compare_losses, compare_schedule,  # noqa: E402
                         compare_updates, get_parameter_groups, load_config, load_losses, load_state, reference_schedule,
                         set_lr)
from videomae_reference import (IMAGENET_MEAN, IMAGENET_STD, PretrainGeometry, PretrainVideoMAE,  # noqa: E402
                                normalized_pixel_target)


@torch.no_grad()
def raw_pixel_target(clip: torch.Tensor, mask: torch.Tensor, g: PretrainGeometry) -> torch.Tensor:
    """VideoMAE's target with normlize_target off: the un-normalised [0, 1] pixels, channel fastest, masked tokens."""
    x = clip.float() * torch.tensor(IMAGENET_STD).view(1, 3, 1, 1, 1) + torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1, 1)
    b, c = x.shape[:2]
    t, h, p, tube = g.temporal_slots, g.img_size // g.patch_size, g.patch_size, g.tubelet_size
    flat = x.reshape(b, c, t, tube, h, p, h, p).permute(0, 2, 4, 6, 3, 5, 7, 1).reshape(b, t * h * h, -1)
    return flat[mask].reshape(b, -1, flat.shape[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="output of synvid bench pretrain-parity")
    ap.add_argument("--tolerance", type=float, default=1e-3, help="largest allowed relative loss difference per step")
    ap.add_argument("--update-tolerance", type=float, default=0.05, help="largest allowed ‖ΔSynVid − ΔPyTorch‖ / ‖ΔPyTorch‖ of a tensor's total update")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    config = load_config(args.folder)
    m, o = config["model"], config["optimizer"]
    acc = config["accumulation"]
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s); {config['preset']} on {config['stage']}: "
          f"{config['steps']} steps of {config['batch_size']} × {acc} clips, SynVid ran {config['threads']} thread(s)")
    g = PretrainGeometry(img_size=m["img_size"], patch_size=m["patch_size"], num_frames=m["num_frames"],
                         tubelet_size=m["tubelet_size"], in_chans=m["in_chans"], encoder_embed_dim=m["encoder_embed_dim"],
                         encoder_depth=m["encoder_depth"], encoder_num_heads=m["encoder_num_heads"],
                         decoder_embed_dim=m["decoder_embed_dim"], decoder_depth=m["decoder_depth"],
                         decoder_num_heads=m["decoder_num_heads"], mlp_ratio=m["mlp_ratio"])
    assert m["layer_norm_eps"] == 1e-6 and config["masking"]["kind"] == "Tube"
    target_of = normalized_pixel_target if config["normalize_target"] else raw_pixel_target
    report = Report()

    torch.manual_seed(config["seed"])
    fresh = PretrainVideoMAE(g).state_dict()
    model = PretrainVideoMAE(g)
    init = load_state(os.path.join(args.folder, "init.pth"))
    model.load_state_dict(init, strict=True)
    compare_init(report, init, fresh)

    groups = get_parameter_groups(model, o["weight_decay"], {"pos_embed", "cls_token", "mask_token"})
    compare_groups(report, args.folder, groups)
    opt = adamw(groups, o)
    lr = reference_schedule(config)
    compare_schedule(report, args.folder, lr)

    clips = torch.from_numpy(np.load(os.path.join(args.folder, "clips.npy")))
    masks = torch.from_numpy(np.load(os.path.join(args.folder, "masks.npy")))
    per_sample = masks.sum(-1)
    report.check(bool((per_sample == per_sample.flatten()[0]).all()), f"every mask hides {int(per_sample.flatten()[0])} of {masks.shape[-1]} tokens")
    losses = []
    for step in range(config["steps"]):
        set_lr(opt, float(lr[step]))
        model.train()
        opt.zero_grad()
        total = 0.0
        for micro in range(acc):
            clip, mask = clips[step * acc + micro], masks[step * acc + micro]
            target = target_of(clip, mask, g)
            loss = F.mse_loss(model(clip, mask), target)
            (loss / acc).backward()
            total += loss.item()
        if o["clip_grad"] is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), o["clip_grad"])
        opt.step()
        losses.append((float(lr[step]), total / acc))

    worst = compare_losses(report, load_losses(args.folder), losses, args.tolerance)
    compare_updates(report, init, load_state(os.path.join(args.folder, "final.pth")), model.state_dict(), args.update_tolerance)
    print(f"pre-train step parity: {'PASS' if report.exit_code == 0 else 'FAIL'}, max relative loss difference {worst:.2e}")
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
