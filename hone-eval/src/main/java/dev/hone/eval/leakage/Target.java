package dev.hone.eval.leakage;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The target of a train/holdout pair in the form the checks need: class indices for
 * classification (classes are the distinct training labels as text, sorted; a holdout label not
 * seen in training, or a missing label, is -1), values for regression (NaN when missing).
 */
final class Target {
  final String name;
  final TaskType task;
  final List<String> classes; // classification
  final int[] trainClass;
  final int[] holdClass;
  final double[] trainValue; // regression
  final double[] holdValue;

  private Target(
      String name, TaskType task, List<String> classes, int[] trainClass, int[] holdClass,
      double[] trainValue, double[] holdValue) {
    this.name = name;
    this.task = task;
    this.classes = classes;
    this.trainClass = trainClass;
    this.holdClass = holdClass;
    this.trainValue = trainValue;
    this.holdValue = holdValue;
  }

  boolean classification() {
    return task.isClassification();
  }

  /**
   * The task is the training table's, or when unmarked: classification for a categorical target
   * or a numeric one with at most two distinct values, regression otherwise.
   */
  static Target of(Table train, Table holdout) {
    String name = train.target();
    Column a = train.column(name);
    Column b = holdout.column(name);
    TaskType task = train.task();
    if (task == null) {
      if (a instanceof CategoricalColumn) {
        task = TaskType.MULTICLASS;
      } else {
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        NumericColumn n = (NumericColumn) a;
        for (int r = 0; r < n.size() && distinct.size() <= 2; r++) {
          if (!n.isMissing(r)) {
            distinct.add(n.get(r));
          }
        }
        task = distinct.size() <= 2 ? TaskType.BINARY : TaskType.REGRESSION;
      }
    }
    if (task.isClassification()) {
      TreeSet<String> labels = new TreeSet<>();
      for (int r = 0; r < a.size(); r++) {
        String s = a.format(r);
        if (s != null) {
          labels.add(s);
        }
      }
      List<String> classes = new ArrayList<>(labels);
      Map<String, Integer> idx = new HashMap<>();
      for (int i = 0; i < classes.size(); i++) {
        idx.put(classes.get(i), i);
      }
      return new Target(
          name, task, List.copyOf(classes), classIndex(a, idx), classIndex(b, idx), null, null);
    }
    return new Target(name, task, List.of(), null, null, values(a, "train"), values(b, "holdout"));
  }

  private static int[] classIndex(Column c, Map<String, Integer> idx) {
    int[] out = new int[c.size()];
    for (int r = 0; r < out.length; r++) {
      String s = c.format(r);
      out[r] = s == null ? -1 : idx.getOrDefault(s, -1);
    }
    return out;
  }

  private static double[] values(Column c, String where) {
    if (c instanceof NumericColumn n) {
      return n.values();
    }
    throw new DataValidationException(
        "the target '" + c.name() + "' of the " + where + " table is not numeric but the task is"
            + " regression: mark the task as classification or give numeric targets");
  }
}
