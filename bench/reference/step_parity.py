"""What the step-parity scripts share: reading a `synvid bench *-parity` folder, VideoMAE's lr schedule and parameter
groups, and the comparisons (groups, lr, initial weights, losses, final weights) with their tables."""
from __future__ import annotations

import csv
import json
import math
import os

import numpy as np
import torch


def load_config(folder: str) -> dict:
    with open(os.path.join(folder, "config.json")) as f:
        return json.load(f)


def load_state(path: str) -> dict:
    """The 'model' entry of a SynVid checkpoint (reference .pth layout)."""
    return torch.load(path, map_location="cpu", weights_only=False)["model"]


def load_losses(folder: str) -> list[tuple[float, float]]:
    """SynVid's (lr, loss) per step from synvid_losses.csv."""
    with open(os.path.join(folder, "synvid_losses.csv")) as f:
        return [(float(row["lr"]), float(row["loss"])) for row in csv.DictReader(f)]


def cosine_scheduler(base_value: float, final_value: float, epochs: int, niter_per_ep: int, warmup_epochs: int = 0,
                     start_warmup_value: float = 0, warmup_steps: int = -1) -> np.ndarray:
    """VideoMAE utils.cosine_scheduler, verbatim in behaviour: linspace warm-up (both ends inclusive), then a cosine
    over the remaining iterations."""
    warmup_schedule = np.array([])
    warmup_iters = warmup_epochs * niter_per_ep
    if warmup_steps > 0:
        warmup_iters = warmup_steps
    if warmup_epochs > 0:
        warmup_schedule = np.linspace(start_warmup_value, base_value, warmup_iters)
    iters = np.arange(epochs * niter_per_ep - warmup_iters)
    schedule = np.array([final_value + 0.5 * (base_value - final_value) * (1 + math.cos(math.pi * i / (len(iters)))) for i in iters])
    schedule = np.concatenate((warmup_schedule, schedule))
    assert len(schedule) == epochs * niter_per_ep
    return schedule


def reference_schedule(config: dict) -> np.ndarray:
    """The config's schedule as VideoMAE computes it, one optimiser step per 'epoch'."""
    s = config["schedule"]
    return cosine_scheduler(s["peak_lr"], s["min_lr"], epochs=s["total_steps"], niter_per_ep=1, warmup_epochs=s["warmup_steps"])


def get_num_layer_for_vit(var_name: str, num_max_layer: int) -> int:
    """VideoMAE optim_factory.get_num_layer_for_vit."""
    if var_name in ("cls_token", "mask_token", "pos_embed"):
        return 0
    if var_name.startswith("patch_embed"):
        return 0
    if var_name.startswith("rel_pos_bias"):
        return num_max_layer - 1
    if var_name.startswith("blocks"):
        return int(var_name.split(".")[1]) + 1
    return num_max_layer - 1


class LayerDecayValueAssigner:
    """VideoMAE optim_factory.LayerDecayValueAssigner."""

    def __init__(self, values):
        self.values = values

    def get_scale(self, layer_id):
        return self.values[layer_id]

    def get_layer_id(self, var_name):
        return get_num_layer_for_vit(var_name, len(self.values))


def get_parameter_groups(model, weight_decay=1e-5, skip_list=(), get_num_layer=None, get_layer_scale=None) -> list[dict]:
    """VideoMAE optim_factory.get_parameter_groups; each group also keeps its name and parameter names."""
    groups: dict[str, dict] = {}
    for name, param in model.named_parameters():
        if not param.requires_grad:
            continue
        if len(param.shape) == 1 or name.endswith(".bias") or name in skip_list:
            group_name, this_weight_decay = "no_decay", 0.0
        else:
            group_name, this_weight_decay = "decay", weight_decay
        layer_id = None
        if get_num_layer is not None:
            layer_id = get_num_layer(name)
            group_name = "layer_%d_%s" % (layer_id, group_name)
        if group_name not in groups:
            scale = get_layer_scale(layer_id) if get_layer_scale is not None else 1.0
            groups[group_name] = {"weight_decay": this_weight_decay, "params": [], "lr_scale": scale, "group_name": group_name, "names": []}
        groups[group_name]["params"].append(param)
        groups[group_name]["names"].append(name)
    return list(groups.values())


def adamw(groups: list[dict], optimizer: dict) -> torch.optim.AdamW:
    """torch.optim.AdamW over the groups (their own weight decay), as VideoMAE's create_optimizer builds it."""
    plain = [{k: v for k, v in g.items() if k not in ("group_name", "names")} for g in groups]
    return torch.optim.AdamW(plain, lr=0.0, betas=(optimizer["beta1"], optimizer["beta2"]), eps=optimizer["eps"], weight_decay=0.0)


def set_lr(opt: torch.optim.Optimizer, lr: float) -> None:
    """VideoMAE's per-iteration rule: every group's lr = schedule value × its lr_scale."""
    for group in opt.param_groups:
        group["lr"] = lr * group["lr_scale"]


class Report:
    """Collects failed checks; `exit_code` is 1 when any failed."""

    def __init__(self):
        self.failures: list[str] = []

    def check(self, ok: bool, what: str) -> None:
        print(f"  [{'ok' if ok else 'FAIL'}] {what}")
        if not ok:
            self.failures.append(what)

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


def compare_groups(report: Report, folder: str, groups: list[dict]) -> None:
    """SynVid's groups.json against the reference grouping: same groups, members, lr scales and weight decays."""
    with open(os.path.join(folder, "groups.json")) as f:
        synvid = {g["name"]: g for g in json.load(f)}
    reference = {g["group_name"]: g for g in groups}
    print(f"parameter groups: SynVid {len(synvid)}, reference {len(reference)}")
    report.check(set(synvid) == set(reference), f"same group names ({sorted(set(synvid) ^ set(reference)) or 'all match'})")
    mismatched = 0
    for name in sorted(set(synvid) & set(reference)):
        s, r = synvid[name], reference[name]
        same = (set(s["params"]) == set(r["names"]) and abs(s["lr_scale"] - r["lr_scale"]) <= 1e-12 * max(1.0, r["lr_scale"])
                and s["weight_decay"] == r["weight_decay"])
        if not same:
            mismatched += 1
            print(f"    {name}: SynVid lr_scale {s['lr_scale']:.6f}, weight decay {s['weight_decay']}, {len(s['params'])} tensors; "
                  f"reference {r['lr_scale']:.6f}, {r['weight_decay']}, {len(r['names'])}")
    report.check(mismatched == 0, f"every group has the same parameters, lr scale and weight decay ({mismatched} differ)")
    for g in groups:
        print(f"    {g['group_name']:<18} lr_scale {g['lr_scale']:.6f}  weight_decay {g['weight_decay']:<5}  {len(g['names'])} tensors")


def compare_schedule(report: Report, folder: str, reference: np.ndarray) -> None:
    synvid = np.load(os.path.join(folder, "lr.npy"))
    diff = float(np.max(np.abs(synvid - reference) / np.maximum(np.abs(reference), 1e-30)))
    report.check(synvid.shape == reference.shape and diff <= 1e-12,
                 f"lr schedule: SynVid's lr.npy vs VideoMAE's cosine_scheduler, max rel diff {diff:.2e} (peak {reference.max():.3e})")


def compare_init(report: Report, synvid_init: dict, fresh: dict) -> None:
    """The exported initial weights against a freshly initialised reference model: constants (LayerNorm, zero biases)
    exactly; random tensors must not be constant, and those of at least 1,000 elements must have the reference's std
    within 10 %. Tensors drawn in the same order from the same seed are even bit-identical."""
    print("initialisation (SynVid's init.pth vs a fresh reference model):")
    identical, worst, shown = 0, 0.0, 0
    for name, r in fresh.items():
        s = synvid_init[name].float()
        if torch.equal(s, r):
            identical += 1
            continue
        if torch.all(r == r.flatten()[0]):
            report.check(False, f"{name}: the constant {float(r.flatten()[0])} in the reference; SynVid's differs")
            continue
        if torch.all(s == s.flatten()[0]):
            report.check(False, f"{name}: random in the reference (std {float(r.std()):.3e}), the constant {float(s.flatten()[0]):.3e} in SynVid")
            continue
        if r.numel() >= 1000:
            ratio = float(s.std() / r.std())
            worst = max(worst, abs(ratio - 1))
            if shown < 12 or abs(ratio - 1) > 0.1:
                shown += 1
                print(f"    {name:<40} std SynVid {float(s.std()):.3e}  reference {float(r.std()):.3e}  ratio {ratio:.3f}")
    print(f"    {identical} of {len(fresh)} tensors bit-identical to the reference's init from the same seed")
    report.check(worst <= 0.1, f"random tensors of 1,000+ elements: the reference's std within 10 % (worst {worst:.3f})")


def compare_losses(report: Report, synvid: list[tuple[float, float]], reference: list[tuple[float, float]], tolerance: float) -> float:
    """Prints the step table and checks the largest relative loss difference."""
    print(f"{'step':>4}  {'lr':>10}  {'SynVid loss':>12}  {'PyTorch loss':>12}  {'rel diff':>9}")
    worst = 0.0
    for i, ((lr, s), (_, r)) in enumerate(zip(synvid, reference)):
        rel = abs(s - r) / max(abs(r), 1e-30)
        worst = max(worst, rel)
        print(f"{i + 1:>4}  {lr:>10.3e}  {s:>12.6f}  {r:>12.6f}  {rel:>9.2e}")
    report.check(len(synvid) == len(reference), f"{len(synvid)} SynVid steps, {len(reference)} reference steps")
    report.check(worst <= tolerance, f"max relative loss difference {worst:.2e} (tolerance {tolerance:.0e}); "
                                     f"first loss {synvid[0][1]:.6f} / {reference[0][1]:.6f}, last {synvid[-1][1]:.6f} / {reference[-1][1]:.6f}")
    return worst


def compare_updates(report: Report, init: dict, synvid_final: dict, reference_final: dict, tolerance: float) -> None:
    """Per tensor: the total update (final − init) of SynVid against the reference's, ‖Δs − Δr‖ / ‖Δr‖."""
    rows = []
    for name, r in reference_final.items():
        dr = r - init[name].float()
        ds = synvid_final[name].float() - init[name].float()
        norm = float(dr.norm())
        rows.append((float((ds - dr).norm()) / norm if norm > 0 else float(ds.norm()), name, norm))
    rows.sort(reverse=True)
    print("largest differences of the total update per tensor, ‖ΔSynVid − ΔPyTorch‖ / ‖ΔPyTorch‖:")
    for rel, name, norm in rows[:5]:
        print(f"    {name:<40} {rel:.2e}  (‖ΔPyTorch‖ {norm:.3e})")
    report.check(rows[0][0] <= tolerance, f"every tensor moved as in PyTorch: worst update difference {rows[0][0]:.2e} (tolerance {tolerance:.0e})")
