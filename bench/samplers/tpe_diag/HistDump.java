import dev.hone.search.sampler.*;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.*;
import java.nio.file.*;
import java.util.*;
public class HistDump {
  public static void main(String[] a) throws Exception {
    int seed = Integer.parseInt(a[0]), n = Integer.parseInt(a[1]);
    Study st = Study.createOrLoad(new InMemoryStudyStore(), "b", Direction.MINIMIZE, new TpeSampler(), seed);
    st.optimize(t -> BraninMany.branin(t.suggestFloat("x1", -5, 10, false), t.suggestFloat("x2", 0, 15, false)), StopCondition.trials(n), StudyListener.NONE);
    StringBuilder sb = new StringBuilder("[");
    for (TrialRecord r : st.trials()) {
      if (sb.length() > 1) sb.append(", ");
      sb.append("[").append(r.params().get("x1")).append(", ").append(r.params().get("x2")).append(", ").append(r.value()).append("]");
    }
    Files.writeString(Path.of("hist.json"), sb.append("]").toString());
    System.out.println("best " + st.bestTrial().get().value());
  }
}
