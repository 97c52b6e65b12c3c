package dev.hone.data.image;

import dev.hone.core.error.DataValidationException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads images to predict, with the same pixel conversion as {@link ImageReaders} applies to
 * training images, but with labels optional and an identifier per image:
 *
 * <ul>
 *   <li>a directory holding MNIST IDX images files ({@code <prefix>-images-idx3-ubyte[.gz]}),
 *       concatenated in file-name order, or one such file. Pixels are divided by 255; labels are
 *       read when every images file has its {@code <prefix>-labels-idx1-ubyte[.gz]} beside it.
 *       Identifiers are the 0-based image index in that order.
 *   <li>a directory with one sub-folder per class (labels are the sub-folders' names, sorted), or
 *       a directory of image files (no labels), or one image file: PNG, JPEG, GIF or BMP,
 *       converted to grayscale (ITU-R BT.601 luma) or RGB and divided by 255, and resized with
 *       Java2D bilinear interpolation when {@code options} gives a size, exactly as {@link
 *       ImageReaders#readFolder} does. Hidden files and folders are skipped; empty class folders
 *       are skipped. Identifiers are the file paths (resolved against the given path), in sorted
 *       order within each folder.
 *   <li>a scikit-learn digits CSV ({@code .csv} or {@code .csv.gz}): 64 pixel values 0..16 per
 *       line, optionally followed by the label; pixels are divided by 16. Identifiers are the
 *       0-based index of the non-blank line.
 * </ul>
 *
 * <p>Every malformed or unreadable input raises a {@link DataValidationException} naming the file,
 * what is wrong and what to do.
 */
public final class ImageBatchReader {
  private ImageBatchReader() {}

  /**
   * Reads {@code data} as whichever supported layout it holds (see the class comment).
   *
   * @param data a directory, an IDX images file, an image file or a digits CSV
   * @param options channels and target size for image files; the size is ignored for IDX and CSV
   * @throws DataValidationException when {@code data} does not exist, holds no images, mixes
   *     class folders with loose image files, or a file is unreadable or malformed
   */
  public static ImageBatch read(Path data, ImageReaders.FolderOptions options) {
    if (!Files.exists(data)) {
      throw new DataValidationException(
          data + " does not exist: pass a directory of images (one sub-folder per class, or image "
              + "files), MNIST IDX files, an image file or a digits CSV");
    }
    if (Files.isRegularFile(data)) {
      String name = data.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
        return readDigitsCsv(data);
      }
      if (isIdxImagesName(name)) {
        return readIdx(List.of(data), data.toString());
      }
      if (isImageName(name)) {
        return readFiles(List.of(data), null, null, options, "files", data.toString());
      }
      throw new DataValidationException(
          data + " is not a supported image input: pass a directory of images, an IDX images "
              + "file (*-images-idx3-ubyte[.gz]), an image file (" + ImageReaders.IMAGE_SUFFIXES
              + ") or a digits CSV (.csv, .csv.gz)");
    }
    List<Path> entries = list(data);
    List<Path> idx = entries.stream()
        .filter(p -> Files.isRegularFile(p) && isIdxImagesName(lower(p))).toList();
    if (!idx.isEmpty()) {
      return readIdx(idx, data.toString());
    }
    List<Path> dirs = entries.stream().filter(Files::isDirectory).toList();
    List<Path> files = entries.stream().filter(Files::isRegularFile).toList();
    if (!dirs.isEmpty() && !files.isEmpty()) {
      throw new DataValidationException(
          data + " holds both sub-folders (e.g. " + dirs.get(0).getFileName() + ") and files (e.g. "
              + files.get(0).getFileName() + "): put all images in one sub-folder per class, or "
              + "all image files directly in " + data);
    }
    if (!dirs.isEmpty()) {
      List<Path> all = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Path d : dirs) {
        for (Path f : list(d)) {
          if (Files.isDirectory(f)) {
            throw new DataValidationException(
                f + " is a folder inside the class folder " + d + ": class folders hold image "
                    + "files only; move it out");
          }
          all.add(f);
          labels.add(names.size());
        }
        names.add(d.getFileName().toString());
      }
      if (all.isEmpty()) {
        throw new DataValidationException(
            "the class folders of " + data + " hold no image file: add images");
      }
      return readFiles(all, labels.stream().mapToInt(Integer::intValue).toArray(), names,
          options, "folder", data.toString());
    }
    if (files.isEmpty()) {
      throw new DataValidationException(
          data + " holds no image: add image files, one sub-folder per class, or IDX files");
    }
    return readFiles(files, null, null, options, "files", data.toString());
  }

  private static String lower(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  private static boolean isIdxImagesName(String lowerName) {
    return lowerName.indexOf("-images-idx3-ubyte") > 0
        && (lowerName.endsWith("-ubyte") || lowerName.endsWith("-ubyte.gz"));
  }

  private static boolean isImageName(String lowerName) {
    return ImageReaders.IMAGE_SUFFIXES.stream().anyMatch(lowerName::endsWith);
  }

  /** Non-hidden entries of {@code dir}, sorted by name. */
  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new DataValidationException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static ImageBatch readIdx(List<Path> imageFiles, String source) {
    List<ImageReaders.Idx> images = new ArrayList<>();
    List<Path> labelFiles = new ArrayList<>();
    int n = 0;
    for (Path f : imageFiles) {
      ImageReaders.Idx img = ImageReaders.readIdxFile(f, ImageReaders.IDX_IMAGES_MAGIC, 3);
      int[] first = images.isEmpty() ? img.dims() : images.get(0).dims();
      if (img.dims()[1] != first[1] || img.dims()[2] != first[2]) {
        throw new DataValidationException(
            f + " holds " + img.dims()[1] + "x" + img.dims()[2] + " images but " + imageFiles.get(0)
                + " holds " + images.get(0).dims()[1] + "x" + images.get(0).dims()[2]
                + ": predict each size separately");
      }
      images.add(img);
      n += img.dims()[0];
      labelFiles.add(labelsBeside(f));
    }
    if (n == 0) {
      throw new DataValidationException(source + " holds no image (its IDX header declares 0)");
    }
    int h = images.get(0).dims()[1];
    int w = images.get(0).dims()[2];
    float[] px = new float[n * h * w];
    int at = 0;
    for (ImageReaders.Idx img : images) {
      byte[] d = img.data();
      for (int i = 0; i < d.length; i++) {
        px[at + i] = (d[i] & 0xff) / 255f;
      }
      at += d.length;
    }
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(Integer.toString(i));
    }
    int[] labels = null;
    List<String> names = null;
    if (labelFiles.stream().allMatch(p -> p != null)) {
      labels = new int[n];
      int max = 0;
      int li = 0;
      for (int k = 0; k < images.size(); k++) {
        ImageReaders.Idx lab =
            ImageReaders.readIdxFile(labelFiles.get(k), ImageReaders.IDX_LABELS_MAGIC, 1);
        if (lab.dims()[0] != images.get(k).dims()[0]) {
          throw new DataValidationException(
              imageFiles.get(k) + " holds " + images.get(k).dims()[0] + " images but "
                  + labelFiles.get(k) + " holds " + lab.dims()[0] + " labels: pair each images "
                  + "file with its own labels file, or remove the labels file");
        }
        for (byte b : lab.data()) {
          labels[li] = b & 0xff;
          max = Math.max(max, labels[li]);
          li++;
        }
      }
      names = new ArrayList<>();
      for (int k = 0; k <= max; k++) {
        names.add(Integer.toString(k));
      }
    }
    return new ImageBatch(px, n, 1, h, w, ids, labels, names, "idx", source);
  }

  /** The labels file of an images file, or null when there is none. */
  private static Path labelsBeside(Path images) {
    String name = images.getFileName().toString();
    String prefix = name.substring(0, name.toLowerCase(Locale.ROOT).indexOf("-images-idx3-ubyte"));
    for (String suffix : List.of("-labels-idx1-ubyte", "-labels-idx1-ubyte.gz")) {
      Path p = images.resolveSibling(prefix + suffix);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  private static ImageBatch readFiles(
      List<Path> files, int[] labels, List<String> names, ImageReaders.FolderOptions options,
      String layout, String source) {
    int c = options.channels();
    int h = options.height();
    int w = options.width();
    Path sizeFrom = null;
    float[] px = null;
    List<String> ids = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      BufferedImage img = ImageReaders.readImageFile(f, f.getParent());
      if (h == 0) {
        h = img.getHeight();
        w = img.getWidth();
        sizeFrom = f;
      } else if (options.height() == 0 && (img.getHeight() != h || img.getWidth() != w)) {
        throw new DataValidationException(
            f + " is " + img.getWidth() + "x" + img.getHeight() + " (width x height) but "
                + sizeFrom + " is " + w + "x" + h + ": images to predict must all have the size "
                + "the model was trained on; resize them, or predict each size separately");
      }
      if (img.getHeight() != h || img.getWidth() != w) {
        img = ImageReaders.resize(img, w, h);
      }
      if (px == null) {
        px = new float[files.size() * c * h * w];
      }
      System.arraycopy(ImageReaders.pixels(img, c), 0, px, i * c * h * w, c * h * w);
      ids.add(f.toString());
    }
    return new ImageBatch(px, files.size(), c, h, w, ids, labels, names, layout, source);
  }

  private static ImageBatch readDigitsCsv(Path file) {
    ImageReaders.DigitsLines d = ImageReaders.readDigitsLines(file, false);
    List<String> ids = new ArrayList<>(d.n());
    for (int i = 0; i < d.n(); i++) {
      ids.add(Integer.toString(i));
    }
    return new ImageBatch(d.pixels(), d.n(), 1, 8, 8, ids, d.labels(), d.classNames(),
        "digits-csv", file.toString());
  }
}
