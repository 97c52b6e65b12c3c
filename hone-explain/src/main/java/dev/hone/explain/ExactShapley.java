package dev.hone.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exact interventional Shapley values by enumerating every coalition: the oracle the approximate
 * explainers are tested against.
 *
 * <p>The value of coalition {@code S} at row {@code x} is {@code v(S) = Σ_b w_b f(x_S, b_notS) /
 * Σ_b w_b} over the {@link Background} rows {@code b}, and {@code φ_i = Σ_{S ∌ i} |S|! (M − |S| −
 * 1)! / M! · (v(S ∪ {i}) − v(S))} (Shapley 1953; Lundberg and Lee, NeurIPS 2017, eq. 8 with the
 * interventional value function). Efficiency holds exactly: {@code v(∅) + Σφ = v(all) = f(x)}.
 *
 * <p><b>Cost</b>: Shapley values are linear in the game, so the game is split into one game per
 * background row, {@code v_b(S) = f(x_S, b_notS)}. In {@code v_b} a player whose values in {@code
 * x} and {@code b} are the same (equal, or both missing; see {@link Matrices#same}) cannot change
 * the output and gets 0; the other {@code d_b} players form a game of {@code 2^d_b} coalitions. A
 * row therefore costs {@code Σ_b 2^d_b ≤ nBackground · 2^M} model rows, evaluated in batches.
 *
 * <p>Players are single columns, or groups of columns (e.g. the one-hot columns of one input) that
 * enter coalitions together when {@code groups} is given; at most {@value #MAX_PLAYERS} players.
 */
public final class ExactShapley {
  /** The {@link Explanation#method()} of results. */
  public static final String METHOD = "exact-shapley";

  /** Largest number of players accepted ({@code 2^20} coalitions per background row). */
  public static final int MAX_PLAYERS = 20;

  /** Rows per call of the prediction function. */
  public static final int BATCH_ROWS = 16384;

  private final PredictFunction f;
  private final List<String> featureNames;
  private final Background background;
  private final Players players;

  /**
   * @param f the model, in the output space to explain
   * @param featureNames the input columns, {@code f.nFeatures()} of them
   * @param background the reference rows
   * @param groups feature name → group name for grouped players, or {@code null} for one player
   *     per column (columns missing from the map are players of their own)
   * @throws IllegalArgumentException when the shapes disagree or there are more than {@value
   *     #MAX_PLAYERS} players
   */
  public ExactShapley(
      PredictFunction f, List<String> featureNames, Background background, Map<String, String> groups) {
    this.f = Objects.requireNonNull(f, "f");
    this.featureNames = List.copyOf(featureNames);
    this.background = Objects.requireNonNull(background, "background");
    if (featureNames.size() != f.nFeatures() || background.nFeatures() != f.nFeatures()) {
      throw new IllegalArgumentException(
          "feature count mismatch: " + featureNames.size() + " names, function takes "
              + f.nFeatures() + ", background has " + background.nFeatures());
    }
    this.players = Players.of(this.featureNames, groups);
    if (players.size() > MAX_PLAYERS) {
      throw new IllegalArgumentException(
          players.size() + " players is too many for exact enumeration (at most " + MAX_PLAYERS
              + "): use KernelShap or group features");
    }
  }

  /**
   * Explains rows of {@code x}.
   *
   * @param x rows {@code [n][nFeatures]}, {@code NaN} = missing
   * @param rows indices into {@code x} to explain, or {@code null} for all rows
   * @return one explanation per output of {@code f}, over the players (columns or groups)
   */
  public List<Explanation> explain(double[][] x, int[] rows) {
    Matrices.checkRows(x, f.nFeatures(), "explained");
    int[] idx = rows == null ? range(x.length) : rows.clone();
    int k = f.nOutputs();
    int m = players.size();
    double[][] bg = background.rows();
    double[] w = background.weights();
    double wTotal = background.totalWeight();
    double[] base = ShapleyMath.weightedMean(f.apply(bg), w, k);

    double[][] explained = new double[idx.length][];
    for (int r = 0; r < idx.length; r++) {
      explained[r] = x[idx[r]];
    }
    double[][] fx = idx.length == 0 ? new double[0][] : f.apply(explained);

    double[][][] phi = new double[k][idx.length][m];
    double[][] weightsBySize = new double[m + 1][];
    for (int d = 1; d <= m; d++) {
      weightsBySize[d] = ShapleyMath.shapleyWeights(d);
    }
    RowBatcher batcher = new RowBatcher(f, BATCH_ROWS);
    long modelRows = 0;
    for (int r = 0; r < idx.length; r++) {
      double[] xr = explained[r];
      int[][] diff = new int[bg.length][];
      long total = 0;
      for (int b = 0; b < bg.length; b++) {
        if (w[b] == 0) {
          diff[b] = new int[0];
          continue;
        }
        int[] d = new int[m];
        int nd = 0;
        for (int p = 0; p < m; p++) {
          if (!players.same(p, xr, bg[b])) {
            d[nd++] = p;
          }
        }
        diff[b] = java.util.Arrays.copyOf(d, nd);
        total += 1L << nd;
      }
      if (total * k > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "exact enumeration of row " + idx[r] + " needs " + total
                + " model rows: use fewer background rows or KernelShap");
      }
      double[] out = new double[(int) total * k];
      batcher.start(out);
      for (int b = 0; b < bg.length; b++) {
        if (w[b] == 0) {
          continue;
        }
        int[] d = diff[b];
        int size = 1 << d.length;
        for (int mask = 0; mask < size; mask++) {
          double[] row = batcher.next();
          System.arraycopy(bg[b], 0, row, 0, row.length);
          for (int i = 0; i < d.length; i++) {
            if ((mask & (1 << i)) != 0) {
              players.copy(d[i], xr, row);
            }
          }
        }
      }
      batcher.flush();
      modelRows += total;
      int offset = 0;
      for (int b = 0; b < bg.length; b++) {
        if (w[b] == 0) {
          continue;
        }
        int[] d = diff[b];
        int size = 1 << d.length;
        if (d.length > 0) {
          double scale = w[b] / wTotal;
          double[] sw = weightsBySize[d.length];
          for (int o = 0; o < k; o++) {
            double[] contrib = ShapleyMath.shapley(out, offset, k, o, d.length, sw);
            for (int i = 0; i < d.length; i++) {
              phi[o][r][d[i]] += scale * contrib[i];
            }
          }
        }
        offset += size;
      }
    }
    List<Explanation> result = new ArrayList<>();
    for (int o = 0; o < k; o++) {
      double[] bases = new double[idx.length];
      double[] preds = new double[idx.length];
      for (int r = 0; r < idx.length; r++) {
        bases[r] = base[o];
        preds[r] = fx[r][o];
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("n_background", bg.length);
      params.put("background_weight", wTotal);
      params.put("n_players", m);
      params.put("model_rows_evaluated", modelRows);
      result.add(
          new Explanation(
              METHOD, f.outputSpace(), o, f.outputNames().get(o), players.names, idx,
              ShapleyMath.playerValues(explained, players), phi[o], bases, preds, null, params));
    }
    return result;
  }

  static int[] range(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
