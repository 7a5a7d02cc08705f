"""Loads a SynVid (or reference) VideoMAE pre-training checkpoint in PyTorch and checks it against SynVid's output.

Usage: check_interop.py CHECKPOINT INPUT.npy MASK.npy SYNVID_OUTPUT.npy [--heads H] [--decoder-heads H] [--expected REF.npy]

1. torch.load with weights_only=True, then weights_only=False; reports each.
2. Builds videomae_reference.PretrainVideoMAE from the state-dict shapes and loads 'model' strictly.
3. Runs it in eval mode on INPUT (B,3,T,H,W float32) and MASK (B,N bool) and prints the max abs / rel error against
   SYNVID_OUTPUT (written by `synvid model run`) and, with --expected, against a third output.
4. If the checkpoint has an 'optimizer' entry, loads it into torch.optim.AdamW over the model's decay / no-decay groups
   and takes one step with it.
Exit status 1 when the strict load fails or the max abs error exceeds --tolerance.
"""
from __future__ import annotations

import argparse
import io
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from videomae_reference import (PretrainVideoMAE, geometry_from_state_dict, normalized_pixel_target,  # noqa: E402
                                parameter_groups)


def try_load(path: str, weights_only: bool):
    try:
        return torch.load(path, map_location="cpu", weights_only=weights_only), None
    except Exception as e:  # report and go on: the other mode may work
        return None, f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"


def compare(name: str, ours: np.ndarray, theirs: np.ndarray) -> float:
    if ours.shape != theirs.shape:
        print(f"{name}: shape mismatch {ours.shape} vs {theirs.shape}")
        return float("inf")
    diff = np.abs(ours.astype(np.float64) - theirs.astype(np.float64))
    max_abs = float(diff.max())
    max_rel = float((diff / np.maximum(np.abs(theirs.astype(np.float64)), 1e-6)).max())
    rel_norm = float(np.linalg.norm(diff) / max(np.linalg.norm(theirs.astype(np.float64)), 1e-12))
    print(f"{name}: shape {ours.shape}, max abs err {max_abs:.3e}, max rel err {max_rel:.3e}, rel L2 err {rel_norm:.3e}")
    return max_abs


def replay_last_update(before: dict, after: dict, saved: dict, names: list[str]) -> None:
    """AdamW (decoupled decay) from `before` with the saved moments, step and lr must give `after`, parameter by
    parameter. Saved ids pair with names in group order, as torch's load_state_dict pairs them."""
    worst, worst_name = 0.0, ""
    index_to_group = {i: grp for grp in saved["param_groups"] for i in grp["params"]}
    ids = [i for grp in saved["param_groups"] for i in grp["params"]]
    for i, name in zip(ids, names):
        grp, st = index_to_group[i], saved["state"][i]
        b1, b2 = grp["betas"]
        step = float(st["step"])
        p = before[name].double()
        m_hat = st["exp_avg"].double() / (1 - b1 ** step)
        v_hat = st["exp_avg_sq"].double() / (1 - b2 ** step)
        expected = p * (1 - grp["lr"] * grp["weight_decay"]) - grp["lr"] * m_hat / (v_hat.sqrt() + grp["eps"])
        change = (after[name].double() - p).abs().max().item()
        err = (expected - after[name].double()).abs().max().item() / max(change, 1e-12)
        if err > worst:
            worst, worst_name = err, name
    print(f"optimizer: replaying the last AdamW update from --previous reproduces all {len(names)} parameters; worst "
          f"error {worst:.2e} of the update size ({worst_name})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkpoint")
    ap.add_argument("input")
    ap.add_argument("mask")
    ap.add_argument("synvid_output")
    ap.add_argument("--heads", type=int, default=None, help="encoder heads (default width / 64)")
    ap.add_argument("--decoder-heads", type=int, default=None, help="decoder heads (default width / 64)")
    ap.add_argument("--expected", default=None, help="a further output .npy to compare with (e.g. the reference fixture's)")
    ap.add_argument("--expected-target", default=None,
                    help="a normalised-pixel target .npy for INPUT and MASK (e.g. the fixture's) to check the target code")
    ap.add_argument("--previous", default=None,
                    help="the checkpoint one optimiser step earlier: checks that 'optimizer' state maps to the right "
                         "parameters by replaying the last AdamW update from it")
    ap.add_argument("--tolerance", type=float, default=1e-4, help="largest accepted max abs error")
    args = ap.parse_args()

    print(f"torch {torch.__version__}, numpy {np.__version__}")
    ckpt, err_safe = try_load(args.checkpoint, weights_only=True)
    print(f"torch.load(weights_only=True): {'ok' if err_safe is None else 'FAILED ' + err_safe}")
    if ckpt is None:
        ckpt, err = try_load(args.checkpoint, weights_only=False)
        print(f"torch.load(weights_only=False): {'ok' if err is None else 'FAILED ' + err}")
        if ckpt is None:
            return 1
    else:
        _, err = try_load(args.checkpoint, weights_only=False)
        print(f"torch.load(weights_only=False): {'ok' if err is None else 'FAILED ' + err}")
    if err_safe is not None:
        # Control: does PyTorch's own torch.save of the very same object pass the weights-only loader of this torch?
        buffer = io.BytesIO()
        torch.save(ckpt, buffer)
        buffer.seek(0)
        try:
            torch.load(buffer, map_location="cpu", weights_only=True)
            print("  control, torch.save of the same object: weights_only=True ok (so the difference is in the file)")
        except Exception as e:
            print(f"  control, torch.save of the same object: weights_only=True also fails ({type(e).__name__}: "
                  f"{str(e).splitlines()[-1][-60:]}), a limit of this torch's weights-only unpickler")
        try:
            model_only = io.BytesIO()
            torch.save({"model": ckpt["model"]}, model_only)
            model_only.seek(0)
            torch.load(model_only, map_location="cpu", weights_only=True)
            print("  control, {'model': state_dict} alone: weights_only=True ok")
        except Exception as e:
            print(f"  control, {{'model': state_dict}} alone: weights_only=True fails ({type(e).__name__})")
    print(f"top-level keys: {list(ckpt.keys())}")
    state = ckpt["model"] if "model" in ckpt else ckpt.get("module", ckpt)

    clip = torch.from_numpy(np.load(args.input))
    mask = torch.from_numpy(np.load(args.mask)).bool()
    g = geometry_from_state_dict(state, num_frames=clip.shape[2], img_size=clip.shape[3],
                                 encoder_heads=args.heads, decoder_heads=args.decoder_heads)
    print(f"geometry: {g}")
    torch.manual_seed(0)
    model = PretrainVideoMAE(g)
    result = model.load_state_dict(state, strict=True)
    print(f"load_state_dict(strict=True): ok ({len(state)} tensors; missing {result.missing_keys}, unexpected {result.unexpected_keys})")
    model.eval()
    with torch.no_grad():
        out = model(clip, mask).numpy()
    worst = compare("PyTorch vs SynVid output", out, np.load(args.synvid_output))
    if args.expected:
        worst = max(worst, compare("PyTorch vs expected", out, np.load(args.expected)))
        compare("SynVid vs expected", np.load(args.synvid_output), np.load(args.expected))
    if args.expected_target:
        target = normalized_pixel_target(clip, mask, g)
        worst = max(worst, compare("PyTorch target vs expected target", target.numpy(), np.load(args.expected_target)))
        print(f"MSE(output, target) = {torch.nn.functional.mse_loss(torch.from_numpy(out), target).item():.8f}")

    if "optimizer" in ckpt:
        groups = parameter_groups(model, 0.05, order=list(state.keys()))
        names = [n for grp in groups for n in grp.pop("names")]
        opt = torch.optim.AdamW(groups, lr=1e-4, betas=(0.9, 0.95), weight_decay=0.05)
        saved = ckpt["optimizer"]
        saved_sizes = [len(grp["params"]) for grp in saved["param_groups"]]
        ours_sizes = [len(grp["params"]) for grp in opt.param_groups]
        try:
            opt.load_state_dict(saved)
            params = [p for grp in opt.param_groups for p in grp["params"]]
            bad = [n for n, p in zip(names, params)
                   if p in opt.state and opt.state[p]["exp_avg"].shape != p.shape]
            steps = sorted({float(s["step"]) for s in opt.state.values()})
            hyper = {k: v for k, v in opt.param_groups[0].items() if k != "params"}
            print(f"optimizer: load_state_dict ok; groups {saved_sizes} (ours {ours_sizes}); state for {len(opt.state)} of "
                  f"{len(params)} params; shape mismatches {bad}; step values {steps}; group 0 {hyper}")
            model.train()
            loss = model(clip, mask).square().mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            print("optimizer: one AdamW step with the loaded state ok")
            if args.previous:
                replay_last_update(torch.load(args.previous, map_location="cpu")["model"], state, saved, names)
        except Exception as e:
            print(f"optimizer: load FAILED {type(e).__name__}: {e} (saved groups {saved_sizes}, ours {ours_sizes})")
            return 1
    else:
        print("optimizer: no 'optimizer' entry in this checkpoint")

    ok = worst <= args.tolerance
    print(f"RESULT: {'PASS' if ok else 'FAIL'} (max abs err {worst:.3e}, tolerance {args.tolerance:g})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
