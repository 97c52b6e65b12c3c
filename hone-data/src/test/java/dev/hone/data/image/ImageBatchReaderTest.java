package dev.hone.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.DataValidationException;
import dev.hone.data.TestData;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images for prediction must be read exactly as training images are. Oracle: the training readers
 * ({@link ImageReaders}) on the same files, pixel for pixel ({@code float} equality), plus analytic
 * values (a byte 255 is 1.0, a digits value 16 is 1.0).
 */
class ImageBatchReaderTest {
  private static ImageDataset digits(int n) {
    ImageDataset all = ImageReaders.readDigitsCsv(
        TestData.sharedDatasets().resolve("sklearn_small/digits.csv.gz"));
    return all.select(IntStream.range(0, n).toArray());
  }

  /** Lines of scikit-learn's digits file, with or without the label field. */
  private static String digitsCsv(ImageDataset d, boolean withLabel) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < d.n(); i++) {
      for (int j = 0; j < 64; j++) {
        sb.append(j == 0 ? "" : ",").append(Math.round(d.pixels()[i * 64 + j] * 16));
      }
      if (withLabel) {
        sb.append(',').append(d.labels()[i]);
      }
      sb.append('\n');
      if (i == 2) {
        sb.append('\n'); // a blank line is skipped and does not count as an id
      }
    }
    return sb.toString();
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

  private static void writeIdx(Path dir, String prefix, ImageDataset d, boolean labels)
      throws Exception {
    byte[] px = new byte[d.pixels().length];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) Math.round(d.pixels()[i] * 255);
    }
    Files.write(dir.resolve(prefix + "-images-idx3-ubyte"),
        idx(0x803, new int[] {d.n(), d.height(), d.width()}, px));
    if (labels) {
      byte[] y = new byte[d.n()];
      for (int i = 0; i < y.length; i++) {
        y[i] = (byte) d.labels()[i];
      }
      Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), idx(0x801, new int[] {d.n()}, y));
    }
  }

  private static void png(Path file, ImageDataset d, int i) throws Exception {
    BufferedImage img = new BufferedImage(d.width(), d.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < d.height(); y++) {
      for (int x = 0; x < d.width(); x++) {
        int v = Math.round(d.pixel(i, 0, y, x) * 255f);
        // a coloured pixel, so grayscale conversion matters
        img.setRGB(x, y, (v << 16) | ((255 - v) << 8) | (v / 2));
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  @Test
  void digitsCsvWithAndWithoutLabelsMatchesTheTrainingReader(@TempDir Path dir) throws Exception {
    ImageDataset d = digits(20);
    Path labelled = dir.resolve("labelled.csv");
    Files.writeString(labelled, digitsCsv(d, true));
    ImageDataset oracle = ImageReaders.readDigitsCsv(labelled);
    ImageBatch b = ImageBatchReader.read(labelled, ImageReaders.FolderOptions.DEFAULT);
    assertEquals("digits-csv", b.layout());
    assertEquals("1x8x8", b.shape());
    assertArrayEquals(oracle.pixels(), b.pixels());
    assertArrayEquals(oracle.labels(), b.labels());
    assertEquals(oracle.classNames(), b.labelNames());
    assertEquals(IntStream.range(0, 20).mapToObj(Integer::toString).toList(), b.ids());
    assertEquals(oracle.toFeatureMatrix().featureNames(), b.toFeatureMatrix().featureNames());

    Path unlabelled = dir.resolve("unlabelled.csv");
    Files.writeString(unlabelled, "16" + ",0".repeat(63) + "\n" + digitsCsv(d, false));
    ImageBatch u = ImageBatchReader.read(unlabelled, ImageReaders.FolderOptions.DEFAULT);
    assertFalse(u.hasLabels());
    assertNull(u.labelNames());
    assertEquals(21, u.n());
    assertEquals(1f, u.pixels()[0]); // 16 / 16
    float[] rest = java.util.Arrays.copyOfRange(u.pixels(), 64, u.pixels().length);
    assertArrayEquals(oracle.pixels(), rest);

    Files.writeString(unlabelled, digitsCsv(d, false) + "1,2,3\n");
    var e = assertThrows(DataValidationException.class,
        () -> ImageBatchReader.read(unlabelled, ImageReaders.FolderOptions.DEFAULT));
    assertTrue(e.getMessage().contains("line 22") && e.getMessage().contains("3 fields"),
        e.getMessage());
  }

  @Test
  void idxWithAndWithoutLabelsMatchesTheTrainingReader(@TempDir Path dir) throws Exception {
    ImageDataset d = digits(30);
    ImageDataset first = d.select(IntStream.range(0, 10).toArray());
    ImageDataset second = d.select(IntStream.range(10, 30).toArray());
    // two pairs: read in file-name order ("a" before "b"), like ImageReaders.readIdxDirectory
    writeIdx(dir, "b", second, true);
    writeIdx(dir, "a", first, true);
    ImageDataset oracle = ImageReaders.readIdxDirectory(dir);
    ImageBatch b = ImageBatchReader.read(dir, ImageReaders.FolderOptions.DEFAULT);
    assertEquals("idx", b.layout());
    assertEquals(30, b.n());
    assertArrayEquals(oracle.pixels(), b.pixels());
    assertArrayEquals(oracle.labels(), b.labels());
    assertEquals(oracle.classNames(), b.labelNames());
    assertEquals("29", b.ids().get(29));

    // one images file without its labels: readable, no labels
    Path single = dir.resolve("single");
    Files.createDirectories(single);
    writeIdx(single, "t", first, false);
    ImageBatch u = ImageBatchReader.read(single.resolve("t-images-idx3-ubyte"),
        ImageReaders.FolderOptions.DEFAULT);
    assertFalse(u.hasLabels());
    assertArrayEquals(ImageReaders.readIdx(dir.resolve("a-images-idx3-ubyte"),
        dir.resolve("a-labels-idx1-ubyte")).pixels(), u.pixels());
    // a byte 255 reads as exactly 1
    byte[] one = new byte[64];
    one[5] = (byte) 255;
    Path lone = dir.resolve("lone");
    Files.createDirectories(lone);
    Files.write(lone.resolve("x-images-idx3-ubyte"), idx(0x803, new int[] {1, 8, 8}, one));
    assertEquals(1f, ImageBatchReader.read(lone, ImageReaders.FolderOptions.DEFAULT).pixels()[5]);
  }

  @Test
  void classFoldersAndLooseFilesMatchTheTrainingReader(@TempDir Path dir) throws Exception {
    ImageDataset d = digits(12);
    Path classes = dir.resolve("classes");
    Path loose = dir.resolve("loose");
    List<String> expectedIds = new ArrayList<>();
    for (int i = 0; i < d.n(); i++) {
      String name = String.format("%02d.png", i);
      png(classes.resolve("digit" + d.labels()[i]).resolve(name), d, i);
      png(loose.resolve(name), d, i);
    }
    for (ImageReaders.FolderOptions o : List.of(ImageReaders.FolderOptions.DEFAULT,
        new ImageReaders.FolderOptions(3, 0, 0), new ImageReaders.FolderOptions(1, 12, 10))) {
      ImageDataset oracle = ImageReaders.readFolder(classes, o);
      ImageBatch b = ImageBatchReader.read(classes, o);
      assertEquals("folder", b.layout());
      assertArrayEquals(oracle.pixels(), b.pixels(), "options " + o);
      assertArrayEquals(oracle.labels(), b.labels());
      assertEquals(oracle.classNames(), b.labelNames());
      assertEquals(o.height() == 0 ? 8 : 12, b.height());
      // the loose folder holds the same images in file-name order, without labels
      ImageBatch f = ImageBatchReader.read(loose, o);
      assertEquals("files", f.layout());
      assertFalse(f.hasLabels());
      int per = b.channels() * b.height() * b.width();
      for (int i = 0; i < b.n(); i++) {
        int j = f.ids().indexOf(loose.resolve(Path.of(b.ids().get(i)).getFileName()).toString());
        assertTrue(j >= 0, b.ids().get(i));
        assertArrayEquals(
            java.util.Arrays.copyOfRange(b.pixels(), i * per, (i + 1) * per),
            java.util.Arrays.copyOfRange(f.pixels(), j * per, (j + 1) * per));
      }
    }
    ImageBatch b = ImageBatchReader.read(classes, ImageReaders.FolderOptions.DEFAULT);
    assertTrue(b.ids().get(0).startsWith(classes.resolve("digit0").toString()), b.ids().get(0));
    // a single image file
    ImageBatch one = ImageBatchReader.read(loose.resolve("03.png"),
        ImageReaders.FolderOptions.DEFAULT);
    assertEquals(List.of(loose.resolve("03.png").toString()), one.ids());
  }

  @Test
  void errorsNameTheFileAndTheFix(@TempDir Path dir) throws Exception {
    ImageDataset d = digits(3);
    var e = assertThrows(DataValidationException.class,
        () -> ImageBatchReader.read(dir.resolve("nothing"), ImageReaders.FolderOptions.DEFAULT));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

    png(dir.resolve("imgs/a.png"), d, 0);
    Files.writeString(dir.resolve("imgs/broken.png"), "not a png");
    e = assertThrows(DataValidationException.class,
        () -> ImageBatchReader.read(dir.resolve("imgs"), ImageReaders.FolderOptions.DEFAULT));
    assertTrue(e.getMessage().contains(dir.resolve("imgs/broken.png").toString())
        && e.getMessage().contains("replace or remove"), e.getMessage());
    Files.delete(dir.resolve("imgs/broken.png"));

    Files.writeString(dir.resolve("imgs/notes.txt"), "hello");
    e = assertThrows(DataValidationException.class,
        () -> ImageBatchReader.read(dir.resolve("imgs"), ImageReaders.FolderOptions.DEFAULT));
    assertTrue(e.getMessage().contains("notes.txt") && e.getMessage().contains("not an image"),
        e.getMessage());
    Files.delete(dir.resolve("imgs/notes.txt"));

    png(dir.resolve("imgs/sub/b.png"), d, 1);
    e = assertThrows(DataValidationException.class,
        () -> ImageBatchReader.read(dir.resolve("imgs"), ImageReaders.FolderOptions.DEFAULT));
    assertTrue(e.getMessage().contains("both sub-folders"), e.getMessage());

    Files.createDirectories(dir.resolve("empty"));
    e = assertThrows(DataValidationException.class,
        () -> ImageBatchReader.read(dir.resolve("empty"), ImageReaders.FolderOptions.DEFAULT));
    assertTrue(e.getMessage().contains("holds no image"), e.getMessage());

    Files.writeString(dir.resolve("table.parquet"), "x");
    e = assertThrows(DataValidationException.class,
        () -> ImageBatchReader.read(dir.resolve("table.parquet"),
            ImageReaders.FolderOptions.DEFAULT));
    assertTrue(e.getMessage().contains("not a supported image input"), e.getMessage());
  }

  @Test
  void digitsPixelsOutside0To16AreRefusedByBothReadersNamingLineAndField(@TempDir Path dir)
      throws Exception {
    String good = digitsCsv(digits(2), true);
    // the same first line with field 10 replaced by each bad value
    for (String bad : List.of("17", "-1", "NaN", "Infinity", "x", "")) {
      String[] lines = good.split("\n");
      String[] f = lines[1].split(",", -1);
      f[9] = bad;
      lines[1] = String.join(",", f);
      Path file = dir.resolve("bad.csv");
      Files.writeString(file, String.join("\n", lines) + "\n");
      for (Runnable read : List.<Runnable>of(
          () -> ImageBatchReader.read(file, ImageReaders.FolderOptions.DEFAULT),
          () -> ImageReaders.readDigitsCsv(file))) {
        var e = assertThrows(DataValidationException.class, read::run, "value '" + bad + "'");
        assertTrue(e.getMessage().contains("line 2 field 10 is '" + bad + "'")
            && e.getMessage().contains("0..16"), e.getMessage());
      }
    }
    // the bounds themselves are pixel values (analytic: 0 -> 0.0, 16 -> 1.0)
    String[] lines = good.split("\n");
    String[] f = lines[0].split(",", -1);
    f[0] = "0";
    f[1] = "16";
    lines[0] = String.join(",", f);
    Path ok = dir.resolve("ok.csv");
    Files.writeString(ok, String.join("\n", lines) + "\n");
    ImageBatch b = ImageBatchReader.read(ok, ImageReaders.FolderOptions.DEFAULT);
    assertEquals(0f, b.pixels()[0]);
    assertEquals(1f, b.pixels()[1]);
    // a label that is not an integer names the label field
    f = lines[0].split(",", -1);
    f[64] = "seven";
    Files.writeString(ok, String.join(",", f) + "\n");
    var e = assertThrows(DataValidationException.class,
        () -> ImageBatchReader.read(ok, ImageReaders.FolderOptions.DEFAULT));
    assertTrue(e.getMessage().contains("field 65 (the label) is 'seven'"), e.getMessage());
  }
}
