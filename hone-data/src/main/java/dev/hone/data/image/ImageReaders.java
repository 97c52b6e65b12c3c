package dev.hone.data.image;

import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Readers for labelled image sets, pure Java:
 *
 * <ul>
 *   <li>MNIST's IDX format (LeCun et al., "Gradient-based learning applied to document
 *       recognition", Proc. IEEE 1998; format described on the MNIST page): big-endian header
 *       {@code 0x00 0x00 type ndims} then {@code ndims} 32-bit sizes, then unsigned bytes;
 *       gzipped or not. Pixels are divided by 255.
 *   <li>A folder with one sub-folder per class holding PNG, JPEG, GIF or BMP files (read with
 *       {@link ImageIO}), converted to grayscale or RGB and optionally resized.
 *   <li>scikit-learn's 8x8 {@code digits} ({@code digits.csv.gz}: 64 pixel values 0..16 then the
 *       label per line); pixels are divided by 16.
 * </ul>
 *
 * <p>Every malformed input raises a {@link DataValidationException} naming the file, what is
 * wrong and what to do.
 */
public final class ImageReaders {
  /** IDX magic of an unsigned-byte 3-d array (images). */
  public static final int IDX_IMAGES_MAGIC = 0x00000803;

  /** IDX magic of an unsigned-byte 1-d array (labels). */
  public static final int IDX_LABELS_MAGIC = 0x00000801;

  static final List<String> IMAGE_SUFFIXES =
      List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

  private ImageReaders() {}

  /**
   * Reads {@code dir} as whichever supported layout it holds: IDX files ({@code
   * <prefix>-images-idx3-ubyte[.gz]} with {@code <prefix>-labels-idx1-ubyte[.gz]}), or one
   * sub-folder per class (then {@code options} apply).
   *
   * @throws DataValidationException when the directory holds neither layout, or its files are
   *     malformed
   */
  public static ImageDataset read(Path dir, FolderOptions options) {
    if (!Files.isDirectory(dir)) {
      throw new DataValidationException(
          dir + " is not a directory: pass a directory with MNIST IDX files or one sub-folder per "
              + "class");
    }
    if (!idxPairs(dir).isEmpty()) {
      return readIdxDirectory(dir);
    }
    return readFolder(dir, options);
  }

  /**
   * Reads every complete IDX pair in {@code dir}, concatenated in file-name order (for MNIST:
   * {@code t10k} before {@code train}). A labels file without its images file is ignored.
   *
   * @throws DataValidationException when there is no complete pair or a file is malformed
   */
  public static ImageDataset readIdxDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DataValidationException(
          dir + " is not a directory: pass the directory holding the MNIST IDX files");
    }
    TreeMap<String, Path[]> pairs = idxPairs(dir);
    if (pairs.isEmpty()) {
      throw new DataValidationException(
          dir + " holds no pair <prefix>-images-idx3-ubyte[.gz] + <prefix>-labels-idx1-ubyte[.gz]:"
              + " put the images file and its labels file side by side");
    }
    List<ImageDataset> parts = new ArrayList<>();
    for (Path[] p : pairs.values()) {
      parts.add(readIdx(p[0], p[1]));
    }
    return concat(parts, dir.toString());
  }

  private static TreeMap<String, Path[]> idxPairs(Path dir) {
    TreeMap<String, Path[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        int at = name.indexOf("-images-idx3-ubyte");
        if (at > 0 && (name.endsWith("-ubyte") || name.endsWith("-ubyte.gz"))) {
          String prefix = name.substring(0, at);
          Path labels = dir.resolve(prefix + "-labels-idx1-ubyte" + (name.endsWith(".gz") ? ".gz" : ""));
          if (!Files.isRegularFile(labels)) {
            labels = dir.resolve(prefix + "-labels-idx1-ubyte" + (name.endsWith(".gz") ? "" : ".gz"));
          }
          if (!Files.isRegularFile(labels)) {
            throw new DataValidationException(
                p + " has no labels file " + prefix + "-labels-idx1-ubyte[.gz] beside it: add it");
          }
          out.put(prefix, new Path[] {p, labels});
        }
      }
    } catch (IOException e) {
      throw new DataValidationException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Reads one IDX images file ({@code [n][rows][cols]} unsigned bytes) and its labels file
   * ({@code [n]} unsigned bytes); either may be gzipped. Classes are {@code 0..max label}, named by
   * their number.
   *
   * @throws DataValidationException on a bad magic number, a truncated or over-long file, or
   *     image and label counts that differ
   */
  public static ImageDataset readIdx(Path images, Path labels) {
    Idx img = readIdxFile(images, IDX_IMAGES_MAGIC, 3);
    Idx lab = readIdxFile(labels, IDX_LABELS_MAGIC, 1);
    int n = img.dims[0];
    if (lab.dims[0] != n) {
      throw new DataValidationException(
          images + " holds " + n + " images but " + labels + " holds " + lab.dims[0]
              + " labels: pair each images file with its own labels file");
    }
    int h = img.dims[1];
    int w = img.dims[2];
    float[] px = new float[img.data.length];
    for (int i = 0; i < px.length; i++) {
      px[i] = (img.data[i] & 0xff) / 255f;
    }
    int[] y = new int[n];
    int max = 0;
    for (int i = 0; i < n; i++) {
      y[i] = lab.data[i] & 0xff;
      max = Math.max(max, y[i]);
    }
    List<String> names = new ArrayList<>();
    for (int k = 0; k <= max; k++) {
      names.add(Integer.toString(k));
    }
    return new ImageDataset(px, n, 1, h, w, y, names, images.toString());
  }

  record Idx(int[] dims, byte[] data) {}

  static Idx readIdxFile(Path file, int magic, int ndims) {
    byte[] bytes;
    try {
      bytes = decompressed(file);
    } catch (IOException e) {
      throw new DataValidationException(
          "cannot read " + file + ": " + e.getMessage()
              + " (a truncated or damaged gzip file?): download it again", e);
    }
    if (bytes.length < 4 + 4 * ndims) {
      throw new DataValidationException(
          file + " is truncated: " + bytes.length + " bytes is shorter than an IDX header: "
              + "download it again");
    }
    int m = readInt(bytes, 0);
    if (m != magic) {
      throw new DataValidationException(
          String.format(Locale.ROOT,
              "%s has magic number 0x%08X but an IDX %s file starts with 0x%08X: pass the %s "
                  + "file (e.g. t10k-%s-idx%d-ubyte.gz)",
              file, m, ndims == 3 ? "images" : "labels", magic, ndims == 3 ? "images" : "labels",
              ndims == 3 ? "images" : "labels", ndims));
    }
    int[] dims = new int[ndims];
    long total = 1;
    for (int d = 0; d < ndims; d++) {
      dims[d] = readInt(bytes, 4 + 4 * d);
      if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
        throw new DataValidationException(
            file + " declares dimension " + d + " as " + dims[d] + ": the header is damaged; "
                + "download the file again");
      }
      total *= dims[d];
    }
    long have = bytes.length - 4L - 4L * ndims;
    if (have < total) {
      throw new DataValidationException(
          file + " is truncated: its header declares " + describe(dims) + " = " + total
              + " bytes of data but only " + have + " follow: download the file again");
    }
    if (have > total) {
      throw new DataValidationException(
          file + " has " + (have - total) + " bytes after the " + describe(dims)
              + " its header declares: the file is damaged or not IDX; download it again");
    }
    byte[] data = new byte[(int) total];
    System.arraycopy(bytes, 4 + 4 * ndims, data, 0, data.length);
    return new Idx(dims, data);
  }

  private static String describe(int[] dims) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : "x").append(dims[i]);
    }
    return sb.toString();
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  private static byte[] decompressed(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        return in.readAllBytes();
      }
    }
    return raw;
  }

  /**
   * Options for {@link #readFolder}.
   *
   * @param channels 1 (grayscale, ITU-R BT.601 luma {@code 0.299 R + 0.587 G + 0.114 B}) or 3
   *     (RGB)
   * @param height target height in pixels, or 0 to keep the images' own size (which must then be
   *     the same for all)
   * @param width target width in pixels, or 0 (with {@code height} 0)
   */
  public record FolderOptions(int channels, int height, int width) {
    /** Grayscale, own size. */
    public static final FolderOptions DEFAULT = new FolderOptions(1, 0, 0);

    public FolderOptions {
      if (channels != 1 && channels != 3) {
        throw new InvalidParameterException(
            "image channels was " + channels + " but must be 1 (grayscale) or 3 (RGB)");
      }
      if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
        throw new InvalidParameterException(
            "image size " + height + "x" + width
                + " is invalid: give both height and width (> 0), or neither");
      }
    }
  }

  /**
   * Reads a folder with one sub-folder per class; the class names are the sub-folder names in
   * sorted order. Hidden files are skipped; any other file must be a readable image. Resizing
   * (when {@code options} gives a size) uses Java2D bilinear interpolation.
   *
   * @throws DataValidationException when there are no class folders, a class folder holds no
   *     image, a file is not a readable image, or (without a target size) the sizes differ
   */
  public static ImageDataset readFolder(Path dir, FolderOptions options) {
    List<Path> classDirs;
    try (Stream<Path> s = Files.list(dir)) {
      classDirs = s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DataValidationException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (classDirs.size() < 2) {
      throw new DataValidationException(
          dir + " has " + classDirs.size() + " class folder(s): an image set needs one sub-folder "
              + "per class and at least two classes (or MNIST IDX files)");
    }
    int c = options.channels();
    int h = options.height();
    int w = options.width();
    Path sizeFrom = null;
    List<float[]> images = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < classDirs.size(); k++) {
      Path cd = classDirs.get(k);
      names.add(cd.getFileName().toString());
      List<Path> files;
      try (Stream<Path> s = Files.list(cd)) {
        files = s.filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new DataValidationException("cannot list " + cd + ": " + e.getMessage(), e);
      }
      if (files.isEmpty()) {
        throw new DataValidationException(
            "class folder " + cd + " holds no image: add images or remove the folder");
      }
      for (Path f : files) {
        BufferedImage img = readImageFile(f, cd);
        if (h == 0) {
          h = img.getHeight();
          w = img.getWidth();
          sizeFrom = f;
        } else if (options.height() == 0 && (img.getHeight() != h || img.getWidth() != w)) {
          throw new DataValidationException(
              f + " is " + img.getWidth() + "x" + img.getHeight() + " (width x height) but "
                  + sizeFrom + " is " + w + "x" + h + ": give a target size (e.g. --image-size "
                  + w + "x" + h + ") to resize all images, or make them the same size");
        }
        if (img.getHeight() != h || img.getWidth() != w) {
          img = resize(img, w, h);
        }
        images.add(pixels(img, c));
        labels.add(k);
      }
    }
    int per = c * h * w;
    float[] px = new float[images.size() * per];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, px, i * per, per);
    }
    return new ImageDataset(
        px, images.size(), c, h, w, labels.stream().mapToInt(Integer::intValue).toArray(), names,
        dir.toString());
  }

  /**
   * Decodes one image file.
   *
   * @param folder the folder named in the message when {@code f} is not an image file
   * @throws DataValidationException when {@code f}'s name has none of {@link #IMAGE_SUFFIXES}, it
   *     cannot be read, or no decoder accepts it
   */
  static BufferedImage readImageFile(Path f, Path folder) {
    String lower = f.getFileName().toString().toLowerCase(Locale.ROOT);
    if (IMAGE_SUFFIXES.stream().noneMatch(lower::endsWith)) {
      throw new DataValidationException(
          f + " is not an image file (expected " + IMAGE_SUFFIXES + "): move it out of " + folder);
    }
    BufferedImage img;
    try {
      img = ImageIO.read(f.toFile());
    } catch (IOException e) {
      throw new DataValidationException(
          "cannot read image " + f + ": " + e.getMessage() + ": replace or remove the file", e);
    }
    if (img == null) {
      throw new DataValidationException(
          f + " is not a readable image (no decoder accepted it): replace or remove the file");
    }
    return img;
  }

  static BufferedImage resize(BufferedImage img, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(img, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Pixels {@code [channels][h][w]} in [0, 1]; transparency is ignored. */
  static float[] pixels(BufferedImage img, int channels) {
    int h = img.getHeight();
    int w = img.getWidth();
    float[] out = new float[channels * h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        float r = ((rgb >> 16) & 0xff) / 255f;
        float g = ((rgb >> 8) & 0xff) / 255f;
        float b = (rgb & 0xff) / 255f;
        if (channels == 1) {
          out[y * w + x] = 0.299f * r + 0.587f * g + 0.114f * b;
        } else {
          out[y * w + x] = r;
          out[h * w + y * w + x] = g;
          out[2 * h * w + y * w + x] = b;
        }
      }
    }
    return out;
  }

  /**
   * The 64 pixels of one digits line scaled to [0, 1] (value / 16).
   *
   * @param file the file (for messages)
   * @param lineNo 1-based line number (for messages)
   * @param parts the line's fields; the first 64 are read
   * @return 64 intensities in [0, 1]
   * @throws DataValidationException naming the line and the 1-based field when a field is not a
   *     number in 0..16 (NaN, infinities and out-of-range values included)
   */
  static float[] digitsPixels(Path file, int lineNo, String[] parts) {
    float[] px = new float[64];
    for (int j = 0; j < 64; j++) {
      String t = parts[j].trim();
      double v;
      try {
        v = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      if (!(v >= 0 && v <= 16)) {
        throw new DataValidationException(
            file + " line " + lineNo + " field " + (j + 1) + " is '" + t
                + "', not a pixel value: digits pixels are numbers in 0..16; fix or drop the line");
      }
      px[j] = (float) (v / 16.0);
    }
    return px;
  }

  /**
   * Reads scikit-learn's {@code digits.csv.gz} (1,797 images of 8x8; each line 64 values in 0..16
   * then the label 0..9; Alpaydin and Kaynak 1995).
   *
   * @throws DataValidationException when a line does not have 65 fields, a pixel is not a number
   *     in 0..16 or the label is not an integer
   */
  public static ImageDataset readDigitsCsv(Path file) {
    DigitsLines d = readDigitsLines(file, true);
    return new ImageDataset(d.pixels(), d.n(), 1, 8, 8, d.labels(), d.classNames(),
        file.toString());
  }

  /**
   * The lines of a digits CSV: {@code pixels} {@code [n * 64]} scaled to [0, 1], and the labels
   * {@code [n]} with class names "0".."max label", or {@code null} for both when the file has no
   * label column.
   */
  record DigitsLines(float[] pixels, int n, int[] labels, List<String> classNames) {}

  /**
   * Reads a digits CSV: each non-blank line 64 pixel values in 0..16, then (always when {@code
   * labelRequired}, else on every line or on none, as the first line decides) a label 0..9.
   *
   * @throws DataValidationException naming the file, line and field of a line with the wrong
   *     number of fields, a pixel outside 0..16, or a label that is not an integer in 0..9; or
   *     when the file holds no image line or cannot be read
   */
  static DigitsLines readDigitsLines(Path file, boolean labelRequired) {
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    int fields = labelRequired ? 65 : -1;
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",");
        if (fields < 0 && (parts.length == 64 || parts.length == 65)) {
          fields = parts.length;
        }
        if (parts.length != fields) {
          throw new DataValidationException(
              file + " line " + lineNo + " has " + parts.length + " fields but "
                  + (labelRequired ? "a digits line has 65 (64 pixels and the label): pass"
                      + " scikit-learn's digits.csv.gz"
                      : (fields < 0 ? "a digits line has 64 (pixels) or 65 (pixels and label)"
                          : "the first line has " + fields)
                          + ": pass 8x8 digits as 64 pixel values 0..16 per line, optionally"
                          + " followed by the label"));
        }
        float[] px = digitsPixels(file, lineNo, parts);
        if (fields == 65) {
          labels.add(digitsLabel(file, lineNo, parts[64]));
        }
        rows.add(px);
      }
    } catch (IOException e) {
      throw new DataValidationException(
          "cannot read " + file + ": " + e.getMessage() + " (a damaged gzip file?)", e);
    }
    if (rows.isEmpty()) {
      throw new DataValidationException(file + " holds no image line: add 64 pixel values a line");
    }
    float[] px = new float[rows.size() * 64];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, px, i * 64, 64);
    }
    if (fields != 65) {
      return new DigitsLines(px, rows.size(), null, null);
    }
    int max = labels.stream().mapToInt(Integer::intValue).max().orElse(0);
    List<String> names = new ArrayList<>();
    for (int k = 0; k <= max; k++) {
      names.add(Integer.toString(k));
    }
    return new DigitsLines(
        px, rows.size(), labels.stream().mapToInt(Integer::intValue).toArray(), names);
  }

  private static int digitsLabel(Path file, int lineNo, String field) {
    int y;
    try {
      y = Integer.parseInt(field.trim());
    } catch (NumberFormatException e) {
      throw new DataValidationException(
          file + " line " + lineNo + " field 65 (the label) is '" + field.trim()
              + "', not an integer: labels are digits 0..9", e);
    }
    if (y < 0) {
      throw new DataValidationException(
          file + " line " + lineNo + " has the negative label " + y + ": labels are digits 0..9");
    }
    return y;
  }

  private static ImageDataset concat(List<ImageDataset> parts, String source) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    ImageDataset first = parts.get(0);
    int n = 0;
    List<String> names = first.classNames();
    for (ImageDataset p : parts) {
      if (p.height() != first.height() || p.width() != first.width()) {
        throw new DataValidationException(
            p.source() + " holds " + p.height() + "x" + p.width() + " images but " + first.source()
                + " holds " + first.height() + "x" + first.width() + ": keep one size per folder");
      }
      n += p.n();
      if (p.classNames().size() > names.size()) {
        names = p.classNames();
      }
    }
    int per = first.pixelsPerImage();
    float[] px = new float[n * per];
    int[] y = new int[n];
    int at = 0;
    for (ImageDataset p : parts) {
      System.arraycopy(p.pixels(), 0, px, at * per, p.n() * per);
      System.arraycopy(p.labels(), 0, y, at, p.n());
      at += p.n();
    }
    return new ImageDataset(px, n, 1, first.height(), first.width(), y, names, source);
  }
}
