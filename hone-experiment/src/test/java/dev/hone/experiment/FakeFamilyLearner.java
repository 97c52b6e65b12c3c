package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.core.params.ParamSpec;
import dev.hone.core.params.SearchHint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A learner registered only on the test class path (META-INF/services in test resources): it
 * proves that a learner found through ServiceLoader joins {@code --families all} with no other
 * registration. Its model predicts a constant and saves {@code size} bytes.
 */
public class FakeFamilyLearner implements Learner {
  static final ParamSpec SIZE = ParamSpec.intParam("size", "Bytes the saved model takes.", 100,
      1, 1_000_000, SearchHint.range(10, 1000));

  private final String name;

  /** The registered fake: learner and family {@code fake-net}. */
  public FakeFamilyLearner() {
    this("fake-net");
  }

  FakeFamilyLearner(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<ParamSpec> paramSpecs() {
    return List.of(SIZE);
  }

  @Override
  public Model fit(FitRequest request) {
    return new FakeModel(name, request.params().getInt("size"));
  }

  @Override
  public Model load(Path dir) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<String, String> engineVersions() {
    return Map.of();
  }

  /** A constant model whose saved form is {@code size} bytes. */
  static class FakeModel implements Model {
    final String learner;
    final int size;

    FakeModel(String learner, int size) {
      this.learner = learner;
      this.size = size;
    }

    @Override
    public String learnerName() {
      return learner;
    }

    @Override
    public Predictions predict(FeatureMatrix x) {
      double[][] p = new double[x.nRows()][];
      for (int i = 0; i < p.length; i++) {
        p[i] = new double[] {0.5, 0.5};
      }
      return new Predictions(TaskType.BINARY, p, null);
    }

    @Override
    public void save(Path dir) {
      try {
        Files.createDirectories(dir);
        Files.write(dir.resolve("a.bin"), new byte[size - size / 3]);
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub").resolve("b.bin"), new byte[size / 3]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Map<String, Object> fitInfo() {
      return Map.of();
    }

    @Override
    public void close() {}
  }
}
