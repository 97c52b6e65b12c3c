package dev.hone.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every group measure, disparate-impact ratio and summary against {@code make_reference.py}, an
 * independent numpy implementation of the fairlearn / AIF360 definitions, on 24 generated and 4
 * hand-made cases, to 1e-12.
 */
class FairnessReferenceTest {
  static final double TOL = 1e-12;

  /** Runs the audit of one reference case without bootstrap. */
  static FairnessReport run(JsonNode c, int rounds) {
    Map<String, Groups> single = new HashMap<>();
    for (Iterator<String> it = c.get("columns").fieldNames(); it.hasNext(); ) {
      String col = it.next();
      List<String> declared = new ArrayList<>();
      c.get("declared").path(col).forEach(v -> declared.add(v.asText()));
      single.put(col, Groups.of(col, Reference.strings(c.get("columns").get(col)), declared));
    }
    List<Groups> attrs = new ArrayList<>();
    for (JsonNode a : c.get("attributes")) {
      List<Groups> parts = new ArrayList<>();
      a.forEach(col -> parts.add(single.get(col.asText())));
      attrs.add(parts.size() == 1 ? parts.get(0) : Groups.intersection(parts));
    }
    Map<String, String> refs = new HashMap<>();
    c.get("reference").fields().forEachRemaining(e -> refs.put(e.getKey(), e.getValue().asText()));
    AuditOptions opt =
        new AuditOptions(c.get("threshold").asDouble(), rounds, 1L, refs);
    return FairnessAudit.audit(
        Reference.ints(c.get("labels")), Reference.doubles(c.get("scores")), attrs, opt);
  }

  @Test
  void auditMatchesIndependentReference() {
    int cases = 0;
    for (JsonNode c : Reference.json().get("audit_cases")) {
      FairnessReport r = run(c, 0);
      String name = c.get("name").asText();
      for (JsonNode exp : c.get("expected")) {
        checkAttribute(name, exp, r.attribute(exp.get("attribute").asText()));
      }
      cases++;
    }
    assertTrue(cases >= 28, "at least 24 generated and 4 hand-made cases, got " + cases);
  }

  static void checkAttribute(String caseName, JsonNode exp, AttributeAudit a) {
    String where = caseName + " / " + a.attribute();
    List<String> keys = new ArrayList<>();
    exp.get("keys").forEach(k -> keys.add(k.asText()));
    assertEquals(keys, a.groups().stream().map(GroupMetrics::group).toList(), where + " keys");
    for (int g = 0; g < keys.size(); g++) {
      JsonNode eg = exp.get("groups").get(g);
      GroupMetrics gm = a.groups().get(g);
      String w = where + " / " + gm.group();
      assertEquals(eg.get("n").asInt(), gm.n(), w + " n");
      assertEquals(eg.get("positives").asInt(), gm.positives(), w + " positives");
      assertEquals(eg.get("predicted_positives").asInt(), gm.predictedPositives(), w);
      for (String metric : GroupMetrics.METRICS) {
        checkMeasure(w + " / " + metric, eg.get("metrics").get(metric), gm.measure(metric));
      }
    }
    assertEquals(exp.get("reference").asText(), a.referenceGroup(), where + " reference");
    assertEquals(exp.get("reference_rule").asText(), a.referenceRule(), where + " rule");
    for (int g = 0; g < keys.size(); g++) {
      JsonNode er = exp.get("ratios").get(g);
      GroupRatio gr = a.disparateImpact().get(g);
      String w = where + " / DI " + gr.group();
      assertEquals(er.get("status").asText(), gr.ratio().status().name(), w);
      if (gr.ratio().defined()) {
        assertClose(er.get("value").asDouble(), gr.ratio().value(), w);
        assertEquals(er.get("flagged").asBoolean(), gr.flagged(), w + " flag");
      } else {
        assertFalse(gr.flagged(), w);
      }
      if (er.has("reason_prefix")) {
        assertTrue(gr.ratio().reason().startsWith(er.get("reason_prefix").asText()), w);
      }
    }
    for (String s : FairnessAudit.SUMMARIES) {
      JsonNode es = exp.get("summaries").get(s);
      Summary sum = a.summary(s);
      String w = where + " / " + s;
      assertEquals(es.get("status").asText(), sum.status().name(), w + " " + sum.reason());
      if (sum.defined()) {
        assertClose(es.get("value").asDouble(), sum.value(), w);
        assertEquals(es.get("max_group").asText(), sum.maxGroup(), w + " max group");
        assertEquals(es.get("min_group").asText(), sum.minGroup(), w + " min group");
        if (es.has("metric")) {
          assertEquals(es.get("metric").asText(), sum.metric(), w);
        }
        if (es.has("flagged")) {
          assertEquals(es.get("flagged").asBoolean(), sum.flagged(), w + " flag");
        }
      } else {
        assertTrue(Double.isNaN(sum.value()), w);
        assertFalse(sum.reason().isEmpty(), w);
      }
      if (es.has("excluded")) {
        List<String> ex = new ArrayList<>();
        es.get("excluded").forEach(v -> ex.add(v.asText()));
        assertEquals(ex, sum.excluded().stream().map(Exclusion::group).toList(), w + " excluded");
      }
    }
  }

  static void checkMeasure(String w, JsonNode e, Measure m) {
    assertEquals(e.get("status").asText(), m.status().name(), w + " status (" + m.reason() + ")");
    assertClose(e.get("num").asDouble(), m.numerator(), w + " numerator");
    assertClose(e.get("den").asDouble(), m.denominator(), w + " denominator");
    if (m.defined()) {
      assertClose(e.get("value").asDouble(), m.value(), w + " value");
    } else {
      assertTrue(Double.isNaN(m.value()), w);
      if (e.has("reason") && !e.get("reason").asText().isEmpty()
          && !m.metric().equals("roc_auc")) {
        assertEquals(e.get("reason").asText(), m.reason(), w + " reason");
      }
    }
  }

  static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, TOL * Math.max(1.0, Math.abs(expected)), what);
  }
}
