package dev.hone.core.model;

/**
 * A learner whose inputs are images and that can train at a reduced image resolution, the
 * resolution kind of low-fidelity evaluation. Tabular learners do not implement it, and a
 * resolution fidelity is refused for them.
 *
 * <p>Implementations downscale each image so that both sides are {@code scale} times their size
 * (at least one pixel), with their own resampling (e.g. area averaging), for the training and the
 * validation inputs alike, so that validation scores at a fidelity compare configurations on the
 * same inputs. The nominal cost of a fit falls roughly with {@code scale²}.
 */
public interface ResolutionScalable {
  /**
   * The same fit request with every image input downscaled.
   *
   * @param request a request whose feature matrices hold images in the learner's own layout
   * @param scale factor applied to each image side, in {@code (0, 1]}; 1 returns {@code request}
   * @return a request of the same rows and labels at the lower resolution
   * @throws IllegalArgumentException if {@code scale} is outside {@code (0, 1]}
   */
  FitRequest atResolution(FitRequest request, double scale);
}
