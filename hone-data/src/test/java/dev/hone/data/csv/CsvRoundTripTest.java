package dev.hone.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.random.Seeds;
import dev.hone.data.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded property test: random tables written as CSV in random dialects (delimiter, quoting,
 * padding, CRLF, gzip, missing tokens) read back to the same values, with header and delimiter
 * detected.
 */
class CsvRoundTripTest {
  @TempDir Path dir;

  private static final String ALPHABET = "abcXYZ ,;\t\"\n-_.<>=?é";
  private static final char[] DELIMS = {',', ';', '\t'};

  @Test
  void randomTablesRoundTrip() {
    for (int trial = 0; trial < 150; trial++) {
      SplittableRandom rng = Seeds.rng(20240601L, "csv-roundtrip", trial);
      int cols = 1 + rng.nextInt(5);
      int rows = 1 + rng.nextInt(40);
      char delim = DELIMS[rng.nextInt(DELIMS.length)];
      boolean crlf = rng.nextBoolean();
      String nl = crlf ? "\r\n" : "\n";
      List<String> names = new ArrayList<>();
      boolean[] numeric = new boolean[cols];
      String[][] cells = new String[rows][cols]; // null = missing
      for (int j = 0; j < cols; j++) {
        names.add("col_" + j);
        numeric[j] = j == 0 || rng.nextBoolean(); // column 0 numeric -> header is detectable
        for (int i = 0; i < rows; i++) {
          boolean missing = rng.nextInt(6) == 0 && !(j == 0 && i == 0);
          if (missing) {
            cells[i][j] = null;
          } else if (numeric[j]) {
            double v = rng.nextBoolean() ? rng.nextInt(-50, 50) : rng.nextDouble(-1e6, 1e6);
            cells[i][j] = Double.toString(v);
          } else {
            cells[i][j] = randomLabel(rng);
          }
        }
      }
      StringBuilder sb = new StringBuilder();
      sb.append(String.join(String.valueOf(delim), names)).append(nl);
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          if (j > 0) {
            sb.append(delim);
          }
          String v = cells[i][j];
          // a single empty field is a blank line, which the reader skips by design
          List<String> tokens = cols == 1 ? List.of("?", "NA", "NaN") : List.of("", "?", "NA", "NaN");
          String text = v == null ? tokens.get(rng.nextInt(tokens.size())) : v;
          boolean mustQuote = text.indexOf(delim) >= 0 || text.contains("\"") || text.contains("\n")
              || text.contains(",") || text.contains(";") || text.contains("\t");
          String pad = rng.nextInt(4) == 0 ? " " : "";
          if (mustQuote || rng.nextInt(5) == 0) {
            sb.append(pad).append('"').append(text.replace("\"", "\"\"")).append('"');
          } else {
            sb.append(pad).append(text).append(pad);
          }
        }
        sb.append(nl);
        if (rng.nextInt(10) == 0) {
          sb.append(nl); // blank line in the middle
        }
      }
      Path f = rng.nextBoolean()
          ? TestData.write(dir, "t" + trial + ".csv", sb.toString())
          : TestData.writeGzip(dir, "t" + trial + ".csv.gz", sb.toString());
      CsvTableReader.Result r = CsvTableReader.readWithDetails(f, CsvOptions.defaults());
      String ctx = "trial " + trial + ":\n" + sb;
      if (cols > 1) {
        assertEquals(delim, r.delimiter(), ctx);
      }
      assertTrue(r.headerPresent(), ctx);
      Table t = r.table();
      assertEquals(names, t.columnNames(), ctx);
      assertEquals(rows, t.rowCount(), ctx);
      for (int j = 0; j < cols; j++) {
        Column c = t.column(names.get(j));
        for (int i = 0; i < rows; i++) {
          String want = cells[i][j];
          if (want == null) {
            assertTrue(c.isMissing(i), ctx);
          } else if (c instanceof NumericColumn n) {
            assertEquals(Double.parseDouble(want), n.get(i), 0.0, ctx);
          } else {
            assertEquals(want.trim(), ((CategoricalColumn) c).get(i), ctx);
          }
        }
        boolean anyText = false;
        for (int i = 0; i < rows; i++) {
          anyText |= cells[i][j] != null && !numeric[j];
        }
        assertEquals(anyText, c instanceof CategoricalColumn, ctx);
      }
    }
  }

  private static String randomLabel(SplittableRandom rng) {
    int len = 1 + rng.nextInt(8);
    StringBuilder sb = new StringBuilder("L");
    for (int k = 0; k < len; k++) {
      sb.append(ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
    }
    sb.append('z');
    return sb.toString();
  }
}
