package dev.hone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.json.Json;
import dev.hone.data.image.ImageDataset;
import dev.hone.data.image.ImageReaders;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone train --task image} on a folder of 8x8 digit PNGs resized to 12x12, then {@code hone
 * predict}: images are resized as in training; a wrong shape or an unreadable file is one clear
 * line with exit code 2.
 */
class ImagePredictCommandTest {
  @TempDir static Path dir;
  static Path model;
  static Path folder;
  static ImageDataset some;

  @BeforeAll
  static void train() throws Exception {
    String p = System.getProperty("hone.shared.datasets");
    assertTrue(p != null && Files.isDirectory(Path.of(p, "sklearn_small")),
        "the shared datasets are missing: pass -Dhone.shared.datasets=DIR; got " + p);
    some = ImageReaders.readDigitsCsv(Path.of(p, "sklearn_small/digits.csv.gz"))
        .select(IntStream.range(0, 200).toArray());
    folder = dir.resolve("digits");
    for (int i = 0; i < some.n(); i++) {
      BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          int v = Math.round(some.pixel(i, 0, y, x) * 255f);
          img.setRGB(x, y, 0xFF000000 | v << 16 | v << 8 | v);
        }
      }
      Path f = folder.resolve("d" + some.labels()[i]).resolve(String.format("%03d.png", i));
      Files.createDirectories(f.getParent());
      ImageIO.write(img, "png", f.toFile());
    }
    Path out = dir.resolve("run");
    CliRunner.Result r = CliRunner.run("train", "--task", "image", "--data", folder.toString(),
        "--image-size", "12x12", "--trials", "1", "--search-epochs", "1", "--epochs", "2",
        "--seed", "2", "--threads", "1", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    model = out.resolve("model");
  }

  private static void assertUserError(CliRunner.Result r, String... fragments) {
    assertEquals(2, r.exitCode(), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "message should mention '" + f + "': " + r.err());
    }
  }

  @Test
  void predictsAFolderResizedAsInTraining() throws Exception {
    assertEquals(12, Json.mapper().readTree(model.resolve("image.json").toFile())
        .get("resize_height").asInt());
    Path out = dir.resolve("preds.csv");
    CliRunner.Result r = CliRunner.run("predict", "--model", model.toString(), "--data",
        folder.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(201, lines.size());
    assertEquals("id,prob_d0,prob_d1,prob_d2,prob_d3,prob_d4,prob_d5,prob_d6,prob_d7,prob_d8,"
        + "prob_d9,predicted", lines.get(0));
    assertTrue(lines.get(1).startsWith(folder.resolve("d0").toString()), lines.get(1));
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
  void wrongShapeIsOneClearLine() throws Exception {
    Path idxDir = dir.resolve("idx");
    Files.createDirectories(idxDir);
    Files.write(idxDir.resolve("x-images-idx3-ubyte"),
        idx(0x803, new int[] {2, 8, 8}, new byte[128]));
    Path out = dir.resolve("bad.csv");
    assertUserError(CliRunner.run("predict", "--model", model.toString(), "--data",
            idxDir.toString(), "--out", out.toString()),
        "1x8x8", "1x12x12", "pass images of 12x12");
    assertFalse(Files.exists(out));
  }

  @Test
  void unreadableImageIsNamed() throws Exception {
    Path imgs = dir.resolve("broken");
    Files.createDirectories(imgs);
    Files.writeString(imgs.resolve("x.png"), "not an image");
    assertUserError(CliRunner.run("predict", "--model", model.toString(), "--data",
            imgs.toString(), "--out", dir.resolve("x.csv").toString()),
        imgs.resolve("x.png").toString(), "replace or remove");
    assertUserError(CliRunner.run("predict", "--model", model.toString(), "--data",
            dir.resolve("missing").toString(), "--out", dir.resolve("x.csv").toString()),
        "does not exist");
  }

  @Test
  void csvTableOptionsAreRefusedForAnImageModel() {
    Path out = dir.resolve("csvopts.csv");
    for (String[] opt : List.of(new String[] {"--delimiter", ","}, new String[] {"--no-header"},
        new String[] {"--header"}, new String[] {"--na", "?"}, new String[] {"--skip-lines", "1"})) {
      String name = opt[0].equals("--no-header") || opt[0].equals("--header")
          ? "--header/--no-header" : opt[0];
      String[] base = {"predict", "--model", model.toString(), "--data", folder.toString(),
          "--out", out.toString()};
      String[] all = java.util.stream.Stream.concat(
          java.util.Arrays.stream(base), java.util.Arrays.stream(opt)).toArray(String[]::new);
      assertUserError(CliRunner.run(all), name + " is a CSV table option", "is an image model",
          "drop it");
    }
    assertFalse(Files.exists(out));
  }
}
