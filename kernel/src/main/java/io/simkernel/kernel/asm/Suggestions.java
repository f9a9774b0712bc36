package io.simkernel.kernel.asm;

import java.util.Locale;

/**
 * "Did you mean" hints: the closest candidate by edit distance (optimal string alignment, so a
 * swapped pair of letters counts once), compared without case so that {@code FORK} finds
 * {@code fork} and {@code createprocess} finds {@code CreateProcess}. Ties go to the earliest
 * candidate, so the hint is deterministic.
 */
final class Suggestions {
  private Suggestions() {}

  /** The closest candidate within a small distance, or null. */
  static String closest(String word, Iterable<String> candidates) {
    String lower = word.toLowerCase(Locale.ROOT);
    int limit = word.length() <= 3 ? 1 : word.length() <= 6 ? 2 : 3;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c.equals(word)) {
        continue;
      }
      int d = distance(lower, c.toLowerCase(Locale.ROOT));
      if (d <= limit && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** {@code " (did you mean `x`?)"}, or "" when nothing is close. */
  static String hint(String word, Iterable<String> candidates) {
    String c = closest(word, candidates);
    return c == null ? "" : " (did you mean `" + c + "`?)";
  }

  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
