"""Reference values for the image reader tests, computed with numpy from the shared files.

    /usr/bin/python3 make_reference.py /work/shared/datasets
"""
import gzip
import json
import sys

import numpy as np

root = sys.argv[1]
with gzip.open(f"{root}/mnist/t10k-images-idx3-ubyte.gz") as f:
    raw = f.read()
magic, n, h, w = np.frombuffer(raw[:16], dtype=">i4")
images = np.frombuffer(raw[16:], dtype=np.uint8).reshape(n, h, w)
with gzip.open(f"{root}/mnist/t10k-labels-idx1-ubyte.gz") as f:
    lraw = f.read()
labels = np.frombuffer(lraw[8:], dtype=np.uint8)
img0 = images[0].astype(np.float64) / 255.0
# area averaging = mean over 2x2 and 4x4 blocks (skimage.transform.downscale_local_mean)
down2 = img0.reshape(14, 2, 14, 2).mean(axis=(1, 3))
down4 = img0.reshape(7, 4, 7, 4).mean(axis=(1, 3))
digits = np.loadtxt(f"{root}/sklearn_small/digits.csv.gz", delimiter=",")
ref = {
    "mnist": {
        "magic": int(magic), "n": int(n), "height": int(h), "width": int(w),
        "first_labels": labels[:30].tolist(),
        "label_counts": np.bincount(labels, minlength=10).tolist(),
        "image0_byte_sum": int(images[0].astype(np.int64).sum()),
        "image9999_byte_sum": int(images[-1].astype(np.int64).sum()),
        "mean_pixel": float(images.astype(np.float64).mean() / 255.0),
        "image0_down2": down2.tolist(),
        "image0_down4": down4.tolist(),
    },
    "digits": {
        "n": int(digits.shape[0]),
        "first_labels": digits[:20, 64].astype(int).tolist(),
        "image0_sum": float(digits[0, :64].sum() / 16.0),
    },
}
json.dump(ref, open("image_reference.json", "w"), indent=1)
