package io.simkernel.api.gen;

import java.util.SplittableRandom;

/**
 * What the WINDOWS and FILES blocks need to know before any body is written: the exit codes of
 * the images CreateProcess starts and the contents of the declared data file. Drawn from a
 * stream of its own (not the body generator's), so that scenarios of the older families keep
 * their texts seed for seed; written into the scenario only when a block can use it.
 */
final class Extras {
  /** {@code /bin/gw0}, {@code /bin/gw1}: images a CreateProcess block starts. */
  static final int IMAGES = 2;
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  /** Each image's exit code as GetExitCodeProcess reads it (32 bits when ExitProcess). */
  final long[] imageCode = new long[IMAGES];
  /** Whether the image ends with ExitProcess (else with the Linux {@code exit}). */
  final boolean[] imageExitProcess = new boolean[IMAGES];
  /** The exit code of a Linux child the image forks and reaps, or -1 when it does not fork. */
  final int[] imageForkCode = new int[IMAGES];
  /** Milliseconds the image sleeps before exiting. */
  final int[] imageSleepMs = new int[IMAGES];
  /** {@code /bin/gwt}: the code it terminates the inherited process handle with. */
  final long terminatorCode;
  /** The contents of {@code /gdata}, letters only. */
  final String dataFile;

  Extras(long seed) {
    SplittableRandom r = new SplittableRandom(seed ^ 0xE7A5C0DE5L);
    for (int k = 0; k < IMAGES; k++) {
      imageExitProcess[k] = r.nextBoolean();
      // 259 is STILL_ACTIVE: a program that exits with it cannot be told from a running one
      // (windows.md A23), so the generator never uses it
      long code = imageExitProcess[k] ? r.nextInt(100_000) : r.nextInt(256);
      imageCode[k] = code == 259 ? 258 : code;
      imageForkCode[k] = r.nextBoolean() ? r.nextInt(256) : -1;
      imageSleepMs[k] = r.nextInt(3);
    }
    long t = 1 + r.nextInt(70_000);
    terminatorCode = t == 259 ? 260 : t;
    StringBuilder sb = new StringBuilder();
    int len = 1 + r.nextInt(300);
    for (int i = 0; i < len; i++) {
      sb.append(LETTERS.charAt(r.nextInt(LETTERS.length())));
    }
    dataFile = sb.toString();
  }

  /** A string of {@code len} copies of one letter, for a writer that must be recognisable. */
  static String run(char c, int len) {
    return String.valueOf(c).repeat(len);
  }
}
