package dev.hone.explain.tree;

import dev.hone.explain.OutputSpace;
import dev.hone.explain.PredictFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An additive ensemble of {@link Tree}s in Hone's neutral representation: the margin of output
 * group {@code g} is {@code baseMargins[g] + Σ_{t : treeGroups[t] = g} trees[t](x)}.
 *
 * <p>Built from XGBoost's JSON model by {@link XGBoostJson#parse}; TreeSHAP ({@link TreeShap})
 * and margin prediction work on it without any native code.
 *
 * @param featureNames the input columns, in order
 * @param objective the training objective, e.g. {@code "binary:logistic"} (documentation only)
 * @param baseMargins the intercept of each output group, in margin space, {@code [nGroups]}
 * @param trees the trees
 * @param treeGroups the output group of each tree, {@code [trees.size()]}, in {@code
 *     0..nGroups-1}
 */
public record TreeEnsemble(
    List<String> featureNames,
    String objective,
    double[] baseMargins,
    List<Tree> trees,
    int[] treeGroups) {

  /**
   * Checks consistency.
   *
   * @throws IllegalArgumentException when a tree's group or split feature is out of range
   */
  public TreeEnsemble {
    featureNames = List.copyOf(featureNames);
    Objects.requireNonNull(objective, "objective");
    trees = List.copyOf(trees);
    if (baseMargins.length < 1) {
      throw new IllegalArgumentException("an ensemble needs at least one output group");
    }
    if (treeGroups.length != trees.size()) {
      throw new IllegalArgumentException(
          treeGroups.length + " tree groups for " + trees.size() + " trees");
    }
    for (int t = 0; t < trees.size(); t++) {
      if (treeGroups[t] < 0 || treeGroups[t] >= baseMargins.length) {
        throw new IllegalArgumentException("tree " + t + " has group " + treeGroups[t]);
      }
      Tree tree = trees.get(t);
      for (int n = 0; n < tree.nNodes(); n++) {
        if (!tree.isLeaf(n) && tree.feature()[n] >= featureNames.size()) {
          throw new IllegalArgumentException(
              "tree " + t + " node " + n + " splits on feature " + tree.feature()[n] + " of "
                  + featureNames.size());
        }
      }
    }
  }

  /** Number of input columns. */
  public int nFeatures() {
    return featureNames.size();
  }

  /** Number of output groups: 1 for binary and regression, k for k classes. */
  public int nGroups() {
    return baseMargins.length;
  }

  /** Margins of row {@code x}, {@code [nGroups]}. */
  public double[] predictMargin(double[] x) {
    double[] out = baseMargins.clone();
    for (int t = 0; t < trees.size(); t++) {
      out[treeGroups[t]] += trees.get(t).predict(x);
    }
    return out;
  }

  /** Margins of every row, {@code [n][nGroups]}. */
  public double[][] predictMargin(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = predictMargin(x[i]);
    }
    return out;
  }

  /** The deepest tree's depth. */
  public int maxDepth() {
    int d = 0;
    for (Tree t : trees) {
      d = Math.max(d, t.maxDepth());
    }
    return d;
  }

  /** The margin as a {@link PredictFunction} (output space {@link OutputSpace#MARGIN}). */
  public PredictFunction asPredictFunction() {
    List<String> names = new ArrayList<>();
    for (int g = 0; g < nGroups(); g++) {
      names.add(nGroups() == 1 ? "margin" : "margin" + g);
    }
    return PredictFunction.of(nFeatures(), nGroups(), OutputSpace.MARGIN, names, this::predictMargin);
  }
}
