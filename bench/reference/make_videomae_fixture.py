"""Re-derives the outputs of tests/fixtures/videomae from its weights and inputs with the PyTorch reference models.

Usage: make_videomae_fixture.py OUT_DIR [--source DIR] [--check DIR] [--tolerance 1e-5] [--threads 1]

The fixture's weights (pretrain_tiny.pth, finetune_tiny.pth, reference checkpoint layout {"model": state_dict}) and
inputs (pretrain_input.npy, an ImageNet-normalised clip; pretrain_mask.npy, a tube mask) were written by the authors'
VideoMAE code with the seed and torch version that its manifest.json records. They are inputs here: this script does
not draw them again (that needs the authors' code and its random streams), it copies them from --source (default:
the checked-in tests/fixtures/videomae) and recomputes everything derived from them:

- pretrain_output.npy: videomae_reference.PretrainVideoMAE in eval mode, the decoder's prediction for masked tokens;
- pretrain_target.npy: videomae_reference.normalized_pixel_target (per-patch normalised pixels of masked tokens);
- the MSE of the two, written as manifest.json "pretrain" "loss_mse";
- finetune_logits.npy: the fine-tuning VisionTransformer of finetune_step_reference.py (mean pooling, fc_norm, head)
  in eval mode on the same clip.

Both models load their checkpoint strictly, so every tensor of the files is used. manifest.json is the source's with
loss_mse replaced by the recomputed value. With --check DIR every output and the loss are compared with DIR's; the
script exits 1 when a max abs difference (or the loss's relative difference) exceeds --tolerance.
Needs torch and numpy.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys

if __name__ == "__main__":
    # OpenBLAS's pthread build (Debian's default libblas) fixes its thread count when it loads and does not follow
    # torch.set_num_threads; the last bits of the outputs depend on it, so --threads sets it before torch loads.
    _pre = argparse.ArgumentParser(add_help=False)
    _pre.add_argument("--threads", type=int, default=1)
    os.environ["OPENBLAS_NUM_THREADS"] = str(_pre.parse_known_args()[0].threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from finetune_step_reference import VisionTransformer  # noqa: E402
from videomae_reference import PretrainVideoMAE, geometry_from_state_dict, normalized_pixel_target  # noqa: E402

DEFAULT_SOURCE = os.path.join(HERE, "..", "..", "tests", "fixtures", "videomae")
INPUTS = ["pretrain_tiny.pth", "finetune_tiny.pth", "pretrain_input.npy", "pretrain_mask.npy"]
OUTPUTS = ["pretrain_output.npy", "pretrain_target.npy", "finetune_logits.npy"]


def load_model_state(path: str) -> dict:
    return torch.load(path, map_location="cpu")["model"]


def pretrain_outputs(source: str, config: dict, clip: torch.Tensor, mask: torch.Tensor):
    """Decoder output, target and MSE of the pre-training model; checks the state dict against the manifest."""
    state = load_model_state(os.path.join(source, "pretrain_tiny.pth"))
    g = geometry_from_state_dict(state, num_frames=clip.shape[2], img_size=clip.shape[3],
                                 encoder_heads=config["encoder_num_heads"], decoder_heads=config["decoder_num_heads"])
    expected = {k: config[k] for k in ("img_size", "patch_size", "num_frames", "tubelet_size", "encoder_embed_dim",
                                       "encoder_depth", "decoder_embed_dim", "decoder_depth", "mlp_ratio")}
    actual = {k: getattr(g, k) for k in expected}
    assert actual == expected, f"pretrain_tiny.pth does not match the manifest: {actual} vs {expected}"
    model = PretrainVideoMAE(g)
    model.load_state_dict(state, strict=True)
    model.eval()
    with torch.no_grad():
        output = model(clip, mask)
    target = normalized_pixel_target(clip, mask, g)
    return output.numpy(), target.numpy(), F.mse_loss(output, target).item()


def finetune_logits(source: str, config: dict, clip: torch.Tensor) -> np.ndarray:
    """Eval-mode logits of the fine-tuning classifier (mean pooling + fc_norm, as the manifest says)."""
    assert config["use_mean_pooling"], "the reference classifier here is the mean-pooling one"
    m = dict(config, in_chans=3, init_values=0.0, fc_drop_rate=0.0, init_scale=1.0)
    model = VisionTransformer(m)
    model.load_state_dict(load_model_state(os.path.join(source, "finetune_tiny.pth")), strict=True)
    model.eval()
    with torch.no_grad():
        return model(clip).numpy()


def compare(out_dir: str, check_dir: str, tolerance: float) -> bool:
    ok = True
    for name in OUTPUTS:
        ours, theirs = np.load(os.path.join(out_dir, name)), np.load(os.path.join(check_dir, name))
        if ours.shape != theirs.shape or ours.dtype != theirs.dtype:
            print(f"{name}: shape/dtype {ours.shape} {ours.dtype} vs {theirs.shape} {theirs.dtype}")
            ok = False
            continue
        diff = np.abs(ours.astype(np.float64) - theirs.astype(np.float64))
        rel = diff.max() / np.abs(theirs).max()
        same = np.array_equal(ours, theirs)
        ok &= bool(diff.max() <= tolerance)
        print(f"{name}: max abs diff {diff.max():.3e}, max abs diff / max |value| {rel:.3e}, "
              f"{np.count_nonzero(diff)} of {diff.size} values differ{' (identical)' if same else ''}")
    loss = {}
    for label, folder in (("ours", out_dir), ("theirs", check_dir)):
        with open(os.path.join(folder, "manifest.json")) as f:
            loss[label] = json.load(f)["pretrain"]["loss_mse"]
    rel = abs(loss["ours"] - loss["theirs"]) / abs(loss["theirs"])
    ok &= rel <= tolerance
    print(f"loss_mse: {loss['ours']!r} vs {loss['theirs']!r}, relative diff {rel:.3e}")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--source", default=DEFAULT_SOURCE, help="folder with the weights, inputs and manifest.json (default: the checked-in fixture)")
    ap.add_argument("--check", metavar="DIR", default=None, help="compare with an existing fixture folder; exit 1 beyond --tolerance")
    ap.add_argument("--tolerance", type=float, default=1e-5, help="largest accepted max abs difference (relative for the loss)")
    ap.add_argument("--threads", type=int, default=1, help="torch and OpenBLAS threads")
    args = ap.parse_args()
    if args.check and os.path.abspath(args.check) == os.path.abspath(args.out_dir):
        ap.error("--check must name another folder than OUT_DIR")
    torch.set_num_threads(args.threads)
    with open(os.path.join(args.source, "manifest.json")) as f:
        manifest = json.load(f)
    print(f"torch {torch.__version__}, numpy {np.__version__}, {torch.get_num_threads()} thread(s); "
          f"the weights and inputs were written with torch {manifest['torch_version']}, seed {manifest['seed']}")

    os.makedirs(args.out_dir, exist_ok=True)
    for name in INPUTS:
        if os.path.abspath(os.path.join(args.source, name)) != os.path.abspath(os.path.join(args.out_dir, name)):
            shutil.copyfile(os.path.join(args.source, name), os.path.join(args.out_dir, name))
    clip = torch.from_numpy(np.load(os.path.join(args.source, "pretrain_input.npy")))
    mask = torch.from_numpy(np.load(os.path.join(args.source, "pretrain_mask.npy"))).bool()

    output, target, loss = pretrain_outputs(args.source, manifest["pretrain"], clip, mask)
    logits = finetune_logits(args.source, manifest["finetune"], clip)
    np.save(os.path.join(args.out_dir, "pretrain_output.npy"), output)
    np.save(os.path.join(args.out_dir, "pretrain_target.npy"), target)
    np.save(os.path.join(args.out_dir, "finetune_logits.npy"), logits)
    manifest["pretrain"]["loss_mse"] = loss
    with open(os.path.join(args.out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    print(f"wrote {', '.join(OUTPUTS)} and manifest.json (loss_mse {loss!r}) to {args.out_dir}")

    if args.check:
        ok = compare(args.out_dir, args.check, args.tolerance)
        print(f"videomae fixture check: {'PASS' if ok else 'FAIL'} (tolerance {args.tolerance:g})")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
