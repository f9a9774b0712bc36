package io.simkernel.cli.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, the subset spreadsheets and pandas agree on: comma-separated, a field quoted
 * with {@code "} when it holds a comma, a quote or a line break (quotes doubled inside), lines
 * ending in {@code \n} ({@code \r\n} accepted on reading).
 */
public final class Csv {
  private Csv() {}

  /** One record, terminated by {@code \n}. */
  public static String line(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields.get(i);
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0
          || f.indexOf('\r') >= 0) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    return sb.append('\n').toString();
  }

  /**
   * Every record of a text; blank lines are skipped.
   *
   * @throws IllegalArgumentException for an unterminated quoted field, naming the line
   */
  public static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    int quoteLine = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          line += c == '\n' ? 1 : 0;
          field.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          quoted = true;
          quoteLine = line;
          any = true;
        }
        case ',' -> {
          rec.add(field.toString());
          field.setLength(0);
          any = true;
        }
        case '\r' -> { } // the \r of \r\n
        case '\n' -> {
          line++;
          if (any || field.length() > 0) {
            rec.add(field.toString());
            records.add(rec);
          }
          rec = new ArrayList<>();
          field.setLength(0);
          any = false;
        }
        default -> {
          field.append(c);
          any = true;
        }
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("line " + quoteLine + ": a quoted field is not closed;"
          + " expected a closing \"");
    }
    if (any || field.length() > 0) {
      rec.add(field.toString());
      records.add(rec);
    }
    return records;
  }
}
