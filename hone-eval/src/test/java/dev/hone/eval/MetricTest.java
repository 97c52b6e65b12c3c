package dev.hone.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.error.UserInputException;
import dev.hone.core.model.Predictions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metric catalogue: names, directions, tasks, parsing and input checks. */
class MetricTest {

  @Test
  void namesAndDirections() {
    assertEquals(
        List.of(
            "roc_auc", "pr_auc", "log_loss", "brier", "accuracy", "f1", "macro_f1", "rmse", "mae",
            "r2"),
        java.util.Arrays.stream(Metric.values()).map(Metric::metricName).toList());
    for (Metric m : List.of(Metric.ROC_AUC, Metric.PR_AUC, Metric.ACCURACY, Metric.F1,
        Metric.MACRO_F1, Metric.R2)) {
      assertEquals(Direction.MAXIMIZE, m.direction(), m.metricName());
      assertTrue(m.higherIsBetter());
    }
    for (Metric m : List.of(Metric.LOG_LOSS, Metric.BRIER, Metric.RMSE, Metric.MAE)) {
      assertEquals(Direction.MINIMIZE, m.direction(), m.metricName());
      assertFalse(m.higherIsBetter());
    }
  }

  @Test
  void metricsPerTaskAndDefaults() {
    assertEquals(
        List.of(Metric.ROC_AUC, Metric.PR_AUC, Metric.LOG_LOSS, Metric.BRIER, Metric.ACCURACY,
            Metric.F1),
        Metric.forTask(TaskType.BINARY));
    assertEquals(
        List.of(Metric.LOG_LOSS, Metric.ACCURACY, Metric.MACRO_F1),
        Metric.forTask(TaskType.MULTICLASS));
    assertEquals(List.of(Metric.RMSE, Metric.MAE, Metric.R2), Metric.forTask(TaskType.REGRESSION));
    assertEquals(Metric.ROC_AUC, Metric.defaultObjective(TaskType.BINARY));
    assertEquals(Metric.LOG_LOSS, Metric.defaultObjective(TaskType.MULTICLASS));
    assertEquals(Metric.RMSE, Metric.defaultObjective(TaskType.REGRESSION));
    for (TaskType t : TaskType.values()) {
      assertTrue(Metric.defaultObjective(t).appliesTo(t));
    }
  }

  @Test
  void parseAcceptsCaseAndHyphens() {
    assertEquals(Metric.ROC_AUC, Metric.parse(" ROC-AUC ", TaskType.BINARY));
    assertEquals(Metric.LOG_LOSS, Metric.parse("log_loss", TaskType.MULTICLASS));
    assertEquals(Metric.R2, Metric.parse("R2", TaskType.REGRESSION));
  }

  @Test
  void parseRejectsUnknownNamesListingTheValidOnes() {
    UserInputException e =
        assertThrows(InvalidParameterException.class, () -> Metric.parse("auroc", TaskType.BINARY));
    assertEquals(
        "metric 'auroc' is not known: for a binary task use one of roc_auc, pr_auc, log_loss,"
            + " brier, accuracy, f1",
        e.getMessage());
  }

  @Test
  void parseRejectsMetricsOfAnotherTask() {
    UserInputException e =
        assertThrows(
            InvalidParameterException.class, () -> Metric.parse("rmse", TaskType.MULTICLASS));
    assertEquals(
        "metric 'rmse' does not apply to a multiclass task (it is for regression): use one of"
            + " log_loss, accuracy, macro_f1",
        e.getMessage());
  }

  @Test
  void directionComparesAndNeverPrefersNan() {
    assertTrue(Direction.MAXIMIZE.isBetter(0.9, 0.8));
    assertFalse(Direction.MAXIMIZE.isBetter(0.8, 0.8));
    assertTrue(Direction.MINIMIZE.isBetter(0.1, 0.2));
    assertFalse(Direction.MINIMIZE.isBetter(Double.NaN, 0.2));
    assertTrue(Direction.MINIMIZE.isBetter(5.0, Double.NaN));
  }

  @Test
  void computeChecksLabels() {
    Predictions p = new Predictions(TaskType.BINARY, new double[][] {{0.4, 0.6}, {0.7, 0.3}}, null);
    DataValidationException missing =
        assertThrows(
            DataValidationException.class,
            () -> Metric.ROC_AUC.compute(new double[] {1, Double.NaN}, p));
    assertTrue(missing.getMessage().contains("row 1"), missing.getMessage());
    DataValidationException unknown =
        assertThrows(
            DataValidationException.class, () -> Metric.F1.compute(new double[] {1, 2}, p));
    assertTrue(unknown.getMessage().contains("2 classes"), unknown.getMessage());
    assertThrows(
        DataValidationException.class, () -> Metric.F1.compute(new double[] {1, 0.5}, p));
    assertThrows(IllegalArgumentException.class, () -> Metric.RMSE.compute(new double[2], p));
    assertThrows(IllegalArgumentException.class, () -> Metric.F1.compute(new double[3], p));
    Predictions r = new Predictions(TaskType.REGRESSION, null, new double[] {1, 2});
    assertThrows(
        DataValidationException.class, () -> Metric.MAE.compute(new double[] {Double.NaN, 1}, r));
  }

  @Test
  void binaryThresholdIsStrictlyAboveOneHalf() {
    Predictions p =
        new Predictions(
            TaskType.BINARY, new double[][] {{0.5, 0.5}, {0.49, 0.51}, {0.9, 0.1}}, null);
    // predictions 0, 1, 0 against labels 0, 1, 1
    assertEquals(2.0 / 3.0, Metric.ACCURACY.compute(new double[] {0, 1, 1}, p), 1e-15);
    assertEquals(2.0 / 3.0, Metric.F1.compute(new double[] {0, 1, 1}, p), 1e-15);
  }
}
