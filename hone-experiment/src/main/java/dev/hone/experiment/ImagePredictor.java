package dev.hone.experiment;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.data.image.ImageBatch;
import dev.hone.data.image.ImageBatchReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hone predict} for an image model (a {@code model/} directory written by {@code hone
 * train --task image}, recognised by its {@value ImageModelInfo#FILE}; see {@link
 * ImageModelInfo#isImageModel}).
 *
 * <ol>
 *   <li>Read the images with {@link ImageBatchReader}: MNIST IDX files, a folder with one
 *       sub-folder per class, a folder of image files, one image file, or a scikit-learn digits
 *       CSV. Image files are converted to the model's channels and resized to the training resize
 *       when the model was trained with one ({@code --image-size}); pixels are scaled into [0, 1]
 *       as for training ({@link ImageModelInfo#pixelScale()}).
 *   <li>Check that {@code channels x height x width} equals the model's input; otherwise a {@link
 *       DataValidationException} names both shapes and what to do.
 *   <li>Predict with the network reloaded by its learner and write a CSV, one row per image in
 *       input order: {@code id} (the file path for image files, the 0-based index for IDX files
 *       and CSV lines), {@code prob_<class>} per class in class order (6 significant digits), and
 *       {@code predicted} (the most probable class's name from {@value
 *       ImageModelInfo#CLASSES_FILE}).
 * </ol>
 *
 * <p>Labels in the input (IDX labels files, class folders, a 65th CSV field) are not written; when
 * every label's name is one of the model's class names, the accuracy is returned in the {@link
 * ImagePredictionResult} (and logged); otherwise the result says why it was not computed.
 */
public final class ImagePredictor {
  private static final Logger LOG = LoggerFactory.getLogger(ImagePredictor.class);

  private ImagePredictor() {}

  /** Whether {@code modelDir} holds an image model; see {@link ImageModelInfo#isImageModel}. */
  public static boolean isImageModel(Path modelDir) {
    return ImageModelInfo.isImageModel(modelDir);
  }

  /**
   * Predicts the images in {@code data} with the image model in {@code modelDir} and writes the
   * CSV to {@code out} (atomically).
   *
   * @throws DataValidationException when {@code modelDir} is not an image model, the images
   *     cannot be read, or their shape is not the model's
   */
  public static ImagePredictionResult predict(Path modelDir, Path data, Path out) {
    ImageModelInfo info = ImageModelInfo.read(modelDir);
    if (info == null) {
      throw new DataValidationException(
          "--model " + modelDir + " is not an image model (no " + ImageModelInfo.FILE + "): pass "
              + "the model/ folder that 'hone train --task image' wrote");
    }
    List<String> classes = ImageModelInfo.classNames(modelDir);
    ImageBatch batch = ImageBatchReader.read(data, info.folderOptions());
    if (batch.channels() != info.channels() || batch.height() != info.height()
        || batch.width() != info.width()) {
      throw new DataValidationException(
          "--data " + data + " holds images of " + batch.shape() + " (channels x height x width, "
              + "read as " + batch.layout() + ") but the model in " + modelDir + " takes "
              + info.shape() + ": pass images of " + info.height() + "x" + info.width()
              + " pixels (height x width) and " + info.channels() + " channel(s), like those it "
              + "was trained on, or train a model on images like these");
    }
    Predictions p;
    try (Model model = Learners.byName(info.learner()).load(modelDir)) {
      p = model.predict(batch.toFeatureMatrix());
    }
    if (p.probabilities() == null || p.probabilities()[0].length != classes.size()) {
      throw new DataValidationException(
          modelDir + " holds a network with "
              + (p.probabilities() == null ? "no class" : p.probabilities()[0].length + "")
              + " outputs but " + ImageModelInfo.CLASSES_FILE + " lists " + classes.size()
              + " classes: the model directory is damaged; train the model again");
    }
    int[] predicted = p.predictedClasses();
    write(out, batch.ids(), p.probabilities(), predicted, classes);
    int labelled = 0;
    double accuracy = Double.NaN;
    String note = "";
    if (batch.hasLabels()) {
      Map<String, Integer> index = new HashMap<>();
      for (int k = 0; k < classes.size(); k++) {
        index.put(classes.get(k), k);
      }
      List<String> unknown = new ArrayList<>();
      for (String name : batch.labelNames()) {
        if (!index.containsKey(name)) {
          unknown.add(name);
        }
      }
      // only names actually used by some image matter
      boolean[] used = new boolean[batch.labelNames().size()];
      for (int y : batch.labels()) {
        used[y] = true;
      }
      unknown.removeIf(name -> !used[batch.labelNames().indexOf(name)]);
      if (unknown.isEmpty()) {
        int ok = 0;
        for (int i = 0; i < batch.n(); i++) {
          ok += index.get(batch.labelNames().get(batch.labels()[i])) == predicted[i] ? 1 : 0;
        }
        labelled = batch.n();
        accuracy = ok / (double) batch.n();
        LOG.info("accuracy {} on {} labelled images of {}",
            String.format(Locale.ROOT, "%.4f", accuracy), labelled, data);
      } else {
        note = "labels " + unknown + " are not among the model's classes " + classes
            + ": no accuracy";
        LOG.info("{}", note);
      }
    }
    LOG.info("predicted {} images ({}) of {} with {}", batch.n(), batch.shape(), data, modelDir);
    return new ImagePredictionResult(
        batch.n(), List.of(batch.channels(), batch.height(), batch.width()), batch.layout(),
        labelled, accuracy, note);
  }

  private static void write(
      Path out, List<String> ids, double[][] probs, int[] predicted, List<String> classes) {
    AtomicFiles.writeFile(
        out,
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            List<String> header = new ArrayList<>();
            header.add("id");
            for (String c : classes) {
              header.add("prob_" + c);
            }
            header.add("predicted");
            w.writeRecord(header);
            for (int i = 0; i < ids.size(); i++) {
              List<String> row = new ArrayList<>(classes.size() + 2);
              row.add(ids.get(i));
              for (double v : probs[i]) {
                row.add(String.format(Locale.ROOT, "%.6g", v));
              }
              row.add(classes.get(predicted[i]));
              w.writeRecord(row);
            }
          }
        });
  }
}
