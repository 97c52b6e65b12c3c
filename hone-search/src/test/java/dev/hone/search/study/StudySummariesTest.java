package dev.hone.search.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.error.UserInputException;
import dev.hone.core.json.Json;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.store.StudyStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudySummariesTest {
  static final Instant T0 = Instant.parse("2024-05-06T07:08:09Z");
  static final Instant T1 = Instant.parse("2024-05-06T07:08:10.25Z");

  /** A study written through the store with fixed times, so the expected CSV is exact. */
  static StudyStore fixture() {
    StudyStore s = new InMemoryStudyStore();
    long id = s.createStudyIfAbsent("max", Direction.MAXIMIZE, 9).id();
    s.setStudyUserAttribute(id, "data", "adult.csv");
    FloatDistribution f = FloatDistribution.of(0, 1);
    CategoricalDistribution c = CategoricalDistribution.of("a,b", "say \"hi\"");
    int a = s.createTrial(id, T0).number();
    s.setTrialParam(id, a, "x", 0.1 + 0.2, f);
    s.setTrialParam(id, a, "c", "a,b", c);
    s.finishTrial(id, a, TrialState.COMPLETE, 0.5, T1);
    int b = s.createTrial(id, T0).number();
    s.setTrialParam(id, b, "x", 0.75, f);
    s.setTrialUserAttribute(id, b, "note", "say \"hi\"");
    s.finishTrial(id, b, TrialState.COMPLETE, Double.POSITIVE_INFINITY, T1);
    int p = s.createTrial(id, T0).number();
    s.finishTrial(id, p, TrialState.PRUNED, Double.NaN, T1);
    s.enqueueTrial(id, Map.of("x", 1));
    s.createStudyIfAbsent("min", Direction.MINIMIZE, 1);
    return s;
  }

  @Test
  void listCountsStatesAndFindsTheBest() {
    List<StudySummaries.StudySummary> all = StudySummaries.list(fixture());
    assertEquals(2, all.size());
    StudySummaries.StudySummary max = all.get(0);
    assertEquals("max", max.name());
    assertEquals(4, max.trials());
    assertEquals(Map.of("WAITING", 1, "RUNNING", 0, "COMPLETE", 2, "PRUNED", 1, "FAIL", 0),
        max.trialsByState());
    assertEquals(List.of("WAITING", "RUNNING", "COMPLETE", "PRUNED", "FAIL"),
        List.copyOf(max.trialsByState().keySet()));
    assertEquals(1, max.bestTrial()); // +Inf beats 0.5 when maximising
    assertEquals(Double.POSITIVE_INFINITY, max.bestValue());
    assertEquals(Map.of("data", "adult.csv"), max.userAttributes());
    assertNull(all.get(1).bestTrial());
    assertEquals(0, all.get(1).trials());
  }

  @Test
  void csvExportIsExact() {
    StudySummaries.StudyDetail d = StudySummaries.show(fixture(), "max");
    StringBuilder sb = new StringBuilder();
    StudySummaries.writeCsv(d.trials(), 1, sb);
    String expected = String.join("\n",
        "number,state,value,datetime_start,datetime_complete,duration_s,params_x,params_c,"
            + "user_attrs_note",
        "0,COMPLETE,0.5,2024-05-06T07:08:09Z,2024-05-06T07:08:10.250Z,1.250,"
            + "0.30000000000000004,\"a,b\",",
        "1,COMPLETE,Infinity,2024-05-06T07:08:09Z,2024-05-06T07:08:10.250Z,1.250,0.75,,"
            + "\"say \"\"hi\"\"\"",
        "2,PRUNED,NaN,2024-05-06T07:08:09Z,2024-05-06T07:08:10.250Z,1.250,,,",
        "3,WAITING,,,,,,,") + "\n";
    assertEquals(expected, sb.toString());
    StringBuilder two = new StringBuilder();
    StudySummaries.writeCsv(d.trials().subList(0, 1), 2, two);
    assertTrue(two.toString().startsWith("number,state,values_0,values_1,datetime_start"),
        two.toString());
    assertTrue(two.toString().contains(",COMPLETE,0.5,,2024"), two.toString());
  }

  @Test
  void jsonExportRoundTrips() throws Exception {
    StudySummaries.StudyDetail d = StudySummaries.show(fixture(), "max");
    JsonNode rows = Json.mapper().readTree(StudySummaries.toJson(d.trials()));
    assertEquals(4, rows.size());
    assertEquals(0.30000000000000004, rows.get(0).get("params").get("x").doubleValue());
    assertEquals("a,b", rows.get(0).get("params").get("c").textValue());
    assertTrue(rows.get(2).get("values").get(0).isNumber()
        || "NaN".equals(rows.get(2).get("values").get(0).asText()));
    assertEquals(1, rows.get(3).get("fixedParams").get("x").longValue());
    assertEquals("WAITING", rows.get(3).get("state").textValue());
    assertTrue(rows.get(3).get("datetimeStart").isNull());
    JsonNode detail = Json.mapper().readTree(Json.write(d));
    assertEquals(1, detail.get("summary").get("bestTrial").intValue());
  }

  @Test
  void unknownStudyNamesTheKnownOnes() {
    UserInputException e = assertThrows(UserInputException.class,
        () -> StudySummaries.show(fixture(), "nope"));
    assertTrue(e.getMessage().contains("no study 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("[max, min]"), e.getMessage());
  }

  @Test
  void summariesOfARealStudy() {
    StudyStore s = new InMemoryStudyStore();
    Study st = Study.createOrLoad(s, "r", Direction.MINIMIZE, new RandomSampler(), 3);
    st.optimize(t -> t.suggestFloat("x", -1, 1, false), StopCondition.trials(5),
        StudyListener.NONE);
    StudySummaries.StudySummary sum = StudySummaries.list(s).get(0);
    assertEquals(st.bestTrial().orElseThrow().number(), sum.bestTrial());
    assertEquals(st.bestTrial().orElseThrow().value(), sum.bestValue());
    assertEquals(5, sum.trialsByState().get("COMPLETE"));
  }
}
