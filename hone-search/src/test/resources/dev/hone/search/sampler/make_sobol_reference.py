"""Reference for QmcSamplerTest: the first 128 points of the unscrambled 64-dimensional Sobol
sequence of scipy.stats.qmc.Sobol (Joe and Kuo's new-joe-kuo-6.21201 direction numbers, Gray-code
order, as in their sobol.cc).

    /usr/bin/python3 make_sobol_reference.py > sobol_reference.json
"""
import json
import warnings

import scipy
from scipy.stats import qmc

warnings.filterwarnings("ignore")
pts = qmc.Sobol(d=64, scramble=False).random(128)
print(json.dumps({"generator": "make_sobol_reference.py", "scipy": scipy.__version__,
                  "points": pts.tolist()}))
