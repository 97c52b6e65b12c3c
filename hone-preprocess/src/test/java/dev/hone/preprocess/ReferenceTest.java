package dev.hone.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compares the transform with {@code reference/reference.json}, written by {@code
 * reference/make_reference.py}: an independent Python implementation of the documented encoding
 * rule on a random table (numpy seed 20240601; 60 training rows, 25 test rows with unseen levels and
 * missing values). Tolerance: exact. Indicators are 0/1 and numeric values are one IEEE
 * round-to-nearest double-to-float conversion in both implementations ({@code np.float32}).
 */
class ReferenceTest {

  @Test
  void matchesTheIndependentPythonImplementation() throws IOException {
    JsonNode ref;
    try (InputStream in = getClass().getResourceAsStream("reference/reference.json")) {
      assertNotNull(in, "reference/reference.json is missing from the test resources");
      ref = Json.mapper().readTree(in);
    }
    String target = ref.get("target").asText();
    List<Column> train = new ArrayList<>();
    List<Column> test = new ArrayList<>();
    for (JsonNode c : ref.get("columns")) {
      String name = c.get("name").asText();
      boolean numeric = c.get("type").asText().equals("numeric");
      train.add(column(name, numeric, c.get("train")));
      test.add(column(name, numeric, c.get("test")));
    }
    train.add(column(target, false, ref.get("yTrain")));
    test.add(column(target, false, ref.get("yTest")));
    Table trainTable = new Table(train, target, List.of(), TaskType.BINARY);
    Table testTable = new Table(test, target, List.of(), TaskType.BINARY);

    FittedPreprocessor f =
        Preprocessor.defaults()
            .withMaxOneHotLevels(ref.get("maxOneHotLevels").asInt())
            .withMinLevelCount(ref.get("minLevelCount").asInt())
            .fit(trainTable);

    assertEquals(strings(ref.get("featureNames")), f.featureNames());
    TransformResult r = f.transformWithReport(testTable, "reference test table");
    JsonNode expected = ref.get("testMatrix");
    assertEquals(expected.size(), r.matrix().nRows());
    for (int row = 0; row < expected.size(); row++) {
      JsonNode er = expected.get(row);
      assertEquals(er.size(), r.matrix().nCols());
      for (int col = 0; col < er.size(); col++) {
        float want = er.get(col).isTextual() ? Float.NaN : (float) er.get(col).asDouble();
        assertEquals(
            Float.floatToIntBits(want),
            Float.floatToIntBits(r.matrix().get(row, col)),
            "row " + row + " column " + f.featureNames().get(col) + ": want " + want + ", got "
                + r.matrix().get(row, col));
      }
    }
    Map<String, Integer> unseen = new LinkedHashMap<>();
    for (UnseenLevels u : r.unseen()) {
      unseen.put(u.column(), u.rows());
    }
    Map<String, Integer> wantUnseen = new LinkedHashMap<>();
    ref.get("unseen").fields().forEachRemaining(e -> wantUnseen.put(e.getKey(), e.getValue().asInt()));
    assertEquals(wantUnseen, unseen);
    assertEquals(strings(ref.get("classLabels")), f.classLabels());
    double[] labels = f.labels(testTable);
    JsonNode wantLabels = ref.get("testLabels");
    assertEquals(wantLabels.size(), labels.length);
    for (int i = 0; i < labels.length; i++) {
      assertEquals(wantLabels.get(i).asDouble(), labels[i], 0.0, "label row " + i);
    }
  }

  private static Column column(String name, boolean numeric, JsonNode values) {
    if (numeric) {
      double[] v = new double[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = values.get(i).isNull() ? Double.NaN : values.get(i).asDouble();
      }
      return new NumericColumn(name, v);
    }
    String[] raw = new String[values.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = values.get(i).isNull() ? null : values.get(i).asText();
    }
    return CategoricalColumn.of(name, raw);
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }
}
