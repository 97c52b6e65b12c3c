package dev.hone.search.pruner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import dev.hone.search.sampler.StudySnapshot;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builders of trial records and views for pruner tests. */
final class PrunerTestSupport {
  private PrunerTestSupport() {}

  static JsonNode reference() throws Exception {
    try (InputStream in =
        PrunerTestSupport.class.getResourceAsStream("pruner_reference.json")) {
      return Json.mapper().readTree(in);
    }
  }

  /** A trial with values at the given steps ({@code steps[i] -> values[i]}). */
  static TrialRecord trial(int number, TrialState state, int[] steps, double[] values) {
    Map<Integer, Double> iv = new TreeMap<>();
    for (int i = 0; i < steps.length; i++) {
      iv.put(steps[i], values[i]);
    }
    Double value = null;
    if (state == TrialState.COMPLETE) {
      value = values.length == 0 || Double.isNaN(values[values.length - 1])
          ? 0.0 : values[values.length - 1];
    }
    Instant at = Instant.EPOCH;
    return new TrialRecord(
        number, state, Map.of(), Map.of(), value, iv, Map.of(), at,
        state.isFinished() ? at : null);
  }

  /** A trial that reported {@code value} at exactly one step. */
  static TrialRecord at(int number, TrialState state, int step, double value) {
    return trial(number, state, new int[] {step}, new double[] {value});
  }

  static StudyView view(Direction d, long seed, List<TrialRecord> trials) {
    return new StudySnapshot("s", d, seed, trials);
  }
}
