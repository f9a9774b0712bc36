package io.simkernel.kernel.win;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command line split into argv by the rules of Microsoft's "Parsing C command-line
 * arguments" (the examples of its table), and CreateProcess's module candidates (A3).
 */
class CommandLineTest {
  private static void splits(String args, String... expected) {
    String[] argv = CommandLine.parse("prog " + args);
    assertEquals("prog", argv[0]);
    assertArrayEquals(expected, java.util.Arrays.copyOfRange(argv, 1, argv.length), args);
  }

  @Test
  void theDocumentedExamplesSplitAsDocumented() {
    splits("\"a b c\" d e", "a b c", "d", "e");
    splits("\"ab\\\"c\" \"\\\\\" d", "ab\"c", "\\", "d");
    splits("a\\\\\\b d\"e f\"g h", "a\\\\\\b", "de fg", "h");
    splits("a\\\\\\\"b c d", "a\\\"b", "c", "d");
    splits("a\\\\\\\\\"b c\" d e", "a\\\\b c", "d", "e");
    splits("a\"b\"\" c d", "ab\" c d");
  }

  @Test
  void blanksAndTabsSeparateAndAnEmptyQuotedArgumentCounts() {
    splits("  x\t\ty  ", "x", "y");
    splits("\"\" z", "", "z");
  }

  @Test
  void theProgramNameKeepsItsBackslashesAndMayBeQuoted() {
    assertArrayEquals(new String[] {"c:\\dir\\p.exe", "a"},
        CommandLine.parse("c:\\dir\\p.exe a"));
    assertArrayEquals(new String[] {"c:\\program files\\p.exe", "a"},
        CommandLine.parse("\"c:\\program files\\p.exe\" a"));
  }

  @Test
  void moduleCandidatesAreTriedPrefixByPrefixWithExeAppended_A3() {
    assertEquals(List.of("c:\\program.exe", "c:\\program files\\sub.exe",
        "c:\\program files\\sub dir\\program.exe", "c:\\program files\\sub dir\\program name.exe"),
        CommandLine.moduleCandidates("c:\\program files\\sub dir\\program name"));
    assertEquals(List.of("/bin/x y.exe"), CommandLine.moduleCandidates("\"/bin/x y\" arg"));
    assertEquals("/bin/tool.com", CommandLine.withExe("/bin/tool.com"));
    assertEquals("/b.d/tool.exe", CommandLine.withExe("/b.d/tool"));
  }
}
