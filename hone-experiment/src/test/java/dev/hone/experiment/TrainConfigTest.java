package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
  private static TrainConfig cfg(String dataset, Path data, String target, int trials, Duration b) {
    return new TrainConfig(
        dataset, data, null, target, null, null, trials, b, 0, null, null, null, false, null,
        "tpe", 1, null, 1, null);
  }

  @Test
  void parsesDurations() {
    assertEquals(Duration.ofSeconds(90), TrainConfig.parseDuration("90"));
    assertEquals(Duration.ofSeconds(90), TrainConfig.parseDuration("90s"));
    assertEquals(Duration.ofMinutes(5), TrainConfig.parseDuration("5m"));
    assertEquals(Duration.ofMinutes(90), TrainConfig.parseDuration("1h30m"));
    assertEquals(Duration.ofSeconds(150), TrainConfig.parseDuration("2.5m"));
    assertEquals(Duration.ofMinutes(5), TrainConfig.parseDuration("PT5M"));
    for (String bad : new String[] {"", "soon", "5x", "m5", "5m soon"}) {
      InvalidParameterException e =
          assertThrows(InvalidParameterException.class, () -> TrainConfig.parseDuration(bad));
      assertTrue(e.getMessage().startsWith("--time-budget was '" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void millisecondsParseAndOutOfRangeBudgetsAreRefusedWithTheTextAsTyped() {
    // analytic: 500 ms, 1 s 500 ms
    assertEquals(Duration.ofMillis(500), TrainConfig.parseDuration("500ms"));
    assertEquals(Duration.ofMillis(1500), TrainConfig.parseDuration("1s500ms"));
    assertEquals(Duration.ofDays(366), TrainConfig.parseDuration("8784h"));
    for (String bad : new String[] {"0s", "-5s", "0", "PT-5S", "PT0S"}) {
      InvalidParameterException e =
          assertThrows(InvalidParameterException.class, () -> TrainConfig.parseDuration(bad));
      assertTrue(e.getMessage().equals(
          "--time-budget was '" + bad + "' but must be positive, e.g. 90s, 5m or 1h"),
          e.getMessage());
    }
    // far beyond a year: refused as a user error (a nanosecond deadline would overflow a long)
    for (String bad : new String[] {"999999999999h", "8785h", "PT9999999999H"}) {
      InvalidParameterException e =
          assertThrows(InvalidParameterException.class, () -> TrainConfig.parseDuration(bad));
      assertTrue(e.getMessage().startsWith("--time-budget was '" + bad + "'")
          && e.getMessage().contains("at most 366 days"), e.getMessage());
    }
  }

  @Test
  void validatesOptions() {
    assertThrows(InvalidParameterException.class, () -> cfg(null, null, null, 5, null));
    assertThrows(InvalidParameterException.class, () -> cfg("adult", Path.of("a.csv"), "y", 5, null));
    InvalidParameterException noTarget =
        assertThrows(InvalidParameterException.class, () -> cfg(null, Path.of("a.csv"), null, 5, null));
    assertTrue(noTarget.getMessage().contains("--target"));
    InvalidParameterException zero =
        assertThrows(InvalidParameterException.class, () -> cfg("adult", null, null, 0, null));
    assertEquals(
        "--trials was 0 but must be >= 1 (the number of trials to complete)", zero.getMessage());
    assertThrows(
        InvalidParameterException.class, () -> cfg("adult", null, null, 5, Duration.ofSeconds(-1)));
  }

  @Test
  void defaultsFollowTheOutputDirectory() {
    TrainConfig c =
        new TrainConfig(
            "adult", null, null, null, null, null, 5, null, 0, Path.of("/tmp/x/runs/adult7"), null,
            null, false, null, null, 1, null, 1, null);
    assertEquals("adult7", c.studyName());
    assertEquals("jdbc:sqlite:/tmp/x/runs/hone.db", c.storageUrl());
    assertEquals("tpe", c.sampler());
    assertEquals(Path.of("runs", "adult"), cfg("adult", null, null, 5, null).outDir());
    assertEquals(Path.of("runs", "my"), cfg(null, Path.of("d/my.csv.gz"), "y", 5, null).outDir());
  }

  @Test
  void everySamplerNameBuildsASampler() {
    dev.hone.search.space.SearchSpace space =
        dev.hone.search.space.SearchSpace.builder()
            .add("x", dev.hone.search.space.FloatDistribution.of(0, 1))
            .build();
    for (String name : TrainConfig.SAMPLERS) {
      assertTrue(TrainWorkflow.sampler(name, space) != null, name);
      new TrainConfig("adult", null, null, null, null, null, 5, null, 0, null, null, null, false,
          null, name, 1, null, 1, null);
    }
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> new TrainConfig("adult", null, null, null, null, null, 5, null, 0, null, null,
                null, false, null, "bayes", 1, null, 1, null));
    assertTrue(e.getMessage().contains("tpe-multivariate"), e.getMessage());
  }
}
