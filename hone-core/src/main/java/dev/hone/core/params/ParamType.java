package dev.hone.core.params;

/** Value type of a {@link ParamSpec}. */
public enum ParamType {
  /** {@code double}. */
  FLOAT,
  /** {@code long} (integral). */
  INT,
  /** One string from a fixed set of choices. */
  CHOICE
}
