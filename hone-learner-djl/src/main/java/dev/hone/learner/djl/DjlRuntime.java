package dev.hone.learner.djl;

import ai.djl.engine.Engine;
import dev.hone.core.error.NativeBackendException;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one place that loads DJL's PyTorch engine. Loading is offline: {@code ai.djl.offline=true}
 * is set (unless the user set the property) before any DJL class is initialised, so DJL never
 * opens a network connection (no library download, no telemetry probe) and libtorch comes from the
 * {@code pytorch-native-cpu} jar on the class path, extracted to {@code DJL_CACHE_DIR} (default
 * {@code ~/.djl.ai}).
 *
 * <p>PyTorch's random generator is process-global, so every seeded section (parameter
 * initialisation, dropout masks, the whole training loop) runs under {@link #TRAINING_LOCK}: fits
 * in one JVM are serialised, which makes the same seed give the same model whatever else runs.
 */
final class DjlRuntime {
  /** Name of the system property that keeps DJL off the network. */
  static final String OFFLINE_PROPERTY = "ai.djl.offline";

  static final String ENGINE = "PyTorch";

  static final ReentrantLock TRAINING_LOCK = new ReentrantLock();

  private static volatile Engine engine;

  private DjlRuntime() {}

  /** Sets {@code ai.djl.offline=true} unless already set; call before touching any DJL class. */
  static void forceOffline() {
    if (System.getProperty(OFFLINE_PROPERTY) == null) {
      System.setProperty(OFFLINE_PROPERTY, "true");
    }
  }

  /**
   * The PyTorch engine, loaded once.
   *
   * @throws NativeBackendException when libtorch cannot be loaded (for example the {@code
   *     pytorch-native-cpu} jar is missing from the class path)
   */
  static Engine engine() {
    Engine e = engine;
    if (e == null) {
      synchronized (DjlRuntime.class) {
        if (engine == null) {
          forceOffline();
          try {
            engine = Engine.getEngine(ENGINE);
          } catch (RuntimeException | LinkageError ex) {
            throw new NativeBackendException(
                "cannot load DJL's PyTorch engine offline: put ai.djl.pytorch:pytorch-native-cpu "
                    + "(classifier linux-x86_64) and pytorch-jni on the class path and do not set "
                    + "PYTORCH_VERSION; cause: " + ex.getMessage(), ex);
          }
        }
        e = engine;
      }
    }
    return e;
  }

  /** Engine versions for provenance. */
  static Map<String, String> versions() {
    Engine e = engine();
    return Map.of("djl", Engine.getDjlVersion(), "pytorch", e.getVersion());
  }
}
