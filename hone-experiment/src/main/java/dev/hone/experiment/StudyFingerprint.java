package dev.hone.experiment;

import dev.hone.core.error.UserInputException;
import dev.hone.search.study.Study;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Binds a study to the data and settings it was created with, so that resuming a study with other
 * data, target, split, seed, objective or sampler is refused instead of silently mixing trials
 * that are not comparable.
 */
final class StudyFingerprint {
  static final String PREFIX = "hone.";

  /** Keys recorded only when the setting is used (so studies made before it still resume). */
  private static final java.util.List<String> OPTIONAL = java.util.List.of("fidelity", "pruner");

  private StudyFingerprint() {}

  static Map<String, String> of(
      LoadedData data, TrainConfig cfg, String objective, String learner, String sampler,
      Splits splits) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("data_sha256", data.trainProvenance().sha256());
    m.put("test_data_sha256", data.testProvenance() == null ? "" : data.testProvenance().sha256());
    m.put("target", data.train().target());
    m.put("task", data.train().task().name());
    m.put("seed", Long.toString(cfg.seed()));
    m.put("objective", objective);
    m.put("learner", learner);
    m.put("sampler", sampler);
    if (cfg.fidelity() != null) {
      String fid = cfg.fidelity().trim().toLowerCase(java.util.Locale.ROOT);
      m.put("fidelity", fid.equals("auto-fresh") ? "auto" : fid); // same study either way
    }
    if (!"none".equals(cfg.pruner())) {
      m.put("pruner", cfg.pruner());
    }
    m.put("split", splits.method() + " " + splits.train().rowCount() + "/"
        + splits.validation().rowCount() + "/" + splits.test().rowCount());
    if (cfg.fairness().active()) {
      m.put("fairness", cfg.fairness().fingerprint());
    }
    return m;
  }

  /**
   * Compares the fingerprint with a stored study's attributes before the study is loaded, so that
   * a mismatch is reported by its cause (data, target, seed ...) rather than by a consequence such
   * as the optimisation direction.
   *
   * @throws UserInputException naming the first differing setting
   */
  static void checkExisting(
      dev.hone.search.store.StudyStore store, String name, String storage, Map<String, String> fp) {
    store.findStudy(name).ifPresent(info -> compare(name, info.userAttributes(), storage, fp));
  }

  /**
   * Stores the fingerprint on a new study; on an existing one compares it.
   *
   * @throws UserInputException naming the first differing setting
   */
  static void bindOrCheck(Study study, String storage, Map<String, String> fp) {
    Map<String, String> attrs = study.userAttributes();
    boolean fresh = attrs.keySet().stream().noneMatch(k -> k.startsWith(PREFIX));
    if (fresh) {
      fp.forEach((k, v) -> study.setUserAttribute(PREFIX + k, v));
      return;
    }
    compare(study.name(), attrs, storage, fp);
  }

  private static void compare(
      String name, Map<String, String> attrs, String storage, Map<String, String> fp) {
    if (attrs.keySet().stream().noneMatch(k -> k.startsWith(PREFIX))) {
      return;
    }
    // settings recorded only when set: a run without one must not resume a study made with it
    for (String k : OPTIONAL) {
      if (attrs.containsKey(PREFIX + k) && !fp.containsKey(k)) {
        throw new UserInputException(
            "study '" + name + "' in " + storage + " was created with " + k + " = "
                + attrs.get(PREFIX + k) + ", but this run has none; its trials are not comparable."
                + " Use another --study name (or --out), or repeat the original settings to resume"
                + " it.");
      }
    }
    for (Map.Entry<String, String> e : fp.entrySet()) {
      String stored = attrs.get(PREFIX + e.getKey());
      if (!Objects.equals(stored, e.getValue())) {
        throw new UserInputException(
            "study '" + name + "' in " + storage + " was created with " + e.getKey()
                + " = " + stored + ", but this run has " + e.getKey() + " = " + e.getValue()
                + "; its trials are not comparable. Use another --study name (or --out), or "
                + "repeat the original settings to resume it.");
      }
    }
  }
}
