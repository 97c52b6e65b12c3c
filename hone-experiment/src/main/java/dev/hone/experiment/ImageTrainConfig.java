package dev.hone.experiment;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.data.image.ImageReaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@code hone train --task image} ({@link ImageTrainWorkflow}).
 *
 * @param data a directory with MNIST IDX files or one sub-folder per class, or scikit-learn's
 *     {@code digits.csv[.gz]}
 * @param channels folder of classes: 1 (grayscale) or 3 (RGB)
 * @param imageWidth folder of classes: resize every image to this width, or 0 to keep sizes
 * @param imageHeight folder of classes: resize to this height, or 0 (together with width)
 * @param trials search trials to complete (≥ 1)
 * @param timeBudget no new search trial starts after this long; {@code null} for none
 * @param seed root seed of the split, the search, every fit and the bootstrap
 * @param out output directory
 * @param threads native threads per fit (≥ 1)
 * @param searchEpochs maximum epochs of each search trial (≥ 1)
 * @param finalEpochs maximum epochs of the final fit (≥ 1); early stopping on validation
 * @param searchDownscale search trials see images downscaled by this integer factor (area
 *     averaging; the image resolution fidelity); 1 = full resolution. Ignored (1 is used) when it
 *     does not divide the image size or would leave fewer than 7 pixels a side. Used only with
 *     {@code fidelity = none}
 * @param fidelity {@code --fidelity}: {@code auto} (default: a pilot calibrates resolution 1/2 and
 *     1/4 and epochs 1/2 against full resolution, then ASHA climbs from the cheapest trusted one;
 *     see {@link ImageFidelitySearch}), {@code resolution:F}, {@code epochs:F} or a composition
 *     (no pilot), {@code full} (full resolution, no scheduler) or {@code none} (every trial at
 *     {@code searchDownscale}, as before)
 * @param space {@code --space}: {@code nas} (default: the CNN cell space plus training
 *     parameters) or {@code default} (the learner's hinted parameters); see {@link
 *     ImageSearchSpace}
 */
public record ImageTrainConfig(
    Path data,
    int channels,
    int imageWidth,
    int imageHeight,
    int trials,
    Duration timeBudget,
    long seed,
    Path out,
    int threads,
    int searchEpochs,
    int finalEpochs,
    int searchDownscale,
    String fidelity,
    String space) {

  /** Default {@link #trials()}. */
  public static final int DEFAULT_TRIALS = 4;

  /** Default {@link #searchEpochs()}. */
  public static final int DEFAULT_SEARCH_EPOCHS = 2;

  /** Default {@link #finalEpochs()}. */
  public static final int DEFAULT_FINAL_EPOCHS = 6;

  /** Default {@link #searchDownscale()}. */
  public static final int DEFAULT_SEARCH_DOWNSCALE = 2;

  /** Default {@link #fidelity()}. */
  public static final String DEFAULT_FIDELITY = ImageFidelitySearch.DEFAULT_SETTING;

  /** Default {@link #space()}. */
  public static final String DEFAULT_SPACE = ImageSearchSpace.DEFAULT;

  /**
   * The settings of earlier versions: every search trial at {@code searchDownscale} ({@code
   * fidelity = none}) over the learner's hinted parameters ({@code space = default}).
   */
  public ImageTrainConfig(
      Path data, int channels, int imageWidth, int imageHeight, int trials, Duration timeBudget,
      long seed, Path out, int threads, int searchEpochs, int finalEpochs, int searchDownscale) {
    this(data, channels, imageWidth, imageHeight, trials, timeBudget, seed, out, threads,
        searchEpochs, finalEpochs, searchDownscale, "none", "default");
  }

  /**
   * Validates.
   *
   * @throws InvalidParameterException naming the option ({@code --trials}, {@code --fidelity},
   *     {@code --space}, ...) that is out of range
   */
  public ImageTrainConfig {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(out, "out");
    folderOptions(channels, imageWidth, imageHeight); // validates
    check(trials >= 1, "--trials", trials);
    check(threads >= 1, "--threads", threads);
    check(searchEpochs >= 1, "--search-epochs", searchEpochs);
    check(finalEpochs >= 1, "--epochs", finalEpochs);
    check(searchDownscale >= 1, "--search-downscale", searchDownscale);
    fidelity = fidelity == null ? DEFAULT_FIDELITY : fidelity.trim();
    ImageFidelitySearch.parse(fidelity); // validates
    space = space == null ? DEFAULT_SPACE : space.trim().toLowerCase(java.util.Locale.ROOT);
    if (!ImageSearchSpace.NAMES.contains(space)) {
      throw new InvalidParameterException(
          "--space was '" + space + "' but must be one of " + ImageSearchSpace.NAMES
              + " (nas: the CNN cell space with training parameters; default: the learner's"
              + " hinted parameters)");
    }
  }

  /** How a folder of class sub-folders is read. */
  public ImageReaders.FolderOptions folder() {
    return folderOptions(channels, imageWidth, imageHeight);
  }

  private static ImageReaders.FolderOptions folderOptions(int c, int w, int h) {
    return new ImageReaders.FolderOptions(c, h, w);
  }

  private static void check(boolean ok, String option, int value) {
    if (!ok) {
      throw new InvalidParameterException(option + " was " + value + " but must be >= 1");
    }
  }
}
