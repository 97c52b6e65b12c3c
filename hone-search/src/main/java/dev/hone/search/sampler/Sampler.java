package dev.hone.search.sampler;

import dev.hone.core.random.Seeds;
import dev.hone.search.space.Distribution;
import dev.hone.search.study.TrialRecord;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses parameter values for trials (Optuna's {@code BaseSampler}).
 *
 * <p>For each new trial the study calls, in order: {@link #beforeTrial}, {@link
 * #inferRelativeSpace} and, if that space is non-empty, {@link #sampleRelative} (joint sampling of
 * several parameters). Each later {@code suggest} of a parameter uses the relative value when one
 * was produced for it with an equal distribution, and otherwise calls {@link #sampleIndependent}.
 * After the trial is told, {@link #afterTrial} runs.
 *
 * <p><b>Randomness.</b> A sampler holds no random state: it derives a fresh generator per draw
 * with {@link #rng(long, String, int, String)} from the study seed, its own stream name, the trial
 * number and the parameter name. Two runs that show a sampler the same history with the same seed
 * get bit-for-bit the same values, whatever ran before or concurrently.
 *
 * <p><b>Thread safety.</b> Implementations must be safe to call from several threads at once
 * (being stateless is the simple way).
 */
public interface Sampler {

  /** The parameters to sample jointly for trial {@code trialNumber}; none by default. */
  default Map<String, Distribution> inferRelativeSpace(StudyView study, int trialNumber) {
    return Map.of();
  }

  /**
   * Jointly samples the parameters of {@code space}.
   *
   * @return name &rarr; external value, each inside its distribution; may omit names, which then
   *     fall back to {@link #sampleIndependent}
   */
  default Map<String, Object> sampleRelative(
      StudyView study, int trialNumber, Map<String, Distribution> space) {
    return Map.of();
  }

  /**
   * Samples one parameter on its own.
   *
   * @param study the history as it was when the trial was asked
   * @param trialNumber the trial being sampled
   * @param name the parameter name
   * @param distribution its distribution
   * @return an external value for which {@code distribution.contains(value)} is true
   */
  Object sampleIndependent(StudyView study, int trialNumber, String name, Distribution distribution);

  /** Called when trial {@code trialNumber} has been created, before any sampling. */
  default void beforeTrial(StudyView study, int trialNumber) {}

  /** Called after a trial was told; {@code finished} is its final record. */
  default void afterTrial(StudyView study, TrialRecord finished) {}

  /**
   * Whether the sampler has nothing new to propose for this history (a grid whose every point
   * has been evaluated); an optimisation loop should then stop asking. False by default.
   */
  default boolean isExhausted(StudyView study) {
    return false;
  }

  /**
   * The generator for one draw: {@code Seeds.rng(studySeed, "sampler/" + sampler + "/" + param,
   * trialNumber)}.
   *
   * @param studySeed the study's root seed
   * @param sampler a stable stream name for the sampler, e.g. {@code "random"}
   * @param trialNumber the trial being sampled
   * @param param the parameter name
   */
  static SplittableRandom rng(long studySeed, String sampler, int trialNumber, String param) {
    return Seeds.rng(studySeed, "sampler/" + sampler + "/" + param, trialNumber);
  }
}
