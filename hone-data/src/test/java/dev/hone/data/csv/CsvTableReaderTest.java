package dev.hone.data.csv;

import static dev.hone.data.TestData.write;
import static dev.hone.data.TestData.writeGzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.ColumnType;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {
  @TempDir Path dir;

  private static final CsvOptions AUTO = CsvOptions.defaults();

  private static double[] num(Table t, String col) {
    return ((NumericColumn) t.column(col)).values();
  }

  private static CategoricalColumn cat(Table t, String col) {
    return (CategoricalColumn) t.column(col);
  }

  @Test
  void readsHeaderTypesAndTrimmedValues() {
    Path f = write(dir, "a.csv", "id,name,score\n1, alice ,2.5\n2,bob,-1e2\n3,alice,\n");
    CsvTableReader.Result r = CsvTableReader.readWithDetails(f, AUTO);
    Table t = r.table();
    assertTrue(r.headerPresent());
    assertEquals(1, r.headerLine());
    assertEquals(',', r.delimiter());
    assertEquals(List.of("id", "name", "score"), t.columnNames());
    assertEquals(3, t.rowCount());
    assertArrayEquals(new double[] {1, 2, 3}, num(t, "id"));
    assertEquals(List.of("alice", "bob"), cat(t, "name").levels());
    assertArrayEquals(new int[] {0, 1, 0}, cat(t, "name").codes());
    assertArrayEquals(new double[] {2.5, -100, Double.NaN}, num(t, "score"));
  }

  @Test
  void rfc4180QuotingAndCrlf() {
    Path f =
        write(
            dir, "q.csv",
            "id,text,n\r\n1,\"Braund, Mr. Owen\",3\r\n2,\"say \"\"hi\"\"\",4\r\n"
                + "3,\"two\r\nlines\",5\r\n");
    Table t = CsvTableReader.read(f, AUTO);
    CategoricalColumn text = cat(t, "text");
    assertEquals("Braund, Mr. Owen", text.get(0));
    assertEquals("say \"hi\"", text.get(1));
    assertEquals("two\r\nlines", text.get(2));
    assertArrayEquals(new double[] {3, 4, 5}, num(t, "n"));
  }

  @Test
  void gzipDetectedByMagicBytesNotName() {
    String content = "a;b\n1;x\n2;y\n";
    Path gzNamedCsv = writeGzip(dir, "looks_plain.csv", content);
    Path plainNamedGz = write(dir, "looks_zipped.csv.gz", content);
    assertTrue(CsvTableReader.isGzip(gzNamedCsv));
    assertFalse(CsvTableReader.isGzip(plainNamedGz));
    Table a = CsvTableReader.read(gzNamedCsv, AUTO);
    Table b = CsvTableReader.read(plainNamedGz, AUTO);
    assertEquals(a, b);
    assertEquals(List.of("a", "b"), a.columnNames());
  }

  @Test
  void detectsSemicolonTabAndCommaSpace() {
    Path semi = write(dir, "s.csv", "\"fixed acidity\";\"quality\"\n7.4;5\n7.8;5\n");
    CsvTableReader.Result r = CsvTableReader.readWithDetails(semi, AUTO);
    assertEquals(';', r.delimiter());
    assertEquals(List.of("fixed acidity", "quality"), r.table().columnNames());

    Path tab = write(dir, "t.tsv", "ham\tGo until jurong, point\nspam\tFree entry, win\nham\tok\n");
    CsvTableReader.Result rt = CsvTableReader.readWithDetails(tab, AUTO);
    assertEquals('\t', rt.delimiter());
    assertFalse(rt.headerPresent(), "'ham' recurs in column 1, so line 1 is data");
    assertEquals(3, rt.table().rowCount());

    Path adultLike =
        write(dir, "adult.data", "39, State-gov, 77516, <=50K\n50, ?, 83311, >50K\n\n");
    Table ta = CsvTableReader.read(adultLike, AUTO);
    assertEquals(List.of("column_1", "column_2", "column_3", "column_4"), ta.columnNames());
    assertEquals(List.of("State-gov"), cat(ta, "column_2").levels());
    assertTrue(ta.column("column_2").isMissing(1), "' ?' is missing after trimming");
    assertEquals(List.of("<=50K", ">50K"), cat(ta, "column_4").levels());
  }

  @Test
  void chooseDelimiterRules() {
    assertEquals(',', CsvTableReader.chooseDelimiter(List.of("a,b;c", "1,2;3")));
    assertEquals(';', CsvTableReader.chooseDelimiter(List.of("a;b;c", "1,5;2;3", "1;2;3")));
    assertEquals(',', CsvTableReader.chooseDelimiter(List.of("\"x;y\",b", "\"p;q;r\",c")));
    assertEquals(',', CsvTableReader.chooseDelimiter(List.of("single", "column")));
    assertEquals('\t', CsvTableReader.chooseDelimiter(List.of("a\tb", "1\t2\t3")));
  }

  @Test
  void explicitDelimiterSpace() {
    Path f = write(dir, "d.txt", "59 2 32.1\n48 1 21.6\n");
    Table t = CsvTableReader.read(f, AUTO.withDelimiter(' '));
    assertEquals(3, t.columnCount());
    assertArrayEquals(new double[] {32.1, 21.6}, num(t, "column_3"));
  }

  @Test
  void headerDetection() {
    // text over numbers -> header
    assertTrue(CsvTableReader.readWithDetails(write(dir, "h1.csv", "x,y\n1,2\n"), AUTO)
        .headerPresent());
    // numeric first row -> data
    assertFalse(CsvTableReader.readWithDetails(write(dir, "h2.csv", "1,2\n3,4\n"), AUTO)
        .headerPresent());
    // all text, names never recur -> header (rule b)
    CsvTableReader.Result r3 =
        CsvTableReader.readWithDetails(write(dir, "h3.csv", "color,size\nred,big\nblue,small\n"),
            AUTO);
    assertTrue(r3.headerPresent());
    assertEquals(List.of("color", "size"), r3.table().columnNames());
    // all text, a first value recurs -> data
    assertFalse(CsvTableReader.readWithDetails(
        write(dir, "h4.csv", "red,big\nblue,small\nred,tiny\n"), AUTO).headerPresent());
    // repeated names over numbers -> a header with duplicate names, which is an error
    DataValidationException dup =
        assertThrows(DataValidationException.class,
            () -> CsvTableReader.readWithDetails(write(dir, "h5.csv", "a,a\n1,2\n"), AUTO));
    assertTrue(dup.getMessage().contains("duplicate column name(s) [a]"), dup.getMessage());
    // repeated names over text -> data (rule b needs distinct names)
    assertFalse(CsvTableReader.readWithDetails(
        write(dir, "h5b.csv", "a,a\nb,c\n"), AUTO).headerPresent());
    // a missing token in the first row -> data
    assertFalse(CsvTableReader.readWithDetails(
        write(dir, "h6.csv", "a,?\nb,1\n"), AUTO).headerPresent());
    // explicit flag wins over detection
    Table forced = CsvTableReader.read(write(dir, "h7.csv", "x,y\n1,2\n"), AUTO.withHeader(false));
    assertEquals(2, forced.rowCount());
    assertEquals(ColumnType.CATEGORICAL, forced.column("column_1").type());
  }

  @Test
  void columnNamesReplaceOrSupplyNames() {
    Path noHeader = write(dir, "n.csv", "1,a\n2,b\n");
    Table t = CsvTableReader.read(noHeader, AUTO.withHeader(false).withColumnNames(List.of("k", "v")));
    assertEquals(List.of("k", "v"), t.columnNames());
    Path withHeader = write(dir, "w.csv", "K,V\n1,a\n");
    Table t2 = CsvTableReader.read(withHeader, AUTO.withColumnNames(List.of("k", "v")));
    assertEquals(List.of("k", "v"), t2.columnNames());
    assertEquals(1, t2.rowCount());
  }

  @Test
  void missingTokensAndEntirelyMissingColumnKept() {
    Path f = write(dir, "m.csv", "a,b,c,d\n1,NA,?,x\nNaN,N/A,,null\n3,nan,NULL,y\n");
    Table t = CsvTableReader.read(f, AUTO);
    assertArrayEquals(new double[] {1, Double.NaN, 3}, num(t, "a"));
    assertEquals(3, t.column("b").missingCount());
    assertEquals(ColumnType.NUMERIC, t.column("b").type());
    assertEquals(3, t.column("c").missingCount());
    assertEquals(1, t.column("d").missingCount());
    // tokens are case-sensitive; a custom list replaces the default
    Path g = write(dir, "g.csv", "a,b\nna,1\n-,2\n");
    Table tg = CsvTableReader.read(g, AUTO.withMissingTokens(List.of("-")));
    assertEquals(List.of("na"), cat(tg, "a").levels());
    assertTrue(tg.column("a").isMissing(1));
  }

  @Test
  void categoricalColumnsForced() {
    Path f = write(dir, "c.csv", "EDUCATION,AGE\n1,30\n2,40\n01,50\n");
    Table t = CsvTableReader.read(f, AUTO.withCategoricalColumns(List.of("EDUCATION")));
    assertEquals(List.of("1", "2", "01"), cat(t, "EDUCATION").levels());
    assertEquals(ColumnType.NUMERIC, t.column("AGE").type());
    DataValidationException e =
        assertThrows(DataValidationException.class,
            () -> CsvTableReader.read(f, AUTO.withCategoricalColumns(List.of("EDU"))));
    assertTrue(e.getMessage().contains("EDU") && e.getMessage().contains("[EDUCATION, AGE]"),
        e.getMessage());
  }

  @Test
  void inferenceWindowDecidesTypes() {
    StringBuilder sb = new StringBuilder("code,v\n");
    for (int i = 0; i < 5; i++) {
      sb.append(i).append(",1\n");
    }
    sb.append("\n"); // a blank line in the middle is skipped (line 7)
    sb.append("X9,2\n"); // line 8
    Path f = write(dir, "w.csv", sb.toString());
    // with a window of 3 values, 'code' is settled numeric before X9 arrives
    DataValidationException e =
        assertThrows(DataValidationException.class,
            () -> CsvTableReader.read(f, AUTO.withInferenceRows(3)));
    String m = e.getMessage();
    assertTrue(m.contains(f.toString()), m);
    assertTrue(m.contains("line 8"), m);
    assertTrue(m.contains("column 'code'"), m);
    assertTrue(m.contains("'X9'"), m);
    assertTrue(m.contains("categorical"), m);
    // the default window sees X9 and makes the column categorical, keeping the original text
    Table t = CsvTableReader.read(f, AUTO);
    assertEquals(List.of("0", "1", "2", "3", "4", "X9"), cat(t, "code").levels());
    // missing values do not count towards the window
    Path g = write(dir, "g.csv", "c\n?\n?\n?\n1\nabc\n");
    assertEquals(ColumnType.CATEGORICAL,
        CsvTableReader.read(g, AUTO.withInferenceRows(2)).column("c").type());
  }

  @Test
  void skipLinesCountsTowardsLineNumbers() {
    Path f = write(dir, "adult.test", "|1x3 Cross validator\n25, Private, <=50K.\n38, Private\n");
    DataValidationException e =
        assertThrows(DataValidationException.class,
            () -> CsvTableReader.read(f, AUTO.withSkipLines(1).withHeader(false)));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("has 2 fields but 3 were expected"), e.getMessage());
    assertTrue(e.getMessage().contains("line 2"), "names where the width came from");
  }

  @Test
  void aBannerLineIsNamedWithTheSkipThatReadsPastIt() {
    Path f = write(dir, "banner.test", "\n|1x3 Cross validator\n25, Private, <=50K.\n38, Private, >50K.\n");
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> CsvTableReader.read(f, AUTO));
    assertTrue(e.getMessage().contains("line 3 has 3 fields but 1 were expected"), e.getMessage());
    assertTrue(e.getMessage().contains("If line 2 is a title or banner line")
        && e.getMessage().contains("--skip-lines 2)"), e.getMessage());
    assertEquals(2, CsvTableReader.read(f, AUTO.withSkipLines(2)).rowCount());
    // a wrong row further down is not blamed on the first line
    Path g = write(dir, "later.csv", "a,b\n1,2\n3,4,5\n");
    DataValidationException later =
        assertThrows(DataValidationException.class, () -> CsvTableReader.read(g, AUTO));
    assertFalse(later.getMessage().contains("banner"), later.getMessage());
  }

  @Test
  void wrongFieldCountAfterMultilineFieldAndBlankLines() {
    Path f = write(dir, "bad.csv", "a,b\n1,\"x\ny\"\n\n   \n2,z\n3,4,5\n");
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> CsvTableReader.read(f, AUTO));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("line 7 has 3 fields but 2 were expected"), e.getMessage());
  }

  @Test
  void trailingAndMiddleBlankLinesAreFine() {
    Path f = write(dir, "b.csv", "a,b\n1,2\n\n \t \n3,4\n\n\n\n");
    Table t = CsvTableReader.read(f, AUTO);
    assertArrayEquals(new double[] {1, 3}, num(t, "a"));
  }

  @Test
  void utf8BomIgnored() throws IOException {
    Path f = dir.resolve("bom.csv");
    byte[] body = "name,v\nÄpfel,1\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[body.length + 3];
    all[0] = (byte) 0xef;
    all[1] = (byte) 0xbb;
    all[2] = (byte) 0xbf;
    System.arraycopy(body, 0, all, 3, body.length);
    Files.write(f, all);
    Table t = CsvTableReader.read(f, AUTO);
    assertEquals(List.of("name", "v"), t.columnNames());
    assertEquals("Äpfel", cat(t, "name").get(0));
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("nope.csv");
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> CsvTableReader.read(f, AUTO));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("does not exist"),
        e.getMessage());
    assertThrows(DataValidationException.class, () -> CsvTableReader.read(dir, AUTO));
  }

  @Test
  void emptyFiles() {
    Path zero = write(dir, "zero.csv", "");
    DataValidationException e0 =
        assertThrows(DataValidationException.class, () -> CsvTableReader.read(zero, AUTO));
    assertTrue(e0.getMessage().contains(zero.toString()) && e0.getMessage().contains("empty"),
        e0.getMessage());
    Path blank = write(dir, "blank.csv", "\n  \n\r\n\n");
    DataValidationException e1 =
        assertThrows(DataValidationException.class, () -> CsvTableReader.read(blank, AUTO));
    assertTrue(e1.getMessage().contains(blank.toString()) && e1.getMessage().contains("empty"),
        e1.getMessage());
    Path gz = writeGzip(dir, "blank.csv.gz", "\n\n");
    assertThrows(DataValidationException.class, () -> CsvTableReader.read(gz, AUTO));
    Path onlyBanner = write(dir, "banner.csv", "|banner\n");
    DataValidationException e2 =
        assertThrows(DataValidationException.class,
            () -> CsvTableReader.read(onlyBanner, AUTO.withSkipLines(1)));
    assertTrue(e2.getMessage().contains("after skipping 1 line"), e2.getMessage());
  }

  @Test
  void headerOnly() {
    Path f = write(dir, "h.csv", "a,b,c\n\n");
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> CsvTableReader.read(f, AUTO));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    Path g = write(dir, "g.csv", "a,b\n");
    assertThrows(DataValidationException.class, () -> CsvTableReader.read(g, AUTO.withHeader(true)));
  }

  @Test
  void duplicateColumnNames() {
    Path f = write(dir, "d.csv", "id,x,id,y,x\n1,2,3,4,5\n");
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> CsvTableReader.read(f, AUTO.withHeader(true)));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("[id, x]"), e.getMessage());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    Path g = write(dir, "g.csv", "1,2\n");
    DataValidationException e2 =
        assertThrows(DataValidationException.class,
            () -> CsvTableReader.read(g, AUTO.withColumnNames(List.of("a", "a"))));
    assertTrue(e2.getMessage().contains("[a]"), e2.getMessage());
  }

  @Test
  void columnNamesOfWrongLength() {
    Path f = write(dir, "n.csv", "1,2,3\n");
    DataValidationException e =
        assertThrows(DataValidationException.class,
            () -> CsvTableReader.read(f, AUTO.withColumnNames(List.of("a", "b"))));
    assertTrue(e.getMessage().contains("3 fields per row but 2 column names"), e.getMessage());
  }

  @Test
  void corruptGzipIsAUserError() throws IOException {
    Path f = dir.resolve("broken.gz");
    Files.write(f, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> CsvTableReader.read(f, AUTO));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }

  @Test
  void optionValidation() {
    assertThrows(InvalidParameterException.class, () -> AUTO.withInferenceRows(0));
    assertThrows(InvalidParameterException.class, () -> AUTO.withSkipLines(-1));
    assertThrows(InvalidParameterException.class, () -> AUTO.withDelimiter('"'));
    assertEquals(1000, AUTO.inferenceRows());
    assertTrue(AUTO.isMissing("?") && AUTO.isMissing("") && !AUTO.isMissing("Nan"));
  }

  @Test
  void typesOfColumns() {
    Path f = write(dir, "t.csv", "a,b\n1,2\n");
    Table t = CsvTableReader.read(f, AUTO);
    assertInstanceOf(NumericColumn.class, t.column("a"));
  }
}
