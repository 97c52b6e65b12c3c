package dev.hone.eval.leakage;

import dev.hone.core.error.DataValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The findings of {@link LeakageChecker}, most severe first. Immutable and serialisable with
 * {@link dev.hone.core.json.Json}.
 *
 * @param findings every finding, ordered by severity (HIGH first), then in the order the checks
 *     ran
 */
public record LeakageReport(List<LeakageFinding> findings) {
  public LeakageReport {
    List<LeakageFinding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparing(LeakageFinding::severity).reversed());
    findings = List.copyOf(sorted);
  }

  /** Whether any finding is {@link Severity#HIGH}. */
  public boolean hasHigh() {
    return findings.stream().anyMatch(f -> f.severity() == Severity.HIGH);
  }

  /** The {@link Severity#HIGH} findings. */
  public List<LeakageFinding> high() {
    return findings.stream().filter(f -> f.severity() == Severity.HIGH).toList();
  }

  /** The findings of one kind (a {@code LeakageFinding.KIND_*} constant). */
  public List<LeakageFinding> ofKind(String kind) {
    return findings.stream().filter(f -> f.kind().equals(kind)).toList();
  }

  /** This report's findings followed by {@code other}'s, re-sorted by severity. */
  public LeakageReport merge(LeakageReport other) {
    List<LeakageFinding> all = new ArrayList<>(findings);
    all.addAll(other.findings);
    return new LeakageReport(all);
  }

  /**
   * For a strict run: refuses to go on when there is a HIGH finding.
   *
   * @throws DataValidationException (a {@code UserInputException}) listing every HIGH finding with
   *     its column and what to do
   */
  public void requireNoHigh() {
    List<LeakageFinding> high = high();
    if (high.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder();
    b.append("leakage check found ").append(high.size()).append(" high-severity problem")
        .append(high.size() == 1 ? "" : "s").append(" and strict mode refuses to train:");
    for (LeakageFinding f : high) {
      b.append("\n  - ").append(f.kind());
      if (f.column() != null) {
        b.append(" [").append(f.column()).append(']');
      }
      b.append(": ").append(f.message());
    }
    b.append("\nFix the data or the split as suggested, or run without strict mode to train"
        + " anyway (the findings stay in the report).");
    throw new DataValidationException(b.toString());
  }
}
