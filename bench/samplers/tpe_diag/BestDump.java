import dev.hone.search.sampler.*;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.*;
import java.util.*;
/** Hone TPE on Branin: per seed "seed best@45 best@N x1 x2". Usage: BestDump SEEDS N [START]. */
public class BestDump {
  static double branin(double x1, double x2) {
    double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
    return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
  }
  public static void main(String[] a) {
    int seeds = Integer.parseInt(a[0]); int n = Integer.parseInt(a[1]); int start = a.length > 2 ? Integer.parseInt(a[2]) : 0;
    for (int seed = start; seed < start + seeds; seed++) {
      Study st = Study.createOrLoad(new InMemoryStudyStore(), "b", Direction.MINIMIZE, new TpeSampler(), seed);
      st.optimize(t -> branin(t.suggestFloat("x1", -5, 10, false), t.suggestFloat("x2", 0, 15, false)), StopCondition.trials(n), StudyListener.NONE);
      List<TrialRecord> tr = st.trials();
      StringBuilder sb = new StringBuilder();
      double b45 = 1e9, b60 = 1e9;
      for (int i = 0; i < n; i++) { if (i < 45) b45 = Math.min(b45, tr.get(i).value()); b60 = Math.min(b60, tr.get(i).value()); }
      // best point location at 60
      TrialRecord bt = st.bestTrial().get();
      System.out.println(seed + " " + b45 + " " + b60 + " " + bt.params().get("x1") + " " + bt.params().get("x2"));
    }
  }
}
