"""Critical values for DistributionSamplingTest: scipy.stats.chi2.ppf(0.999, df), i.e. the
chi-square statistic a correct sampler exceeds with probability 0.001.

    /usr/bin/python3 make_chi2_reference.py > chi2_critical.json
"""
import json

import scipy
from scipy.stats import chi2

print(json.dumps({"generator": "make_chi2_reference.py", "scipy": scipy.__version__,
                  "alpha": 0.001,
                  "critical": {str(df): float(chi2.ppf(0.999, df)) for df in range(1, 41)}},
                 indent=1))
