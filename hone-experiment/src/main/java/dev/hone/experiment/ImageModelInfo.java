package dev.hone.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.HoneException;
import dev.hone.core.json.Json;
import dev.hone.data.image.ImageDataset;
import dev.hone.data.image.ImageReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@value #FILE} in an image model directory says about the images the model takes: written
 * by {@code hone train --task image} beside the network and {@code classes.json}, and read by
 * {@code hone predict} to recognise an image model and prepare new images exactly as the training
 * images were.
 *
 * @param formatVersion layout version; {@value #FORMAT} today
 * @param kind always {@value #KIND}: marks the directory as an image model
 * @param learner the learner that reloads the network ({@code cnn})
 * @param channels channels of the model's input: 1 (grayscale) or 3 (RGB)
 * @param height input height in pixels
 * @param width input width in pixels
 * @param resizeHeight training images read from a folder were resized to this height (Java2D
 *     bilinear); 0 when they were used at their own size
 * @param resizeWidth the width of that resize, or 0
 * @param pixelScale how pixels were scaled into [0, 1]: IDX bytes / 255, image files' 8-bit
 *     channels / 255 (grayscale as ITU-R BT.601 luma), digits CSV values / 16
 * @param trainingData the {@code --data} path the model was trained on, for provenance
 */
public record ImageModelInfo(
    @JsonProperty("format_version") int formatVersion,
    @JsonProperty("kind") String kind,
    @JsonProperty("learner") String learner,
    @JsonProperty("channels") int channels,
    @JsonProperty("height") int height,
    @JsonProperty("width") int width,
    @JsonProperty("resize_height") int resizeHeight,
    @JsonProperty("resize_width") int resizeWidth,
    @JsonProperty("pixel_scale") String pixelScale,
    @JsonProperty("training_data") String trainingData) {

  /** File name inside the model directory. */
  public static final String FILE = "image.json";

  /** Class names file inside the model directory (a JSON array, in class-index order). */
  public static final String CLASSES_FILE = "classes.json";

  /** Current layout version. */
  public static final int FORMAT = 1;

  /** The {@link #kind()} of an image model. */
  public static final String KIND = "image";

  /** The pixel scaling every image reader applies (see {@link ImageReaders}). */
  static final String PIXEL_SCALE =
      "[0, 1]: IDX bytes / 255; image files' 8-bit channels / 255 (grayscale: BT.601 luma); "
          + "digits CSV values / 16";

  /** The description of a model trained on {@code images} read with {@code cfg}. */
  static ImageModelInfo of(String learner, ImageDataset images, ImageTrainConfig cfg) {
    return new ImageModelInfo(
        FORMAT, KIND, learner, images.channels(), images.height(), images.width(),
        cfg.imageHeight(), cfg.imageWidth(), PIXEL_SCALE, cfg.data().toString());
  }

  /** Writes {@value #FILE} into {@code dir}. */
  void write(Path dir) {
    Json.write(dir.resolve(FILE), this);
  }

  /** {@code channels x height x width} of the model's input, e.g. {@code 1x28x28}. */
  public String shape() {
    return channels + "x" + height + "x" + width;
  }

  /**
   * How image files are read for this model: its channels, and the training resize (or their own
   * size).
   */
  public ImageReaders.FolderOptions folderOptions() {
    return new ImageReaders.FolderOptions(channels, resizeHeight, resizeWidth);
  }

  /**
   * Whether {@code dir} holds an image model: {@value #FILE} with kind {@value #KIND}, or (models
   * written before {@value #FILE} existed) {@value #CLASSES_FILE} beside a {@code cnn} network
   * whose metadata ({@code network-meta.json}) declares a 3-dimensional input.
   */
  public static boolean isImageModel(Path dir) {
    return read(dir) != null;
  }

  /**
   * Reads the description of the image model in {@code dir}, or returns null when {@code dir} is
   * not an image model (see {@link #isImageModel}). For an older model without {@value #FILE} the
   * shape comes from the network's metadata and images are taken at their own size.
   *
   * @throws DataValidationException when {@value #FILE} is damaged or from a newer Hone
   */
  static ImageModelInfo read(Path dir) {
    Path file = dir.resolve(FILE);
    if (Files.isRegularFile(file)) {
      ImageModelInfo info;
      try {
        info = Json.read(file, ImageModelInfo.class);
      } catch (HoneException | IllegalArgumentException e) {
        throw new DataValidationException(
            "cannot read " + file + ": " + e.getMessage() + "; the model directory is damaged: "
                + "train the model again", e);
      }
      if (!KIND.equals(info.kind())) {
        return null;
      }
      if (info.formatVersion() > FORMAT) {
        throw new DataValidationException(
            file + " has format_version " + info.formatVersion() + " but this Hone reads up to "
                + FORMAT + ": upgrade Hone");
      }
      if (info.channels() < 1 || info.height() < 1 || info.width() < 1) {
        throw new DataValidationException(
            file + " declares the input shape " + info.shape() + ": the file is damaged; train "
                + "the model again");
      }
      return info;
    }
    Path meta = dir.resolve("network-meta.json");
    if (!Files.isRegularFile(dir.resolve(CLASSES_FILE)) || !Files.isRegularFile(meta)) {
      return null;
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(meta.toFile());
    } catch (java.io.IOException e) {
      return null;
    }
    JsonNode shape = node.get("input_shape");
    JsonNode learner = node.get("learner");
    if (learner == null || !ImageTrainWorkflow.LEARNER.equals(learner.asText())
        || shape == null || !shape.isArray() || shape.size() != 3) {
      return null;
    }
    return new ImageModelInfo(
        FORMAT, KIND, ImageTrainWorkflow.LEARNER, shape.get(0).asInt(), shape.get(1).asInt(),
        shape.get(2).asInt(), 0, 0, PIXEL_SCALE, "");
  }

  /**
   * The class names of the image model in {@code dir}, in class-index order.
   *
   * @throws DataValidationException when {@value #CLASSES_FILE} is missing or damaged
   */
  static List<String> classNames(Path dir) {
    Path file = dir.resolve(CLASSES_FILE);
    if (!Files.isRegularFile(file)) {
      throw new DataValidationException(
          dir + " has no " + CLASSES_FILE + ": the image model directory is incomplete; train the "
              + "model again");
    }
    try {
      String[] names = Json.mapper().readValue(file.toFile(), String[].class);
      if (names == null || names.length < 2) {
        throw new DataValidationException(
            file + " lists " + (names == null ? 0 : names.length) + " class(es) but a classifier "
                + "has at least 2: the file is damaged; train the model again");
      }
      return List.of(names);
    } catch (java.io.IOException e) {
      throw new DataValidationException(
          "cannot read " + file + ": " + e.getMessage() + "; train the model again", e);
    }
  }
}
