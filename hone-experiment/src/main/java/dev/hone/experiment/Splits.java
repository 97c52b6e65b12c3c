package dev.hone.experiment;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.provenance.SplitProvenance;
import dev.hone.data.quality.DuplicateCheck;
import dev.hone.data.split.SplitIndices;
import dev.hone.data.split.Splitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The train, validation and test tables of a run. The test split is fixed before anything is
 * fitted; classification splits are stratified by class, regression splits by target decile.
 *
 * @param train training rows
 * @param validation validation rows (early stopping and trial scores)
 * @param test test rows (used once, for the final model)
 * @param method how the rows were split
 * @param duplicates test rows that exactly equal a train or validation row
 * @param dropped whether those rows were dropped from {@code test}
 * @param warnings warnings for the report and log
 */
record Splits(
    Table train,
    Table validation,
    Table test,
    String method,
    int duplicates,
    boolean dropped,
    List<String> warnings) {
  private static final Logger LOG = LoggerFactory.getLogger(Splits.class);

  /** Default fractions of a single file: train, validation, test. */
  static final double TRAIN = 0.6;

  static final double VALID = 0.2;
  static final double TEST = 0.2;

  /** Validation share of the training file when a separate test file is given (60:20). */
  static final double VALID_OF_TRAIN = 0.25;

  static Splits make(Table full, Table separateTest, long seed, boolean dedupe) {
    int[] strata = strata(full);
    Table train;
    Table valid;
    Table test;
    String method;
    if (separateTest == null) {
      SplitIndices s = Splitter.stratifiedHoldout(strata, full.rowCount(), TRAIN, VALID, TEST, seed);
      train = full.select(s.train());
      valid = full.select(s.validation());
      test = full.select(s.test());
      method = "stratified hold-out 60/20/20";
    } else {
      SplitIndices s =
          Splitter.stratifiedTrainValidation(strata, full.rowCount(), VALID_OF_TRAIN, seed);
      train = full.select(s.train());
      valid = full.select(s.validation());
      test = separateTest;
      method = "separate test file; stratified train/validation 75/25";
    }
    List<String> warnings = new ArrayList<>();
    int[] dupTrain = DuplicateCheck.testRowsDuplicatedInTrain(train, test);
    int[] dupValid = DuplicateCheck.testRowsDuplicatedInTrain(valid, test);
    int[] dup = union(dupTrain, dupValid);
    boolean dropped = false;
    if (dup.length > 0) {
      if (dedupe) {
        test = test.select(complement(dup, test.rowCount()));
        dropped = true;
        warnings.add(dup.length + " test rows exactly duplicated training or validation rows and"
            + " were dropped from the test split (--dedupe)");
      } else {
        warnings.add(dup.length + " of " + test.rowCount() + " test rows exactly duplicate"
            + " training or validation rows; test metrics may be optimistic (use --dedupe to drop"
            + " them)");
      }
      LOG.warn(warnings.get(warnings.size() - 1));
    }
    return new Splits(train, valid, test, method, dup.length, dropped, warnings);
  }

  SplitProvenance provenance(long seed) {
    return new SplitProvenance(
        method, seed, train.rowCount(), validation.rowCount(), test.rowCount(), duplicates,
        dropped);
  }

  private static int[] strata(Table t) {
    if (t.column(t.target()) instanceof CategoricalColumn c) {
      return c.codes();
    }
    double[] y = ((NumericColumn) t.column(t.target())).values();
    return Splitter.quantileBins(y, 10);
  }

  private static int[] union(int[] a, int[] b) {
    return java.util.stream.IntStream.concat(Arrays.stream(a), Arrays.stream(b))
        .distinct()
        .sorted()
        .toArray();
  }

  private static int[] complement(int[] sortedDrop, int n) {
    int[] keep = new int[n - sortedDrop.length];
    int k = 0;
    int d = 0;
    for (int i = 0; i < n; i++) {
      if (d < sortedDrop.length && sortedDrop[d] == i) {
        d++;
      } else {
        keep[k++] = i;
      }
    }
    return keep;
  }
}
