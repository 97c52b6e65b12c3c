package dev.hone.search.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hone.core.params.ParamSpec;
import dev.hone.core.params.SearchHint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

  @Test
  void builderKeepsOrderAndRejectsDuplicates() {
    SearchSpace s = SearchSpace.builder()
        .add("z", FloatDistribution.of(0, 1))
        .add("a", IntDistribution.of(1, 3))
        .build();
    assertEquals(List.of("z", "a"), List.copyOf(s.distributions().keySet()));
    assertThrows(UnsupportedOperationException.class,
        () -> s.distributions().put("b", IntDistribution.of(1, 2)));
    assertThrows(IllegalArgumentException.class,
        () -> SearchSpace.builder().add("x", FloatDistribution.of(0, 1))
            .add("x", FloatDistribution.of(0, 2)));
    assertThrows(IllegalArgumentException.class,
        () -> SearchSpace.builder().add(" ", FloatDistribution.of(0, 1)));
  }

  @Test
  void fromHintsMapsEachKindAndSkipsUnhinted() {
    List<ParamSpec> specs = List.of(
        ParamSpec.floatParam("eta", "learning rate", 0.3, 0, false, 1, true,
            SearchHint.logRange(1e-3, 0.5)),
        ParamSpec.floatParam("subsample", "row fraction", 1, 0, false, 1, true,
            SearchHint.range(0.5, 1)),
        ParamSpec.intParam("max_depth", "depth", 6, 1, 20, SearchHint.range(2, 10)),
        ParamSpec.intParam("nthread", "threads", 1, 1, 64, null),
        ParamSpec.choiceParam("booster", "booster", "gbtree", List.of("gbtree", "dart"),
            SearchHint.choices(List.of("gbtree", "dart"))));
    SearchSpace s = SearchSpace.fromHints(specs);
    assertEquals(
        Map.of(
            "eta", new FloatDistribution(1e-3, 0.5, true, null),
            "subsample", new FloatDistribution(0.5, 1, false, null),
            "max_depth", new IntDistribution(2, 10, false, 1),
            "booster", CategoricalDistribution.of("gbtree", "dart")),
        s.distributions());
    assertEquals(List.of("eta", "subsample", "max_depth", "booster"),
        List.copyOf(s.distributions().keySet()));
  }

  @Test
  void fromHintsRejectsIntRangeWithoutIntegers() {
    List<ParamSpec> specs = List.of(
        ParamSpec.intParam("k", "k", 1, 0, 10, SearchHint.range(2.2, 2.8)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.fromHints(specs));
    assertEquals(true, e.getMessage().contains("'k'"), e.getMessage());
  }
}
