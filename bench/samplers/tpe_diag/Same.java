import dev.hone.search.sampler.*;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.*;
import java.util.*;
public class Same {
  public static void main(String[] a) {
    int seed = Integer.parseInt(a[0]), n = Integer.parseInt(a[1]);
    Study st = Study.createOrLoad(new InMemoryStudyStore(), "b", Direction.MINIMIZE, new TpeSampler(), seed);
    st.optimize(t -> BraninMany.branin(t.suggestFloat("x1", -5, 10, false), t.suggestFloat("x2", 0, 15, false)), StopCondition.trials(n + 1), StudyListener.NONE);
    List<TrialRecord> tr = st.trials();
    Study s2 = Study.createOrLoad(new InMemoryStudyStore(), "b", Direction.MINIMIZE, new TpeSampler(), seed);
    for (int i = 0; i < n; i++) {
      s2.enqueue(tr.get(i).params());
      Trial t = s2.ask();
      t.suggestFloat("x1", -5, 10, false); t.suggestFloat("x2", 0, 15, false);
      s2.tell(t, tr.get(i).value());
    }
    Trial t = s2.ask();
    System.out.println("real " + tr.get(n).params() + " replay x1=" + t.suggestFloat("x1", -5, 10, false) + " x2=" + t.suggestFloat("x2", 0, 15, false));
  }
}
