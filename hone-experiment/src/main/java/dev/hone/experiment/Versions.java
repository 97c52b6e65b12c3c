package dev.hone.experiment;

import dev.hone.core.model.Learner;
import java.util.Map;
import java.util.TreeMap;

/** Versions recorded in provenance. */
final class Versions {
  private Versions() {}

  static String hone() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  static Map<String, String> libraries(Learner learner) {
    Map<String, String> m = new TreeMap<>(learner.engineVersions());
    m.put("hone", hone());
    return m;
  }
}
