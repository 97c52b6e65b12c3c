package dev.hone.cli;

import dev.hone.core.error.UserInputException;
import dev.hone.experiment.ImageTrainConfig;
import dev.hone.experiment.ImageTrainResult;
import dev.hone.experiment.ImageTrainWorkflow;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of {@code hone train} that apply only with {@code --task image}. */
final class ImageOptions {
  @Option(names = "--epochs", paramLabel = "N",
      defaultValue = "" + ImageTrainConfig.DEFAULT_FINAL_EPOCHS,
      description = "--task image: most epochs of the final fit (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--search-epochs", paramLabel = "N",
      defaultValue = "" + ImageTrainConfig.DEFAULT_SEARCH_EPOCHS,
      description = "--task image: most epochs of each search trial (default: ${DEFAULT-VALUE}).")
  int searchEpochs;

  @Option(names = "--search-downscale", paramLabel = "F",
      description = "--task image: every search trial sees images shrunk by this integer factor"
          + " (area averaging; 1 = full size; default "
          + ImageTrainConfig.DEFAULT_SEARCH_DOWNSCALE + "). Used with --fidelity none; giving it"
          + " without --fidelity implies --fidelity none.")
  Integer searchDownscale;

  @Option(names = "--space", paramLabel = "NAME",
      description = "--task image: search space: nas (the CNN cell space - conv blocks, channels,"
          + " kernel, pooling, batch norm, activation, optional dense head - plus optimizer,"
          + " learning rate, batch size, weight decay; TPE in group mode) or default (the cnn"
          + " learner's hinted parameters). Default: " + ImageTrainConfig.DEFAULT_SPACE + ".")
  String space;

  @Option(names = "--image-size", paramLabel = "WxH",
      description = "--task image, folder of classes: resize every image to WIDTHxHEIGHT.")
  String imageSize;

  @Option(names = "--rgb",
      description = "--task image, folder of classes: keep colour (3 channels) instead of gray.")
  boolean rgb;

  /** Runs the image workflow with the shared options of {@code hone train}. */
  int run(Path data, Integer trials, Duration budget, long seed, Path out, int threads,
      String fidelity) {
    if (data == null) {
      throw new UserInputException(
          "--task image needs --data DIR: a folder with MNIST IDX files, a folder with one "
              + "sub-folder per class, or scikit-learn's digits.csv.gz");
    }
    int w = 0;
    int h = 0;
    if (imageSize != null) {
      String[] parts = imageSize.toLowerCase(java.util.Locale.ROOT).split("x");
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        w = Integer.parseInt(parts[0].trim());
        h = Integer.parseInt(parts[1].trim());
      } catch (NumberFormatException e) {
        throw new UserInputException(
            "--image-size was '" + imageSize + "' but must be WIDTHxHEIGHT, e.g. 28x28");
      }
    }
    String fid = imageFidelity(fidelity, searchDownscale);
    Path outDir = out != null ? out : Path.of("runs", "image");
    ImageTrainConfig cfg =
        new ImageTrainConfig(
            data, rgb ? 3 : 1, w, h,
            imageTrials(trials),
            budget, seed, outDir, threads, searchEpochs, epochs,
            searchDownscale == null ? ImageTrainConfig.DEFAULT_SEARCH_DOWNSCALE : searchDownscale,
            fid, space);
    ImageTrainResult r = new ImageTrainWorkflow().run(cfg);
    System.out.println(r.summary());
    return 0;
  }

  /**
   * The {@code --fidelity} of an image run: as given; {@code none} when only {@code
   * --search-downscale} is given; {@link ImageTrainConfig#DEFAULT_FIDELITY} when neither is.
   *
   * @throws UserInputException when {@code --search-downscale} is combined with a fidelity other
   *     than {@code none}
   */
  static String imageFidelity(String fidelity, Integer searchDownscale) {
    if (searchDownscale == null) {
      return fidelity == null ? ImageTrainConfig.DEFAULT_FIDELITY : fidelity;
    }
    if (fidelity == null || fidelity.trim().equalsIgnoreCase("none")) {
      return "none";
    }
    throw new UserInputException(
        "--search-downscale " + searchDownscale + " fixes the search resolution, but --fidelity "
            + fidelity + " chooses it: give --fidelity none with --search-downscale, or drop"
            + " --search-downscale (e.g. --fidelity resolution:0.5 searches from half the side)");
  }

  /**
   * The trial count of an image run: {@code --trials} when given (any value, 30 included), else
   * {@link ImageTrainConfig#DEFAULT_TRIALS}.
   */
  static int imageTrials(Integer trials) {
    return trials == null ? ImageTrainConfig.DEFAULT_TRIALS : trials;
  }
}
