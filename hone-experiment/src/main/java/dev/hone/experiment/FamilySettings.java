package dev.hone.experiment;

/**
 * {@code hone train}'s model-family and deployment-limit options.
 *
 * @param families {@code --families}: {@code all} or a comma-separated list of families (e.g.
 *     {@code gbtree,dart,gblinear,rf}); {@code null} for the default single gbtree search
 * @param limits {@code --max-model-bytes} and {@code --max-latency-ms}; never null
 */
public record FamilySettings(String families, DeploymentMetrics.Limits limits) {
  /** No families option and no limits: {@code hone train} as before. */
  public static final FamilySettings NONE = new FamilySettings(null, null);

  /** Defaults null limits to none. */
  public FamilySettings {
    limits = limits == null ? DeploymentMetrics.Limits.NONE : limits;
  }

  /** Whether a family search runs: families named or any limit set. */
  public boolean enabled() {
    return families != null || limits.any();
  }
}
