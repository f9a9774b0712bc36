package io.simkernel.traces.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The header and end records as JSON objects, written the same way — same fields, same order —
 * by both encodings: the JSON Lines writer puts them on lines, the binary writer embeds them
 * length-prefixed. One description of the header, so the encodings cannot drift apart.
 */
final class JsonRecords {
  static final JsonFactory JSON = new JsonFactory();

  private JsonRecords() {}

  static void writeHeader(JsonGenerator json, TraceHeader h) throws IOException {
    json.writeStartObject();
    json.writeStringField("format", TraceHeader.FORMAT);
    json.writeNumberField("version", h.version());
    json.writeStringField("simulator", h.simulator());
    json.writeStringField("scenario", h.scenario());
    json.writeStringField("scenario_sha256", h.scenarioSha256());
    json.writeNumberField("seed", h.seed());
    json.writeStringField("config", h.config());
    if (h.scenarioText() != null) {
      json.writeStringField("scenario_text", h.scenarioText());
    }
    json.writeEndObject();
  }

  static void writeEnd(JsonGenerator json, TraceEnd end) throws IOException {
    json.writeStartObject();
    json.writeStringField("end", end.reason());
    json.writeStringField("detail", end.detail());
    json.writeNumberField("events", end.events());
    json.writeNumberField("t", end.timeNs());
    json.writeStringField("hash", Hex.of(end.hash()));
    json.writeNumberField("main_status", end.mainStatus());
    json.writeEndObject();
  }

  static byte[] headerBytes(TraceHeader h) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      writeHeader(json, h);
    }
    return bytes.toByteArray();
  }

  static byte[] endBytes(TraceEnd end) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      writeEnd(json, end);
    }
    return bytes.toByteArray();
  }
}
