package dev.hone.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class FamiliesSectionTest {

  static FamiliesView view() {
    return new FamiliesView("roc_auc", true, "p95 latency <= 0.2 ms", "single-row predict",
        List.of(
            new FamiliesView.Row("gbtree", "xgboost", 4, 2, 4, 0.8085, 103178L, 0.0556, 776L,
                "nodes", true),
            new FamiliesView.Row("rf", "xgboost-rf", 3, 0, null, null, null, null, null, null,
                false)),
        List.of(
            new FamiliesView.Point(4, "gbtree", 0.8085, 103178, 0.0556, 776, "nodes", true),
            new FamiliesView.Point(8, "gblinear", 0.8082, 4086, 0.0492, 64, "weights", false)),
        "61001 bytes, p95 0.050 ms, 844 nodes");
  }

  @Test
  void sectionShowsEveryFamilyTheFrontAndTheChosenModel() throws Exception {
    String html = HtmlReport.render(FairnessSectionTest.base().withFamilies(view()), (ExplainabilityView) null);
    int start = html.indexOf("<h2>Model families</h2>");
    assertTrue(start > 0);
    String sec = html.substring(start, html.indexOf("<h2>Provenance</h2>"));
    assertTrue(sec.contains("<td>gbtree (chosen)</td>"), sec);
    assertTrue(sec.contains("103.2 kB") && sec.contains("0.056 ms") && sec.contains("776 nodes"));
    assertTrue(sec.contains("<td>rf</td><td>xgboost-rf</td><td class=\"num\">3</td>"
        + "<td class=\"num\">0</td><td class=\"num\">–</td>"), sec);
    assertTrue(sec.contains("4086 B") && sec.contains("64 weights"));
    assertTrue(sec.contains("61001 bytes"));
    Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(sec);
    int svgs = 0;
    while (m.find()) {
      svgs++;
      String svg = m.group();
      // well-formed XML, two points, one "chosen" ring
      DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
      assertEquals(2, svg.split("<title>trial ").length - 1);
      assertEquals(1, svg.split(">chosen<").length - 1);
    }
    assertEquals(2, svgs);
    assertFalse(HtmlReport.render(FairnessSectionTest.base(), (ExplainabilityView) null).contains("Model families"));
  }
}
