package dev.hone.data.registry;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a registered dataset, with the SHA-256 it must have wherever it comes from.
 *
 * <p>The mirror may hold a different encoding of the file than its public address serves (files
 * over 2 MB are gzipped in the mirror), so both forms are pinned. A cached copy is accepted under
 * either name when it matches the hash pinned for that name.
 *
 * @param mirrorName file name inside the dataset's mirror folder, e.g. {@code adult.data.gz}
 * @param mirrorSha256 SHA-256 (lower-case hex) of the file as the mirror holds it
 * @param url the original public address, or {@code null} when the file cannot be downloaded
 *     (for instance a file derived locally from a public one)
 * @param downloadName file name under which a download is cached, e.g. {@code adult.data}
 * @param downloadSha256 SHA-256 of the bytes served at {@code url}; {@code null} iff {@code url}
 *     is
 */
public record DatasetFile(
    String mirrorName, String mirrorSha256, URI url, String downloadName, String downloadSha256) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  public DatasetFile {
    Objects.requireNonNull(mirrorName, "mirrorName");
    checkName(mirrorName);
    checkSha(mirrorSha256);
    if (url == null) {
      if (downloadSha256 != null) {
        throw new IllegalArgumentException("downloadSha256 given without a url");
      }
      downloadName = downloadName == null ? mirrorName : downloadName;
    } else {
      Objects.requireNonNull(downloadName, "downloadName");
      checkSha(downloadSha256);
      String scheme = url.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme)) {
        throw new IllegalArgumentException("url must be http(s): " + url);
      }
    }
    checkName(downloadName);
  }

  /** A file whose mirror copy and public download are the same bytes. */
  public static DatasetFile same(String name, String sha256, String url) {
    return new DatasetFile(name, sha256, URI.create(url), name, sha256);
  }

  /** A file only available from the mirror or a cache. */
  public static DatasetFile mirrorOnly(String name, String sha256) {
    return new DatasetFile(name, sha256, null, name, null);
  }

  /** Whether the file has a public address. */
  public boolean downloadable() {
    return url != null;
  }

  private static void checkSha(String sha) {
    if (sha == null || !SHA256.matcher(sha).matches()) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha);
    }
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches() || name.startsWith(".")) {
      throw new IllegalArgumentException("not a plain file name: " + name);
    }
  }
}
