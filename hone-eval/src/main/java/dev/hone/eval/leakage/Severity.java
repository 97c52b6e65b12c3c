package dev.hone.eval.leakage;

/** How much a leakage finding threatens the honesty of an evaluation. */
public enum Severity {
  /** Worth knowing; consistent with clean data (e.g. natural duplicates). */
  LOW,
  /** Fix before trusting fine differences between models (e.g. an identifier column). */
  MEDIUM,
  /** The evaluation is not trustworthy until this is fixed; a strict run refuses to train. */
  HIGH
}
