"""Reference values for hone-learner-djl tests.

Run with Debian's python (numpy, scikit-learn, torch 1.13 from python3-torch):
    /usr/bin/python3 make_reference.py /work/shared/datasets
Writes gradients.json (tiny fixed-weight networks, input gradients computed by torch autograd in
float64) and sklearn_mlp.json (scikit-learn MLPClassifier accuracy on a fixed split).
"""
import json
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20261130)


def tiny(activation):
    n_in, n_hidden, n_out, n = 4, 3, 3, 6
    w1 = rng.normal(0, 0.8, (n_hidden, n_in))
    b1 = rng.normal(0, 0.3, n_hidden)
    w2 = rng.normal(0, 0.8, (n_out, n_hidden))
    b2 = rng.normal(0, 0.3, n_out)
    x = rng.normal(0, 1.0, (n, n_in))
    y = rng.integers(0, n_out, n)
    act = {"tanh": torch.tanh, "relu": torch.relu,
           "gelu": torch.nn.functional.gelu}[activation]

    def f(xt):
        h = act(xt @ torch.tensor(w1).T + torch.tensor(b1))
        return h @ torch.tensor(w2).T + torch.tensor(b2)

    xt = torch.tensor(x, requires_grad=True)
    logits = f(xt)
    loss = torch.nn.functional.cross_entropy(logits, torch.tensor(y), reduction="sum")
    loss.backward()
    loss_grad = xt.grad.numpy().copy()
    out_grad = np.zeros((n, n_out, n_in))
    for k in range(n_out):
        xk = torch.tensor(x, requires_grad=True)
        torch.softmax(f(xk), dim=1)[:, k].sum().backward()
        out_grad[:, k, :] = xk.grad.numpy()
    probs = torch.softmax(f(torch.tensor(x)), dim=1).detach().numpy()
    return {
        "activation": activation,
        "w1": w1.tolist(), "b1": b1.tolist(), "w2": w2.tolist(), "b2": b2.tolist(),
        "x": x.tolist(), "y": y.tolist(),
        "probabilities": probs.tolist(),
        "loss_gradient": loss_grad.tolist(),
        "output_gradient": out_grad.tolist(),
    }


def sklearn_mlp(datasets):
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    raw = np.loadtxt(f"{datasets}/sklearn_small/breast_cancer.csv", delimiter=",", skiprows=1)
    x, y = raw[:, :-1], raw[:, -1].astype(int)
    test = np.arange(len(y)) % 4 == 0
    scaler = StandardScaler().fit(x[~test])
    accs = []
    for seed in range(5):
        clf = MLPClassifier(hidden_layer_sizes=(64, 64), max_iter=500, random_state=seed)
        clf.fit(scaler.transform(x[~test]), y[~test])
        accs.append(float((clf.predict(scaler.transform(x[test])) == y[test]).mean()))
    return {
        "dataset": "breast_cancer", "split": "row i is test when i % 4 == 0",
        "model": "StandardScaler + MLPClassifier(hidden_layer_sizes=(64, 64), max_iter=500), "
                 "random_state 0..4",
        "accuracies": accs, "mean_accuracy": float(np.mean(accs)),
        "sklearn_version": __import__("sklearn").__version__,
    }


if __name__ == "__main__":
    datasets = sys.argv[1]
    cases = [tiny(a) for a in ("tanh", "relu", "gelu")]
    json.dump({"torch_version": torch.__version__, "cases": cases},
              open("gradients.json", "w"), indent=1)
    json.dump(sklearn_mlp(datasets), open("sklearn_mlp.json", "w"), indent=1)
