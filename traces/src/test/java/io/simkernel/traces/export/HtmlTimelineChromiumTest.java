package io.simkernel.traces.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.simkernel.traces.TestRuns;
import io.simkernel.traces.format.TraceFiles;
import io.simkernel.traces.format.TraceReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML timeline in a real browser: headless Chromium (Debian's {@code chromium} package)
 * loads the exported page from disk, its script runs and draws the slices, and a screenshot shows
 * the state colours. Skipped, saying why, where no Chromium is installed.
 */
class HtmlTimelineChromiumTest {
  private static Path chromium;

  @TempDir
  Path dir;

  @BeforeAll
  static void findChromium() {
    for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(c))) {
        chromium = Path.of(c);
        return;
      }
    }
  }

  private Path page() throws IOException {
    Path trace = TestRuns.write(TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY)),
        dir.resolve("t.sktrace"));
    Path html = dir.resolve("timeline.html");
    try (TraceReader in = TraceFiles.open(trace); OutputStream out = Files.newOutputStream(html)) {
      ExportFormat.HTML.export(in, out);
    }
    return html;
  }

  /** Runs headless Chromium with the flags this machine's closed network needs; its stdout. */
  private String chromium(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,700"));
    cmd.addAll(List.of(args));
    Path log = dir.resolve("chromium.log");
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s");
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void thePageIsSelfContained() throws IOException {
    String html = Files.readString(page());
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external resource");
    assertFalse(html.contains("@@DATA@@"), "the data hole is filled");
    assertTrue(html.contains("<script type=\"application/json\" id=\"trace-data\">{"));
  }

  @Test
  void chromiumRunsThePagesScriptAndDrawsEverySlice() throws Exception {
    assumeTrue(chromium != null, "no Chromium binary (install Debian's `chromium` package to run"
        + " the HTML timeline in a real browser)");
    String dom = chromium("--dump-dom", page().toUri().toString());
    Matcher rendered = Pattern.compile("data-rendered=\"(\\d+)\"").matcher(dom);
    assertTrue(rendered.find(), "the script did not run: " + dom.substring(0, Math.min(400,
        dom.length())));
    assertTrue(Integer.parseInt(rendered.group(1)) >= 10, "slices drawn: " + rendered.group(1));
    assertTrue(dom.contains("data-tasks=\"4\""), "one row per process");
    assertTrue(dom.contains("pid 3: /bin/leaf"), "rows are named by pid and image");
  }

  @Test
  void aScreenshotShowsTheTimelineInItsStateColours() throws Exception {
    assumeTrue(chromium != null, "no Chromium binary (install Debian's `chromium` package to run"
        + " the HTML timeline in a real browser)");
    Path png = dir.resolve("timeline.png");
    chromium("--screenshot=" + png, page().toUri().toString());
    assertTrue(Files.size(png) > 10_000, "screenshot of " + Files.size(png) + " bytes");
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(1280, img.getWidth());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        colours.add(img.getRGB(x, y) & 0xFFFFFF);
      }
    }
    assertTrue(colours.size() > 50, "not a blank page: " + colours.size() + " colours");
    for (TaskState s : List.of(TaskState.RUNNING, TaskState.BLOCKED, TaskState.ZOMBIE)) {
      int want = Integer.parseInt(s.color().substring(1), 16);
      assertTrue(colours.stream().anyMatch(c -> near(c, want)), s + " (" + s.color()
          + ") is not on the screenshot");
    }
  }

  private static boolean near(int a, int b) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > 6) {
        return false;
      }
    }
    return true;
  }
}
