package dev.hone.learner.xgboost;

import dev.hone.core.error.NativeBackendException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The one place that touches XGBoost4J's native loading, version metadata and error conversion.
 * Stateless apart from the cached outcome of the first load attempt; thread-safe.
 */
final class XGBoostNative {
  /** Maven coordinates of the engine jar, as in its {@code pom.properties}. */
  static final String POM_PROPERTIES = "/META-INF/maven/ml.dmlc/xgboost4j_2.12/pom.properties";

  private static final String JNI_CLASS = "ml.dmlc.xgboost4j.java.XGBoostJNI";
  private static final Pattern BAD_NAME_CHARS = Pattern.compile("[\\[\\]<]");

  private static volatile Throwable loadFailure;
  private static volatile boolean loaded;

  private XGBoostNative() {}

  /**
   * Loads the native library (once per JVM) or reports why it cannot be loaded.
   *
   * @throws NativeBackendException with an actionable message when loading fails
   */
  static void ensureLoaded() {
    if (loaded) {
      return;
    }
    synchronized (XGBoostNative.class) {
      if (loaded) {
        return;
      }
      if (loadFailure == null) {
        try {
          Class.forName(JNI_CLASS, true, XGBoost.class.getClassLoader());
          loaded = true;
          return;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
          loadFailure = e;
        }
      }
      throw new NativeBackendException(loadFailureMessage(loadFailure), loadFailure);
    }
  }

  /** The message for a failed native load: the root cause and what to do about it. */
  static String loadFailureMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String tmp = System.getProperty("java.io.tmpdir");
    return "XGBoost's native library could not be loaded ("
        + root.getClass().getSimpleName()
        + ": "
        + root.getMessage()
        + "). XGBoost4J extracts libxgboost4j.so from its jar into java.io.tmpdir ("
        + tmp
        + "), which must be writable and not mounted noexec (otherwise start the JVM with"
        + " -Djava.io.tmpdir=DIR). The library needs the OpenMP runtime libgomp.so.1 (Debian/Ubuntu:"
        + " apt-get install libgomp1), libstdc++ and glibc 2.14 or newer, on x86_64 or aarch64.";
  }

  /**
   * The version of the XGBoost4J jar on the class path, read from the jar's Maven metadata.
   *
   * @return e.g. {@code 3.4.0}, or {@code unknown} when the metadata is missing
   */
  static String xgboost4jVersion() {
    try (InputStream in = XGBoost.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank()) {
          return v.trim();
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    Package pkg = XGBoost.class.getPackage();
    String v = pkg == null ? null : pkg.getImplementationVersion();
    return v == null ? "unknown" : v;
  }

  /** Wraps an engine error with what Hone was doing when it happened. */
  static NativeBackendException wrap(String doing, XGBoostError e) {
    return new NativeBackendException("XGBoost failed while " + doing + ": " + e.getMessage(), e);
  }

  /**
   * Whether XGBoost's text model dumps and its Python package accept {@code names} as feature
   * names: non-empty, unique and free of {@code [}, {@code ]} and {@code <}, which its dump format
   * uses as delimiters.
   */
  static boolean namesUsableByEngine(List<String> names) {
    if (names.isEmpty()) {
      return false;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String n : names) {
      if (n == null || n.isEmpty() || BAD_NAME_CHARS.matcher(n).find() || !seen.add(n)) {
        return false;
      }
    }
    return true;
  }

  /** Frees a matrix if it was created; never throws. */
  static void dispose(DMatrix m) {
    if (m != null) {
      m.dispose();
    }
  }
}
