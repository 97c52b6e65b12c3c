"""Reference values for EmbeddingTest: an MLP with categorical embeddings, computed independently.

Run with Debian's python (numpy, torch 1.13 from python3-torch):
    /usr/bin/python3 make_embedding_reference.py
Writes embeddings.json: fixed weights of a network over 8 columns
    age | color=red color=blue color=green color=__other__ | income | sex=F sex=M
(color: one-hot block of 4 columns, embedding dimension 3; sex: block of 2, dimension 2),
standardisation constants, input rows (one-hot rows, an all-zero "unseen level" block, missing
values, off-corner values), and in float64 torch: class probabilities, per-row cross-entropy input
gradients and softmax output gradients with respect to the raw columns.

The network is written out from its definition (NetworkMeta / EmbeddingInputBlock Javadoc):
    missing value -> feature_mean (training mean; level frequencies inside a block)
    numeric columns: (x - mean) / scale; block columns: unchanged
    z = [numerics in column order, E_color @ x_color, E_sex @ x_sex]   (E: [dim][width])
    logits = W2 @ tanh(W1 @ z + b1) + b2
"""
import json

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20261130)

names = ["age", "color=red", "color=blue", "color=green", "color=__other__", "income",
         "sex=F", "sex=M"]
numeric = [0, 5]
blocks = [("color", 1, 4, 3), ("sex", 6, 2, 2)]
mean = np.array([0.5, 0.4, 0.3, 0.2, 0.1, -1.0, 0.6, 0.4])
scale = np.array([2.0, 1.0, 1.0, 1.0, 1.0, 0.5, 1.0, 1.0])
n_hidden, n_out = 5, 3
emb = [rng.normal(0, 0.8, (d, k)) for (_, _, k, d) in blocks]
n_z = len(numeric) + sum(d for (*_, d) in blocks)
w1 = rng.normal(0, 0.6, (n_hidden, n_z))
b1 = rng.normal(0, 0.3, n_hidden)
w2 = rng.normal(0, 0.8, (n_out, n_hidden))
b2 = rng.normal(0, 0.3, n_out)
nan = float("nan")
x = np.array([
    [1.0, 1, 0, 0, 0, -0.5, 1, 0],
    [-2.0, 0, 1, 0, 0, 0.3, 0, 1],
    [0.7, 0, 0, 0, 1, -1.2, 1, 0],
    [3.0, 0, 0, 0, 0, -0.8, 0, 1],      # color level seen nowhere: zero embedding
    [nan, nan, nan, nan, nan, 0.1, 1, 0],  # missing age and missing color
    [0.2, 0.3, 0.0, 0.7, 0.0, -1.0, 0.5, 0.5],  # off the one-hot corners
])
y = np.array([0, 2, 1, 1, 0, 2])


def network(xt):
    z = [(xt[:, j] - mean[j]) / scale[j] for j in numeric]
    parts = [torch.stack(z, dim=1)]
    for (_, first, k, _), e in zip(blocks, emb):
        parts.append(xt[:, first:first + k] @ torch.tensor(e).T)
    h = torch.tanh(torch.cat(parts, dim=1) @ torch.tensor(w1).T + torch.tensor(b1))
    return h @ torch.tensor(w2).T + torch.tensor(b2)


imputed = np.where(np.isnan(x), mean, x)
xt = torch.tensor(imputed, requires_grad=True)
loss = torch.nn.functional.cross_entropy(network(xt), torch.tensor(y), reduction="sum")
loss.backward()
loss_grad = xt.grad.numpy().copy()
out_grad = np.zeros((len(x), n_out, len(names)))
for c in range(n_out):
    xc = torch.tensor(imputed, requires_grad=True)
    torch.softmax(network(xc), dim=1)[:, c].sum().backward()
    out_grad[:, c, :] = xc.grad.numpy()
probs = torch.softmax(network(torch.tensor(imputed)), dim=1).detach().numpy()

out = {
    "feature_names": names,
    "feature_mean": mean.tolist(),
    "feature_scale": scale.tolist(),
    "embeddings": [{"input": b, "first_column": f, "width": k, "dim": d}
                   for (b, f, k, d) in blocks],
    "parameters": [e.tolist() for e in emb] + [w1.tolist(), b1.tolist(), w2.tolist(), b2.tolist()],
    "hidden": n_hidden,
    "x": [[None if np.isnan(v) else v for v in row] for row in x.tolist()],
    "y": y.tolist(),
    "probabilities": probs.tolist(),
    "loss_gradient": loss_grad.tolist(),
    "output_gradient": out_grad.tolist(),
}
with open("embeddings.json", "w") as fh:
    json.dump(out, fh, indent=1)
print("wrote embeddings.json")
