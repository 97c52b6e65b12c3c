import dev.hone.search.sampler.*;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.*;
import java.nio.file.*;
import java.util.*;
public class Diag {
  public static void main(String[] a) throws Exception {
    String js = Files.readString(Path.of("hist.json")).replace("[[", "").replace("]]", "");
    String[] rows = js.split("\\],\\s*\\[");
    int seeds = Integer.parseInt(a[0]);
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < seeds; s++) {
      Study st = Study.createOrLoad(new InMemoryStudyStore(), "d", Direction.MINIMIZE, new TpeSampler(), s);
      for (String r : rows) {
        String[] p = r.split(",");
        double x1 = Double.parseDouble(p[0].trim()), x2 = Double.parseDouble(p[1].trim()), v = Double.parseDouble(p[2].trim());
        st.enqueue(Map.of("x1", x1, "x2", x2));
        Trial t = st.ask();
        t.suggestFloat("x1", -5, 10, false);
        t.suggestFloat("x2", 0, 15, false);
        st.tell(t, v);
      }
      Trial t = st.ask();
      sb.append(t.suggestFloat("x1", -5, 10, false)).append(' ').append(t.suggestFloat("x2", 0, 15, false)).append('\n');
    }
    Files.writeString(Path.of("hone.txt"), sb.toString());
  }
}
