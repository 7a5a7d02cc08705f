"""A compact PyTorch VideoMAE pre-training model written from docs/reference-behaviour.md §4.

State-dict keys match the reference checkpoint layout (§4.9): encoder.patch_embed.proj.*, encoder.blocks.{i}.*,
encoder.norm.*, encoder_to_decoder.weight, mask_token, decoder.blocks.{i}.*, decoder.norm.*, decoder.head.*.
Positional tables are fixed sinusoids kept outside the state dict (§4.2).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


@dataclass(frozen=True)
class PretrainGeometry:
    """Shapes of a pre-training model; defaults are §4.4 small with decoder depth 4."""

    img_size: int = 224
    patch_size: int = 16
    num_frames: int = 16
    tubelet_size: int = 2
    in_chans: int = 3
    encoder_embed_dim: int = 384
    encoder_depth: int = 12
    encoder_num_heads: int = 6
    decoder_embed_dim: int = 192
    decoder_depth: int = 4
    decoder_num_heads: int = 3
    mlp_ratio: float = 4.0

    @property
    def tokens_per_frame(self) -> int:
        return (self.img_size // self.patch_size) ** 2

    @property
    def temporal_slots(self) -> int:
        return self.num_frames // self.tubelet_size

    @property
    def num_tokens(self) -> int:
        return self.temporal_slots * self.tokens_per_frame

    @property
    def patch_dim(self) -> int:
        return self.in_chans * self.tubelet_size * self.patch_size ** 2


SIZES = {
    # name: (encoder width, depth, heads, decoder width, heads) — §4.4, plus SynVid's CPU "tiny" (ViT-Ti widths).
    "tiny": (192, 12, 3, 96, 3),
    "small": (384, 12, 6, 192, 3),
    "base": (768, 12, 12, 384, 6),
    "large": (1024, 24, 16, 512, 8),
    "huge": (1280, 32, 16, 640, 8),
}


def geometry_for(size: str, num_frames: int, img_size: int, decoder_depth: int = 4) -> PretrainGeometry:
    d, depth, heads, dd, dheads = SIZES[size]
    return PretrainGeometry(img_size=img_size, num_frames=num_frames, encoder_embed_dim=d, encoder_depth=depth,
                            encoder_num_heads=heads, decoder_embed_dim=dd, decoder_depth=decoder_depth,
                            decoder_num_heads=dheads)


def sinusoid_table(num_tokens: int, dim: int) -> torch.Tensor:
    """§4.2: angle(n, j) = n / 10000^(2·⌊j/2⌋/D); sin on even channels, cos on odd; float64 then float32. (1, N, D)."""
    n = np.arange(num_tokens, dtype=np.float64)[:, None]
    j = np.arange(dim)
    angle = n / np.power(10000.0, 2 * (j // 2) / dim)[None, :]
    table = np.where(j % 2 == 0, np.sin(angle), np.cos(angle))
    return torch.from_numpy(table.astype(np.float32)).unsqueeze(0)


class Attention(nn.Module):
    """§4.3: qkv without its own bias; learnable q_bias and v_bias, k bias fixed at zero."""

    def __init__(self, dim: int, num_heads: int):
        super().__init__()
        self.num_heads = num_heads
        self.scale = (dim // num_heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3, bias=False)
        self.q_bias = nn.Parameter(torch.zeros(dim))
        self.v_bias = nn.Parameter(torch.zeros(dim))
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        bias = torch.cat((self.q_bias, torch.zeros_like(self.v_bias), self.v_bias))
        qkv = F.linear(x, self.qkv.weight, bias).reshape(b, n, 3, self.num_heads, d // self.num_heads)
        q, k, v = qkv.permute(2, 0, 3, 1, 4)
        attn = ((q * self.scale) @ k.transpose(-2, -1)).softmax(dim=-1)
        return self.proj((attn @ v).transpose(1, 2).reshape(b, n, d))


class Mlp(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.act(self.fc1(x)))


class Block(nn.Module):
    """Pre-norm block (§4.3), LayerNorm eps 1e-6, no layer scale, drop path 0."""

    def __init__(self, dim: int, num_heads: int, mlp_ratio: float):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, num_heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, int(dim * mlp_ratio))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class PatchEmbed(nn.Module):
    """Conv3d with kernel = stride = (tubelet, patch, patch); tokens t-major, then h, then w (§4.1)."""

    def __init__(self, g: PretrainGeometry):
        super().__init__()
        self.proj = nn.Conv3d(g.in_chans, g.encoder_embed_dim, kernel_size=(g.tubelet_size, g.patch_size, g.patch_size),
                              stride=(g.tubelet_size, g.patch_size, g.patch_size))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x).flatten(2).transpose(1, 2)


def _xavier_linears(module: nn.Module) -> None:
    """§4.5 init inside encoder/decoder: Linear xavier_uniform with zero bias; LayerNorm (1, 0)."""
    for m in module.modules():
        if isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)


class Encoder(nn.Module):
    def __init__(self, g: PretrainGeometry):
        super().__init__()
        self.patch_embed = PatchEmbed(g)
        self.blocks = nn.ModuleList(Block(g.encoder_embed_dim, g.encoder_num_heads, g.mlp_ratio) for _ in range(g.encoder_depth))
        self.norm = nn.LayerNorm(g.encoder_embed_dim, eps=1e-6)
        self.pos_table = sinusoid_table(g.num_tokens, g.encoder_embed_dim)  # plain attribute: not in the state dict
        _xavier_linears(self)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.patch_embed(x)
        x = x + self.pos_table.to(x.device, x.dtype)
        b, _, d = x.shape
        x = x[~mask].reshape(b, -1, d)  # visible tokens, ascending order
        for block in self.blocks:
            x = block(x)
        return self.norm(x)


class Decoder(nn.Module):
    def __init__(self, g: PretrainGeometry):
        super().__init__()
        self.blocks = nn.ModuleList(Block(g.decoder_embed_dim, g.decoder_num_heads, g.mlp_ratio) for _ in range(g.decoder_depth))
        self.norm = nn.LayerNorm(g.decoder_embed_dim, eps=1e-6)
        self.head = nn.Linear(g.decoder_embed_dim, g.patch_dim)
        _xavier_linears(self)

    def forward(self, x: torch.Tensor, return_tokens: int) -> torch.Tensor:
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x[:, -return_tokens:]))


class PretrainVideoMAE(nn.Module):
    """§4.5: encoder on visible tokens → encoder_to_decoder → decoder on [visible; mask tokens] → masked-token pixels."""

    def __init__(self, g: PretrainGeometry):
        super().__init__()
        self.geometry = g
        self.encoder = Encoder(g)
        self.decoder = Decoder(g)
        # Framework default init (kaiming-uniform) for the bridge, as the reference.
        self.encoder_to_decoder = nn.Linear(g.encoder_embed_dim, g.decoder_embed_dim, bias=False)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, g.decoder_embed_dim))
        nn.init.trunc_normal_(self.mask_token, std=0.02, a=-0.02, b=0.02)
        self.decoder_pos_table = sinusoid_table(g.num_tokens, g.decoder_embed_dim)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        vis = self.encoder_to_decoder(self.encoder(x, mask))
        b, _, d = vis.shape
        pos = self.decoder_pos_table.to(vis.device, vis.dtype).expand(b, -1, -1)
        pos_vis = pos[~mask].reshape(b, -1, d)
        pos_mask = pos[mask].reshape(b, -1, d)
        full = torch.cat([vis + pos_vis, self.mask_token + pos_mask], dim=1)
        return self.decoder(full, pos_mask.shape[1])


@torch.no_grad()
def normalized_pixel_target(clip: torch.Tensor, mask: torch.Tensor, g: PretrainGeometry) -> torch.Tensor:
    """§4.7: un-normalise, cut tubelet patches (p = (dt·P + dy)·P + dx), per-patch per-channel mean / (unbiased std + 1e-6),
    channel fastest, masked tokens in ascending order. (B, N_masked, patch_dim), float32."""
    x = clip.float()
    mean = torch.tensor(IMAGENET_MEAN, device=x.device).view(1, 3, 1, 1, 1)
    std = torch.tensor(IMAGENET_STD, device=x.device).view(1, 3, 1, 1, 1)
    x = x * std + mean
    b, c = x.shape[:2]
    t, h, p, tube = g.temporal_slots, g.img_size // g.patch_size, g.patch_size, g.tubelet_size
    patches = (x.reshape(b, c, t, tube, h, p, h, p)
               .permute(0, 2, 4, 6, 3, 5, 7, 1)
               .reshape(b, t * h * h, tube * p * p, c))
    patches = (patches - patches.mean(dim=-2, keepdim=True)) / (patches.var(dim=-2, unbiased=True, keepdim=True).sqrt() + 1e-6)
    flat = patches.reshape(b, t * h * h, -1)
    return flat[mask].reshape(b, -1, flat.shape[-1])


def tube_mask(batch: int, g: PretrainGeometry, ratio: float = 0.75, seed: int = 0) -> np.ndarray:
    """§4.6: per sample, shuffle a per-frame vector with ⌊ratio·T'⌋ ones, tile it over the temporal slots. (B, N) bool."""
    rng = np.random.default_rng(seed)
    per_frame = g.tokens_per_frame
    masked = int(ratio * per_frame)
    rows = []
    for _ in range(batch):
        m = np.hstack([np.zeros(per_frame - masked, dtype=bool), np.ones(masked, dtype=bool)])
        rng.shuffle(m)
        rows.append(np.tile(m, g.temporal_slots))
    return np.stack(rows)


def parameter_groups(model: nn.Module, weight_decay: float, order: list[str] | None = None) -> list[dict]:
    """§4.10 without layer decay: 'decay' and 'no_decay' groups in order of first appearance. No decay for 1-D
    parameters, names ending in .bias and mask_token. `order` gives the parameter order (e.g. a checkpoint's keys)."""
    params = dict(model.named_parameters())
    names = [n for n in (order or list(params)) if n in params]
    groups: dict[str, dict] = {}
    for name in names:
        p = params[name]
        no_decay = p.ndim == 1 or name.endswith(".bias") or name in ("pos_embed", "cls_token", "mask_token")
        key = "no_decay" if no_decay else "decay"
        groups.setdefault(key, {"params": [], "weight_decay": 0.0 if no_decay else weight_decay, "names": []})
        groups[key]["params"].append(p)
        groups[key]["names"].append(name)
    return list(groups.values())


def geometry_from_state_dict(state: dict, num_frames: int, img_size: int,
                             encoder_heads: int | None = None, decoder_heads: int | None = None) -> PretrainGeometry:
    """Infers widths, depths and patch geometry from the tensor shapes; heads default to width / 64 (every §4.4 size)."""
    w = state["encoder.patch_embed.proj.weight"]
    d, c, tube, p, _ = w.shape
    dd = state["encoder_to_decoder.weight"].shape[0]
    depth = 1 + max(int(k.split(".")[2]) for k in state if k.startswith("encoder.blocks."))
    ddepth = 1 + max(int(k.split(".")[2]) for k in state if k.startswith("decoder.blocks."))
    hidden = state["encoder.blocks.0.mlp.fc1.weight"].shape[0]
    return PretrainGeometry(img_size=img_size, patch_size=p, num_frames=num_frames, tubelet_size=tube, in_chans=c,
                            encoder_embed_dim=d, encoder_depth=depth, encoder_num_heads=encoder_heads or max(1, d // 64),
                            decoder_embed_dim=dd, decoder_depth=ddepth, decoder_num_heads=decoder_heads or max(1, dd // 64),
                            mlp_ratio=hidden / d)
