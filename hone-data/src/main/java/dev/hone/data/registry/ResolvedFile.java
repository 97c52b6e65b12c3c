package dev.hone.data.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A dataset file found on this machine and verified against its pinned hash.
 *
 * @param path where it is
 * @param sha256 its verified SHA-256 (of the bytes as stored, compressed or not)
 * @param origin where it was found
 */
public record ResolvedFile(Path path, String sha256, Origin origin) {
  /** Where a dataset file was found. */
  public enum Origin {
    /** The user cache, {@code ~/.cache/hone/datasets/NAME/}. */
    CACHE,
    /** The read-only mirror folder ({@code HONE_DATA_MIRROR}). */
    MIRROR,
    /** Downloaded from its public address just now, then stored in the cache. */
    DOWNLOAD
  }

  public ResolvedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(origin, "origin");
  }
}
