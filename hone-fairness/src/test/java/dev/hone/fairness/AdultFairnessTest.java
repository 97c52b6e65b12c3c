package dev.hone.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit on the real UCI Adult training file (32,561 rows) with a fixed softsign score of age,
 * education-num and hours-per-week, against {@code make_reference.py}'s independent computation on
 * the same file, and the expected finding: the selection rate of women is far below four fifths of
 * that of men.
 */
class AdultFairnessTest {

  /** The score of make_reference.py's {@code adult_score}. */
  static double score(double age, double edu, double hours) {
    double z = -8.0 + 0.03 * age + 0.4 * edu + 0.04 * hours;
    return 0.5 + 0.5 * z / (1.0 + Math.abs(z));
  }

  @Test
  void adultSexAndRaceAuditMatchesReferenceAndFlagsSex() {
    Table t = SharedData.read("adult");
    int n = t.rowCount();
    NumericColumn age = (NumericColumn) t.column("age");
    NumericColumn edu = (NumericColumn) t.column("education-num");
    NumericColumn hours = (NumericColumn) t.column("hours-per-week");
    CategoricalColumn income = (CategoricalColumn) t.column("income");
    int[] y = new int[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = income.get(i).equals(">50K") ? 1 : 0;
      s[i] = score(age.get(i), edu.get(i), hours.get(i));
    }
    List<Groups> attrs = Groups.attributes(t, List.of("sex", "race"));
    FairnessReport r =
        FairnessAudit.audit(y, s, attrs, AuditOptions.defaults(1).withBootstrapRounds(200));
    JsonNode ref = Reference.json().get("adult");
    assertEquals(ref.get("rows").asInt(), n);
    for (AttributeAudit a : r.attributes()) {
      FairnessReferenceTest.checkAttribute("adult", ref.get(a.attribute()), a);
      for (Summary sum : a.summaries()) {
        assertTrue(sum.defined() && Double.isFinite(sum.value()), a.attribute() + " " + sum);
        assertTrue(Double.isFinite(sum.ciLower()) && Double.isFinite(sum.ciUpper()), sum.name());
        assertTrue(sum.ciLower() <= sum.value() + 1e-12 && sum.value() <= sum.ciUpper() + 1e-12,
            a.attribute() + " " + sum.name() + " interval contains the estimate");
      }
    }
    AttributeAudit sex = r.attribute("sex");
    Summary di = sex.summary("disparate_impact_ratio");
    assertEquals("Male", di.maxGroup());
    assertEquals("Female", di.minGroup());
    assertTrue(di.flagged(), "four-fifths rule flags sex: " + di.value());
    assertTrue(di.ciUpper() < FairnessAudit.FOUR_FIFTHS, "the whole interval is below 0.8");
  }
}
