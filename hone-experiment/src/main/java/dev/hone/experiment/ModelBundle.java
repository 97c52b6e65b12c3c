package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.json.Json;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.provenance.ModelProvenance;
import dev.hone.preprocess.FittedPreprocessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model directory: the learner's own files (for XGBoost its JSON model), {@code
 * preprocessor.json} (fitted on the training split), {@code schema.json} and {@code
 * provenance.json}. Written atomically: a crash never leaves a half-written model in place.
 */
public final class ModelBundle implements AutoCloseable {
  private final Model model;
  private final FittedPreprocessor preprocessor;
  private final ModelSchema schema;

  private ModelBundle(Model model, FittedPreprocessor preprocessor, ModelSchema schema) {
    this.model = model;
    this.preprocessor = preprocessor;
    this.schema = schema;
  }

  static void write(
      Path dir, Model model, FittedPreprocessor prep, LoadedData data, ModelProvenance prov) {
    List<String> classes =
        data.train().task().isClassification() ? prep.classLabels() : List.of();
    ModelSchema schema =
        new ModelSchema(
            ModelSchema.FORMAT,
            model.learnerName(),
            data.train().task().name(),
            data.train().target(),
            classes,
            data.train().schema(),
            data.rawColumns());
    AtomicFiles.replaceDirectory(
        dir,
        tmp -> {
          model.save(tmp);
          prep.save(tmp);
          Json.write(tmp.resolve("schema.json"), schema);
          Json.write(tmp.resolve("provenance.json"), prov);
        });
  }

  /**
   * Loads a model directory.
   *
   * @throws DataValidationException when {@code dir} is not a model directory
   */
  public static ModelBundle load(Path dir) {
    Path schemaFile = dir.resolve("schema.json");
    if (!Files.isRegularFile(schemaFile)) {
      throw new DataValidationException(
          "--model " + dir + " is not a model directory (no schema.json); pass the model/ folder "
              + "that 'hone train' wrote, e.g. runs/adult/model");
    }
    ModelSchema schema = Json.read(schemaFile, ModelSchema.class);
    if (schema.formatVersion() > ModelSchema.FORMAT) {
      throw new DataValidationException(
          dir + " was written by a newer Hone (model format " + schema.formatVersion()
              + ", this one reads up to " + ModelSchema.FORMAT + "); upgrade Hone");
    }
    Learner learner = Learners.byName(schema.learner());
    FittedPreprocessor prep = FittedPreprocessor.load(dir);
    return new ModelBundle(learner.load(dir), prep, schema);
  }

  public Model model() {
    return model;
  }

  public FittedPreprocessor preprocessor() {
    return preprocessor;
  }

  public ModelSchema schema() {
    return schema;
  }

  public TaskType task() {
    return TaskType.valueOf(schema.task());
  }

  @Override
  public void close() {
    model.close();
  }
}
