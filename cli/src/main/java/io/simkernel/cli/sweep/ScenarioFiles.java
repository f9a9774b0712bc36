package io.simkernel.cli.sweep;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a scenario file, with the one-line errors every command gives for it. */
public final class ScenarioFiles {
  private ScenarioFiles() {}

  /** The file's text, or null after printing why it cannot be read. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      System.err.println("simkernel: " + file + ": no such file");
    } catch (MalformedInputException e) {
      System.err.println(file + ":1:1: error: the file is not UTF-8 text; expected a scenario"
          + " (.sks)");
    } catch (IOException e) {
      System.err.println("simkernel: cannot read " + file + ": " + e.getMessage());
    }
    return null;
  }
}
