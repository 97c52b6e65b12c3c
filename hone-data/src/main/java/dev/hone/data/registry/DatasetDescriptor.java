package dev.hone.data.registry;

import dev.hone.core.data.TaskType;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named public dataset: where its files are, how to read them and how to learn from them.
 *
 * @param name registry name, lower-case letters, digits and {@code _}, e.g. {@code adult}
 * @param description one paragraph: what the rows are, the target, the quirks handled here
 * @param citation how to cite the data (authors, year, title, DOI or address)
 * @param license the license as stated by the distributor
 * @param mirrorFolder folder of the mirror that holds its files, e.g. {@code sklearn_small}
 * @param train the training file
 * @param test a separate test file, or {@code null} when the data comes as one file
 * @param trainTarget a file holding only the target, one value per training row, joined
 *     column-wise to {@code train} under the name {@code target}; or {@code null} when the target
 *     is a column of {@code train}
 * @param target name of the target column
 * @param task the learning task
 * @param sensitive suggested sensitive columns (protected attributes), possibly empty
 * @param identifierColumns columns that identify rows (not features a model should see); they
 *     are kept in the table and listed here so callers may exclude them
 */
public record DatasetDescriptor(
    String name,
    String description,
    String citation,
    String license,
    String mirrorFolder,
    DataPart train,
    DataPart test,
    DataPart trainTarget,
    String target,
    TaskType task,
    List<String> sensitive,
    List<String> identifierColumns) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

  public DatasetDescriptor {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("dataset name must match [a-z0-9_]+: " + name);
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(citation, "citation");
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(mirrorFolder, "mirrorFolder");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(task, "task");
    sensitive = sensitive == null ? List.of() : List.copyOf(sensitive);
    identifierColumns = identifierColumns == null ? List.of() : List.copyOf(identifierColumns);
  }

  /** The name used as a data source in messages and provenance: {@code dataset:NAME}. */
  public String sourceName() {
    return "dataset:" + name;
  }
}
