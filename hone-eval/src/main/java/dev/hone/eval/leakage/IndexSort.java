package dev.hone.eval.leakage;

/** Stable merge sort of row indices by a comparator over indices, without boxing. */
final class IndexSort {
  private IndexSort() {}

  /** Compares two row indices. */
  @FunctionalInterface
  interface IndexComparator {
    int compare(int a, int b);
  }

  /** The indices {@code 0 .. n-1} sorted by {@code cmp}, equal ones in index order. */
  static int[] sort(int n, IndexComparator cmp) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int o = lo;
        while (i < mid && j < hi) {
          b[o++] = cmp.compare(a[j], a[i]) < 0 ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[o++] = a[i++];
        }
        while (j < hi) {
          b[o++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }
}
