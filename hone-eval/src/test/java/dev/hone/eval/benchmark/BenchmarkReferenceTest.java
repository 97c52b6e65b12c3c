package dev.hone.eval.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Wilcoxon} and {@link Leaderboards} against scipy ({@code wilcoxon}, {@code t.interval},
 * {@code rankdata}) and statsmodels ({@code multipletests(method='holm')}), cases written by
 * {@code make_reference.py}. Tolerances: 1e-12 relative for p-values, statistics, means and
 * ranks; 1e-9 relative for the t-interval bounds (the t quantile is found by a numerical solver in
 * Hipparchus and by a series in scipy).
 */
class BenchmarkReferenceTest {
  private static JsonNode root;

  static synchronized JsonNode root() {
    if (root == null) {
      try (InputStream in = BenchmarkReferenceTest.class.getResourceAsStream("reference_benchmark.json")) {
        if (in == null) {
          fail("resource dev/hone/eval/benchmark/reference_benchmark.json is missing: run"
              + " make_reference.py");
        }
        root = Json.mapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  private static double[] doubles(JsonNode n) {
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).doubleValue();
    }
    return out;
  }

  private static void rel(double expected, double actual, double tol, String what) {
    assertTrue(Math.abs(actual - expected) <= tol * Math.max(1e-300, Math.abs(expected))
            || actual == expected,
        what + ": expected " + expected + " but was " + actual);
  }

  static Stream<Arguments> wilcoxonCases() {
    return StreamSupport.stream(root().get("wilcoxon").spliterator(), false)
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wilcoxonCases")
  void wilcoxonMatchesScipy(String name, JsonNode c) {
    Wilcoxon.Result r = Wilcoxon.signedRank(doubles(c.get("x")), doubles(c.get("y")));
    JsonNode e = c.get("expected");
    assertEquals(e.get("method").asText(), r.method(), name + " method");
    assertEquals(e.get("statistic").doubleValue(), r.statistic(), name + " statistic");
    rel(e.get("p").doubleValue(), r.pValue(), 1e-12, name + " p-value");
  }

  @Test
  void studentIntervalsMatchScipy() {
    for (JsonNode c : root().get("t_intervals")) {
      double[] v = doubles(c.get("values"));
      Leaderboard.Cell cell = Leaderboards.cell("d", "l", v);
      rel(c.get("mean").doubleValue(), cell.mean(), 1e-12, "mean n=" + v.length);
      rel(c.get("std").doubleValue(), cell.std(), 1e-12, "std n=" + v.length);
      rel(c.get("lower").doubleValue(), cell.lower(), 1e-9, "lower n=" + v.length);
      rel(c.get("upper").doubleValue(), cell.upper(), 1e-9, "upper n=" + v.length);
    }
  }

  private static List<Score> scores(JsonNode lb) {
    List<Score> out = new ArrayList<>();
    for (JsonNode s : lb.get("scores")) {
      out.add(new Score(s.get("dataset").asText(), s.get("learner").asText(),
          s.get("seed").longValue(), s.get("value").doubleValue()));
    }
    return out;
  }

  @Test
  void leaderboardMatchesScipyAndStatsmodels() {
    JsonNode lb = root().get("leaderboard");
    for (Leaderboards.Pairing pairing : Leaderboards.Pairing.values()) {
      Leaderboard got =
          Leaderboards.build(scores(lb), new Leaderboards.Options("roc_auc", true, pairing),
              Baseline.forTask(TaskType.BINARY));
      List<String> learners = new ArrayList<>();
      lb.get("learners").forEach(n -> learners.add(n.asText()));
      assertEquals(learners, got.learners(), "order by average rank");
      double[] ranks = doubles(lb.get("ranks"));
      for (int i = 0; i < ranks.length; i++) {
        rel(ranks[i], got.ranks().get(i).averageRank(), 1e-12, "rank of " + learners.get(i));
      }
      JsonNode cells = lb.get("cells");
      assertEquals(cells.size(), got.cells().size());
      for (int i = 0; i < cells.size(); i++) {
        JsonNode e = cells.get(i);
        Leaderboard.Cell c = got.cells().get(i);
        String w = c.dataset() + "/" + c.learner();
        assertEquals(e.get("dataset").asText(), c.dataset());
        assertEquals(e.get("learner").asText(), c.learner());
        rel(e.get("mean").doubleValue(), c.mean(), 1e-12, w + " mean");
        rel(e.get("std").doubleValue(), c.std(), 1e-12, w + " std");
        rel(e.get("lower").doubleValue(), c.lower(), 1e-9, w + " lower");
        rel(e.get("upper").doubleValue(), c.upper(), 1e-9, w + " upper");
      }
      JsonNode tests = lb.get("tests").get(pairing.name().toLowerCase(java.util.Locale.ROOT));
      assertEquals(tests.size(), got.tests().size());
      for (int i = 0; i < tests.size(); i++) {
        JsonNode e = tests.get(i);
        Leaderboard.PairedTest t = got.tests().get(i);
        String w = pairing + " " + t.learnerA() + " vs " + t.learnerB();
        assertEquals(e.get("a").asText(), t.learnerA());
        assertEquals(e.get("b").asText(), t.learnerB());
        assertEquals(e.get("pairs").intValue(), t.pairs(), w);
        assertEquals(e.get("method").asText(), t.method(), w);
        assertEquals(e.get("statistic").doubleValue(), t.statistic(), w);
        rel(e.get("p").doubleValue(), t.pValue(), 1e-12, w + " p");
        rel(e.get("p_holm").doubleValue(), t.pValueHolm(), 1e-12, w + " Holm");
        rel(e.get("mean_difference").doubleValue(), t.meanDifference(), 1e-9, w + " diff");
        assertEquals(t.pairs(), t.wins() + t.losses() + t.ties());
      }
      assertTrue(got.baseline().startsWith("majority class"));
      assertEquals(Json.write(got), Json.write(Json.read(Json.write(got), Leaderboard.class)));
    }
  }

  @Test
  void incompleteOrInvalidScoresAreRejectedByName() {
    Leaderboards.Options o = new Leaderboards.Options("rmse", false, Leaderboards.Pairing.DATASET_MEANS);
    DataValidationException missing =
        assertThrows(DataValidationException.class, () -> Leaderboards.build(
            List.of(new Score("a", "x", 1, 1.0), new Score("b", "y", 1, 2.0)), o, null));
    assertTrue(missing.getMessage().contains("has no score on dataset"), missing.getMessage());
    assertThrows(DataValidationException.class, () -> Leaderboards.build(
        List.of(new Score("a", "x", 1, 1.0), new Score("a", "x", 1, 2.0)), o, null));
    assertThrows(DataValidationException.class, () -> Leaderboards.build(
        List.of(new Score("a", "x", 1, Double.NaN)), o, null));
    assertThrows(DataValidationException.class, () -> Leaderboards.build(List.of(), o, null));
    DataValidationException seeds =
        assertThrows(DataValidationException.class, () -> Leaderboards.build(
            List.of(new Score("a", "x", 1, 1.0), new Score("a", "y", 2, 2.0)),
            new Leaderboards.Options("rmse", false, Leaderboards.Pairing.DATASET_SEED), null));
    assertTrue(seeds.getMessage().contains("same seeds"), seeds.getMessage());
  }

  @Test
  void lowerIsBetterRanksTheSmallestFirst() {
    Leaderboard lb =
        Leaderboards.build(
            List.of(new Score("d", "good", 1, 0.1), new Score("d", "bad", 1, 0.5),
                new Score("e", "good", 1, 0.2), new Score("e", "bad", 1, 0.2)),
            new Leaderboards.Options("rmse", false, Leaderboards.Pairing.DATASET_MEANS),
            Baseline.MEAN);
    assertEquals(List.of("good", "bad"), lb.learners());
    assertEquals(1.25, lb.ranks().get(0).averageRank()); // 1 on d, 1.5 (tie) on e
    assertEquals(1, lb.tests().get(0).wins());
    assertEquals(1, lb.tests().get(0).ties());
    assertTrue(Double.isNaN(lb.cells().get(0).lower()), "one seed: no interval");
  }

  @Test
  void exactDistributionSumsToOne() {
    // P(R+ <= max) = 1 and the distribution is symmetric: p at the extremes is 2 / 2^n
    for (int n = 1; n <= 50; n += 7) {
      assertEquals(2.0 / Math.pow(2, n), Wilcoxon.exactP(n, 0), 1e-300, "n=" + n);
      assertEquals(1.0, Wilcoxon.exactP(n, n * (n + 1) / 4), 0.0);
    }
  }
}
