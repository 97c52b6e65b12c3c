package dev.hone.fairness;

import dev.hone.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Is the training data representative of everyone the model will serve? Compares each group's
 * size and label rate in the training data with the reference data (the test split, or data from
 * deployment).
 *
 * <p><b>Rule.</b> A group is flagged as under-represented in training when either
 *
 * <ul>
 *   <li>it has fewer than {@code minCount} training rows (default {@value #DEFAULT_MIN_COUNT}: too
 *       few to learn from or to estimate a rate to within about ±0.18 at 95%), or
 *   <li>it occurs in the reference data and its training share is below {@code minShareRatio}
 *       (default {@value #DEFAULT_MIN_SHARE_RATIO}) times its reference share — the model saw the
 *       group at less than half the frequency with which it will meet it.
 * </ul>
 *
 * A group present only in the reference data has 0 training rows and is always flagged. Label
 * rates are reported for both data sets so that a shift in a group's base rate is visible; they
 * are not flagged.
 */
public final class RepresentationAudit {
  /** Default absolute minimum of training rows per group. */
  public static final int DEFAULT_MIN_COUNT = 30;

  /** Default minimum ratio of training share to reference share. */
  public static final double DEFAULT_MIN_SHARE_RATIO = 0.5;

  private RepresentationAudit() {}

  /** {@link #compare(int[], Groups, int[], Groups, int, double)} with the default rule. */
  public static RepresentationReport compare(
      int[] trainLabels, Groups train, int[] referenceLabels, Groups reference) {
    return compare(
        trainLabels, train, referenceLabels, reference, DEFAULT_MIN_COUNT,
        DEFAULT_MIN_SHARE_RATIO);
  }

  /**
   * Compares training and reference groups of one attribute; groups are matched by key.
   *
   * @param trainLabels training labels in {0, 1}, shape {@code [nTrain]}
   * @param train the training rows' groups
   * @param referenceLabels reference labels in {0, 1}, shape {@code [nRef]}
   * @param reference the reference rows' groups (same attribute)
   * @param minCount minimum training rows per group, {@code >= 0}
   * @param minShareRatio minimum training share / reference share, {@code >= 0}
   * @return the report
   * @throws InvalidParameterException on a negative threshold
   * @throws IllegalArgumentException on mismatched lengths or labels outside {0, 1}
   */
  public static RepresentationReport compare(
      int[] trainLabels,
      Groups train,
      int[] referenceLabels,
      Groups reference,
      int minCount,
      double minShareRatio) {
    if (minCount < 0 || !(minShareRatio >= 0)) {
      throw new InvalidParameterException(
          "representation thresholds were minCount=" + minCount + ", minShareRatio="
              + minShareRatio + " but both must be >= 0");
    }
    long[][] tr = counts(trainLabels, train);
    long[][] ref = counts(referenceLabels, reference);
    LinkedHashSet<String> keys = new LinkedHashSet<>(train.keys());
    keys.addAll(reference.keys());
    int nTrain = trainLabels.length;
    int nRef = referenceLabels.length;
    List<GroupRepresentation> out = new ArrayList<>();
    List<String> flagged = new ArrayList<>();
    for (String k : keys) {
      int ti = train.keys().indexOf(k);
      int ri = reference.keys().indexOf(k);
      long tn = ti < 0 ? 0 : tr[ti][0];
      long tp = ti < 0 ? 0 : tr[ti][1];
      long rn = ri < 0 ? 0 : ref[ri][0];
      long rp = ri < 0 ? 0 : ref[ri][1];
      double tShare = (double) tn / nTrain;
      double rShare = (double) rn / nRef;
      double ratio = rn == 0 ? Double.NaN : tShare / rShare;
      List<String> reasons = new ArrayList<>();
      if (tn < minCount) {
        reasons.add(
            (tn == 0 ? "absent from the training data" : "only " + tn + " training rows")
                + " (minimum " + minCount + ")");
      }
      if (rn > 0 && tShare < minShareRatio * rShare) {
        reasons.add(
            String.format(
                Locale.ROOT,
                "training share %.2f%% is below %.2f x its reference share %.2f%%",
                100 * tShare, minShareRatio, 100 * rShare));
      }
      out.add(
          new GroupRepresentation(
              k, (int) tn, tShare, Measure.fraction("base_rate", tp, tn, (int) tn, ""), (int) rn,
              rShare, Measure.fraction("base_rate", rp, rn, (int) rn, ""), ratio,
              !reasons.isEmpty(), reasons));
      if (!reasons.isEmpty()) {
        flagged.add(k);
      }
    }
    return new RepresentationReport(
        train.name(), nTrain, nRef, minCount, minShareRatio, out, flagged);
  }

  /** {@code [group][rows, positives]}. */
  private static long[][] counts(int[] labels, Groups g) {
    if (labels.length != g.size() || labels.length == 0) {
      throw new IllegalArgumentException(
          "labels has " + labels.length + " rows and groups " + g.size()
              + ": need the same, at least 1");
    }
    long[][] c = new long[g.groupCount()][2];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is " + labels[i] + ", not 0/1");
      }
      c[g.code(i)][0]++;
      c[g.code(i)][1] += labels[i];
    }
    return c;
  }
}
