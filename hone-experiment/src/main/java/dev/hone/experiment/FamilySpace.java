package dev.hone.experiment;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.Learner;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.study.Trial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One conditional search space over model families (macro search): a categorical parameter
 * {@value #FAMILY} chooses the family, and each family's own hyperparameters (its learner's
 * {@link dev.hone.core.params.SearchHint}s, {@link SearchSpace#fromHints}) are suggested only when
 * it is chosen, named {@code <family>.<parameter>} so that families never share a parameter.
 * TPE in group mode ({@code TpeSampler.Options.withMultivariate(true, true)}) then models each
 * family's parameters jointly from the trials of that family only.
 *
 * <p>The families are the registered learners ({@link java.util.ServiceLoader}), one per {@link
 * Learner#family()}: a learner added to the class path (for instance the {@code mlp} learner of
 * {@code hone-learner-djl}) joins {@code --families all} without any change here; a learner
 * whose {@link Learner#family()} is {@code null} (not for tabular data) is left out. Families are
 * ordered by name, so the categorical's choices do not depend on class-path order.
 */
public final class FamilySpace {
  /** Name of the categorical parameter that chooses the family. */
  public static final String FAMILY = "family";

  /**
   * One family: its name, learner and its own search space (parameter names without prefix).
   *
   * @param name the family name, {@link Learner#family()}
   * @param learner the learner that trains it
   * @param space its hyperparameters' search space
   */
  public record Family(String name, Learner learner, SearchSpace space) {}

  /**
   * What a trial chose: the family, its learner and the learner's parameter values (names
   * without prefix, ready for {@code ParamSet.resolve(learner.paramSpecs(), params)}).
   */
  public record Choice(String family, Learner learner, Map<String, Object> params) {}

  private final List<Family> families;
  private final CategoricalDistribution familyDistribution;
  private final SearchSpace flat;

  private FamilySpace(List<Family> families) {
    this.families = List.copyOf(families);
    List<String> names = new ArrayList<>();
    SearchSpace.Builder b = SearchSpace.builder();
    for (Family f : this.families) {
      names.add(f.name());
    }
    this.familyDistribution = new CategoricalDistribution(names);
    b.add(FAMILY, familyDistribution);
    for (Family f : this.families) {
      for (Map.Entry<String, Distribution> e : f.space().distributions().entrySet()) {
        b.add(f.name() + "." + e.getKey(), e.getValue());
      }
    }
    this.flat = b.build();
  }

  /**
   * The families named by {@code spec} among {@code registered}: {@code "all"} for every family,
   * or a comma-separated list of family names (or learner names).
   *
   * @throws InvalidParameterException naming an unknown family and listing the registered ones,
   *     or when {@code spec} is blank or names a family twice
   */
  public static FamilySpace select(String spec, List<Learner> registered) {
    Objects.requireNonNull(spec, "spec");
    Map<String, Learner> byFamily = new TreeMap<>();
    for (Learner l : registered) {
      if (l.family() == null) {
        continue; // not a tabular family (see Learner.family)
      }
      Learner prev = byFamily.putIfAbsent(l.family(), l);
      if (prev != null && prev != l && !prev.name().equals(l.name())) {
        throw new InvalidParameterException("learners '" + prev.name() + "' and '" + l.name()
            + "' both claim the model family '" + l.family() + "'; remove one from the class"
            + " path");
      }
    }
    List<Family> out = new ArrayList<>();
    String s = spec.trim();
    if (s.isEmpty()) {
      throw new InvalidParameterException(
          "--families was empty: give 'all' or a list such as gbtree,dart; registered: "
              + byFamily.keySet());
    }
    if (s.equals("all")) {
      for (Map.Entry<String, Learner> e : byFamily.entrySet()) {
        out.add(family(e.getKey(), e.getValue()));
      }
    } else {
      for (String part : s.split(",")) {
        String name = part.trim();
        Learner l = byFamily.get(name);
        if (l == null) {
          for (Learner c : byFamily.values()) {
            if (c.name().equals(name)) {
              l = c;
            }
          }
        }
        if (l == null) {
          throw new InvalidParameterException("--families names '" + name + "', which is not a"
              + " registered model family; registered: " + byFamily.keySet() + " (or 'all')");
        }
        String fam = l.family();
        if (out.stream().anyMatch(f -> f.name().equals(fam))) {
          throw new InvalidParameterException("--families names '" + fam + "' twice");
        }
        out.add(family(fam, l));
      }
      out.sort(Comparator.comparing(Family::name));
    }
    return new FamilySpace(out);
  }

  /** The space of the given families (in that order). */
  public static FamilySpace of(List<Family> families) {
    if (families.isEmpty()) {
      throw new InvalidParameterException("a family space needs at least one family");
    }
    return new FamilySpace(families);
  }

  private static Family family(String name, Learner l) {
    return new Family(name, l, SearchSpace.fromHints(l.paramSpecs()));
  }

  /** The families, in the order of the {@value #FAMILY} categorical's choices. */
  public List<Family> families() {
    return families;
  }

  /** The family names. */
  public List<String> names() {
    return families.stream().map(Family::name).toList();
  }

  /**
   * Every parameter any trial may suggest: {@value #FAMILY} first, then each family's parameters
   * with their {@code family.} prefix (the columns of {@code trials.csv}).
   */
  public SearchSpace space() {
    return flat;
  }

  /** Suggests the family, then that family's parameters only. */
  public Choice suggest(Trial trial) {
    String fam = (String) trial.suggest(FAMILY, familyDistribution);
    Family f = family(fam);
    Map<String, Object> params = new LinkedHashMap<>();
    for (Map.Entry<String, Distribution> e : f.space().distributions().entrySet()) {
      params.put(e.getKey(), trial.suggest(fam + "." + e.getKey(), e.getValue()));
    }
    return new Choice(fam, f.learner(), params);
  }

  /**
   * The choice stored in a trial's parameters (as {@link #suggest} wrote them).
   *
   * @throws InvalidParameterException if the parameters name no family of this space
   */
  public Choice resolve(Map<String, Object> stored) {
    Object fam = stored.get(FAMILY);
    if (!(fam instanceof String name)) {
      throw new InvalidParameterException(
          "trial parameters " + stored + " have no '" + FAMILY + "'");
    }
    Family f = family(name);
    Map<String, Object> params = new LinkedHashMap<>();
    String prefix = name + ".";
    for (Map.Entry<String, Object> e : stored.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        params.put(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    return new Choice(name, f.learner(), params);
  }

  /** The family called {@code name}. */
  public Family family(String name) {
    for (Family f : families) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new InvalidParameterException(
        "model family '" + name + "' is not among " + names());
  }

  @Override
  public String toString() {
    return "FamilySpace" + names();
  }
}
