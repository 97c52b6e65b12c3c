package dev.hone.experiment;

import dev.hone.report.FamiliesView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps a {@link Leaderboard} onto the report's {@link FamiliesView}. */
final class FamiliesViews {
  private FamiliesViews() {}

  static FamiliesView of(Leaderboard lb) {
    List<FamiliesView.Row> rows = new ArrayList<>();
    for (Leaderboard.FamilyRow r : lb.families()) {
      rows.add(new FamiliesView.Row(r.family(), r.learner(), r.trials(), r.feasible(),
          r.bestTrial(), r.validationValue(), r.modelBytes(), r.latencyP95Ms(),
          r.parameterCount(), r.parameterUnit(), r.chosen()));
    }
    List<FamiliesView.Point> front = new ArrayList<>();
    for (Leaderboard.FrontPoint p : lb.paretoFront()) {
      front.add(new FamiliesView.Point(p.trial(), p.family(), p.validationValue(), p.modelBytes(),
          p.latencyP95Ms(), p.parameterCount(), p.parameterUnit(), p.chosen()));
    }
    DeploymentMetrics fin = lb.chosenFinal();
    String finalText = fin == null ? null : String.format(Locale.ROOT,
        "%d bytes, p95 %.3f ms, %d %s", fin.modelBytes(), fin.latencyP95Ms(),
        fin.parameterCount(), fin.parameterUnit());
    return new FamiliesView(lb.objective(), lb.direction().equals("MAXIMIZE"), lb.limits(),
        lb.latencyMethod(), rows, front, finalText);
  }
}
