package dev.hone.experiment;

import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.study.Trial;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Micro neural-architecture search spaces (the layers of one network, as opposed to the choice of
 * model family in {@link FamilySpace}) for the {@code mlp} and {@code cnn} learners of {@code
 * hone-learner-djl}, as values: a {@link SearchSpace} holding every parameter, plus conditions
 * that say when a parameter is active. A trial suggests them define-by-run ({@link
 * NasSpace#suggest(Trial)}): a parameter is suggested only when its parent's value activates it,
 * so samplers that model conditional spaces (TPE in group mode, regularized evolution, random)
 * never see values that have no effect.
 *
 * <p>The spaces follow the cell-level spaces of the NAS literature, scaled to small tabular and
 * small-image problems (Zoph and Le, ICLR 2017; Real et al., AAAI 2019; the fully connected space
 * of Klein and Hutter's HPO-Bench / NAS-HPO-Bench, arXiv:1905.04970, which also uses one width per
 * layer). Training parameters (epochs, learning rate, batch size) are left to the caller.
 */
public final class NasSpaces {
  private NasSpaces() {}

  /** The largest MLP depth searched; {@code width_0 .. width_3} are its per-layer widths. */
  public static final int MLP_MAX_DEPTH = 4;

  /**
   * When a parameter is active: its parent parameter (suggested earlier) has one of {@code
   * values} (compared as {@link String#valueOf}).
   *
   * @param parent the parameter that activates this one
   * @param values the parent's values for which it is active, non-empty
   */
  public record Condition(String parent, Set<String> values) {
    /** Validates and copies. */
    public Condition {
      Objects.requireNonNull(parent, "parent");
      values = Set.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("condition on '" + parent + "' has no values");
      }
    }
  }

  /**
   * A micro search space for one learner.
   *
   * @param name the space's name ({@code mlp} or {@code cnn})
   * @param learner the registered learner the parameters are for
   * @param space every parameter, parents before the parameters they condition
   * @param conditions parameter name to the condition that activates it; parameters absent here
   *     are always active
   */
  public record NasSpace(
      String name, String learner, SearchSpace space, Map<String, Condition> conditions) {
    /** Validates (every condition names a parameter of the space and an earlier parent). */
    public NasSpace {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(learner, "learner");
      Objects.requireNonNull(space, "space");
      conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
      List<String> order = List.copyOf(space.distributions().keySet());
      for (Map.Entry<String, Condition> e : conditions.entrySet()) {
        int self = order.indexOf(e.getKey());
        int parent = order.indexOf(e.getValue().parent());
        if (self < 0 || parent < 0 || parent >= self) {
          throw new IllegalArgumentException(
              "condition of '" + e.getKey() + "' must name a parameter of the space suggested"
                  + " before it, got parent '" + e.getValue().parent() + "'");
        }
      }
    }

    /**
     * Suggests the active parameters of {@code trial}, in the space's order.
     *
     * @return parameter name to value (integers as {@code Long}), only active parameters, ready
     *     for {@code ParamSet.resolve(learner.paramSpecs(), params)} together with the caller's
     *     training parameters
     */
    public Map<String, Object> suggest(Trial trial) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
        if (isActive(e.getKey(), out)) {
          out.put(e.getKey(), trial.suggest(e.getKey(), e.getValue()));
        }
      }
      return Collections.unmodifiableMap(out);
    }

    /**
     * Whether {@code param} is active given the values of the parameters before it.
     *
     * @param earlier values of the parameters suggested so far
     */
    public boolean isActive(String param, Map<String, ?> earlier) {
      Condition c = conditions.get(param);
      if (c == null) {
        return true;
      }
      Object v = earlier.get(c.parent());
      return v != null && c.values().contains(String.valueOf(v));
    }
  }

  /**
   * The MLP space: {@code depth} in [1, {@value #MLP_MAX_DEPTH}]; {@code width_i} (units of hidden
   * layer i, log-uniform integers in [16, 256]) active when {@code depth > i}; {@code activation}
   * relu/tanh/gelu; {@code dropout} uniform in [0, 0.5]; {@code batch_norm} and {@code residual}
   * true/false (a residual connection is added only around layers whose width equals their
   * input's).
   */
  public static NasSpace mlp() {
    SearchSpace.Builder b = SearchSpace.builder();
    Map<String, Condition> cond = new LinkedHashMap<>();
    b.add("depth", new IntDistribution(1, MLP_MAX_DEPTH, false, 1));
    for (int i = 0; i < MLP_MAX_DEPTH; i++) {
      b.add("width_" + i, new IntDistribution(16, 256, true, 1));
      if (i > 0) {
        Set<String> depths = new java.util.HashSet<>();
        for (int d = i + 1; d <= MLP_MAX_DEPTH; d++) {
          depths.add(Integer.toString(d));
        }
        cond.put("width_" + i, new Condition("depth", depths));
      }
    }
    b.add("activation", CategoricalDistribution.of("relu", "tanh", "gelu"));
    b.add("dropout", new FloatDistribution(0.0, 0.5, false, null));
    b.add("batch_norm", CategoricalDistribution.of("false", "true"));
    b.add("residual", CategoricalDistribution.of("false", "true"));
    return new NasSpace("mlp", "mlp", b.build(), cond);
  }

  /**
   * The CNN cell space: {@code conv_blocks} in [1, 3] (block b has {@code channels * 2^b}
   * filters); {@code channels} 8/16/32; {@code kernel_size} 3/5; {@code pooling} max/avg/none;
   * {@code batch_norm} true/false; {@code activation} relu/gelu; a dense head ({@code head}
   * none/dense) whose {@code dense_width} (32/64/128) and {@code dropout} (uniform [0, 0.5]) are
   * active only when {@code head = dense}. {@code head} is not a learner parameter: {@link
   * #toLearnerParams} maps {@code head = none} to {@code dense_width = 0}.
   */
  public static NasSpace cnn() {
    SearchSpace.Builder b = SearchSpace.builder();
    Map<String, Condition> cond = new LinkedHashMap<>();
    b.add("conv_blocks", new IntDistribution(1, 3, false, 1));
    b.add("channels", CategoricalDistribution.of("8", "16", "32"));
    b.add("kernel_size", CategoricalDistribution.of("3", "5"));
    b.add("pooling", CategoricalDistribution.of("max", "avg", "none"));
    b.add("batch_norm", CategoricalDistribution.of("false", "true"));
    b.add("activation", CategoricalDistribution.of("relu", "gelu"));
    b.add(HEAD, CategoricalDistribution.of("none", "dense"));
    b.add("dense_width", CategoricalDistribution.of("32", "64", "128"));
    cond.put("dense_width", new Condition(HEAD, Set.of("dense")));
    b.add("dropout", new FloatDistribution(0.0, 0.5, false, null));
    cond.put("dropout", new Condition(HEAD, Set.of("dense")));
    return new NasSpace("cnn", "cnn", b.build(), cond);
  }

  /** The CNN space's head switch ({@code none} or {@code dense}); not a learner parameter. */
  public static final String HEAD = "head";

  /**
   * The learner parameters of a suggested architecture: categorical numbers become integers
   * ({@code channels}, {@code dense_width}), {@code head = none} becomes {@code dense_width = 0}
   * and {@code head} is dropped; everything else is passed through.
   *
   * @param suggested the result of {@link NasSpace#suggest(Trial)}
   */
  public static Map<String, Object> toLearnerParams(Map<String, ?> suggested) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : suggested.entrySet()) {
      switch (e.getKey()) {
        case HEAD -> {
          if ("none".equals(e.getValue())) {
            out.put("dense_width", 0);
          }
        }
        case "channels", "dense_width" -> out.put(e.getKey(),
            Integer.parseInt(String.valueOf(e.getValue())));
        default -> out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }
}
