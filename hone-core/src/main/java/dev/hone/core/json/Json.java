package dev.hone.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hone.core.error.HoneException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one JSON configuration Hone uses for records it writes: pretty-printed, stable field order,
 * non-finite numbers written as the strings {@code "NaN"}, {@code "Infinity"}, {@code
 * "-Infinity"} (strict JSON has no such literals) and read back.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .findAndAddModules()
          .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new HoneException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Writes atomically: to a temporary sibling first, then renamed over {@code path}. */
  public static void write(Path path, Object value) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      // a plain file (not createTempFile) so the result gets the usual umask permissions
      Path tmp =
          parent.resolve(
              "." + path.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime()
                  + ".tmp");
      Files.writeString(tmp, write(value));
      Files.move(
          tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new HoneException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  public static <T> T read(Path path, Class<T> type) {
    try {
      return MAPPER.readValue(path.toFile(), type);
    } catch (IOException e) {
      throw new HoneException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new HoneException("cannot parse JSON: " + e.getMessage(), e);
    }
  }
}
