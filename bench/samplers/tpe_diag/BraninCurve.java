import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import java.util.List;

/**
 * Mean best Branin value after n trials of Hone's TPE, for several n, over seeds 0..S-1 (the
 * Hone side of br_n.py). Usage: java BraninCurve SEEDS N1 N2 ... (the run lasts max(N) trials).
 */
public class BraninCurve {
  static double branin(double x1, double x2) {
    double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
    return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  public static void main(String[] a) {
    int seeds = Integer.parseInt(a[0]);
    int[] ns = new int[a.length - 1];
    int max = 0;
    for (int i = 1; i < a.length; i++) {
      ns[i - 1] = Integer.parseInt(a[i]);
      max = Math.max(max, ns[i - 1]);
    }
    double[] s = new double[ns.length];
    double[] s2 = new double[ns.length];
    for (int seed = 0; seed < seeds; seed++) {
      Study st = Study.createOrLoad(new InMemoryStudyStore(), "b", Direction.MINIMIZE,
          new TpeSampler(), seed);
      st.optimize(t -> branin(t.suggestFloat("x1", -5, 10, false),
          t.suggestFloat("x2", 0, 15, false)), StopCondition.trials(max), StudyListener.NONE);
      List<TrialRecord> tr = st.trials();
      for (int k = 0; k < ns.length; k++) {
        double b = Double.POSITIVE_INFINITY;
        for (int i = 0; i < ns[k]; i++) {
          b = Math.min(b, tr.get(i).value());
        }
        s[k] += b;
        s2[k] += b * b;
      }
    }
    for (int k = 0; k < ns.length; k++) {
      double m = s[k] / seeds;
      double sd = Math.sqrt((s2[k] - seeds * m * m) / (seeds - 1));
      System.out.printf("hone n=%d seeds=%d mean=%.4f sd=%.4f se=%.4f%n", ns[k], seeds, m, sd,
          sd / Math.sqrt(seeds));
    }
  }
}
