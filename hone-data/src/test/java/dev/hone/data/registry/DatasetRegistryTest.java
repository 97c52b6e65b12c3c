package dev.hone.data.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hone.core.data.TaskType;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.UserInputException;
import dev.hone.data.FileHashes;
import dev.hone.data.PreparedTable;
import dev.hone.data.csv.CsvOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRegistryTest {
  @TempDir Path tmp;
  private Path cache;
  private Path mirror;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  private static final byte[] BODY =
      "x,y\n1,a\n2,b\n3,a\n4,b\n".getBytes(StandardCharsets.UTF_8);
  private static final String BODY_SHA = sha(BODY);
  private static final String OTHER_SHA = sha("something else".getBytes(StandardCharsets.UTF_8));

  private static String sha(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void start() throws IOException {
    cache = Files.createDirectories(tmp.resolve("cache"));
    mirror = Files.createDirectories(tmp.resolve("mirror"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/data.csv", ex -> {
      requests.incrementAndGet();
      ex.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(BODY);
      }
    });
    server.createContext("/moved.csv", ex -> {
      requests.incrementAndGet();
      ex.getResponseHeaders().add("Location", "/data.csv");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.createContext("/missing.csv", ex -> {
      requests.incrementAndGet();
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    server.createContext("/truncated.csv", ex -> {
      requests.incrementAndGet();
      ex.sendResponseHeaders(200, BODY.length * 10L); // promises more than it sends
      OutputStream out = ex.getResponseBody();
      out.write(BODY);
      out.flush();
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static DatasetDescriptor descriptor(DatasetFile file) {
    return new DatasetDescriptor(
        "toy", "a toy dataset", "nobody (2024)", "CC0", "toy_folder",
        new DataPart(file, CsvOptions.defaults()), null, null, "y", TaskType.BINARY, List.of(),
        List.of());
  }

  private DatasetRegistry registry(DatasetFile file, boolean downloads) {
    return new DatasetRegistry(cache, mirror, List.of(descriptor(file)), downloads,
        Duration.ofSeconds(10));
  }

  private List<Path> cacheFiles() throws IOException {
    Path dir = cache.resolve("toy");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void downloadVerifiesCachesAndIsReusedFromCache() throws IOException {
    DatasetFile f =
        new DatasetFile("data.csv.gz", OTHER_SHA, URI.create(url("/data.csv")), "data.csv",
            BODY_SHA);
    DatasetRegistry r = registry(f, true);
    ResolvedDataset first = r.resolve("toy");
    assertEquals(ResolvedFile.Origin.DOWNLOAD, first.train().origin());
    assertEquals(cache.resolve("toy").resolve("data.csv"), first.train().path());
    assertEquals(BODY_SHA, FileHashes.sha256(first.train().path()));
    assertEquals(List.of(first.train().path()), cacheFiles(), "no temporary files left");
    PreparedTable p = first.prepareTrain();
    assertEquals(4, p.table().rowCount());
    assertEquals(List.of("a", "b"), p.classLabels());

    ResolvedDataset second = r.resolve("toy");
    assertEquals(ResolvedFile.Origin.CACHE, second.train().origin());
    assertEquals(1, requests.get(), "the cached copy is used, nothing downloaded again");
  }

  @Test
  void redirectsAreFollowed() {
    DatasetFile f =
        new DatasetFile("data.csv", BODY_SHA, URI.create(url("/moved.csv")), "data.csv", BODY_SHA);
    ResolvedDataset d = registry(f, true).resolve("toy");
    assertEquals(ResolvedFile.Origin.DOWNLOAD, d.train().origin());
    assertEquals(2, requests.get());
  }

  @Test
  void wrongShaIsAnErrorAndNothingIsCached() throws IOException {
    DatasetFile f =
        new DatasetFile("data.csv", OTHER_SHA, URI.create(url("/data.csv")), "data.csv",
            OTHER_SHA);
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> registry(f, true).resolve("toy"));
    assertTrue(e.getMessage().contains(BODY_SHA) && e.getMessage().contains(OTHER_SHA),
        e.getMessage());
    assertTrue(e.getMessage().contains(url("/data.csv")), e.getMessage());
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void httpErrorAndInterruptedDownloadLeaveNothing() throws IOException {
    DatasetFile missing =
        new DatasetFile("data.csv", BODY_SHA, URI.create(url("/missing.csv")), "data.csv",
            BODY_SHA);
    UserInputException e =
        assertThrows(UserInputException.class, () -> registry(missing, true).resolve("toy"));
    assertTrue(e.getMessage().contains("404"), e.getMessage());
    assertEquals(List.of(), cacheFiles());

    DatasetFile truncated =
        new DatasetFile("data.csv", BODY_SHA, URI.create(url("/truncated.csv")), "data.csv",
            BODY_SHA);
    UserInputException cut =
        assertThrows(UserInputException.class, () -> registry(truncated, true).resolve("toy"));
    assertTrue(cut.getMessage().contains("could not download"), cut.getMessage());
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void unreachableHostIsAUserError() throws IOException {
    int port = server.getAddress().getPort();
    server.stop(0);
    DatasetFile f =
        new DatasetFile("data.csv", BODY_SHA,
            URI.create("http://127.0.0.1:" + port + "/data.csv"), "data.csv", BODY_SHA);
    UserInputException e =
        assertThrows(UserInputException.class, () -> registry(f, true).resolve("toy"));
    assertTrue(e.getMessage().contains("could not download"), e.getMessage());
    assertTrue(e.getMessage().contains(DatasetRegistry.MIRROR_ENV), e.getMessage());
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void mirrorFileIsVerified() throws IOException {
    Path folder = Files.createDirectories(mirror.resolve("toy_folder"));
    Files.write(folder.resolve("data.csv"), BODY);
    DatasetFile good = DatasetFile.mirrorOnly("data.csv", BODY_SHA);
    ResolvedDataset d = registry(good, false).resolve("toy");
    assertEquals(ResolvedFile.Origin.MIRROR, d.train().origin());
    assertEquals(folder.resolve("data.csv"), d.train().path());
    assertEquals(List.of(), cacheFiles(), "mirror files are used in place");

    DatasetFile pinnedOther =
        new DatasetFile("data.csv", OTHER_SHA, URI.create(url("/data.csv")), "data.csv",
            BODY_SHA);
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> registry(pinnedOther, true).resolve("toy"));
    assertTrue(e.getMessage().contains(folder.resolve("data.csv").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("mirror"), e.getMessage());
    assertEquals(0, requests.get(), "a bad mirror file is an error, not a reason to download");
  }

  @Test
  void cacheComesFirstAndIsVerified() throws IOException {
    Path folder = Files.createDirectories(mirror.resolve("toy_folder"));
    Files.write(folder.resolve("data.csv"), BODY);
    Path cached = Files.createDirectories(cache.resolve("toy")).resolve("data.csv");
    Files.write(cached, BODY);
    DatasetFile f = DatasetFile.mirrorOnly("data.csv", BODY_SHA);
    assertEquals(ResolvedFile.Origin.CACHE, registry(f, false).resolve("toy").train().origin());

    Files.writeString(cached, "x,y\n1,a\n2,c\n"); // damaged
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> registry(f, false).resolve("toy"));
    assertTrue(e.getMessage().contains(cached.toString()) && e.getMessage().contains("delete"),
        e.getMessage());
  }

  @Test
  void notAvailableAnywhere() {
    DatasetFile mirrorOnly = DatasetFile.mirrorOnly("data.csv", BODY_SHA);
    UserInputException e =
        assertThrows(UserInputException.class, () -> registry(mirrorOnly, true).resolve("toy"));
    assertTrue(e.getMessage().contains("no public download address"), e.getMessage());
    assertTrue(e.getMessage().contains(cache.resolve("toy").resolve("data.csv").toString()),
        e.getMessage());
    DatasetFile downloadable =
        new DatasetFile("data.csv", BODY_SHA, URI.create(url("/data.csv")), "data.csv", BODY_SHA);
    UserInputException off =
        assertThrows(UserInputException.class, () -> registry(downloadable, false).resolve("toy"));
    assertTrue(off.getMessage().contains("downloads are disabled"), off.getMessage());
    assertEquals(0, requests.get());
  }

  @Test
  void unknownNameListsKnownNames() {
    DatasetRegistry r =
        new DatasetRegistry(cache, null, DatasetRegistry.builtIn(), false, Duration.ofSeconds(1));
    UserInputException e = assertThrows(UserInputException.class, () -> r.resolve("adlut"));
    assertTrue(e.getMessage().contains("'adlut'"), e.getMessage());
    for (String n : List.of("adult", "german_credit", "california_housing", "titanic",
        "credit_default_taiwan", "iris", "wine", "breast_cancer", "digits", "diabetes")) {
      assertTrue(e.getMessage().contains(n), n);
      assertTrue(r.names().contains(n), n);
    }
    assertEquals(r.names().size(), r.summaries().size());
  }

  @Test
  void defaultRoots() throws IOException {
    Path wd = Files.createDirectories(tmp.resolve("ws/main"));
    assertNull(DatasetRegistry.mirrorRootFrom(null, wd));
    Path shared = Files.createDirectories(tmp.resolve("ws/shared/datasets"));
    assertEquals(shared, DatasetRegistry.mirrorRootFrom(null, wd));
    assertEquals(shared, DatasetRegistry.mirrorRootFrom("  ", wd));
    assertEquals(Path.of("/elsewhere"), DatasetRegistry.mirrorRootFrom("/elsewhere", wd));

    String home = System.getProperty("user.home");
    try {
      System.setProperty("user.home", tmp.toString());
      assertEquals(tmp.resolve(".cache/hone/datasets"), DatasetRegistry.defaultCacheRoot());
    } finally {
      System.setProperty("user.home", home);
    }
  }

  @Test
  void separateTargetFileIsJoined() throws IOException {
    Path folder = Files.createDirectories(mirror.resolve("toy_folder"));
    byte[] data = "1 2\n3 4\n5 6\n".getBytes(StandardCharsets.UTF_8);
    byte[] target = "1.5e+01\n2.0e+01\n3.1e+01\n".getBytes(StandardCharsets.UTF_8);
    byte[] shortTarget = "1\n2\n".getBytes(StandardCharsets.UTF_8);
    Files.write(folder.resolve("x.txt"), data);
    Files.write(folder.resolve("y.txt"), target);
    Files.write(folder.resolve("y2.txt"), shortTarget);
    CsvOptions space = CsvOptions.defaults().withHeader(false).withDelimiter(' ');
    CsvOptions one = CsvOptions.defaults().withHeader(false);
    DatasetDescriptor d = new DatasetDescriptor(
        "joined", "d", "c", "l", "toy_folder",
        new DataPart(DatasetFile.mirrorOnly("x.txt", sha(data)), space), null,
        new DataPart(DatasetFile.mirrorOnly("y.txt", sha(target)), one),
        "progression", TaskType.REGRESSION, List.of(), List.of());
    DatasetRegistry r =
        new DatasetRegistry(cache, mirror, List.of(d), false, Duration.ofSeconds(1));
    Table t = r.resolve("joined").readTrain();
    assertEquals(List.of("column_1", "column_2", "progression"), t.columnNames());
    assertEquals(31.0, ((dev.hone.core.data.NumericColumn) t.column("progression")).get(2));
    assertFalse(r.resolve("joined").readTest().isPresent());

    DatasetDescriptor bad = new DatasetDescriptor(
        "bad", "d", "c", "l", "toy_folder",
        new DataPart(DatasetFile.mirrorOnly("x.txt", sha(data)), space), null,
        new DataPart(DatasetFile.mirrorOnly("y2.txt", sha(shortTarget)), one),
        "progression", TaskType.REGRESSION, List.of(), List.of());
    DatasetRegistry rb =
        new DatasetRegistry(cache, mirror, List.of(bad), false, Duration.ofSeconds(1));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> rb.resolve("bad").readTrain());
    assertTrue(e.getMessage().contains("y2.txt") && e.getMessage().contains("2 rows"),
        e.getMessage());
  }
}
