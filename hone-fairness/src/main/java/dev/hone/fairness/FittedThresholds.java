package dev.hone.fairness;

import dev.hone.core.error.DataValidationException;
import dev.hone.core.random.Seeds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Per-group randomised thresholds fitted by {@link ThresholdOptimizer}: immutable,
 * JSON-serialisable, and applied with {@link #apply}.
 *
 * @param attribute the attribute the groups belong to, e.g. {@code sex}
 * @param columns the sensitive columns it is made of
 * @param constraint the fairness constraint enforced on the validation data
 * @param objective what was maximised subject to it
 * @param seed seed of the coin flips in {@link #apply}
 * @param rules one rule per group seen at fit time, in group order
 * @param validationObjective the expected objective of the fitted rules on the validation data
 * @param validationRows rows of the validation data
 */
public record FittedThresholds(
    String attribute,
    List<String> columns,
    ThresholdOptimizer.Constraint constraint,
    ThresholdOptimizer.Objective objective,
    long seed,
    List<GroupRule> rules,
    double validationObjective,
    int validationRows) {

  /** Stream name of the coin flips. */
  public static final String STREAM = "fairness.threshold";

  public FittedThresholds {
    columns = List.copyOf(columns);
    rules = List.copyOf(rules);
  }

  /**
   * {@code P(ŷ = 1)} for every row.
   *
   * @param scores P(class 1), shape {@code [n]}
   * @param groups the same attribute's groups for the same rows
   * @return probabilities of predicting 1, shape {@code [n]}
   * @throws DataValidationException if a row's group was not seen at fit time (the message names
   *     the group, the column and the row)
   * @throws IllegalArgumentException if the lengths differ
   */
  public double[] probabilities(double[] scores, Groups groups) {
    if (scores.length != groups.size()) {
      throw new IllegalArgumentException(
          "scores has " + scores.length + " rows but groups has " + groups.size());
    }
    Map<String, GroupRule> byKey = new HashMap<>();
    for (GroupRule r : rules) {
      byKey.put(r.group(), r);
    }
    GroupRule[] ruleOfCode = new GroupRule[groups.groupCount()];
    double[] p = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      int code = groups.code(i);
      GroupRule r = ruleOfCode[code];
      if (r == null) {
        r = byKey.get(groups.key(i));
        if (r == null) {
          throw new DataValidationException(
              "group '" + groups.key(i) + "' of column " + String.join(", ", groups.columns())
                  + " (first at row " + i + ") was not seen when the per-group thresholds were"
                  + " fitted; fitted groups are " + rules.stream().map(GroupRule::group).toList()
                  + ". Refit the threshold optimizer on validation data that contains this group,"
                  + " or map it to a fitted group");
        }
        ruleOfCode[code] = r;
      }
      p[i] = r.probability(scores[i]);
    }
    return p;
  }

  /**
   * Randomised predictions: row {@code i} is 1 iff {@code u_i < P(ŷ = 1)}, where {@code u_i} is
   * the {@code i}-th draw of {@code Seeds.rng(seed, }{@value #STREAM}{@code , 0)}; the same seed and
   * rows give the same predictions.
   *
   * @return predicted labels in {0, 1}, shape {@code [n]}
   * @throws DataValidationException if a row's group was not seen at fit time
   */
  public int[] apply(double[] scores, Groups groups) {
    double[] p = probabilities(scores, groups);
    SplittableRandom rng = Seeds.rng(seed, STREAM, 0);
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = rng.nextDouble() < p[i] ? 1 : 0;
    }
    return out;
  }
}
