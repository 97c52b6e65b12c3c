package dev.hone.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The one-hot block of one categorical input inside a design matrix: columns {@code [firstColumn,
 * firstColumn + width)} are the indicator columns of {@code input}'s levels (Hone's preprocessing
 * also puts the {@code input=__other__} column inside the block). A row has at most one 1 in the
 * block; all zeros means a level mapped to no column (never seen in training and no {@code
 * __other__} column); {@code NaN} in the block's columns means a missing value.
 *
 * <p>Learners that treat categorical inputs specially (the {@code mlp} learner's embeddings) read
 * the blocks from {@link FitRequest#categoricalBlocks()}; the blocks are stated explicitly by
 * whoever built the matrix, never guessed from column names.
 *
 * @param input name of the categorical input column
 * @param firstColumn 0-based index of the block's first column, {@code >= 0}
 * @param width number of columns in the block, {@code >= 1}
 */
public record CategoricalBlock(String input, int firstColumn, int width) {
  /**
   * @throws IllegalArgumentException when {@code input} is blank, {@code firstColumn < 0} or
   *     {@code width < 1}
   */
  public CategoricalBlock {
    Objects.requireNonNull(input, "input");
    if (input.isBlank()) {
      throw new IllegalArgumentException("categorical block: the input column name is blank");
    }
    if (firstColumn < 0) {
      throw new IllegalArgumentException(
          "categorical block '" + input + "': firstColumn " + firstColumn + " must be >= 0");
    }
    if (width < 1) {
      throw new IllegalArgumentException(
          "categorical block '" + input + "': width " + width + " must be >= 1");
    }
  }

  /** One past the block's last column: {@code firstColumn + width}. */
  public int endColumn() {
    return firstColumn + width;
  }

  /**
   * Checks that {@code blocks} fit a matrix of {@code nCols} columns: every block ends at or before
   * {@code nCols}, no two blocks share a column and no two have the same input name; returns them
   * sorted by {@link #firstColumn()} as an immutable list ({@code null} gives the empty list).
   *
   * @throws IllegalArgumentException naming the offending block when a check fails
   */
  public static List<CategoricalBlock> validate(List<CategoricalBlock> blocks, int nCols) {
    if (blocks == null || blocks.isEmpty()) {
      return List.of();
    }
    List<CategoricalBlock> sorted = new ArrayList<>(blocks.size());
    for (CategoricalBlock b : blocks) {
      sorted.add(Objects.requireNonNull(b, "categorical block"));
    }
    sorted.sort(Comparator.comparingInt(CategoricalBlock::firstColumn));
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < sorted.size(); i++) {
      CategoricalBlock b = sorted.get(i);
      if (b.endColumn() > nCols) {
        throw new IllegalArgumentException(
            "categorical block '" + b.input() + "' covers columns [" + b.firstColumn() + ", "
                + b.endColumn() + ") but the matrix has only " + nCols
                + " columns: build the blocks from the preprocessing that made this matrix");
      }
      if (i > 0 && sorted.get(i - 1).endColumn() > b.firstColumn()) {
        CategoricalBlock a = sorted.get(i - 1);
        throw new IllegalArgumentException(
            "categorical blocks '" + a.input() + "' [" + a.firstColumn() + ", " + a.endColumn()
                + ") and '" + b.input() + "' [" + b.firstColumn() + ", " + b.endColumn()
                + ") overlap: each column belongs to at most one block");
      }
      if (!names.add(b.input())) {
        throw new IllegalArgumentException(
            "two categorical blocks are named '" + b.input() + "': give each input one block");
      }
    }
    return List.copyOf(sorted);
  }
}
