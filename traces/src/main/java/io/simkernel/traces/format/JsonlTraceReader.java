package io.simkernel.traces.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.simkernel.api.trace.TraceEvent;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSON Lines trace ({@link JsonlTraceWriter}'s output, version 1 or 2) as a stream: one
 * parser runs over the whole file, and each record must sit on a line of its own (blank lines
 * are tolerated). Errors name the line: {@code FILE:LINE: error: ...}.
 */
public final class JsonlTraceReader implements TraceReader {
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

  private final String name;
  private final JsonParser p;
  private final RecordFields fields;
  private final TraceHeader header;
  private int line;
  private long count;
  private long lastTime;
  private long lastHash = RecordFields.emptyHash();
  private TraceEnd end;

  /** Reads the header at once; {@code name} is how errors name the file. */
  public JsonlTraceReader(InputStream in, String name) throws IOException {
    this.name = name;
    this.p = JSON.createParser(in);
    this.fields = new RecordFields(msg -> TraceFormatException.at(name, location(), msg));
    if (readRecord() != RecordFields.Kind.HEADER) {
      throw TraceFormatException.at(name, location(), "the first line must be the trace header"
          + " ({\"format\":\"simkernel-trace\",...}); is this a simkernel trace?");
    }
    this.header = fields.header();
  }

  @Override
  public TraceHeader header() {
    return header;
  }

  @Override
  public TraceEvent next() throws IOException {
    if (end != null) {
      return null;
    }
    RecordFields.Kind k = readRecord();
    if (k == RecordFields.Kind.HEADER) {
      throw TraceFormatException.at(name, location(), "a second header in the trace");
    }
    if (k == RecordFields.Kind.END) {
      TraceEnd e = fields.end();
      String bad = RecordFields.checkEnd(e, count, lastHash, lastTime);
      if (bad != null) {
        throw TraceFormatException.at(name, location(), bad);
      }
      if (token() != null) {
        line = p.currentTokenLocation().getLineNr();
        throw TraceFormatException.at(name, location(), "data after the end record");
      }
      end = e;
      return null;
    }
    TraceEvent e = fields.event();
    String bad = RecordFields.checkEvent(e, count, lastTime);
    if (bad != null) {
      throw TraceFormatException.at(name, location(), bad);
    }
    count++;
    lastTime = e.timeNs();
    lastHash = e.hash();
    return e;
  }

  /** Reads the next record into {@link #fields}, checking it fills exactly one line. */
  private RecordFields.Kind readRecord() throws IOException {
    JsonToken t = token();
    if (t == null) {
      throw TraceFormatException.truncated(name, Integer.toString(line + 1), "the file ends after "
          + count + " events without its end record ({\"end\":...})");
    }
    int start = p.currentTokenLocation().getLineNr();
    if (t != JsonToken.START_OBJECT) {
      line = start;
      throw TraceFormatException.at(name, location(), "expected a JSON object");
    }
    if (start <= line) {
      line = start;
      throw TraceFormatException.at(name, location(), "two records on one line; each record"
          + " must be on a line of its own");
    }
    line = start;
    try {
      fields.read(p);
    } catch (JsonEOFException x) {
      throw TraceFormatException.truncated(name, location(), "the last line is incomplete");
    } catch (JsonProcessingException x) {
      throw malformed(x);
    }
    if (p.currentTokenLocation().getLineNr() != start) {
      throw TraceFormatException.at(name, location(), "a record spans several lines; each record"
          + " must be on one line");
    }
    return fields.kind();
  }

  private JsonToken token() throws IOException {
    try {
      return p.nextToken();
    } catch (JsonEOFException x) {
      throw TraceFormatException.truncated(name, location(), "the last line is incomplete");
    } catch (JsonProcessingException x) {
      throw malformed(x);
    }
  }

  private TraceFormatException malformed(JsonProcessingException x) {
    JsonLocation at = x.getLocation();
    if (at != null && at.getLineNr() > 0) {
      line = at.getLineNr();
    }
    return TraceFormatException.at(name, location(), "malformed JSON: " + x.getOriginalMessage());
  }

  @Override
  public TraceEnd end() {
    if (end == null) {
      throw new IllegalStateException("the end record has not been read yet");
    }
    return end;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return Integer.toString(Math.max(line, 1));
  }

  @Override
  public void close() throws IOException {
    p.close();
  }
}
