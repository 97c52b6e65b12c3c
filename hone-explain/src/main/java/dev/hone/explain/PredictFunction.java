package dev.hone.explain;

import dev.hone.core.model.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A model seen as a function over the preprocessed feature matrix: a batch of rows {@code
 * [nRows][nFeatures]} ({@code NaN} = missing) in, outputs {@code [nRows][nOutputs]} out, in the
 * {@linkplain #outputSpace() explained output space}.
 *
 * <p>Every model-agnostic explainer in this package (exact Shapley values, KernelSHAP, partial
 * dependence, ICE, H-statistic) sees the model only through this interface and calls it with large
 * batches (thousands of rows), so a model with per-call overhead (a native engine) is called
 * rarely. Which output space to choose is the caller's decision and becomes part of every result:
 * {@link OutputSpace#MARGIN} (log-odds) is additive for tree ensembles and is what TreeSHAP
 * explains; {@link OutputSpace#PROBABILITY} is easier to read.
 *
 * <p><b>Contract</b>: {@link #apply} must be deterministic (the same row always gives the same
 * output, whatever else is in the batch), must not modify {@code x}, and must not keep a reference
 * to {@code x} or its rows after returning: explainers reuse the row buffers between calls.
 * Implementations need not be thread-safe; explainers call them from one thread.
 */
public interface PredictFunction {
  /** Number of input columns, {@code nFeatures}. */
  int nFeatures();

  /** Number of outputs per row: 1 for binary (class 1) or regression, k for k classes. */
  int nOutputs();

  /** The space the outputs live in; recorded in every explanation. */
  OutputSpace outputSpace();

  /**
   * One name per output, e.g. {@code ["log-odds(>50K)"]} or the class labels; default {@code
   * output0, output1, …}.
   */
  default List<String> outputNames() {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < nOutputs(); k++) {
      names.add("output" + k);
    }
    return names;
  }

  /**
   * Evaluates the model.
   *
   * @param x rows {@code [nRows][nFeatures]}, {@code NaN} = missing; {@code nRows} may be 0
   * @return {@code [nRows][nOutputs]}
   */
  double[][] apply(double[][] x);

  /**
   * A function from a batch implementation.
   *
   * @param nFeatures input columns
   * @param nOutputs outputs per row (≥ 1)
   * @param space the output space
   * @param outputNames one name per output, or {@code null} for the defaults
   * @param f maps {@code [n][nFeatures]} to {@code [n][nOutputs]}
   */
  static PredictFunction of(
      int nFeatures,
      int nOutputs,
      OutputSpace space,
      List<String> outputNames,
      Function<double[][], double[][]> f) {
    return new Simple(nFeatures, nOutputs, space, outputNames, f);
  }

  /** A single-output function evaluated row by row, e.g. a closed-form test function. */
  static PredictFunction ofRows(int nFeatures, OutputSpace space, ToDoubleFunction<double[]> f) {
    Objects.requireNonNull(f, "f");
    return new Simple(
        nFeatures,
        1,
        space,
        null,
        x -> {
          double[][] out = new double[x.length][1];
          for (int i = 0; i < x.length; i++) {
            out[i][0] = f.applyAsDouble(x[i]);
          }
          return out;
        });
  }

  /**
   * A function over {@link FeatureMatrix} (float32, row-major), e.g. {@code model::predictMargin}
   * of an XGBoost model. Each batch is copied into a new matrix; values are rounded to float, as
   * such models see them anyway.
   *
   * @param featureNames the matrix columns, in order
   * @param nOutputs outputs per row
   * @param space the output space
   * @param outputNames one name per output, or {@code null}
   * @param f maps a matrix of {@code n} rows to {@code [n][nOutputs]}
   */
  static PredictFunction overFeatureMatrix(
      List<String> featureNames,
      int nOutputs,
      OutputSpace space,
      List<String> outputNames,
      Function<FeatureMatrix, double[][]> f) {
    List<String> names = List.copyOf(featureNames);
    Objects.requireNonNull(f, "f");
    return new Simple(
        names.size(), nOutputs, space, outputNames, x -> f.apply(Matrices.toFeatureMatrix(x, names)));
  }

  /** The plain implementation behind the factories. */
  record Simple(
      int nFeatures,
      int nOutputs,
      OutputSpace outputSpace,
      List<String> outputNames,
      Function<double[][], double[][]> f)
      implements PredictFunction {
    /**
     * @throws IllegalArgumentException when a count is out of range or the names do not match
     *     {@code nOutputs}
     */
    public Simple {
      if (nFeatures < 1 || nOutputs < 1) {
        throw new IllegalArgumentException(
            "nFeatures and nOutputs must be >= 1, got " + nFeatures + " and " + nOutputs);
      }
      Objects.requireNonNull(outputSpace, "outputSpace");
      Objects.requireNonNull(f, "f");
      if (outputNames == null) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < nOutputs; k++) {
          names.add("output" + k);
        }
        outputNames = List.copyOf(names);
      } else {
        outputNames = List.copyOf(outputNames);
        if (outputNames.size() != nOutputs) {
          throw new IllegalArgumentException(
              outputNames.size() + " output names for " + nOutputs + " outputs");
        }
      }
    }

    @Override
    public double[][] apply(double[][] x) {
      return f.apply(x);
    }
  }
}
