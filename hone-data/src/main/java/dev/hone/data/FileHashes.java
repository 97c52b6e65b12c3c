package dev.hone.data;

import dev.hone.core.error.DataValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes of files, for provenance records and for verifying downloaded datasets. */
public final class FileHashes {
  private FileHashes() {}

  /**
   * The SHA-256 (FIPS 180-4) of a file's bytes exactly as stored: for a gzip file this is the hash
   * of the compressed bytes, not of its content.
   *
   * @param file a regular file
   * @return 64 lower-case hexadecimal characters
   * @throws DataValidationException if the file does not exist
   * @throws UncheckedIOException if it cannot be read
   */
  public static String sha256(Path file) {
    MessageDigest md = newDigest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    } catch (NoSuchFileException e) {
      throw new DataValidationException(
          "file " + file + " does not exist: check the path", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " to hash it", e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
