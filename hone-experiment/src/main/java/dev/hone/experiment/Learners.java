package dev.hone.experiment;

import dev.hone.core.error.HoneException;
import dev.hone.core.model.Learner;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds learners registered through {@link ServiceLoader}. */
public final class Learners {
  private Learners() {}

  /** Every registered learner. */
  public static List<Learner> all() {
    List<Learner> out = new ArrayList<>();
    ServiceLoader.load(Learner.class).forEach(out::add);
    return out;
  }

  /**
   * @throws HoneException when no learner of that name is on the class path
   */
  public static Learner byName(String name) {
    for (Learner l : all()) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    throw new HoneException(
        "learner '" + name + "' is not on the class path; registered: "
            + all().stream().map(Learner::name).toList());
  }
}
