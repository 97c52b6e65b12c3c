package dev.hone.data.csv;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates one column while the file streams past and decides its type on the fly.
 *
 * <p>A column starts as "numeric so far" and keeps the raw text of its non-missing values until it
 * has seen {@code window} of them. If one of those is not a number it turns categorical, re-coding
 * the kept text; if all are numbers the type is settled as numeric and the kept text is released,
 * so memory stays bounded. A non-number after that point is reported to the caller.
 */
final class ColumnBuilder {
  private enum State {
    PENDING,
    NUMERIC,
    CATEGORICAL
  }

  final String name;
  private final int window;
  private State state;
  private int size;

  private double[] numbers = new double[1024];
  private List<String> pendingText = new ArrayList<>();
  private int[] pendingRows = new int[64];

  private int[] codes;
  private Map<String, Integer> levelIndex;
  private List<String> levels;

  ColumnBuilder(String name, int window, boolean forcedCategorical) {
    this.name = name;
    this.window = window;
    if (forcedCategorical) {
      toCategorical();
    } else {
      state = State.PENDING;
    }
  }

  /**
   * Appends one trimmed value; {@code null} means missing.
   *
   * @return {@code true} when accepted; {@code false} when the column is settled as numeric and
   *     {@code value} is not a number (nothing is appended then)
   */
  boolean add(String value) {
    switch (state) {
      case CATEGORICAL -> {
        ensureCodes();
        codes[size++] = value == null ? -1 : code(value);
        return true;
      }
      case NUMERIC -> {
        double v = value == null ? Double.NaN : DecimalSyntax.parseOrNaN(value);
        if (value != null && Double.isNaN(v)) {
          return false;
        }
        ensureNumbers();
        numbers[size++] = v;
        return true;
      }
      default -> {
        if (value == null) {
          ensureNumbers();
          numbers[size++] = Double.NaN;
          return true;
        }
        double v = DecimalSyntax.parseOrNaN(value);
        if (Double.isNaN(v)) {
          toCategorical();
          return add(value);
        }
        ensureNumbers();
        if (pendingText.size() == pendingRows.length) {
          pendingRows = Arrays.copyOf(pendingRows, pendingRows.length * 2);
        }
        pendingRows[pendingText.size()] = size;
        pendingText.add(value);
        numbers[size++] = v;
        if (pendingText.size() >= window) {
          state = State.NUMERIC;
          pendingText = null;
          pendingRows = null;
        }
        return true;
      }
    }
  }

  boolean isSettledNumeric() {
    return state == State.NUMERIC;
  }

  int window() {
    return window;
  }

  Column build() {
    if (state == State.CATEGORICAL) {
      return new CategoricalColumn(name, levels, Arrays.copyOf(codes, size));
    }
    return new NumericColumn(name, Arrays.copyOf(numbers, size));
  }

  private void toCategorical() {
    levelIndex = new HashMap<>();
    levels = new ArrayList<>();
    codes = new int[Math.max(1024, size + 1)];
    Arrays.fill(codes, 0, size, -1);
    if (pendingText != null) {
      for (int i = 0; i < pendingText.size(); i++) {
        codes[pendingRows[i]] = code(pendingText.get(i));
      }
    }
    numbers = null;
    pendingText = null;
    pendingRows = null;
    state = State.CATEGORICAL;
  }

  private int code(String value) {
    Integer c = levelIndex.get(value);
    if (c == null) {
      c = levels.size();
      levels.add(value);
      levelIndex.put(value, c);
    }
    return c;
  }

  private void ensureNumbers() {
    if (size == numbers.length) {
      numbers = Arrays.copyOf(numbers, numbers.length * 2);
    }
  }

  private void ensureCodes() {
    if (size == codes.length) {
      codes = Arrays.copyOf(codes, codes.length * 2);
    }
  }
}
