import numpy as np
from scipy import stats
h = np.loadtxt("hone.txt"); o = np.loadtxt("optuna.txt")
for j, n in enumerate(["x1", "x2"]):
    print(n, "KS", stats.ks_2samp(h[:, j], o[:, j]))
    print("  hone q", np.round(np.quantile(h[:, j], [.05,.25,.5,.75,.95]), 3))
    print("  optu q", np.round(np.quantile(o[:, j], [.05,.25,.5,.75,.95]), 3))
import json, math
def br(x1, x2):
    b = 5.1 / (4 * math.pi ** 2); c = 5 / math.pi; t = 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * np.cos(x1) + 10
best = min(r[2] for r in json.load(open("hist.json")))
for nm, a in [("hone", h), ("optuna", o)]:
    f = br(a[:, 0], a[:, 1]); print(nm, "P(improve)=%.4f mean f=%.3f median f=%.3f" % ((f < best).mean(), f.mean(), np.median(f)))
