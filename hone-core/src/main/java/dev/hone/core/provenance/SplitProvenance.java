package dev.hone.core.provenance;

/**
 * How the rows were split.
 *
 * @param method e.g. {@code stratified-holdout} or {@code given-test-file}
 * @param seed split seed
 * @param trainRows rows in the training split
 * @param validationRows rows in the validation split
 * @param testRows rows in the test split
 * @param duplicatesAcrossTrainTest test rows that exactly equal some training row
 * @param duplicatesDropped whether those rows were dropped from the test split
 */
public record SplitProvenance(
    String method,
    long seed,
    int trainRows,
    int validationRows,
    int testRows,
    int duplicatesAcrossTrainTest,
    boolean duplicatesDropped) {}
