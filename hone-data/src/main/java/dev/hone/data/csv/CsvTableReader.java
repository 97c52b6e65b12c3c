package dev.hone.data.csv;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a delimited text file (CSV, semicolon- or TAB-separated, plain or gzip) into a {@link
 * Table} of numeric and categorical columns. Parsing follows RFC 4180 (double-quoted fields may
 * hold delimiters, {@code ""} escapes and line breaks; LF and CRLF line ends) through the FastCSV
 * library. Text is decoded as UTF-8; a UTF-8 byte-order mark is ignored.
 *
 * <p><b>Compression.</b> A file whose first two bytes are the gzip magic number {@code 1f 8b} (RFC
 * 1952) is decompressed while reading, whatever its name.
 *
 * <p><b>Delimiter detection</b> (when {@link CsvOptions#delimiter()} is {@code null}): on the first
 * 20 non-blank lines after {@code skipLines}, each candidate among {@code ','}, {@code ';'} and TAB
 * is counted outside double quotes. A candidate is consistent when it occurs the same, non-zero
 * number of times on every sampled line; the consistent candidate with the most occurrences wins
 * (ties in the order comma, semicolon, TAB). When none is consistent, the candidate most frequent
 * on the first line wins; when none occurs at all the file has a single column.
 *
 * <p><b>Header detection</b> (when {@link CsvOptions#header()} is {@code null}): the first row is a
 * header when every field in it is non-empty, not a missing token and not a number, <em>and</em>
 * either (a) some column's non-missing values in the following rows (up to {@code inferenceRows}
 * of them) are all numbers, or (b) the fields are distinct and no column's first value occurs
 * again among that column's following values. Under rule (a) a repeated name is still taken as a
 * header, so that it is reported as a duplicate column name rather than read as data. Rule (a) catches the common case of a
 * text header over numeric data; rule (b) catches all-text files, where a header name is not
 * expected to reappear as a value. A first row containing any number is never a header.
 *
 * <p><b>Types.</b> A column is numeric when each of its first {@code inferenceRows} non-missing
 * values is a finite decimal number ({@link DecimalSyntax}); otherwise, or when it is listed in
 * {@link CsvOptions#categoricalColumns()}, it is categorical with levels in order of first
 * appearance. A column whose values are all missing is numeric (all {@code NaN}) and is kept.
 *
 * <p><b>Lines.</b> Blank lines (empty or only whitespace) are skipped wherever they occur, so a
 * single-column file cannot represent a missing value with an empty line. Line numbers in error
 * messages are 1-based physical lines of the (decompressed) file, counting skipped lines.
 *
 * <p>Errors are {@link DataValidationException}s whose message names the file, the line and column
 * where relevant, and what to do: missing or unreadable file, empty file, header without data
 * rows, a row with the wrong number of fields, duplicate column names, a non-number in a column
 * inferred numeric, unknown names in {@code categoricalColumns}, a {@code columnNames} list of the
 * wrong length. Thread safety: stateless.
 */
public final class CsvTableReader {
  private static final Logger LOG = LoggerFactory.getLogger(CsvTableReader.class);
  private static final int SNIFF_LINES = 20;
  private static final int SNIFF_MAX_CHARS = 1 << 20;
  private static final char[] CANDIDATES = {',', ';', '\t'};

  /** Share of numeric cells above which stray text in a column is an error. */
  static final double MOSTLY_NUMERIC = 0.95;

  private CsvTableReader() {}

  /**
   * What was read and what was decided on the way.
   *
   * @param table the columns, in file order, with no target or sensitive marks
   * @param delimiter the field separator used (given or detected)
   * @param headerPresent whether the first row was taken as a header (given or detected)
   * @param headerLine 1-based line of the header row, or 0 when there is none
   */
  public record Result(Table table, char delimiter, boolean headerPresent, long headerLine) {}

  /**
   * Reads {@code file} into a table.
   *
   * @param file a plain or gzip-compressed delimited text file
   * @param opts how to read it
   * @return the columns in file order, unmarked; every column has one entry per data row
   * @throws DataValidationException on any of the problems listed in the class documentation
   */
  public static Table read(Path file, CsvOptions opts) {
    return readWithDetails(file, opts).table();
  }

  /**
   * As {@link #read(Path, CsvOptions)}, also reporting the delimiter and the header decision.
   *
   * @throws DataValidationException as {@link #read(Path, CsvOptions)}
   */
  public static Result readWithDetails(Path file, CsvOptions opts) {
    checkReadable(file);
    boolean gzip = isGzip(file);
    char delimiter = opts.delimiter() != null ? opts.delimiter() : sniffDelimiter(file, gzip, opts);
    try (Reader text = openText(file, gzip);
        CsvReader<CsvRecord> csv =
            CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .trimWhitespacesAroundQuotes(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(text)) {
      if (opts.skipLines() > 0) {
        try {
          csv.skipLines(opts.skipLines());
        } catch (CsvParseException e) {
          throw empty(file, opts);
        }
      }
      return parse(file, opts, delimiter, csv.iterator());
    } catch (IOException | UncheckedIOException e) {
      throw new DataValidationException(
          "cannot read " + file + ": " + rootMessage(e)
              + ". Check that the file is a complete, readable text or gzip file",
          e);
    } catch (CsvParseException e) {
      throw new DataValidationException(
          "cannot parse " + file + ": " + rootMessage(e)
              + ". Check its quoting (fields are quoted with \") and its delimiter",
          e);
    }
  }

  /** Whether the file starts with the gzip magic number {@code 1f 8b}. */
  public static boolean isGzip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      int b0 = in.read();
      int b1 = in.read();
      return b0 == 0x1f && b1 == 0x8b;
    } catch (IOException e) {
      throw new DataValidationException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static Result parse(
      Path file, CsvOptions opts, char delimiter, Iterator<CsvRecord> records) {
    Set<String> missing = Set.copyOf(opts.missingTokens());
    // 1. buffer the first row plus up to inferenceRows rows for header detection
    List<String[]> buffered = new ArrayList<>();
    List<Long> bufferedLines = new ArrayList<>();
    while (buffered.size() < opts.inferenceRows() + 1 && records.hasNext()) {
      CsvRecord r = records.next();
      String[] fields = trimmed(r);
      if (isBlank(fields)) {
        continue;
      }
      buffered.add(fields);
      bufferedLines.add(r.getStartingLineNumber());
    }
    if (buffered.isEmpty()) {
      throw empty(file, opts);
    }
    boolean header =
        opts.header() != null
            ? opts.header()
            : detectHeader(buffered.get(0), buffered.subList(1, buffered.size()), missing);
    int width = buffered.get(0).length;
    long headerLine = header ? bufferedLines.get(0) : 0;
    List<String> names =
        columnNames(file, opts, header ? buffered.get(0) : null, width, headerLine);
    LOG.debug(
        "{}: delimiter {}, header {}, {} columns",
        file, CsvOptions.describe(delimiter), header, names.size());

    Set<String> forced = new HashSet<>(opts.categoricalColumns());
    List<String> unknown =
        opts.categoricalColumns().stream().filter(c -> !names.contains(c)).toList();
    if (!unknown.isEmpty()) {
      throw new DataValidationException(
          "categorical column(s) " + unknown + " are not columns of " + file
              + "; its columns are " + names + ". Fix the names given as categorical columns");
    }
    ColumnBuilder[] builders = new ColumnBuilder[width];
    for (int j = 0; j < width; j++) {
      builders[j] =
          new ColumnBuilder(names.get(j), opts.inferenceRows(), forced.contains(names.get(j)));
    }
    String widthSource =
        header ? "the header on line " + headerLine : "the first row, line " + bufferedLines.get(0);

    int rows = 0;
    long[] lineOfRow = new long[1024];
    // a first line with fewer fields than the next is often a title or banner (UCI adult.test)
    String bannerHint = buffered.size() > 1 && buffered.get(1).length > width
        ? " If line " + bufferedLines.get(0) + " is a title or banner line rather than a header or"
            + " data, skip it (hone predict, evaluate and explain: --skip-lines "
            + bufferedLines.get(0) + ")"
        : "";
    for (int i = header ? 1 : 0; i < buffered.size(); i++) {
      addRow(file, builders, buffered.get(i), bufferedLines.get(i), missing,
          widthSource, i == 1 ? bannerHint : "");
      lineOfRow = record(lineOfRow, rows, bufferedLines.get(i));
      rows++;
    }
    buffered = null;
    while (records.hasNext()) {
      CsvRecord r = records.next();
      String[] fields = trimmed(r);
      if (isBlank(fields)) {
        continue;
      }
      addRow(file, builders, fields, r.getStartingLineNumber(), missing, widthSource, "");
      lineOfRow = record(lineOfRow, rows, r.getStartingLineNumber());
      rows++;
    }
    if (rows == 0) {
      throw new DataValidationException(
          "file " + file + " has a header (line " + headerLine + ") but no data rows. "
              + "Add data rows, or if that line is data, read the file without a header (--no-header)");
    }
    List<Column> columns = new ArrayList<>(width);
    for (ColumnBuilder b : builders) {
      Column c = b.build();
      if (c instanceof CategoricalColumn cc && !forced.contains(c.name())) {
        checkMostlyNumeric(file, cc, lineOfRow);
      }
      columns.add(c);
    }
    return new Result(new Table(columns), delimiter, header, headerLine);
  }

  private static long[] record(long[] lines, int row, long line) {
    long[] out = row < lines.length ? lines : Arrays.copyOf(lines, lines.length * 2);
    out[row] = line;
    return out;
  }

  /**
   * A column whose values are numbers except for a few stray tokens (at least {@value
   * #MOSTLY_NUMERIC} of its non-missing cells are numbers, with at least 20 distinct numbers and at
   * most 5 distinct other tokens) is almost always a numeric column with typos, an unlisted
   * missing-value token or a decimal comma. Reading it as categorical would silently change the
   * model, so it is an error naming the first stray value and its line.
   */
  private static void checkMostlyNumeric(Path file, CategoricalColumn c, long[] lineOfRow) {
    List<String> levels = c.levels();
    boolean[] numeric = new boolean[levels.size()];
    int numericLevels = 0;
    List<String> other = new ArrayList<>();
    for (int k = 0; k < levels.size(); k++) {
      numeric[k] = DecimalSyntax.isFiniteDecimal(levels.get(k));
      if (numeric[k]) {
        numericLevels++;
      } else {
        other.add(levels.get(k));
      }
    }
    if (numericLevels < 20 || other.isEmpty() || other.size() > 5) {
      return;
    }
    long nonMissing = 0;
    long numericRows = 0;
    int firstOther = -1;
    for (int i = 0; i < c.size(); i++) {
      int code = c.code(i);
      if (code < 0) {
        continue;
      }
      nonMissing++;
      if (numeric[code]) {
        numericRows++;
      } else if (firstOther < 0) {
        firstOther = i;
      }
    }
    if (numericRows < MOSTLY_NUMERIC * nonMissing) {
      return;
    }
    throw new DataValidationException(
        "file " + file + " line " + lineOfRow[firstOther] + " column '" + c.name() + "': value '"
            + c.get(firstOther) + "' is not a number, but " + numericRows + " of " + nonMissing
            + " values in this column are numbers (other tokens: " + other + "). Fix the value,"
            + " declare it a missing-value token (--na '" + c.get(firstOther) + "'), or read the"
            + " column as categorical (--categorical " + c.name() + ")");
  }

  private static void addRow(
      Path file,
      ColumnBuilder[] builders,
      String[] fields,
      long line,
      Set<String> missing,
      String widthSource,
      String hint) {
    if (fields.length != builders.length) {
      throw new DataValidationException(
          "file " + file + " line " + line + " has " + fields.length + " fields but "
              + builders.length + " were expected (as in " + widthSource + "). "
              + "Fix that line, quote fields that contain the delimiter, or set the delimiter"
              + " explicitly (--delimiter)." + hint);
    }
    for (int j = 0; j < fields.length; j++) {
      String v = missing.contains(fields[j]) ? null : fields[j];
      if (!builders[j].add(v)) {
        throw new DataValidationException(
            "file " + file + " line " + line + " column '" + builders[j].name + "': value '"
                + fields[j] + "' is not a number, but the column was inferred numeric from its"
                + " first " + builders[j].window() + " non-missing values. Declare '"
                + builders[j].name + "' a categorical column (--categorical " + builders[j].name
                + "), declare '" + fields[j] + "' a missing-value token if it means missing (--na '"
                + fields[j] + "'), or fix the file");
      }
    }
  }

  static boolean detectHeader(String[] first, List<String[]> later, Set<String> missing) {
    Set<String> seen = new HashSet<>();
    boolean distinct = true;
    for (String f : first) {
      if (f.isEmpty() || missing.contains(f) || DecimalSyntax.isFiniteDecimal(f)) {
        return false;
      }
      distinct &= seen.add(f);
    }
    boolean someNumericColumn = false;
    boolean firstValueRecurs = false;
    for (int j = 0; j < first.length; j++) {
      int nonMissing = 0;
      boolean allNumeric = true;
      for (String[] row : later) {
        if (j >= row.length) {
          continue;
        }
        String v = row[j];
        if (missing.contains(v)) {
          continue;
        }
        nonMissing++;
        if (!DecimalSyntax.isFiniteDecimal(v)) {
          allNumeric = false;
        }
        if (v.equals(first[j])) {
          firstValueRecurs = true;
        }
      }
      if (nonMissing > 0 && allNumeric) {
        someNumericColumn = true;
      }
    }
    // a repeated name over numeric data is still a header (and then a duplicate-name error)
    return someNumericColumn || (distinct && !firstValueRecurs);
  }

  private static List<String> columnNames(
      Path file, CsvOptions opts, String[] headerRow, int width, long headerLine) {
    List<String> names = new ArrayList<>(width);
    if (opts.columnNames() != null) {
      if (opts.columnNames().size() != width) {
        throw new DataValidationException(
            "file " + file + " has " + width + " fields per row but " + opts.columnNames().size()
                + " column names were given (" + opts.columnNames() + "). Give exactly one"
                + " name per field");
      }
      names.addAll(opts.columnNames());
    } else if (headerRow != null) {
      for (int j = 0; j < width; j++) {
        names.add(headerRow[j].isEmpty() ? "column_" + (j + 1) : headerRow[j]);
      }
    } else {
      for (int j = 0; j < width; j++) {
        names.add("column_" + (j + 1));
      }
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String n : names) {
      counts.merge(n, 1, Integer::sum);
    }
    Set<String> dups = new LinkedHashSet<>();
    counts.forEach((n, c) -> {
      if (c > 1) {
        dups.add(n);
      }
    });
    if (!dups.isEmpty()) {
      String where =
          opts.columnNames() != null
              ? "in the given column names"
              : "in the header on line " + headerLine;
      throw new DataValidationException(
          "file " + file + ": duplicate column name(s) " + dups + " " + where
              + ". Rename the columns so that every name is unique");
    }
    return names;
  }

  private static String[] trimmed(CsvRecord r) {
    String[] out = new String[r.getFieldCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.getField(i).trim();
    }
    return out;
  }

  private static boolean isBlank(String[] fields) {
    return fields.length == 1 && fields[0].isEmpty();
  }

  private static void checkReadable(Path file) {
    if (!Files.exists(file)) {
      throw new DataValidationException(
          "data file " + file + " does not exist. Check the path (relative paths are resolved"
              + " against " + Path.of("").toAbsolutePath() + ")");
    }
    if (!Files.isRegularFile(file)) {
      throw new DataValidationException(
          "data file " + file + " is not a regular file. Give the path of a CSV file");
    }
    try {
      if (Files.size(file) == 0) {
        throw new DataValidationException(
            "data file " + file + " is empty (0 bytes). Give a file with a header and data rows");
      }
    } catch (IOException e) {
      throw new DataValidationException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static DataValidationException empty(Path file, CsvOptions opts) {
    String skip = opts.skipLines() > 0 ? " after skipping " + opts.skipLines() + " line(s)" : "";
    return new DataValidationException(
        "data file " + file + " is empty: it holds no non-blank lines" + skip
            + ". Give a file with data rows");
  }

  private static Reader openText(Path file, boolean gzip) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      if (gzip) {
        in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      }
      in.mark(3);
      byte[] bom = in.readNBytes(3);
      if (!(bom.length == 3
          && (bom[0] & 0xff) == 0xef && (bom[1] & 0xff) == 0xbb && (bom[2] & 0xff) == 0xbf)) {
        in.reset();
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  static char sniffDelimiter(Path file, boolean gzip, CsvOptions opts) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(openText(file, gzip))) {
      for (int i = 0; i < opts.skipLines(); i++) {
        if (r.readLine() == null) {
          break;
        }
      }
      int chars = 0;
      String line;
      while (lines.size() < SNIFF_LINES
          && chars < SNIFF_MAX_CHARS
          && (line = r.readLine()) != null) {
        if (!line.isBlank()) {
          lines.add(line);
          chars += line.length();
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new DataValidationException(
          "cannot read " + file + ": " + rootMessage(e)
              + ". Check that the file is a complete, readable text or gzip file",
          e);
    }
    return chooseDelimiter(lines);
  }

  static char chooseDelimiter(List<String> lines) {
    if (lines.isEmpty()) {
      return ',';
    }
    char best = 0;
    int bestCount = 0;
    for (char c : CANDIDATES) {
      int k = countOutsideQuotes(lines.get(0), c);
      boolean consistent = k > 0;
      for (int i = 1; i < lines.size() && consistent; i++) {
        consistent = countOutsideQuotes(lines.get(i), c) == k;
      }
      if (consistent && k > bestCount) {
        best = c;
        bestCount = k;
      }
    }
    if (best != 0) {
      return best;
    }
    for (char c : CANDIDATES) {
      int k = countOutsideQuotes(lines.get(0), c);
      if (k > bestCount) {
        best = c;
        bestCount = k;
      }
    }
    return best != 0 ? best : ',';
  }

  private static int countOutsideQuotes(String line, char c) {
    int n = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == c && !quoted) {
        n++;
      }
    }
    return n;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
