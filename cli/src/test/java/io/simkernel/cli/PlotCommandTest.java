package io.simkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simkernel plot}: SVG and PNG charts of a results CSV. */
class PlotCommandTest {
  @TempDir
  Path dir;

  private Path csv;

  @BeforeEach
  void sweep() throws IOException {
    Path s = SweepFixtures.write(dir, "tiny.sks", SweepFixtures.TINY);
    csv = dir.resolve("r.csv");
    CliHarness.Outcome o = CliHarness.run("sweep", s.toString(), "--quiet", "-D", "n=1,2,4",
        "-D", "mode=a,b", "--seeds", "1..3", "-o", csv.toString());
    assertEquals(0, o.status(), o.stderr());
  }

  @Test
  void writesAnSvgWithOneLinePerSeries() throws IOException {
    Path svg = dir.resolve("chart.svg");
    CliHarness.Outcome o = CliHarness.run("plot", csv.toString(), "--x", "n", "--y", "end_ns",
        "--series", "mode", "--y-unit", "ms", "-o", svg.toString());
    assertEquals(0, o.status(), o.stderr());
    String text = Files.readString(svg, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("<?xml"), text.substring(0, 40));
    assertTrue(text.contains("<svg"), "an SVG document");
    assertTrue(text.contains("</svg>"), "complete");
  }

  @Test
  void writesAPng() throws IOException {
    Path png = dir.resolve("chart.png");
    CliHarness.Outcome o = CliHarness.run("plot", csv.toString(), "--x", "n", "--y", "wall_ns",
        "--where", "mode=a", "--width", "640", "--height", "400", "-o", png.toString());
    assertEquals(0, o.status(), o.stderr());
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, "a readable PNG");
    assertEquals(640, img.getWidth());
    assertEquals(400, img.getHeight());
  }

  @Test
  void severalFilesAreOneTable() throws IOException {
    Path other = dir.resolve("measured.csv");
    Files.writeString(other, "n,mode,end_ns\n1,real,5000000\n2,real,\n4,real,9000000\n",
        StandardCharsets.UTF_8);
    Path svg = dir.resolve("both.svg");
    CliHarness.Outcome o = CliHarness.run("plot", csv.toString(), other.toString(), "--x", "n",
        "--y", "end_ns", "--series", "mode", "-o", svg.toString());
    assertEquals(0, o.status(), o.stderr());
    assertTrue(Files.size(svg) > 1000);
  }

  @Test
  void errorsNameTheColumnAndTheFormat() throws IOException {
    CliHarness.Outcome o = CliHarness.run("plot", csv.toString(), "--x", "nn", "--y", "end_ns",
        "-o", dir.resolve("c.svg").toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("--x nn: " + csv + " has no such column"), o.stderr());
    o = CliHarness.run("plot", csv.toString(), "--x", "mode", "--y", "end_ns", "-o",
        dir.resolve("c.svg").toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("is not a number"), o.stderr());
    o = CliHarness.run("plot", csv.toString(), "--x", "n", "--y", "end_ns", "--log-x", "--where",
        "n=1", "-o", dir.resolve("c.svg").toString());
    assertEquals(0, o.status(), o.stderr());
    o = CliHarness.run("plot", csv.toString(), "--x", "ten_n", "--y", "end_ns", "--log-y", "-o",
        dir.resolve("c.svg").toString());
    assertEquals(0, o.status(), o.stderr());
    Path zero = dir.resolve("zero.csv");
    Files.writeString(zero, "x,y\n0,1\n", StandardCharsets.UTF_8);
    o = CliHarness.run("plot", zero.toString(), "--x", "x", "--y", "y", "--log-x", "-o",
        dir.resolve("c.svg").toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("--log-x: x = 0.0 (line y) is not positive"), o.stderr());
    o = CliHarness.run("plot", csv.toString(), "--x", "n", "--y", "end_ns", "-o",
        dir.resolve("c.pdf").toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("expected a file name ending in .svg or .png"), o.stderr());
  }
}
