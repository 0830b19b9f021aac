package org.circle.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

/**
 * JSON text for the board's hot path: every frame in and out, every event written. Vert.x's
 * default codec goes through Jackson's object mapper, which builds a (de)serialisation context for
 * each call; the streaming codec reads and writes the same maps and lists without it, and the
 * mapper's contexts were the largest share of what the server allocated per operation under load
 * (docs/benchmarks.md).
 */
public final class JsonText {
  private static final JacksonCodec CODEC = new JacksonCodec();

  private JsonText() {}

  /** The object in {@code text}; a DecodeException when it is anything else (an array, {@code null}, not JSON). */
  public static JsonObject parseObject(String text) throws DecodeException {
    // Read as anything: the codec wraps an object in a JsonObject and returns null for "null".
    if (CODEC.fromString(text, Object.class) instanceof JsonObject object) return object;
    throw new DecodeException("not a JSON object");
  }

  /** The object in {@code bytes} (UTF-8); a DecodeException when it is anything else. */
  public static JsonObject parseObject(Buffer bytes) throws DecodeException {
    if (CODEC.fromBuffer(bytes, Object.class) instanceof JsonObject object) return object;
    throw new DecodeException("not a JSON object");
  }

  public static String write(JsonObject json) {
    return CODEC.toString(json, false);
  }

  public static Buffer toBuffer(JsonObject json) {
    return CODEC.toBuffer(json, false);
  }
}
