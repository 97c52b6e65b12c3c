package dev.hone.core.model;

import dev.hone.core.params.ParamSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A learning algorithm backed by an engine. Implementations are registered through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.hone.core.model.Learner}) so the core and
 * the search engine never import an engine.
 */
public interface Learner {
  /** Stable short name, e.g. {@code xgboost}. */
  String name();

  /**
   * The model family this learner stands for in a search over families (macro search, {@code hone
   * train --families}), e.g. {@code gbtree}, {@code dart}, {@code gblinear}, {@code rf}, {@code
   * mlp}; unique among registered learners. Defaults to {@link #name()}, so any learner found
   * through {@link java.util.ServiceLoader} is a family of its own without further registration.
   * A learner that cannot train on a tabular feature matrix (an image network, say) returns
   * {@code null} and is left out of family searches.
   */
  default String family() {
    return name();
  }

  /** Every hyperparameter, declared once; order is the order shown to users. */
  List<ParamSpec> paramSpecs();

  /**
   * Fits a model.
   *
   * @throws dev.hone.core.error.InvalidParameterException on bad parameters
   * @throws dev.hone.core.error.NativeBackendException when the engine fails
   */
  Model fit(FitRequest request);

  /** Reads a model written by {@link Model#save(Path)}. */
  Model load(Path dir);

  /** Engine name to version, for provenance, e.g. {@code {"xgboost4j": "3.4.0"}}. */
  Map<String, String> engineVersions();
}
