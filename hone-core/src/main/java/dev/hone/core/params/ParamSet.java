package dev.hone.core.params;

import dev.hone.core.error.InvalidParameterException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A validated, complete and immutable set of hyperparameter values for one learner: every declared
 * {@link ParamSpec} has a value (given or default); an undeclared key is an error, never ignored.
 */
public final class ParamSet {
  private final Map<String, ParamSpec> specs;
  private final Map<String, Object> values;

  private ParamSet(Map<String, ParamSpec> specs, Map<String, Object> values) {
    this.specs = specs;
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Resolves {@code given} against {@code specs}, filling defaults.
   *
   * @throws InvalidParameterException for an unknown key (naming the known ones) or a bad value
   */
  public static ParamSet resolve(List<ParamSpec> specs, Map<String, ?> given) {
    Map<String, ParamSpec> byName = new LinkedHashMap<>();
    for (ParamSpec s : specs) {
      byName.put(s.name(), s);
    }
    for (String k : given.keySet()) {
      if (!byName.containsKey(k)) {
        throw new InvalidParameterException(
            "unknown parameter '" + k + "'; known parameters are " + new TreeSet<>(byName.keySet()));
      }
    }
    Map<String, Object> vals = new LinkedHashMap<>();
    for (ParamSpec s : specs) {
      Object v = given.containsKey(s.name()) ? given.get(s.name()) : s.defaultValue();
      vals.put(s.name(), s.validate(v));
    }
    return new ParamSet(byName, vals);
  }

  public double getDouble(String name) {
    return ((Number) get(name)).doubleValue();
  }

  public long getLong(String name) {
    return ((Number) get(name)).longValue();
  }

  public int getInt(String name) {
    return Math.toIntExact(getLong(name));
  }

  public String getString(String name) {
    return String.valueOf(get(name));
  }

  /**
   * @throws InvalidParameterException if {@code name} is not declared
   */
  public Object get(String name) {
    if (!values.containsKey(name)) {
      throw new InvalidParameterException("unknown parameter '" + name + "'");
    }
    return values.get(name);
  }

  /** All values in declaration order (unmodifiable). */
  public Map<String, Object> asMap() {
    return values;
  }

  public List<ParamSpec> specs() {
    return List.copyOf(specs.values());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParamSet p && p.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
