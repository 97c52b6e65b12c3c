"""PyTorch peer of NetworkEpochBench: the same MLP (784-128-128-10, relu) and CNN (conv 3x3 32 ->
relu -> maxpool 2 -> conv 3x3 64 -> relu -> maxpool 2 -> dense 128 -> relu -> 10) trained with Adam
(lr 1e-3), batch 64, on MNIST's test images split 70/10/20 (stratified by class, seeded; the split
differs from Hone's but has the same sizes), 2 threads. One warm-up fit, REPEATS timed fits.

    /usr/bin/python3 bench/djl_peer.py DATASETS_DIR [REPEATS=3] [EPOCHS=2]
"""
import gzip
import sys
import time

import numpy as np
import torch
from torch import nn

root = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
torch.set_num_threads(2)
with gzip.open(f"{root}/mnist/t10k-images-idx3-ubyte.gz") as f:
    x = np.frombuffer(f.read()[16:], dtype=np.uint8).reshape(-1, 1, 28, 28).astype(np.float32) / 255
with gzip.open(f"{root}/mnist/t10k-labels-idx1-ubyte.gz") as f:
    y = np.frombuffer(f.read()[8:], dtype=np.uint8).astype(np.int64)
rng = np.random.default_rng(0)
train, test = [], []
for k in range(10):
    idx = rng.permutation(np.flatnonzero(y == k))
    n_train = round(0.7 * len(idx))
    n_val = round(0.1 * len(idx))
    train += idx[:n_train].tolist()
    test += idx[n_train + n_val:].tolist()
xtr, ytr = torch.tensor(x[train]), torch.tensor(y[train])
xte, yte = torch.tensor(x[test]), torch.tensor(y[test])


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 128),
                         nn.ReLU(), nn.Linear(128, 10))


def cnn():
    return nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))


def fit(make):
    torch.manual_seed(0)
    model = make()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(0)
    for _ in range(epochs):
        perm = torch.randperm(len(ytr), generator=g)
        for i in range(0, len(ytr), 64):
            b = perm[i:i + 64]
            opt.zero_grad()
            loss_fn(model(xtr[b]), ytr[b]).backward()
            opt.step()
    with torch.no_grad():
        return float((model(xte).argmax(1) == yte).float().mean())


for name, make in (("mlp", mlp), ("cnn", cnn)):
    secs = []
    for r in range(-1, repeats):
        t0 = time.perf_counter()
        acc = fit(make)
        if r >= 0:
            secs.append((time.perf_counter() - t0) / epochs)
    secs.sort()
    print(f"torch {name} epochs={epochs} s_per_epoch_median={secs[len(secs) // 2]:.3f} "
          f"all={[round(s, 3) for s in secs]} test_acc={acc:.4f} torch={torch.__version__}")
