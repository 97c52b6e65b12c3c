package dev.hone.experiment;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.params.ParamSpec;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.study.Trial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The search space of {@code hone train --task image} ({@code --space}).
 *
 * <ul>
 *   <li>{@code nas} (default): the CNN cell space {@link NasSpaces#cnn()} (conv blocks, channels,
 *       kernel, pooling, batch norm, activation, optional dense head with width and dropout),
 *       suggested define-by-run so inactive parameters are never sampled, plus the learner's
 *       hinted training parameters (optimizer, learning rate, batch size, weight decay). TPE runs
 *       in its group mode (multivariate, one model per set of co-occurring parameters), the mode
 *       made for conditional spaces.
 *       On images of {@value #ALWAYS_POOL_SIDE} pixels a side or more, {@code pooling} is
 *       searched over max/avg only: a block without pooling keeps the full image, and three such
 *       blocks with 128 filters and a dense head over every pixel cost about 50 times the default
 *       network per image on 28x28 MNIST (minutes per epoch on two cores), while on 8x8 digits
 *       the choice is cheap and kept.
 *   <li>{@code default}: {@code SearchSpace.fromHints} over every hinted parameter of the learner,
 *       independent TPE, as before.
 * </ul>
 *
 * Configurations are kept in the space's own terms ("raw": e.g. {@code head = none}, {@code
 * channels = "16"}), which is what a study stores and what can be enqueued; {@link #toLearner}
 * turns one into learner parameters.
 */
final class ImageSearchSpace {
  /** {@code --space} values. */
  static final List<String> NAMES = List.of("nas", "default");

  /** Default {@code --space}. */
  static final String DEFAULT = "nas";

  /** Smallest image side (pixels) at which the {@code nas} space always pools. */
  static final int ALWAYS_POOL_SIDE = 16;

  private final String name;
  private final NasSpaces.NasSpace nas; // null for "default"
  private final SearchSpace space; // every parameter, in suggestion order

  private ImageSearchSpace(String name, NasSpaces.NasSpace nas, SearchSpace space) {
    this.name = name;
    this.nas = nas;
    this.space = space;
  }

  /**
   * The space called {@code name} for a learner with these parameters.
   *
   * @param name {@code nas} or {@code default} (case-insensitive); {@code null} for the default
   * @throws InvalidParameterException naming the accepted values
   */
  static ImageSearchSpace of(String name, List<ParamSpec> specs) {
    return of(name, specs, 0);
  }

  /**
   * The space called {@code name} for images whose smaller side is {@code imageSide} pixels (see
   * {@link #ALWAYS_POOL_SIDE}).
   *
   * @throws InvalidParameterException naming the accepted values
   */
  static ImageSearchSpace of(String name, List<ParamSpec> specs, int imageSide) {
    String n = name == null ? DEFAULT : name.trim().toLowerCase(Locale.ROOT);
    if (!NAMES.contains(n)) {
      throw new InvalidParameterException(
          "--space was '" + name + "' but must be one of " + NAMES
              + " (nas: the CNN cell space with training parameters; default: the learner's"
              + " hinted parameters)");
    }
    SearchSpace hinted = SearchSpace.fromHints(specs);
    if (n.equals("default")) {
      return new ImageSearchSpace(n, null, hinted);
    }
    NasSpaces.NasSpace cell = NasSpaces.cnn();
    SearchSpace.Builder b = SearchSpace.builder();
    for (Map.Entry<String, Distribution> e : cell.space().distributions().entrySet()) {
      b.add(e.getKey(),
          e.getKey().equals("pooling") && imageSide >= ALWAYS_POOL_SIDE
              ? CategoricalDistribution.of("max", "avg")
              : e.getValue());
    }
    // training parameters: hinted learner parameters that the cell space does not cover
    java.util.Set<String> architecture = new java.util.HashSet<>(cell.space().distributions().keySet());
    architecture.addAll(NasSpaces.toLearnerParams(Map.of(NasSpaces.HEAD, "none")).keySet());
    for (Map.Entry<String, Distribution> e : hinted.distributions().entrySet()) {
      if (!architecture.contains(e.getKey()) && !isArchitecture(e.getKey())) {
        b.add(e.getKey(), e.getValue());
      }
    }
    return new ImageSearchSpace(n, cell, b.build());
  }

  /** Hinted cnn parameters that describe the network rather than its training. */
  private static boolean isArchitecture(String param) {
    return switch (param) {
      case "conv_blocks", "channels", "kernel_size", "pooling", "dense_width", "activation",
          "dropout", "batch_norm" -> true;
      default -> false;
    };
  }

  /** {@code nas} or {@code default}. */
  String name() {
    return name;
  }

  /** Every parameter, in suggestion order (for the report's columns). */
  SearchSpace space() {
    return space;
  }

  /** TPE as the study's sampler: group mode for the conditional space, 2 start-up trials. */
  TpeSampler sampler() {
    TpeSampler.Options o = TpeSampler.Options.defaults().withNStartupTrials(2);
    return new TpeSampler(nas == null ? o : o.withMultivariate(true, true));
  }

  /** Suggests a configuration for {@code trial} (raw names and values; only active ones). */
  Map<String, Object> suggest(Trial trial) {
    if (nas == null) {
      return trial.suggestAll(space);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
      if (nas.isActive(e.getKey(), out)) {
        out.put(e.getKey(), trial.suggest(e.getKey(), e.getValue()));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** A configuration drawn uniformly, respecting the conditions (raw names and values). */
  Map<String, Object> sample(SplittableRandom rng) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
      if (nas == null || nas.isActive(e.getKey(), out)) {
        out.put(e.getKey(), RandomSampler.sample(e.getValue(), rng));
      }
    }
    return out;
  }

  /** Learner parameters of a raw configuration (without the caller's fixed training settings). */
  Map<String, Object> toLearner(Map<String, Object> raw) {
    return nas == null ? new LinkedHashMap<>(raw) : NasSpaces.toLearnerParams(raw);
  }

  /**
   * The learner's defaults as a raw configuration, to enqueue as the first trial: a default
   * outside its search range (weight decay 0 on a log range) becomes the range's low end; in the
   * cell space a default that is not among the choices (a numeric default such as 32 channels is
   * matched as text) is replaced by the nearest choice, and {@code head} is {@code dense} when the
   * default dense width is positive.
   */
  Map<String, Object> defaults(List<ParamSpec> specs) {
    Map<String, Object> byName = new LinkedHashMap<>();
    for (ParamSpec s : specs) {
      byName.put(s.name(), s.defaultValue());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
      String p = e.getKey();
      Distribution d = e.getValue();
      Object v;
      if (p.equals(NasSpaces.HEAD)) {
        Object w = byName.get("dense_width");
        v = w instanceof Number n && n.doubleValue() > 0 ? "dense" : "none";
      } else {
        v = byName.get(p);
      }
      if (nas != null && !nas.isActive(p, out)) {
        continue;
      }
      out.put(p, inside(d, v));
    }
    return out;
  }

  private static Object inside(Distribution d, Object v) {
    if (d instanceof CategoricalDistribution c) {
      List<Object> choices = new ArrayList<>(c.choices());
      for (Object ch : choices) {
        if (String.valueOf(ch).equals(String.valueOf(v))) {
          return ch;
        }
      }
      if (v instanceof Number n) {
        Object best = choices.get(0);
        double gap = Double.POSITIVE_INFINITY;
        for (Object ch : choices) {
          try {
            double g = Math.abs(Double.parseDouble(String.valueOf(ch)) - n.doubleValue());
            if (g < gap) {
              gap = g;
              best = ch;
            }
          } catch (NumberFormatException ignored) {
            // a non-numeric choice never matches a number
          }
        }
        return best;
      }
      return choices.get(0);
    }
    if (d instanceof IntDistribution i && v instanceof Number n) {
      return Math.min(i.high(), Math.max(i.low(), Math.round(n.doubleValue())));
    }
    if (d instanceof FloatDistribution f && v instanceof Number n) {
      return Math.min(f.high(), Math.max(f.low(), n.doubleValue()));
    }
    return v;
  }
}
