package dev.hone.search.fidelity;

import dev.hone.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How much of the full training resource one evaluation uses: a kind and a fraction, or a
 * composition of several kinds (e.g. a quarter of the rows and half of the boosting rounds).
 * Immutable and JSON-serialisable.
 *
 * <p>Textual form ({@link #toString()}, {@link #parse(String)}): {@code full}, {@code rounds:0.25},
 * {@code rows:0.25}, {@code features:0.5}, {@code resolution:0.5}, and compositions joined by
 * {@code +}, e.g. {@code rows:0.25+rounds:0.5}. A bare kind ({@code rounds}, {@code rows}, ...)
 * parses as that kind at fraction 1 and is used to name the resource a scheduler varies.
 *
 * @param kind the kind; {@link FidelityKind#COMPOSED} exactly when {@code parts} is non-empty
 * @param fraction fraction of the full resource in {@code (0, 1]}; for {@code FULL} 1, for
 *     {@code COMPOSED} the product of the parts' fractions (informative only)
 * @param parts the components of a composed fidelity, each of a different simple kind (not
 *     {@code FULL} or {@code COMPOSED}), in the order given; empty otherwise
 */
public record Fidelity(FidelityKind kind, double fraction, List<Fidelity> parts) {
  /** Full fidelity. */
  public static final Fidelity FULL = new Fidelity(FidelityKind.FULL, 1.0, List.of());

  /**
   * @throws InvalidParameterException if the fraction is outside {@code (0, 1]}, or parts are
   *     given for a simple kind, missing for a composed one, nested, or repeat a kind
   */
  public Fidelity {
    if (kind == null) {
      throw new InvalidParameterException("fidelity kind must not be null");
    }
    parts = parts == null ? List.of() : List.copyOf(parts);
    if (kind == FidelityKind.COMPOSED) {
      if (parts.size() < 2) {
        throw new InvalidParameterException(
            "a composed fidelity needs at least two parts, e.g. rows:0.25+rounds:0.5; got " + parts);
      }
      Set<FidelityKind> seen = EnumSet.noneOf(FidelityKind.class);
      double prod = 1;
      for (Fidelity p : parts) {
        if (p.kind == FidelityKind.COMPOSED || p.kind == FidelityKind.FULL) {
          throw new InvalidParameterException(
              "a composed fidelity's parts must be simple kinds (rounds, rows, features,"
                  + " resolution); got " + p);
        }
        if (!seen.add(p.kind)) {
          throw new InvalidParameterException(
              "fidelity kind '" + p.kind.code() + "' appears twice in " + parts);
        }
        prod *= p.fraction;
      }
      fraction = prod;
    } else {
      if (!parts.isEmpty()) {
        throw new InvalidParameterException("only a composed fidelity has parts; got " + kind);
      }
      if (kind == FidelityKind.FULL) {
        fraction = 1.0;
      }
      if (!(fraction > 0 && fraction <= 1)) {
        throw new InvalidParameterException(
            "fidelity " + kind.code() + " fraction was " + fraction + " but must be in (0, 1]");
      }
    }
  }

  /** A simple fidelity of {@code kind} at {@code fraction}. */
  public static Fidelity of(FidelityKind kind, double fraction) {
    return new Fidelity(kind, fraction, List.of());
  }

  /** Boosting rounds: {@code fraction} of the maximum number of rounds. */
  public static Fidelity rounds(double fraction) {
    return of(FidelityKind.ROUNDS, fraction);
  }

  /** A seeded (stratified) subsample holding {@code fraction} of the training rows. */
  public static Fidelity rows(double fraction) {
    return of(FidelityKind.ROW_FRACTION, fraction);
  }

  /** A seeded subset holding {@code fraction} of the feature columns. */
  public static Fidelity features(double fraction) {
    return of(FidelityKind.FEATURE_FRACTION, fraction);
  }

  /** Images with each side scaled by {@code fraction}. */
  public static Fidelity resolution(double fraction) {
    return of(FidelityKind.RESOLUTION, fraction);
  }

  /**
   * Several fidelities applied together. Full parts are dropped; a single remaining part is
   * returned as is; none gives {@link #FULL}.
   *
   * @throws InvalidParameterException if a kind repeats
   */
  public static Fidelity compose(Fidelity... parts) {
    List<Fidelity> flat = new ArrayList<>();
    for (Fidelity p : parts) {
      if (p.kind == FidelityKind.COMPOSED) {
        flat.addAll(p.parts);
      } else if (p.kind != FidelityKind.FULL) {
        flat.add(p);
      }
    }
    if (flat.isEmpty()) {
      return FULL;
    }
    if (flat.size() == 1) {
      return flat.get(0);
    }
    return new Fidelity(FidelityKind.COMPOSED, 1.0, flat);
  }

  /** True for {@link #FULL} and for any fidelity whose every fraction is 1. */
  public boolean isFull() {
    return nominalCost() == 1.0;
  }

  /**
   * The fraction applied to one simple kind: this fidelity's own fraction if it is of that kind,
   * the matching part's for a composed one, and 1 (untouched) otherwise.
   */
  public double fractionOf(FidelityKind k) {
    if (kind == k) {
      return fraction;
    }
    for (Fidelity p : parts) {
      if (p.kind == k) {
        return p.fraction;
      }
    }
    return 1.0;
  }

  /**
   * The nominal cost as a fraction of full fidelity, before any measurement: the fraction for
   * rounds, rows and features, its square for resolution (pixels), the product for a composition.
   * Measured costs (see {@link FidelityCalibration}) replace this wherever they are available.
   */
  public double nominalCost() {
    return switch (kind) {
      case FULL -> 1.0;
      case RESOLUTION -> fraction * fraction;
      case COMPOSED -> parts.stream().mapToDouble(Fidelity::nominalCost).reduce(1.0, (a, b) -> a * b);
      default -> fraction;
    };
  }

  /**
   * This fidelity with the fraction of simple kind {@code k} replaced by {@code f} (added as a
   * part when absent), e.g. to place a scheduler's rung budget on top of a fixed fidelity.
   */
  public Fidelity with(FidelityKind k, double f) {
    if (k == FidelityKind.FULL || k == FidelityKind.COMPOSED) {
      throw new InvalidParameterException("with() takes a simple kind, got " + k);
    }
    List<Fidelity> out = new ArrayList<>();
    boolean placed = false;
    List<Fidelity> mine =
        kind == FidelityKind.COMPOSED ? parts : kind == FidelityKind.FULL ? List.of() : List.of(this);
    for (Fidelity p : mine) {
      if (p.kind == k) {
        out.add(of(k, f));
        placed = true;
      } else {
        out.add(p);
      }
    }
    if (!placed) {
      out.add(of(k, f));
    }
    return compose(out.toArray(Fidelity[]::new));
  }

  /**
   * Parses the textual form (see the class documentation). Case-insensitive; blanks ignored.
   *
   * @throws InvalidParameterException naming the offending part and the accepted forms
   */
  public static Fidelity parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidParameterException(
          "fidelity must not be empty; use e.g. full, rounds:0.25, rows:0.25, features:0.5,"
              + " resolution:0.5 or rows:0.25+rounds:0.5");
    }
    String t = text.replace(" ", "").toLowerCase(Locale.ROOT);
    if (t.equals("full")) {
      return FULL;
    }
    String[] pieces = t.split("\\+");
    Fidelity[] parts = new Fidelity[pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      String[] kv = pieces[i].split(":", -1);
      FidelityKind k = null;
      for (FidelityKind c : FidelityKind.values()) {
        if (c.code().equals(kv[0]) && c != FidelityKind.FULL && c != FidelityKind.COMPOSED) {
          k = c;
        }
      }
      if (k == null || kv.length > 2) {
        throw new InvalidParameterException(
            "fidelity '" + text + "': '" + pieces[i] + "' is not one of rounds:F, rows:F,"
                + " features:F, resolution:F (F a fraction in (0, 1]) or full");
      }
      double f = 1.0;
      if (kv.length == 2) {
        try {
          f = Double.parseDouble(kv[1]);
        } catch (NumberFormatException e) {
          throw new InvalidParameterException(
              "fidelity '" + text + "': '" + kv[1] + "' is not a number; give a fraction in (0, 1]");
        }
      }
      parts[i] = of(k, f);
    }
    if (parts.length == 1) {
      return parts[0];
    }
    return new Fidelity(FidelityKind.COMPOSED, 1.0, List.of(parts));
  }

  /** The textual form, e.g. {@code rows:0.25+rounds:0.5}; fractions in shortest round-trip form. */
  @Override
  public String toString() {
    if (kind == FidelityKind.FULL) {
      return "full";
    }
    if (kind == FidelityKind.COMPOSED) {
      StringBuilder sb = new StringBuilder();
      for (Fidelity p : parts) {
        if (sb.length() > 0) {
          sb.append('+');
        }
        sb.append(p);
      }
      return sb.toString();
    }
    return kind.code() + ":" + fmt(fraction);
  }

  private static String fmt(double f) {
    String s = Double.toString(f);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
