package dev.hone.core.provenance;

import java.util.Map;
import java.util.TreeMap;

/**
 * The machine and libraries a model was produced with.
 *
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param os {@code os.name os.version}
 * @param arch {@code os.arch}
 * @param processors available processors
 * @param libraries library name to version (engines and Hone itself)
 */
public record EnvironmentInfo(
    String javaVersion,
    String javaVendor,
    String os,
    String arch,
    int processors,
    Map<String, String> libraries) {
  public EnvironmentInfo {
    libraries = Map.copyOf(libraries);
  }

  /** The current JVM and OS, with the given library versions. */
  public static EnvironmentInfo current(Map<String, String> libraries) {
    return new EnvironmentInfo(
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        new TreeMap<>(libraries));
  }
}
