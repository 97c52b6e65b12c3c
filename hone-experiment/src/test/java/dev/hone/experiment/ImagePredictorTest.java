package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import dev.hone.data.image.ImageDataset;
import dev.hone.data.image.ImageOps;
import dev.hone.data.image.ImageReaders;
import dev.hone.data.split.SplitIndices;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone predict} on image models. One small digits run (600 of scikit-learn's 8x8 digits,
 * 2 search trials of 1 epoch, a final fit of up to 3 epochs) is trained once and predicted in many
 * ways. Oracles: the test-split accuracy and log loss that the training run computed with its
 * live, unsaved network ({@code metrics.json}); a network fitted in the test and predicted in
 * process before it is saved; the training readers ({@link ImageReaders}) feeding the reloaded
 * network. Probabilities are written with 6 significant digits, so they are compared within 1e-6
 * and predicted classes exactly.
 */
class ImagePredictorTest {
  @TempDir static Path tmp;

  static Path csv;
  static Path run;
  static ImageTrainResult result;
  static ImageDataset all;

  @BeforeAll
  static void train() throws Exception {
    ImageDataset digits = ImageReaders.readDigitsCsv(
        ImageTrainWorkflowTest.datasets().resolve("sklearn_small/digits.csv.gz"));
    all = digits.select(IntStream.range(0, 600).toArray());
    csv = tmp.resolve("digits600.csv");
    Files.writeString(csv, digitsCsv(all));
    run = tmp.resolve("run");
    result = new ImageTrainWorkflow().run(
        new ImageTrainConfig(csv, 1, 0, 0, 2, null, 5, run, 1, 1, 3, 2));
  }

  static String digitsCsv(ImageDataset d) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < d.n(); i++) {
      for (int j = 0; j < 64; j++) {
        sb.append(Math.round(d.pixels()[i * 64 + j] * 16)).append(',');
      }
      sb.append(d.labels()[i]).append('\n');
    }
    return sb.toString();
  }

  /** Rows of a predictions CSV, header first. */
  static List<String[]> rows(Path out) throws Exception {
    List<String[]> r = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      r.add(line.split(",", -1));
    }
    return r;
  }

  private static void assertSamePredictions(
      Predictions expected, List<String> expectedIds, List<String> classes, Path out)
      throws Exception {
    List<String[]> r = rows(out);
    assertEquals(expected.size() + 1, r.size());
    List<String> header = new ArrayList<>(List.of("id"));
    classes.forEach(c -> header.add("prob_" + c));
    header.add("predicted");
    assertEquals(header, List.of(r.get(0)));
    int[] cls = expected.predictedClasses();
    for (int i = 0; i < expected.size(); i++) {
      String[] row = r.get(i + 1);
      assertEquals(expectedIds.get(i), row[0], "id of row " + i);
      assertEquals(classes.get(cls[i]), row[row.length - 1], "predicted class of row " + i);
      for (int k = 0; k < classes.size(); k++) {
        assertEquals(expected.probabilities()[i][k], Double.parseDouble(row[1 + k]), 1e-6,
            "row " + i + " class " + k);
      }
    }
  }

  private static List<String> indices(int n) {
    return IntStream.range(0, n).mapToObj(Integer::toString).toList();
  }

  @Test
  void savedModelDescribesItsImages() throws Exception {
    ImageModelInfo info = ImageModelInfo.read(run.resolve("model"));
    assertEquals("image", info.kind());
    assertEquals("cnn", info.learner());
    assertEquals("1x8x8", info.shape());
    assertTrue(ImagePredictor.isImageModel(run.resolve("model")));
    assertFalse(ImagePredictor.isImageModel(tmp));
    assertEquals(result.classNames(), ImageModelInfo.classNames(run.resolve("model")));
  }

  /**
   * The training run evaluated its live network on the test split (metrics.json); predict on the
   * same file must reproduce that accuracy exactly and the log loss to rounding.
   */
  @Test
  void roundTripReproducesTheTrainingRunsTestMetrics() throws Exception {
    Path out = tmp.resolve("roundtrip.csv");
    ImagePredictionResult r = ImagePredictor.predict(run.resolve("model"), csv, out);
    assertEquals(600, r.images());
    assertEquals(List.of(1, 8, 8), r.shape());
    assertEquals("digits-csv", r.layout());
    List<String[]> rows = rows(out);
    SplitIndices split = ImageOps.stratifiedSplit(all, ImageTrainWorkflow.TRAIN,
        ImageTrainWorkflow.VALIDATION, ImageTrainWorkflow.TEST, 5);
    int ok = 0;
    double logLoss = 0;
    for (int i : split.test()) {
      String[] row = rows.get(i + 1);
      assertEquals(Integer.toString(i), row[0]);
      ok += row[row.length - 1].equals(all.classNames().get(all.labels()[i])) ? 1 : 0;
      double sum = 0;
      for (int k = 0; k < 10; k++) {
        sum += Double.parseDouble(row[1 + k]);
      }
      logLoss -= Math.log(Double.parseDouble(row[1 + all.labels()[i]]) / sum);
    }
    int nTest = split.test().length;
    assertEquals(120, nTest);
    assertEquals(result.metric("accuracy").value(), ok / (double) nTest, 1e-12);
    assertEquals(result.metric("log_loss").value(), logLoss / nTest, 1e-5);
    // the accuracy over all labelled lines matches the written predictions
    int okAll = 0;
    for (int i = 0; i < 600; i++) {
      String[] row = rows.get(i + 1);
      okAll += row[row.length - 1].equals(Integer.toString(all.labels()[i])) ? 1 : 0;
    }
    assertEquals(600, r.labelled());
    assertEquals(okAll / 600.0, r.accuracy(), 1e-12);
    assertTrue(r.accuracy() > 0.5, "accuracy " + r.accuracy() + " (chance 0.1)");
    // and the reloaded network on the training reader's pixels gives the same rows
    try (Model m = Learners.byName("cnn").load(run.resolve("model"))) {
      assertSamePredictions(m.predict(ImageReaders.readDigitsCsv(csv).toFeatureMatrix()),
          indices(600), result.classNames(), out);
    }
    // Predictor (the table entry point) hands image models over
    assertEquals(600, Predictor.predict(run.resolve("model"), csv, tmp.resolve("again.csv")));
    assertEquals(Files.readString(out), Files.readString(tmp.resolve("again.csv")));
  }

  /**
   * A network fitted here, predicted in process before saving, then saved as the image workflow
   * saves it: predict must write those predictions (class names other than the digits too).
   */
  @Test
  void liveNetworkPredictionsSurviveSaveAndPredict(@TempDir Path dir) throws Exception {
    ImageDataset train = all.select(IntStream.range(0, 300).toArray());
    List<String> names = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine");
    Learner cnn = Learners.byName("cnn");
    Map<String, Object> p = new HashMap<>();
    p.put("epochs", 2);
    p.put("channels", 8);
    Path model = dir.resolve("model");
    Predictions live;
    try (Model m = cnn.fit(new FitRequest(train.toFeatureMatrix(), train.labelsAsDouble(), null,
        null, TaskType.MULTICLASS, 10, ParamSet.resolve(cnn.paramSpecs(), p), 11, 1,
        ReportSink.NONE))) {
      live = m.predict(all.toFeatureMatrix());
      Files.createDirectories(model);
      m.save(model);
    }
    Files.writeString(model.resolve("classes.json"), Json.write(names));
    new ImageModelInfo(ImageModelInfo.FORMAT, ImageModelInfo.KIND, "cnn", 1, 8, 8, 0, 0,
        ImageModelInfo.PIXEL_SCALE, csv.toString()).write(model);
    Path out = dir.resolve("live.csv");
    ImagePredictionResult r = ImagePredictor.predict(model, csv, out);
    assertSamePredictions(live, indices(600), names, out);
    // the CSV's labels are digits, the model's classes are words: no accuracy, and a note
    assertEquals(0, r.labelled());
    assertTrue(Double.isNaN(r.accuracy()));
    assertTrue(r.note().contains("not among the model's classes"), r.note());
  }

  private static void png(Path file, ImageDataset d, int i) throws Exception {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        int v = Math.round(d.pixel(i, 0, y, x) * 255f);
        img.setRGB(x, y, 0xFF000000 | v << 16 | v << 8 | v);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  /** Class folders: ids are the file paths, labels named like the model's classes count. */
  @Test
  void folderOfClassesAndLooseFilesPredictLikeTheTrainingReader(@TempDir Path dir)
      throws Exception {
    ImageDataset some = all.select(IntStream.range(0, 40).toArray());
    Path classes = dir.resolve("classes");
    Path loose = dir.resolve("loose");
    for (int i = 0; i < some.n(); i++) {
      String name = String.format("%03d.png", i);
      png(classes.resolve(Integer.toString(some.labels()[i])).resolve(name), some, i);
      png(loose.resolve(name), some, i);
    }
    ImageDataset oracle = ImageReaders.readFolder(classes, ImageReaders.FolderOptions.DEFAULT);
    List<String> ids = new ArrayList<>();
    for (String c : oracle.classNames()) {
      try (var s = Files.list(classes.resolve(c))) {
        s.sorted().forEach(f -> ids.add(f.toString()));
      }
    }
    Path out = dir.resolve("folder.csv");
    ImagePredictionResult r = ImagePredictor.predict(run.resolve("model"), classes, out);
    Predictions expected;
    try (Model m = Learners.byName("cnn").load(run.resolve("model"))) {
      expected = m.predict(oracle.toFeatureMatrix());
    }
    assertSamePredictions(expected, ids, result.classNames(), out);
    assertEquals("folder", r.layout());
    assertEquals(40, r.labelled());
    int ok = 0;
    for (int i = 0; i < oracle.n(); i++) {
      ok += expected.predictedClasses()[i]
          == result.classNames().indexOf(oracle.classNames().get(oracle.labels()[i])) ? 1 : 0;
    }
    assertEquals(ok / 40.0, r.accuracy(), 1e-12);

    Path outLoose = dir.resolve("loose.csv");
    ImagePredictionResult l = ImagePredictor.predict(run.resolve("model"), loose, outLoose);
    assertEquals("files", l.layout());
    assertEquals(0, l.labelled());
    assertTrue(l.note().isEmpty());
    // the same images, so the same rows up to the id and the order
    Map<String, String> byName = new HashMap<>();
    for (String[] row : rows(out).subList(1, 41)) {
      byName.put(Path.of(row[0]).getFileName().toString(),
          String.join(",", List.of(row).subList(1, row.length)));
    }
    for (String[] row : rows(outLoose).subList(1, 41)) {
      assertEquals(byName.get(Path.of(row[0]).getFileName().toString()),
          String.join(",", List.of(row).subList(1, row.length)), row[0]);
    }
  }

  private static byte[] idx(int magic, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(data);
    return b.array();
  }

  @Test
  void idxWithoutLabelsPredictsAndAWrongShapeIsRefused(@TempDir Path dir) throws Exception {
    ImageDataset some = all.select(IntStream.range(0, 25).toArray());
    byte[] px = new byte[some.pixels().length];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) Math.round(some.pixels()[i] * 255);
    }
    Path idxDir = dir.resolve("idx");
    Files.createDirectories(idxDir);
    Files.write(idxDir.resolve("new-images-idx3-ubyte"), idx(0x803, new int[] {25, 8, 8}, px));
    Path out = dir.resolve("idx.csv");
    ImagePredictionResult r = ImagePredictor.predict(run.resolve("model"), idxDir, out);
    assertEquals(0, r.labelled());
    assertEquals("idx", r.layout());
    float[] scaled = new float[px.length];
    for (int i = 0; i < px.length; i++) {
      scaled[i] = (px[i] & 0xff) / 255f;
    }
    try (Model m = Learners.byName("cnn").load(run.resolve("model"))) {
      assertSamePredictions(
          m.predict(new dev.hone.core.model.FeatureMatrix(scaled, 25, some.toFeatureMatrix()
              .featureNames())), indices(25), result.classNames(), out);
    }

    // 28x28 images for an 8x8 model: refused, naming both shapes and the fix; no file written
    Path big = dir.resolve("big");
    Files.createDirectories(big);
    Files.write(big.resolve("t-images-idx3-ubyte"),
        idx(0x803, new int[] {3, 28, 28}, new byte[3 * 28 * 28]));
    Path bad = dir.resolve("bad.csv");
    var e = assertThrows(DataValidationException.class,
        () -> ImagePredictor.predict(run.resolve("model"), big, bad));
    assertTrue(e.getMessage().contains("1x28x28") && e.getMessage().contains("1x8x8")
        && e.getMessage().contains("pass images of 8x8"), e.getMessage());
    assertFalse(Files.exists(bad));

    // an unreadable image file is named
    Path imgs = dir.resolve("imgs");
    png(imgs.resolve("a.png"), some, 0);
    Files.write(imgs.resolve("b.png"), new byte[] {1, 2, 3});
    e = assertThrows(DataValidationException.class,
        () -> ImagePredictor.predict(run.resolve("model"), imgs, bad));
    assertTrue(e.getMessage().contains(imgs.resolve("b.png").toString()), e.getMessage());
  }

  /** A model directory written before image.json existed is still recognised by its metadata. */
  @Test
  void modelWithoutImageJsonIsRecognisedFromTheNetworkMetadata(@TempDir Path dir)
      throws Exception {
    Path old = dir.resolve("model");
    Files.createDirectories(old);
    try (var s = Files.list(run.resolve("model"))) {
      for (Path f : s.toList()) {
        if (!f.getFileName().toString().equals(ImageModelInfo.FILE)) {
          Files.copy(f, old.resolve(f.getFileName()));
        }
      }
    }
    assertTrue(ImagePredictor.isImageModel(old));
    ImagePredictor.predict(old, csv, dir.resolve("old.csv"));
    ImagePredictor.predict(run.resolve("model"), csv, dir.resolve("new.csv"));
    assertEquals(Files.readString(dir.resolve("new.csv")),
        Files.readString(dir.resolve("old.csv")));
    // without classes.json it is not an image model, and table prediction says what is missing
    Files.delete(old.resolve(ImageModelInfo.CLASSES_FILE));
    assertFalse(ImagePredictor.isImageModel(old));
    var e = assertThrows(DataValidationException.class,
        () -> Predictor.predict(old, csv, dir.resolve("x.csv")));
    assertTrue(e.getMessage().contains("schema.json"), e.getMessage());
  }
}
