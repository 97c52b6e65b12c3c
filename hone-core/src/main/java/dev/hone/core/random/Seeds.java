package dev.hone.core.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent random streams from a root seed, a stream name and an index, so that no
 * component ever shares or relies on a global generator.
 *
 * <p>The derivation hashes {@code (root, name, index)} with the SplitMix64 finaliser (Steele, Lea
 * and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014). The same triple always
 * gives the same stream on every JVM; different triples give statistically independent streams.
 * Thread safety: stateless; the returned generators are not thread-safe and must not be shared.
 */
public final class Seeds {
  private Seeds() {}

  /** SplitMix64 finaliser: a bijective 64-bit mixer. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * Derives a 64-bit seed.
   *
   * @param root the user's seed (any value)
   * @param stream a stable name for the consumer, e.g. {@code "split"} or {@code "sampler"}
   * @param index a sub-stream index, e.g. the trial number; 0 when there is only one
   * @return the derived seed
   */
  public static long derive(long root, String stream, long index) {
    long h = mix(root + 0x9e3779b97f4a7c15L);
    for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xffL));
    }
    return mix(h ^ mix(index + 0x632be59bd9b4e019L));
  }

  /** A generator for {@link #derive(long, String, long)}. */
  public static SplittableRandom rng(long root, String stream, long index) {
    return new SplittableRandom(derive(root, stream, index));
  }

  /** A non-negative 31-bit seed for native engines that take an {@code int} seed. */
  public static int nativeSeed(long root, String stream, long index) {
    return (int) (derive(root, stream, index) >>> 33);
  }

  /** In-place Fisher–Yates shuffle (Knuth, TAOCP vol. 2, Algorithm P). */
  public static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
