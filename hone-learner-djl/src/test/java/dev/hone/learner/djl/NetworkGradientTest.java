package dev.hone.learner.djl;

import static dev.hone.learner.djl.OracleChecks.assertRelative;
import static dev.hone.learner.djl.OracleChecks.close;
import static dev.hone.learner.djl.OracleChecks.differences;
import static dev.hone.learner.djl.OracleChecks.flat;
import static dev.hone.learner.djl.OracleChecks.matrix;
import static dev.hone.learner.djl.OracleChecks.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.json.Json;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input gradients of {@link NetworkModel} against two independent oracles: PyTorch 1.13 autograd
 * in float64 on tiny fixed-weight networks (oracle/gradients.json, make_reference.py), and central
 * finite differences of the model's own predictions on trained networks.
 */
class NetworkGradientTest {
  static JsonNode cases;
  static TestData.Xy digits;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = NetworkGradientTest.class.getResourceAsStream("oracle/gradients.json")) {
      cases = Json.mapper().readTree(in).get("cases");
    }
    digits = TestData.digits();
  }

  /** A 4-3-3 MLP with the oracle's weights and the identity standardisation. */
  static NetworkModel fixed(JsonNode c) {
    ParamSet p =
        ParamSet.resolve(
            NetworkParams.mlp(),
            Map.of("depth", 1, "width", 3, "activation", c.get("activation").asText()));
    DjlRuntime.engine();
    Model model = Model.newInstance("mlp", Device.cpu(), DjlRuntime.ENGINE);
    Block block = Networks.mlp(p, 3);
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 4));
    List<Parameter> params = block.getParameters().values();
    String[] keys = {"w1", "b1", "w2", "b2"};
    assertEquals(4, params.size());
    for (int i = 0; i < 4; i++) {
      params.get(i).getArray().set(flat(c.get(keys[i])));
    }
    NetworkMeta meta =
        new NetworkMeta(
            NetworkMeta.FORMAT_VERSION, "mlp", TaskType.MULTICLASS, 3,
            List.of("a", "b", "c", "d"), List.of(4), p.asMap(), new double[4],
            new double[] {1, 1, 1, 1}, 0, 1, 1, 0, Double.NaN, "max_epochs",
            NetworkModel.countParameters(block), 0, Map.of());
    return new NetworkModel(model, meta);
  }

  /**
   * Tolerance: the weights and inputs are rounded to float32 and the network runs in float32, so
   * each value may differ from the float64 oracle by a few float32 ulps: |a - b| <= 1e-5 + 1e-4 |b|.
   */
  @Test
  void gradientsMatchTorchAutogradOnFixedWeights() {
    for (JsonNode c : cases) {
      String act = c.get("activation").asText();
      double[][] x = matrix(c.get("x"));
      double[] y = vector(c.get("y"));
      try (NetworkModel m = fixed(c)) {
        double[][] p = m.predictRows(x).probabilities();
        double[][] lg = m.lossGradient(x, y);
        double[][][] og = m.outputGradient(x);
        for (int i = 0; i < x.length; i++) {
          for (int k = 0; k < 3; k++) {
            close(c.get("probabilities").get(i).get(k).asDouble(), p[i][k], act + " p");
            for (int j = 0; j < 4; j++) {
              close(c.get("output_gradient").get(i).get(k).get(j).asDouble(), og[i][k][j],
                  act + " output gradient");
            }
          }
          for (int j = 0; j < 4; j++) {
            close(c.get("loss_gradient").get(i).get(j).asDouble(), lg[i][j], act + " loss gradient");
          }
        }
      }
    }
  }

  @Test
  void mlpGradientsMatchCentralDifferences() {
    int[] train = digits.rows(3, 0, false);
    MlpLearner learner = new MlpLearner();
    try (NetworkModel m =
        fit(learner, train, TaskType.MULTICLASS, 10, digits.labels(train),
            Map.of("depth", 2, "width", 32, "activation", "tanh", "epochs", 2,
                "batch_norm", "true", "dropout", 0.3))) {
      checkAgainstDifferences(m, 10);
    }
  }

  @Test
  void cnnGradientsMatchCentralDifferences() {
    int[] train = digits.rows(3, 0, false);
    CnnLearner learner = new CnnLearner();
    try (NetworkModel m =
        fit(learner, train, TaskType.MULTICLASS, 10, digits.labels(train),
            Map.of("conv_blocks", 1, "channels", 4, "dense_width", 16, "activation", "tanh",
                "pooling", "avg", "epochs", 1, "batch_norm", "true"))) {
      checkAgainstDifferences(m, 10);
    }
  }

  @Test
  void regressionLossGradientMatchesCentralDifferences() {
    int[] train = digits.rows(3, 0, false);
    double[] y = new double[train.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = 50 + 10 * digits.labels(train)[i];
    }
    try (NetworkModel m =
        fit(new MlpLearner(), train, TaskType.REGRESSION, 0, y,
            Map.of("activation", "tanh", "epochs", 2))) {
      double[][] x = rows(5);
      double[] yy = {50, 60, 70, 80, 90};
      double[][] g = m.lossGradient(x, yy);
      for (int i = 0; i < x.length; i++) {
        int row = i;
        double[] fd =
            differences(x[i], m.meta().featureScale(),
                v -> {
                  double d = m.predictRows(new double[][] {v}).values()[0] - yy[row];
                  return d * d;
                });
        assertRelative(fd, g[i], "regression loss gradient row " + i);
      }
      assertEquals(1, m.outputGradient(x)[0].length);
    }
  }

  @Test
  void shapeAndLabelErrors() {
    try (NetworkModel m = fixed(cases.get(0))) {
      assertThrows(IllegalArgumentException.class,
          () -> m.lossGradient(new double[][] {{1, 2, 3, 4}}, new double[] {3}));
      assertThrows(IllegalArgumentException.class,
          () -> m.outputGradient(new double[][] {{1, 2, 3}}));
      m.close();
      assertThrows(IllegalStateException.class, () -> m.predictRows(new double[][] {{1, 2, 3, 4}}));
    }
  }

  // ------------------------------------------------------------------ helpers

  private static NetworkModel fit(
      Learner learner, int[] train, TaskType task, int k, double[] y, Map<String, Object> p) {
    return (NetworkModel)
        learner.fit(
            new FitRequest(digits.matrix(train), y, null, null, task, k,
                ParamSet.resolve(learner.paramSpecs(), p), 4, 1, ReportSink.NONE));
  }

  private static double[][] rows(int n) {
    int[] test = digits.rows(3, 0, true);
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      float[] r = digits.x()[test[i * 7]];
      x[i] = new double[r.length];
      for (int j = 0; j < r.length; j++) {
        x[i][j] = r[j];
      }
    }
    return x;
  }

  /**
   * Central differences with step {@code 1e-2 * scale_j} (a hundredth of the column's training
   * standard deviation, 1e-2 for the CNN's raw pixels); the network is float32, so we compare whole
   * gradient vectors: ||g - fd|| <= 1e-2 ||fd|| (+1e-4 absolute).
   */
  private static void checkAgainstDifferences(NetworkModel m, int k) {
    double[][] x = rows(4);
    double[] y = new double[x.length];
    int[] predicted = m.predictRows(x).predictedClasses();
    for (int i = 0; i < x.length; i++) {
      y[i] = (predicted[i] + 1 + i) % k; // include wrong labels: larger, less flat losses
    }
    double[][] lg = m.lossGradient(x, y);
    double[][][] og = m.outputGradient(x);
    for (int i = 0; i < x.length; i++) {
      int row = i;
      double[] fd =
          differences(x[i], m.meta().featureScale(),
              v -> -Math.log(m.predictRows(new double[][] {v}).probabilities()[0][(int) y[row]]));
      assertRelative(fd, lg[i], m.learnerName() + " loss gradient row " + i);
      for (int c : new int[] {0, (int) y[i]}) {
        double[] fdc =
            differences(x[i], m.meta().featureScale(),
                v -> m.predictRows(new double[][] {v}).probabilities()[0][c]);
        assertRelative(fdc, og[i][c], m.learnerName() + " output " + c + " gradient row " + i);
      }
    }
  }
}
