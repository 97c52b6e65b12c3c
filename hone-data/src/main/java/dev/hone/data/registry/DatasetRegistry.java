package dev.hone.data.registry;

import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.HoneException;
import dev.hone.core.error.UserInputException;
import dev.hone.data.FileHashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named public datasets, found on this machine or downloaded, and always verified.
 *
 * <p><b>Resolution</b> of each file of a dataset, in this order:
 *
 * <ol>
 *   <li>the user cache {@code <cacheRoot>/<name>/}, by default {@code
 *       ${user.home}/.cache/hone/datasets/<name>/}: a file there under its mirror name or its
 *       download name is used when its SHA-256 matches the hash pinned for that form;
 *   <li>the mirror {@code <mirrorRoot>/<mirrorFolder>/<mirrorName>}: by default the folder named by
 *       the environment variable {@value #MIRROR_ENV}, or, when that is unset, {@code
 *       ../shared/datasets} relative to the working directory if it exists. Mirror files are used
 *       in place, never copied;
 *   <li>a download from the file's original public address (HTTP(S), redirects followed) into the
 *       cache. The bytes go to a temporary file in the cache folder, are verified, and only then
 *       renamed (atomically where the file system allows) to their final name, so an interrupted
 *       or corrupt download never leaves a file that a later run would trust.
 * </ol>
 *
 * <p>Every file is verified against its pinned SHA-256 every time it is resolved. A cached or
 * mirror file that does not match is an error ({@link DataValidationException}), never silently
 * used or replaced. An unknown dataset name is a {@link UserInputException} listing the known
 * names. Thread safety: instances are immutable; concurrent downloads of one file by several
 * processes each write their own temporary file and the last rename wins with identical bytes.
 */
public final class DatasetRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetRegistry.class);

  /** Environment variable naming the mirror folder. */
  public static final String MIRROR_ENV = "HONE_DATA_MIRROR";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private final Path cacheRoot;
  private final Path mirrorRoot;
  private final Map<String, DatasetDescriptor> descriptors;
  private final boolean allowDownload;
  private final Duration timeout;

  /**
   * @param cacheRoot the cache folder; dataset {@code NAME} is cached in {@code cacheRoot/NAME}
   * @param mirrorRootOrNull the mirror folder, or {@code null} for none
   * @param descriptors the datasets to offer; names must be unique
   * @param allowDownload whether files may be downloaded when neither cached nor mirrored
   * @param timeout limit for each whole download (connecting is limited to 30 s, or less when
   *     this is shorter)
   * @throws IllegalArgumentException on duplicate names
   */
  public DatasetRegistry(
      Path cacheRoot,
      Path mirrorRootOrNull,
      List<DatasetDescriptor> descriptors,
      boolean allowDownload,
      Duration timeout) {
    this.cacheRoot = cacheRoot.toAbsolutePath();
    this.mirrorRoot = mirrorRootOrNull == null ? null : mirrorRootOrNull.toAbsolutePath();
    this.descriptors = new LinkedHashMap<>();
    for (DatasetDescriptor d : descriptors) {
      if (this.descriptors.put(d.name(), d) != null) {
        throw new IllegalArgumentException("dataset " + d.name() + " registered twice");
      }
    }
    this.allowDownload = allowDownload;
    this.timeout = timeout;
  }

  /**
   * The built-in datasets with the default cache ({@link #defaultCacheRoot()}), the default mirror
   * ({@link #defaultMirrorRoot()}), downloads allowed and a 10-minute timeout.
   */
  public static DatasetRegistry standard() {
    return new DatasetRegistry(
        defaultCacheRoot(), defaultMirrorRoot(), BuiltInDatasets.all(), true,
        Duration.ofMinutes(10));
  }

  /** The built-in dataset descriptors, in registry order. */
  public static List<DatasetDescriptor> builtIn() {
    return BuiltInDatasets.all();
  }

  /** {@code ${user.home}/.cache/hone/datasets}. */
  public static Path defaultCacheRoot() {
    return Path.of(System.getProperty("user.home"), ".cache", "hone", "datasets");
  }

  /**
   * The folder named by {@value #MIRROR_ENV} when set and non-blank; otherwise {@code
   * ../shared/datasets} relative to the working directory when that folder exists; otherwise
   * {@code null}.
   */
  public static Path defaultMirrorRoot() {
    return mirrorRootFrom(System.getenv(MIRROR_ENV), Path.of("").toAbsolutePath());
  }

  static Path mirrorRootFrom(String env, Path workingDir) {
    if (env != null && !env.isBlank()) {
      return Path.of(env.trim());
    }
    Path shared = workingDir.resolve("../shared/datasets").normalize();
    return Files.isDirectory(shared) ? shared : null;
  }

  /** Names of the registered datasets, in registry order. */
  public List<String> names() {
    return List.copyOf(descriptors.keySet());
  }

  public Path cacheRoot() {
    return cacheRoot;
  }

  /** The mirror folder, or {@code null} when there is none. */
  public Path mirrorRoot() {
    return mirrorRoot;
  }

  /**
   * The descriptor of a registered dataset.
   *
   * @throws UserInputException if no dataset has that name; the message lists the known names
   */
  public DatasetDescriptor descriptor(String name) {
    DatasetDescriptor d = descriptors.get(name);
    if (d == null) {
      throw new UserInputException(
          "unknown dataset '" + name + "'. Known datasets: " + String.join(", ", names())
              + ". Or give the path of a CSV file instead");
    }
    return d;
  }

  /**
   * Finds (or downloads) and verifies every file of a dataset.
   *
   * @param name a registered name
   * @return the verified files and the dataset's reading and learning setup
   * @throws UserInputException if the name is unknown, or a file is neither cached nor mirrored
   *     and cannot be downloaded (no address, downloads disabled, network failure)
   * @throws DataValidationException if a cached, mirrored or downloaded file does not match its
   *     pinned SHA-256
   */
  public ResolvedDataset resolve(String name) {
    DatasetDescriptor d = descriptor(name);
    ResolvedFile train = resolveFile(d, d.train().file());
    ResolvedFile test = d.test() == null ? null : resolveFile(d, d.test().file());
    ResolvedFile target = d.trainTarget() == null ? null : resolveFile(d, d.trainTarget().file());
    return new ResolvedDataset(d, train, test, target);
  }

  ResolvedFile resolveFile(DatasetDescriptor d, DatasetFile f) {
    Path dir = cacheRoot.resolve(d.name());
    Set<String> accepted = new LinkedHashSet<>();
    accepted.add(f.mirrorSha256());
    if (f.downloadSha256() != null) {
      accepted.add(f.downloadSha256());
    }
    for (String fileName : new LinkedHashSet<>(List.of(f.mirrorName(), f.downloadName()))) {
      Path p = dir.resolve(fileName);
      if (Files.isRegularFile(p)) {
        String sha = FileHashes.sha256(p);
        if (!accepted.contains(sha)) {
          throw new DataValidationException(
              "cached file " + p + " of dataset " + d.name() + " has SHA-256 " + sha
                  + " but " + String.join(" or ", accepted) + " was expected. It is damaged or"
                  + " not the published file: delete it, and it is fetched again on the next"
                  + " run");
        }
        LOG.debug("dataset {}: {} from cache", d.name(), p);
        return new ResolvedFile(p, sha, ResolvedFile.Origin.CACHE);
      }
    }
    Path mirrored = mirrorRoot == null ? null
        : mirrorRoot.resolve(d.mirrorFolder()).resolve(f.mirrorName());
    if (mirrored != null && Files.isRegularFile(mirrored)) {
      String sha = FileHashes.sha256(mirrored);
      if (!sha.equals(f.mirrorSha256())) {
        throw new DataValidationException(
            "mirror file " + mirrored + " of dataset " + d.name() + " has SHA-256 " + sha
                + " but " + f.mirrorSha256() + " is pinned. The mirror holds a damaged or"
                + " different file: restore it, or point " + MIRROR_ENV + " at a good mirror");
      }
      LOG.debug("dataset {}: {} from mirror", d.name(), mirrored);
      return new ResolvedFile(mirrored, sha, ResolvedFile.Origin.MIRROR);
    }
    String where =
        "neither in the cache (" + dir + ")"
            + (mirrorRoot == null
                ? " nor in a mirror (" + MIRROR_ENV + " is not set)"
                : " nor in the mirror (" + mirrorRoot.resolve(d.mirrorFolder()) + ")");
    if (!f.downloadable()) {
      throw new UserInputException(
          "file " + f.mirrorName() + " of dataset " + d.name() + " is " + where
              + ", and it has no public download address. Copy it to " + dir.resolve(f.mirrorName())
              + " or set " + MIRROR_ENV + " to a folder holding " + d.mirrorFolder() + "/"
              + f.mirrorName());
    }
    if (!allowDownload) {
      throw new UserInputException(
          "file " + f.mirrorName() + " of dataset " + d.name() + " is " + where
              + ", and downloads are disabled. Allow downloads, copy " + f.url() + " to "
              + dir.resolve(f.downloadName()) + ", or set " + MIRROR_ENV);
    }
    return download(d, f, dir);
  }

  private ResolvedFile download(DatasetDescriptor d, DatasetFile f, Path dir) {
    Path target = dir.resolve(f.downloadName());
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + f.downloadName() + ".", ".part");
      LOG.info("dataset {}: downloading {}", d.name(), f.url());
      Duration connect = timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
      HttpClient client =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NORMAL)
              .connectTimeout(connect)
              .build();
      HttpRequest request =
          HttpRequest.newBuilder(f.url()).timeout(timeout).header("User-Agent", "hone").GET()
              .build();
      HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(tmp));
      if (response.statusCode() != 200) {
        throw new UserInputException(
            "downloading " + f.url() + " for dataset " + d.name() + " failed with HTTP status "
                + response.statusCode() + ". Try again later, or copy the file to " + target
                + " or set " + MIRROR_ENV);
      }
      String sha = FileHashes.sha256(tmp);
      if (!sha.equals(f.downloadSha256())) {
        throw new DataValidationException(
            "the file downloaded from " + f.url() + " for dataset " + d.name() + " has SHA-256 "
                + sha + " but " + f.downloadSha256() + " is pinned, so it was not used or"
                + " cached. The address now serves different bytes; use a mirror ("
                + MIRROR_ENV + ") holding the published file");
      }
      moveIntoPlace(tmp, target);
      tmp = null;
      return new ResolvedFile(target, sha, ResolvedFile.Origin.DOWNLOAD);
    } catch (IOException | UncheckedIOException e) {
      throw new UserInputException(
          "could not download " + f.url() + " for dataset " + d.name() + " into " + dir + ": "
              + e + ". Check the network connection, or copy the file to " + target
              + " or set " + MIRROR_ENV,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HoneException("download of " + f.url() + " was interrupted", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          LOG.warn("could not delete temporary file {}: {}", tmp, e.toString());
        }
      }
    }
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A one-line summary per dataset: name, task, target and description, for help texts. */
  public List<String> summaries() {
    List<String> out = new ArrayList<>();
    for (DatasetDescriptor d : descriptors.values()) {
      out.add(d.name() + " (" + d.task().name().toLowerCase(java.util.Locale.ROOT) + ", target "
          + d.target() + "): " + d.description());
    }
    return out;
  }
}
