"""Replays SynVid's fine-tuning steps in PyTorch with VideoMAE's classifier, layer-decay groups and AdamW, and compares.

Usage: finetune_step_reference.py DIR [--tolerance 1e-3] [--update-tolerance 0.05] [--threads 1]

DIR is what `synvid bench finetune-parity --out DIR` wrote. The reference model is VideoMAE's fine-tuning
VisionTransformer (modeling_finetune.py, docs/reference-behaviour.md §4.8): Conv3d patch embedding, the fixed sinusoid table, pre-norm
blocks with q/v biases, no final norm, mean pooling, fc_norm, fc dropout, head; Linear weights truncated normal 0.02
with zero bias, LayerNorm (1, 0), the head scaled by init_scale. It loads SynVid's init.pth strictly, groups its
parameters with VideoMAE's get_parameter_groups + LayerDecayValueAssigner (no weight decay for 1-D tensors, biases,
pos_embed and cls_token), sets every group's lr to VideoMAE's cosine_scheduler value × its lr_scale each step, and runs
torch.optim.AdamW on SoftTargetCrossEntropy over the exported clips and targets. It prints the groups, the init and
the step table, and exits 1 when any check fails (largest relative loss difference above --tolerance among them).
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from step_parity import (LayerDecayValueAssigner, Report, adamw, compare_groups, compare_init, compare_losses,  # noqa: E402
                         compare_schedule, compare_updates, get_parameter_groups, load_config, load_losses, load_state,
                         reference_schedule, set_lr)
from videomae_reference import Block, PatchEmbed, PretrainGeometry, sinusoid_table  # noqa: E402


class VisionTransformer(nn.Module):
    """VideoMAE's fine-tuning classifier with use_mean_pooling=True (the recipe), drop path 0 and no layer scale."""

    def __init__(self, m: dict):
        super().__init__()
        assert m["qkv_bias"] and m["init_values"] == 0 and m["layer_norm_eps"] == 1e-6, "the reference blocks have q/v biases, no layer scale, eps 1e-6"
        g = PretrainGeometry(img_size=m["img_size"], patch_size=m["patch_size"], num_frames=m["num_frames"],
                             tubelet_size=m["tubelet_size"], in_chans=m["in_chans"], encoder_embed_dim=m["embed_dim"])
        dim = m["embed_dim"]
        self.patch_embed = PatchEmbed(g)
        self.pos_embed = sinusoid_table(g.num_tokens, dim)  # plain attribute: fixed, not in the state dict
        self.blocks = nn.ModuleList(Block(dim, m["num_heads"], m["mlp_ratio"]) for _ in range(m["depth"]))
        self.norm = nn.Identity()  # mean pooling: the final norm is Identity, fc_norm follows the pooling
        self.fc_norm = nn.LayerNorm(dim, eps=1e-6)
        self.fc_dropout = nn.Dropout(p=m["fc_drop_rate"]) if m["fc_drop_rate"] > 0 else nn.Identity()
        self.head = nn.Linear(dim, m["num_classes"])
        nn.init.trunc_normal_(self.head.weight, std=0.02)
        self.apply(self._init_weights)
        self.head.weight.data.mul_(m["init_scale"])
        self.head.bias.data.mul_(m["init_scale"])

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        if isinstance(module, nn.Linear):
            nn.init.trunc_normal_(module.weight, std=0.02)
            if module.bias is not None:
                nn.init.constant_(module.bias, 0)
        elif isinstance(module, nn.LayerNorm):
            nn.init.constant_(module.bias, 0)
            nn.init.constant_(module.weight, 1.0)

    def get_num_layers(self) -> int:
        return len(self.blocks)

    def no_weight_decay(self) -> set[str]:
        return {"pos_embed", "cls_token"}

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.patch_embed(x)
        x = x + self.pos_embed.type_as(x).to(x.device).clone().detach()
        for block in self.blocks:
            x = block(x)
        x = self.norm(x)
        return self.head(self.fc_dropout(self.fc_norm(x.mean(1))))


def soft_target_cross_entropy(x: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """timm.loss.SoftTargetCrossEntropy."""
    return torch.sum(-target * F.log_softmax(x, dim=-1), dim=-1).mean()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="output of synvid bench finetune-parity")
    ap.add_argument("--tolerance", type=float, default=1e-3, help="largest allowed relative loss difference per step")
    ap.add_argument("--update-tolerance", type=float, default=0.05, help="largest allowed ‖ΔSynVid − ΔPyTorch‖ / ‖ΔPyTorch‖ of a tensor's total update")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    config = load_config(args.folder)
    m, o = config["model"], config["optimizer"]
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s); {config['preset']} on {config['data']}: "
          f"{config['steps']} steps of {config['batch_size']} clips, SynVid ran {config['threads']} thread(s)")
    report = Report()

    torch.manual_seed(config["seed"])
    fresh = VisionTransformer(m).state_dict()
    model = VisionTransformer(m)
    init = load_state(os.path.join(args.folder, "init.pth"))
    model.load_state_dict(init, strict=True)
    compare_init(report, init, fresh)

    num_layers = model.get_num_layers()
    assigner = LayerDecayValueAssigner([o["layer_decay"] ** (num_layers + 1 - i) for i in range(num_layers + 2)])
    groups = get_parameter_groups(model, o["weight_decay"], model.no_weight_decay(), assigner.get_layer_id, assigner.get_scale)
    compare_groups(report, args.folder, groups)
    opt = adamw(groups, o)
    lr = reference_schedule(config)
    compare_schedule(report, args.folder, lr)

    clips = torch.from_numpy(np.load(os.path.join(args.folder, "clips.npy")))
    targets = torch.from_numpy(np.load(os.path.join(args.folder, "targets.npy")))
    losses = []
    for step in range(config["steps"]):
        set_lr(opt, float(lr[step]))
        model.train()
        loss = soft_target_cross_entropy(model(clips[step]), targets[step])
        opt.zero_grad()
        loss.backward()
        if o["clip_grad"] is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), o["clip_grad"])
        opt.step()
        losses.append((float(lr[step]), loss.item()))

    worst = compare_losses(report, load_losses(args.folder), losses, args.tolerance)
    compare_updates(report, init, load_state(os.path.join(args.folder, "final.pth")), model.state_dict(), args.update_tolerance)
    print(f"fine-tune step parity: {'PASS' if report.exit_code == 0 else 'FAIL'}, max relative loss difference {worst:.2e}")
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
