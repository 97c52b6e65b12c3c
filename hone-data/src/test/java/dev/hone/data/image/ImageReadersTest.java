package dev.hone.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.data.TestData;
import dev.hone.data.split.SplitIndices;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Oracle: numpy on the same files (image_reference.json from make_reference.py). */
class ImageReadersTest {
  static JsonNode ref;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = ImageReadersTest.class.getResourceAsStream("image_reference.json")) {
      ref = Json.mapper().readTree(in);
    }
  }

  private static Path mnistDir() {
    return TestData.sharedDatasets().resolve("mnist");
  }

  @Test
  void readsTheRealMnistTestSet() {
    ImageDataset d = ImageReaders.read(mnistDir(), ImageReaders.FolderOptions.DEFAULT);
    JsonNode m = ref.get("mnist");
    assertEquals(m.get("n").asInt(), d.n());
    assertEquals(10_000, d.n());
    assertEquals(28, d.height());
    assertEquals(28, d.width());
    assertEquals(1, d.channels());
    assertEquals(10, d.nClasses());
    for (int i = 0; i < m.get("first_labels").size(); i++) {
      assertEquals(m.get("first_labels").get(i).asInt(), d.labels()[i], "label " + i);
    }
    int[] counts = new int[10];
    for (int y : d.labels()) {
      counts[y]++;
    }
    for (int k = 0; k < 10; k++) {
      assertEquals(m.get("label_counts").get(k).asInt(), counts[k], "count of " + k);
    }
    assertEquals(m.get("image0_byte_sum").asDouble(), byteSum(d, 0), 1e-6);
    assertEquals(m.get("image9999_byte_sum").asDouble(), byteSum(d, 9999), 1e-6);
    double mean = 0;
    for (float v : d.pixels()) {
      mean += v;
    }
    // pixels are float32 values of b/255: relative error below 1e-7
    assertEquals(m.get("mean_pixel").asDouble(), mean / d.pixels().length, 1e-8);
    float[][][][] arr = d.select(new int[] {0}).toArray();
    assertEquals(d.pixel(0, 0, 14, 14), arr[0][0][14][14]);
  }

  private static double byteSum(ImageDataset d, int i) {
    double s = 0;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        s += Math.round(d.pixel(i, 0, y, x) * 255f);
      }
    }
    return s;
  }

  @Test
  void downscalingAveragesAreasLikeNumpy() {
    ImageDataset d =
        ImageReaders.read(mnistDir(), ImageReaders.FolderOptions.DEFAULT).select(new int[] {0});
    ImageDataset d2 = ImageOps.downscale(d, 2);
    ImageDataset d4 = ImageOps.downscale(d2, 2);
    assertEquals(14, d2.height());
    assertEquals(7, d4.width());
    for (String key : new String[] {"image0_down2", "image0_down4"}) {
      ImageDataset got = key.endsWith("2") ? d2 : d4;
      JsonNode want = ref.get("mnist").get(key);
      for (int y = 0; y < want.size(); y++) {
        for (int x = 0; x < want.get(y).size(); x++) {
          assertEquals(want.get(y).get(x).asDouble(), got.pixel(0, 0, y, x), 1e-6, key);
        }
      }
    }
    assertThrows(InvalidParameterException.class, () -> ImageOps.downscale(d, 3));
  }

  @Test
  void readsSklearnDigits() {
    ImageDataset d =
        ImageReaders.readDigitsCsv(TestData.sharedDatasets().resolve("sklearn_small/digits.csv.gz"));
    JsonNode r = ref.get("digits");
    assertEquals(r.get("n").asInt(), d.n());
    assertEquals(8, d.height());
    for (int i = 0; i < r.get("first_labels").size(); i++) {
      assertEquals(r.get("first_labels").get(i).asInt(), d.labels()[i]);
    }
    double s = 0;
    for (int j = 0; j < 64; j++) {
      s += d.pixels()[j];
    }
    assertEquals(r.get("image0_sum").asDouble(), s, 1e-5);
    FeatureMatrix fm = d.toFeatureMatrix();
    assertEquals(64, fm.nCols());
    assertEquals("c0_y1_x2", fm.featureNames().get(10));
  }

  @Test
  void stratifiedSplitIsSeededAndKeepsClassShares() {
    ImageDataset d =
        ImageReaders.readDigitsCsv(TestData.sharedDatasets().resolve("sklearn_small/digits.csv.gz"));
    SplitIndices a = ImageOps.stratifiedSplit(d, 0.7, 0.1, 0.2, 5);
    SplitIndices b = ImageOps.stratifiedSplit(d, 0.7, 0.1, 0.2, 5);
    SplitIndices c = ImageOps.stratifiedSplit(d, 0.7, 0.1, 0.2, 6);
    assertEquals(a, b);
    assertTrue(!Arrays.equals(a.test(), c.test()));
    assertEquals(d.n(), a.size());
    ImageDataset test = d.select(a.test());
    int[] counts = new int[10];
    int[] all = new int[10];
    for (int y : test.labels()) {
      counts[y]++;
    }
    for (int y : d.labels()) {
      all[y]++;
    }
    for (int k = 0; k < 10; k++) {
      // 20% of each class, within one image of rounding
      assertTrue(Math.abs(counts[k] - 0.2 * all[k]) <= 1, "class " + k + ": " + counts[k]);
    }
  }

  // ---------------------------------------------------------------- malformed IDX

  private static byte[] idx(int magic, int[] dims, int dataBytes) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.array();
  }

  private static byte[] gzip(byte[] raw) throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(bos)) {
      g.write(raw);
    }
    return bos.toByteArray();
  }

  @Test
  void malformedIdxFilesGiveClearErrors(@TempDir Path dir) throws Exception {
    Path img = dir.resolve("x-images-idx3-ubyte.gz");
    Path lab = dir.resolve("x-labels-idx1-ubyte.gz");
    Files.write(lab, gzip(idx(0x801, new int[] {2}, 2)));

    Files.write(img, gzip(idx(0x801, new int[] {2, 2, 2}, 8)));
    var e = assertThrows(DataValidationException.class, () -> ImageReaders.readIdx(img, lab));
    assertTrue(e.getMessage().contains("magic number 0x00000801")
        && e.getMessage().contains(img.toString()), e.getMessage());

    Files.write(img, gzip(idx(0x803, new int[] {2, 2, 2}, 5)));
    e = assertThrows(DataValidationException.class, () -> ImageReaders.readIdx(img, lab));
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("2x2x2 = 8"),
        e.getMessage());

    byte[] good = gzip(idx(0x803, new int[] {2, 2, 2}, 8));
    Files.write(img, Arrays.copyOf(good, good.length - 12));
    e = assertThrows(DataValidationException.class, () -> ImageReaders.readIdx(img, lab));
    assertTrue(e.getMessage().contains("download it again"), e.getMessage());

    Files.write(img, gzip(idx(0x803, new int[] {3, 2, 2}, 12)));
    e = assertThrows(DataValidationException.class, () -> ImageReaders.readIdx(img, lab));
    assertTrue(e.getMessage().contains("3 images") && e.getMessage().contains("2 labels"),
        e.getMessage());

    // uncompressed files work too, and the pair is found by its prefix
    Files.delete(img);
    Files.delete(lab);
    byte[] raw = idx(0x803, new int[] {2, 2, 2}, 8);
    raw[16 + 4] = (byte) 255;
    Files.write(dir.resolve("x-images-idx3-ubyte"), raw);
    byte[] labels = idx(0x801, new int[] {2}, 2);
    labels[9] = 1;
    Files.write(dir.resolve("x-labels-idx1-ubyte"), labels);
    ImageDataset d = ImageReaders.read(dir, ImageReaders.FolderOptions.DEFAULT);
    assertArrayEquals(new int[] {0, 1}, d.labels());
    assertEquals(1f, d.pixel(1, 0, 0, 0));
  }

  // ---------------------------------------------------------------- folder of classes

  private static void png(Path file, int w, int h, int rgb) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, x == 0 ? 0 : rgb);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  @Test
  void readsAFolderPerClass(@TempDir Path dir) throws Exception {
    png(dir.resolve("cat/a.png"), 4, 3, 0xFF0000);
    png(dir.resolve("cat/b.png"), 4, 3, 0xFF0000);
    png(dir.resolve("dog/c.png"), 4, 3, 0x0000FF);
    ImageDataset gray = ImageReaders.read(dir, ImageReaders.FolderOptions.DEFAULT);
    assertEquals(3, gray.n());
    assertEquals(java.util.List.of("cat", "dog"), gray.classNames());
    assertArrayEquals(new int[] {0, 0, 1}, gray.labels());
    assertEquals(3, gray.height());
    assertEquals(4, gray.width());
    assertEquals(0.299f, gray.pixel(0, 0, 1, 2), 1e-6);
    assertEquals(0.114f, gray.pixel(2, 0, 1, 2), 1e-6);
    assertEquals(0f, gray.pixel(2, 0, 1, 0));
    ImageDataset rgb = ImageReaders.read(dir, new ImageReaders.FolderOptions(3, 0, 0));
    assertEquals(3, rgb.channels());
    assertEquals(1f, rgb.pixel(0, 0, 2, 3));
    assertEquals(0f, rgb.pixel(0, 2, 2, 3));
    assertEquals(1f, rgb.pixel(2, 2, 2, 3));
    ImageDataset resized = ImageReaders.read(dir, new ImageReaders.FolderOptions(1, 6, 8));
    assertEquals(6, resized.height());
    assertEquals(8, resized.width());
  }

  @Test
  void folderErrorsNameTheFileAndTheFix(@TempDir Path dir) throws Exception {
    png(dir.resolve("a/1.png"), 4, 4, 0xFFFFFF);
    Files.createDirectories(dir.resolve("b"));
    var e = assertThrows(DataValidationException.class,
        () -> ImageReaders.read(dir, ImageReaders.FolderOptions.DEFAULT));
    assertTrue(e.getMessage().contains("class folder " + dir.resolve("b"))
        && e.getMessage().contains("holds no image"), e.getMessage());

    png(dir.resolve("b/2.png"), 5, 4, 0xFFFFFF);
    e = assertThrows(DataValidationException.class,
        () -> ImageReaders.read(dir, ImageReaders.FolderOptions.DEFAULT));
    assertTrue(e.getMessage().contains(dir.resolve("b/2.png").toString())
        && e.getMessage().contains("--image-size"), e.getMessage());
    assertEquals(2, ImageReaders.read(dir, new ImageReaders.FolderOptions(1, 4, 4)).n());

    Files.writeString(dir.resolve("b/notes.txt"), "hello");
    e = assertThrows(DataValidationException.class,
        () -> ImageReaders.read(dir, new ImageReaders.FolderOptions(1, 4, 4)));
    assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
    Files.delete(dir.resolve("b/notes.txt"));
    Files.writeString(dir.resolve("b/broken.png"), "not a png");
    e = assertThrows(DataValidationException.class,
        () -> ImageReaders.read(dir, new ImageReaders.FolderOptions(1, 4, 4)));
    assertTrue(e.getMessage().contains("broken.png"), e.getMessage());

    assertThrows(InvalidParameterException.class, () -> new ImageReaders.FolderOptions(2, 0, 0));
  }
}
