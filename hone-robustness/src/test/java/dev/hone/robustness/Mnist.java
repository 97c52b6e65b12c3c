package dev.hone.robustness;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The 10,000 MNIST test images of the shared dataset mirror (LeCun et al. 1998), read from the
 * gzipped big-endian IDX files; pixels scaled to [0, 1].
 */
final class Mnist {
  final double[][] x; // [n][784]
  final double[] y;

  private Mnist(double[][] x, double[] y) {
    this.x = x;
    this.y = y;
  }

  static Path dir() {
    String p = System.getProperty("hone.shared.datasets");
    if (p == null || p.isBlank()) {
      p = System.getenv("HONE_DATA_MIRROR");
    }
    if (p == null || !Files.isDirectory(Path.of(p, "mnist"))) {
      throw new IllegalStateException(
          "MNIST not found: set -Dhone.shared.datasets (or HONE_DATA_MIRROR) to the dataset mirror"
              + " holding mnist/t10k-images-idx3-ubyte.gz; was " + p);
    }
    return Path.of(p, "mnist");
  }

  static Mnist load() throws IOException {
    Path d = dir();
    double[][] x;
    try (DataInputStream in = open(d.resolve("t10k-images-idx3-ubyte.gz"))) {
      if (in.readInt() != 0x00000803) {
        throw new IOException("not an IDX image file");
      }
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      x = new double[n][rows * cols];
      byte[] buf = new byte[rows * cols];
      for (int i = 0; i < n; i++) {
        in.readFully(buf);
        for (int j = 0; j < buf.length; j++) {
          x[i][j] = (buf[j] & 0xff) / 255.0;
        }
      }
    }
    double[] y;
    try (DataInputStream in = open(d.resolve("t10k-labels-idx1-ubyte.gz"))) {
      if (in.readInt() != 0x00000801) {
        throw new IOException("not an IDX label file");
      }
      int n = in.readInt();
      y = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = in.readUnsignedByte();
      }
    }
    return new Mnist(x, y);
  }

  /**
   * The DJL MLP the slow MNIST tests attack: 2 hidden layers of 128, Adam, 8 epochs of batch 64
   * without early stopping, seed 1, 2 threads, on the first {@code nTrain} images (pixels as
   * float, as the model sees them).
   */
  dev.hone.learner.djl.NetworkModel trainMlp(int nTrain) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int j = 0; j < 784; j++) {
      names.add("px" + j);
    }
    float[] data = new float[nTrain * 784];
    for (int i = 0; i < nTrain; i++) {
      for (int j = 0; j < 784; j++) {
        data[i * 784 + j] = (float) x[i][j];
      }
    }
    dev.hone.learner.djl.MlpLearner learner = new dev.hone.learner.djl.MlpLearner();
    dev.hone.core.params.ParamSet ps =
        dev.hone.core.params.ParamSet.resolve(
            learner.paramSpecs(),
            java.util.Map.of(
                "epochs", 8L, "width", 128L, "depth", 2L, "patience", 0L, "batch_size", 64L));
    return learner.fit(
        new dev.hone.core.model.FitRequest(
            new dev.hone.core.model.FeatureMatrix(data, nTrain, names),
            java.util.Arrays.copyOf(y, nTrain), null, null,
            dev.hone.core.data.TaskType.MULTICLASS, 10, ps, 1, 2, null));
  }

  private static DataInputStream open(Path p) throws IOException {
    InputStream in = new GZIPInputStream(Files.newInputStream(p), 1 << 16);
    return new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
  }
}
