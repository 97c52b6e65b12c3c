package dev.hone.learner.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.NativeBackendException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A native library that cannot be loaded must surface as {@link NativeBackendException} with an
 * actionable message. A JVM loads XGBoost's library at most once, so the failure is provoked in a
 * child JVM: XGBoost4J's system property {@code xgboostruntime.native.xgboost4j} is pointed at a
 * file in the jar that is not a shared library, which makes {@code System.load} fail with an
 * {@link UnsatisfiedLinkError}, as a missing {@code libgomp.so.1} does.
 */
class NativeLoadFailureTest {

  /** Entry point of the child JVM: fits twice, prints each failure, exits 0 only if both fail. */
  public static void main(String[] args) {
    int failures = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        TestData.Split s = TestData.problem(TaskType.BINARY, 20, 10, 3, 0.1, 0.0, 1);
        new XGBoostLearner().fit(TestData.requestNoValidation(s, Map.of("n_estimators", 2), 1));
        System.out.println("NO FAILURE");
      } catch (NativeBackendException e) {
        failures++;
        System.out.println("MESSAGE: " + e.getMessage());
      }
    }
    System.exit(failures == 2 ? 0 : 3);
  }

  @Test
  void unloadableLibraryGivesAnActionableMessage(@TempDir Path tmp) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java.toString(),
                "-Dxgboostruntime.native.xgboost4j=/META-INF/MANIFEST.MF",
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                NativeLoadFailureTest.class.getName()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    List<String> messages =
        text.lines().filter(l -> l.startsWith("MESSAGE: ")).toList();
    assertEquals(2, messages.size(), text);
    assertEquals(messages.get(0), messages.get(1), "the cached failure must repeat the cause");
    String m = messages.get(0);
    assertTrue(m.contains("UnsatisfiedLinkError"), m);
    assertTrue(m.contains("libgomp1"), m);
    assertTrue(m.contains(tmp.toString()), m);
  }

  @Test
  void messageNamesTheRootCauseAndTheFix() {
    String m =
        XGBoostNative.loadFailureMessage(
            new ExceptionInInitializerError(
                new RuntimeException(
                    new UnsatisfiedLinkError("libgomp.so.1: cannot open shared object file"))));
    assertTrue(m.contains("UnsatisfiedLinkError: libgomp.so.1: cannot open shared object file"), m);
    assertTrue(m.contains("apt-get install libgomp1"), m);
    assertTrue(m.contains("java.io.tmpdir"), m);
  }
}
