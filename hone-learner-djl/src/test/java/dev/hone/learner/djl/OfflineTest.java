package dev.hone.learner.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * DJL never reaches the network: with {@code ai.djl.offline=true} (set by the learners) every
 * download path of DJL fails fast, so an engine that loads and trains (the other tests) was loaded
 * from the class path; and the libtorch it reports is the one bundled in the native jar.
 */
class OfflineTest {
  @Test
  void downloadsAreRefusedAndLibtorchComesFromTheClassPath() throws IOException {
    new CnnLearner(); // its static initialiser sets the property
    assertEquals("true", System.getProperty(DjlRuntime.OFFLINE_PROPERTY));
    assertTrue(Utils.isOfflineMode());
    IOException e =
        assertThrows(IOException.class, () -> Utils.openUrl("https://publish.djl.ai/pytorch/"));
    assertTrue(e.getMessage().toLowerCase().contains("offline"), e.getMessage());

    URL props = getClass().getClassLoader().getResource("native/lib/pytorch.properties");
    assertNotNull(props, "pytorch-native-cpu must be on the class path");
    assertTrue(props.toString().startsWith("jar:file:")
        && props.toString().contains("pytorch-native-cpu-2.7.1-linux-x86_64.jar"), props.toString());
    Properties p = new Properties();
    try (InputStream in = props.openStream()) {
      p.load(in);
    }
    assertTrue(p.getProperty("version").startsWith(DjlRuntime.engine().getVersion()),
        p + " vs engine " + DjlRuntime.engine().getVersion());
    assertEquals("cpu", p.getProperty("flavor"));
  }
}
