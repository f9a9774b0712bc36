package io.simkernel.api.gen;

import com.google.common.collect.ImmutableList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a generated program's own output carries: a line {@code ... -> A expect B} (the
 * memory and pipe blocks print them) states that A must equal B — copy-on-write isolation of
 * {@code MAP_PRIVATE}, sharing of {@code MAP_SHARED}, every byte of a pipe arriving before
 * end-of-file. Independent of any kernel: it reads the console text.
 */
public final class SelfChecks {
  private static final Pattern EXPECT = Pattern.compile("-> (-?\\d+) expect (-?\\d+)$");

  private SelfChecks() {}

  /** The lines of {@code stdout} whose value differs from what they expect; empty when none. */
  public static ImmutableList<String> failures(String stdout) {
    ImmutableList.Builder<String> bad = ImmutableList.builder();
    for (String line : stdout.split("\n")) {
      Matcher m = EXPECT.matcher(line);
      if (m.find() && !m.group(1).equals(m.group(2))) {
        bad.add(line);
      }
    }
    return bad.build();
  }
}
