package dev.hone.eval.slices;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A slice given as a conjunction of conditions on columns, e.g. {@code sex=Female & age<30}.
 *
 * <h2>Language</h2>
 *
 * <pre>
 * definition := condition ( '&amp;' condition )*
 * condition  := name operator value
 * operator   := '=' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * name, value:= bare | '"' chars '"' | "'" chars "'"
 * </pre>
 *
 * <ul>
 *   <li>A bare token is a run of characters other than blanks and {@code & = ! < > " '}, so
 *       {@code marital-status=Never-married} and {@code age>=-1.5} need no quotes; anything else
 *       (blanks, operators, an empty string) is quoted with {@code "} or {@code '}, where a
 *       backslash escapes the quote character or a backslash.
 *   <li>Blanks between tokens are ignored.
 *   <li>The bare value {@code ?} means <em>missing</em>: {@code col=?} selects rows where {@code
 *       col} is missing, {@code col!=?} rows where it is present. The quoted {@code "?"} is the
 *       literal text.
 *   <li>Numeric columns: the value must be a number ({@link Double#parseDouble} syntax, including
 *       {@code Infinity}); all six operators apply.
 *   <li>Categorical columns: {@code =} and {@code !=} compare the level text exactly; the value
 *       must be a level of the column (a typo would otherwise select nothing silently). Ordering
 *       operators are an error.
 *   <li>A missing cell satisfies no comparison, including {@code !=} (as SQL's NULL): {@code
 *       sex!=Male} does not select rows whose {@code sex} is missing; use {@code sex=?} for those.
 * </ul>
 *
 * <p>Errors are {@link SliceDefinitionException}s naming the 1-based position and, for an unknown
 * column, the columns that exist. Immutable and thread-safe.
 */
public final class SlicePredicate {
  /** One comparison of a column with a value. */
  public enum Operator {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written, e.g. {@code "<="}. */
    public String symbol() {
      return symbol;
    }
  }

  /**
   * One condition.
   *
   * @param column the column name
   * @param operator the comparison
   * @param value the value text ({@code null} when {@code missing})
   * @param missing whether the value is the bare {@code ?} (missing)
   * @param columnPosition 1-based position of the column name in the definition
   * @param valuePosition 1-based position of the value in the definition
   */
  public record Condition(
      String column,
      Operator operator,
      String value,
      boolean missing,
      int columnPosition,
      int valuePosition) {
    public Condition {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(operator, "operator");
    }

    /** The condition in canonical text, e.g. {@code age<=30}, quoting as needed. */
    public String text() {
      return quote(column) + operator.symbol() + (missing ? "?" : quoteValue(value));
    }
  }

  private final String text;
  private final List<Condition> conditions;

  private SlicePredicate(String text, List<Condition> conditions) {
    this.text = text;
    this.conditions = List.copyOf(conditions);
  }

  /**
   * Parses a definition (syntax only; columns are checked by {@link #evaluate}).
   *
   * @param definition the text, e.g. {@code sex=Female & age<30}
   * @return the predicate
   * @throws SliceDefinitionException on a syntax error, naming the position
   */
  public static SlicePredicate parse(String definition) {
    Objects.requireNonNull(definition, "definition");
    return new Parser(definition).parse();
  }

  /** The definition as given. */
  public String text() {
    return text;
  }

  /** The conditions, in the order written. */
  public List<Condition> conditions() {
    return conditions;
  }

  /** The definition in canonical form: conditions joined by {@code " & "}, quoting as needed. */
  public String canonical() {
    List<String> parts = new ArrayList<>();
    for (Condition c : conditions) {
      parts.add(c.text());
    }
    return String.join(" & ", parts);
  }

  /**
   * The rows of {@code table} the slice selects.
   *
   * @param table the table whose columns the conditions name
   * @return a mask of shape {@code [table.rowCount()]}
   * @throws SliceDefinitionException if a column is unknown, a numeric value is not a number, a
   *     categorical value is not a level, or an ordering operator is applied to a categorical
   *     column
   */
  public boolean[] evaluate(Table table) {
    int n = table.rowCount();
    boolean[] mask = new boolean[n];
    java.util.Arrays.fill(mask, true);
    for (Condition c : conditions) {
      if (!table.hasColumn(c.column())) {
        throw new SliceDefinitionException(
            text, c.columnPosition(),
            "there is no column '" + c.column() + "'; columns are " + table.columnNames());
      }
      Column col = table.column(c.column());
      if (c.missing()) {
        if (c.operator() != Operator.EQ && c.operator() != Operator.NE) {
          throw new SliceDefinitionException(
              text, c.valuePosition(),
              "'?' (missing) can only be compared with = or !=, not " + c.operator().symbol());
        }
        boolean want = c.operator() == Operator.EQ;
        for (int r = 0; r < n; r++) {
          mask[r] &= col.isMissing(r) == want;
        }
      } else if (col instanceof NumericColumn num) {
        double v;
        try {
          v = Double.parseDouble(c.value().trim());
        } catch (NumberFormatException e) {
          throw new SliceDefinitionException(
              text, c.valuePosition(),
              "column '" + c.column() + "' is numeric but '" + c.value()
                  + "' is not a number; write a number such as 30 or 2.5, or ? for missing");
        }
        if (Double.isNaN(v)) {
          throw new SliceDefinitionException(
              text, c.valuePosition(), "NaN is not a comparable value; use ? for missing");
        }
        for (int r = 0; r < n; r++) {
          if (mask[r]) {
            double x = num.get(r);
            mask[r] = !Double.isNaN(x) && compare(c.operator(), x, v);
          }
        }
      } else {
        CategoricalColumn cat = (CategoricalColumn) col;
        if (c.operator() != Operator.EQ && c.operator() != Operator.NE) {
          throw new SliceDefinitionException(
              text, c.columnPosition(),
              "column '" + c.column() + "' is categorical: use = or !=, not "
                  + c.operator().symbol());
        }
        int code = cat.levels().indexOf(c.value());
        if (code < 0) {
          List<String> levels = cat.levels();
          String shown =
              levels.size() <= 20
                  ? levels.toString()
                  : levels.subList(0, 20) + " and " + (levels.size() - 20) + " more";
          throw new SliceDefinitionException(
              text, c.valuePosition(),
              "'" + c.value() + "' is not a level of column '" + c.column() + "'; levels are "
                  + shown);
        }
        boolean eq = c.operator() == Operator.EQ;
        for (int r = 0; r < n; r++) {
          if (mask[r]) {
            int k = cat.code(r);
            mask[r] = k >= 0 && ((k == code) == eq);
          }
        }
      }
    }
    return mask;
  }

  private static boolean compare(Operator op, double x, double v) {
    switch (op) {
      case EQ:
        return x == v;
      case NE:
        return x != v;
      case LT:
        return x < v;
      case LE:
        return x <= v;
      case GT:
        return x > v;
      case GE:
        return x >= v;
      default:
        throw new AssertionError(op);
    }
  }

  /** A column name as a token: bare when possible, otherwise double-quoted with escapes. */
  public static String quote(String token) {
    if (!token.isEmpty() && isBare(token)) {
      return token;
    }
    return doubleQuoted(token);
  }

  /** A value as a token; also quotes the literal {@code ?}, which bare means missing. */
  static String quoteValue(String value) {
    return "?".equals(value) ? doubleQuoted(value) : quote(value);
  }

  private static String doubleQuoted(String token) {
    return "\"" + token.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static boolean isBare(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!bareChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean bareChar(char c) {
    return !Character.isWhitespace(c)
        && c != '&' && c != '=' && c != '!' && c != '<' && c != '>' && c != '"' && c != '\'';
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlicePredicate p && p.canonical().equals(canonical());
  }

  @Override
  public int hashCode() {
    return canonical().hashCode();
  }

  /** Recursive-descent parser over the characters of one definition. */
  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    SlicePredicate parse() {
      List<Condition> out = new ArrayList<>();
      skipBlanks();
      if (i >= s.length()) {
        throw error(i, "the definition is empty; write conditions such as sex=Female & age<30");
      }
      while (true) {
        out.add(condition());
        skipBlanks();
        if (i >= s.length()) {
          break;
        }
        if (s.charAt(i) != '&') {
          throw error(i, "expected '&' between conditions but found '" + s.charAt(i) + "'");
        }
        i++;
        skipBlanks();
        if (i >= s.length()) {
          throw error(i, "a condition must follow '&'");
        }
      }
      return new SlicePredicate(s, out);
    }

    private Condition condition() {
      int namePos = i;
      Token name = token("a column name");
      skipBlanks();
      int opPos = i;
      Operator op = operator();
      if (op == null) {
        String found = i < s.length() ? "'" + s.charAt(i) + "'" : "the end";
        throw error(opPos, "expected an operator (= != < <= > >=) after '" + name.text + "' but found "
            + found);
      }
      skipBlanks();
      int valuePos = i;
      if (i >= s.length()) {
        throw error(i, "expected a value after '" + op.symbol() + "'");
      }
      Token value = token("a value");
      boolean missing = !value.quoted && value.text.equals("?");
      return new Condition(
          name.text, op, missing ? null : value.text, missing, namePos + 1, valuePos + 1);
    }

    private Operator operator() {
      if (i >= s.length()) {
        return null;
      }
      char c = s.charAt(i);
      char d = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
      switch (c) {
        case '=':
          i++;
          return Operator.EQ;
        case '!':
          if (d == '=') {
            i += 2;
            return Operator.NE;
          }
          return null;
        case '<':
          i += d == '=' ? 2 : 1;
          return d == '=' ? Operator.LE : Operator.LT;
        case '>':
          i += d == '=' ? 2 : 1;
          return d == '=' ? Operator.GE : Operator.GT;
        default:
          return null;
      }
    }

    private Token token(String what) {
      if (i >= s.length()) {
        throw error(i, "expected " + what + " but the definition ends");
      }
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        int start = i;
        i++;
        StringBuilder b = new StringBuilder();
        while (i < s.length()) {
          char x = s.charAt(i);
          if (x == '\\' && i + 1 < s.length()) {
            b.append(s.charAt(i + 1));
            i += 2;
          } else if (x == c) {
            i++;
            return new Token(b.toString(), true);
          } else {
            b.append(x);
            i++;
          }
        }
        throw error(start, "the quote " + c + " opened here is never closed");
      }
      int start = i;
      while (i < s.length() && bareChar(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw error(i, "expected " + what + " but found '" + c + "'");
      }
      return new Token(s.substring(start, i), false);
    }

    private void skipBlanks() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private SliceDefinitionException error(int at, String problem) {
      return new SliceDefinitionException(s, at + 1, problem);
    }
  }

  private record Token(String text, boolean quoted) {}
}
