import dev.hone.search.sampler.*;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.*;
public class BraninMany {
  static double branin(double x1, double x2) {
    double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
    return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
  }
  public static void main(String[] a) {
    int seeds = Integer.parseInt(a[0]);
    double s = 0, s2 = 0;
    for (int seed = 0; seed < seeds; seed++) {
      Study st = Study.createOrLoad(new InMemoryStudyStore(), "b", Direction.MINIMIZE, new TpeSampler(), seed);
      st.optimize(t -> branin(t.suggestFloat("x1", -5, 10, false), t.suggestFloat("x2", 0, 15, false)), StopCondition.trials(Integer.parseInt(a[1])), StudyListener.NONE);
      double b = st.bestTrial().get().value();
      s += b; s2 += b * b;
    }
    double m = s / seeds, sd = Math.sqrt((s2 - seeds * m * m) / (seeds - 1));
    System.out.printf("hone branin seeds=%d mean=%.4f sd=%.4f se=%.4f%n", seeds, m, sd, sd / Math.sqrt(seeds));
  }
}
