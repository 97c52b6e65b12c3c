package dev.hone.core.provenance;

/**
 * Where training data came from.
 *
 * @param source file path or {@code dataset:NAME}
 * @param sha256 hex SHA-256 of the file's bytes as read (compressed bytes for {@code .gz})
 * @param rows data rows read
 * @param columns columns read
 */
public record DataProvenance(String source, String sha256, int rows, int columns) {}
