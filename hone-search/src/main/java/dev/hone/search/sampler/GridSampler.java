package dev.hone.search.sampler;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.random.Seeds;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exhaustive search over a declared grid: the Cartesian product of each parameter's listed
 * values, every point evaluated once (Optuna's {@code GridSampler}).
 *
 * <p>Points are enumerated in lexicographic order of the declared values (the last parameter
 * varies fastest), or, with {@code shuffle}, in a permutation drawn from the study seed ({@code
 * Seeds.rng(seed, "sampler/grid", 0)}, Fisher–Yates). A new trial takes the first point in that
 * order that no COMPLETE, PRUNED or RUNNING trial holds; trials asked concurrently before
 * suggesting skip one free point per such trial, so parallel workers get distinct points. A point
 * whose trial FAILed is free again (retried). A trial's point is recognised from its parameter
 * values, so a resumed study continues with the points still missing.
 *
 * <p>When every point has a COMPLETE or PRUNED trial, {@link #isExhausted} is true; a trial asked
 * after that re-evaluates point {@code trialNumber mod size} (logged at WARN).
 *
 * <p>Values: {@code Double}/{@code Float} for float parameters, integral numbers for integer
 * parameters (converted to {@code Long}), strings for categorical ones. Every value must lie in
 * the distribution the objective suggests it from, and every parameter the objective suggests
 * must be on the grid; otherwise {@link InvalidParameterException}. Thread-safe.
 */
public final class GridSampler implements Sampler {
  private static final Logger LOG = LoggerFactory.getLogger(GridSampler.class);

  private final List<String> names;
  private final List<List<Object>> values;
  private final boolean shuffle;
  private final int size;
  private final AtomicReference<Object[]> cache = new AtomicReference<>();

  /**
   * A grid in lexicographic order.
   *
   * @param grid parameter name &rarr; its values (non-empty, distinct), in order
   * @throws IllegalArgumentException if the grid is empty, a value list is empty or has
   *     duplicates, or the grid has more than 2^31 - 1 points
   */
  public GridSampler(Map<String, List<?>> grid) {
    this(grid, false);
  }

  /**
   * A grid, optionally visited in a seeded random order.
   *
   * @see #GridSampler(Map)
   */
  public GridSampler(Map<String, List<?>> grid, boolean shuffle) {
    Objects.requireNonNull(grid, "grid");
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("a grid needs at least one parameter");
    }
    names = new ArrayList<>(grid.keySet());
    values = new ArrayList<>();
    long n = 1;
    for (String name : names) {
      List<?> vs = grid.get(name);
      if (vs == null || vs.isEmpty()) {
        throw new IllegalArgumentException("grid parameter '" + name + "' has no values");
      }
      if (new java.util.HashSet<>(vs).size() != vs.size()) {
        throw new IllegalArgumentException("grid parameter '" + name + "' repeats a value: " + vs);
      }
      values.add(List.copyOf(vs));
      n *= vs.size();
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("the grid has more than 2^31 - 1 points");
      }
    }
    this.size = (int) n;
    this.shuffle = shuffle;
  }

  /** Number of grid points. */
  public int size() {
    return size;
  }

  /** Point {@code k} in enumeration order (before any shuffle): name &rarr; declared value. */
  public Map<String, Object> point(int k) {
    Map<String, Object> out = new LinkedHashMap<>();
    int rest = k;
    Object[] row = new Object[names.size()];
    for (int d = names.size() - 1; d >= 0; d--) {
      int m = values.get(d).size();
      row[d] = values.get(d).get(rest % m);
      rest /= m;
    }
    for (int d = 0; d < names.size(); d++) {
      out.put(names.get(d), row[d]);
    }
    return out;
  }

  /** The visiting order: point indices, shuffled by the study seed when asked to. */
  int[] order(long seed) {
    int[] o = new int[size];
    for (int i = 0; i < size; i++) {
      o[i] = i;
    }
    if (shuffle) {
      Seeds.shuffle(o, Seeds.rng(seed, "sampler/grid", 0));
    }
    return o;
  }

  /** The grid index held by {@code params}, or -1. */
  private int indexOf(Map<String, Object> params) {
    int k = 0;
    for (int d = 0; d < names.size(); d++) {
      Object v = params.get(names.get(d));
      if (v == null) {
        return -1;
      }
      int i = indexIn(values.get(d), v);
      if (i < 0) {
        return -1;
      }
      k = k * values.get(d).size() + i;
    }
    return k;
  }

  private static int indexIn(List<Object> vs, Object v) {
    for (int i = 0; i < vs.size(); i++) {
      Object g = vs.get(i);
      if (g.equals(v) || (g instanceof Number a && v instanceof Number b
          && a.doubleValue() == b.doubleValue())) {
        return i;
      }
    }
    return -1;
  }

  /** The point index assigned to {@code trialNumber} under {@code study}. */
  int assign(StudyView study, int trialNumber) {
    Object[] c = cache.get();
    if (c != null && c[0] == study && (Integer) c[1] == trialNumber) {
      return (Integer) c[2];
    }
    boolean[] taken = new boolean[size];
    int pending = 0;
    for (TrialRecord t : study.trials()) {
      if (t.state() == TrialState.FAIL) {
        continue;
      }
      int k = indexOf(t.params());
      if (k >= 0) {
        taken[k] = true;
      } else if (t.state() == TrialState.RUNNING) {
        pending++;
      }
    }
    int result = -1;
    int skip = pending;
    for (int k : order(study.seed())) {
      if (!taken[k]) {
        if (skip == 0) {
          result = k;
          break;
        }
        skip--;
      }
    }
    if (result < 0) {
      result = order(study.seed())[Math.floorMod(trialNumber, size)];
      LOG.warn("trial {}: all {} grid points are taken; re-evaluating point {}",
          trialNumber, size, point(result));
    }
    cache.set(new Object[] {study, trialNumber, result});
    return result;
  }

  @Override
  public boolean isExhausted(StudyView study) {
    boolean[] done = new boolean[size];
    int count = 0;
    for (TrialRecord t : study.trials()) {
      if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) {
        int k = indexOf(t.params());
        if (k >= 0 && !done[k]) {
          done[k] = true;
          count++;
        }
      }
    }
    return count == size;
  }

  @Override
  public Object sampleIndependent(
      StudyView study, int trialNumber, String name, Distribution distribution) {
    int d = names.indexOf(name);
    if (d < 0) {
      throw new InvalidParameterException("parameter '" + name + "' is not on the grid "
          + names + "; add its values to the grid or stop suggesting it");
    }
    Object v = point(assign(study, trialNumber)).get(name);
    Object value = convert(v, distribution);
    if (value == null || !distribution.contains(value)) {
      throw new InvalidParameterException("grid value " + v + " of parameter '" + name
          + "' is not in the suggested distribution " + distribution
          + "; fix the grid or the suggested range");
    }
    return value;
  }

  private static Object convert(Object v, Distribution d) {
    if (d instanceof FloatDistribution && v instanceof Number n) {
      return n.doubleValue();
    }
    if (d instanceof IntDistribution && v instanceof Number n) {
      double x = n.doubleValue();
      return x == Math.rint(x) ? Long.valueOf((long) x) : null;
    }
    return v;
  }

  /** The declared grid: name &rarr; values; unmodifiable. */
  public Map<String, List<Object>> grid() {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (int d = 0; d < names.size(); d++) {
      out.put(names.get(d), values.get(d));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public String toString() {
    return "GridSampler[" + size + " points" + (shuffle ? ", shuffled]" : "]");
  }
}
