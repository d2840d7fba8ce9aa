package io.lakesynth.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import java.io.IOException;

/** profile.json (de)serialisation. File access goes through io; this is strings only. */
public final class ProfileJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ProfileJson() {}

  public static String write(TableProfile profile) {
    try {
      return MAPPER.writeValueAsString(profile);
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.INTERNAL, e, "cannot serialise profile: " + e.getMessage());
    }
  }

  /** Parses and checks the format version; {@code where} names the file in messages. */
  public static TableProfile read(String json, String where) {
    TableProfile p;
    try {
      p = MAPPER.readValue(json, TableProfile.class);
    } catch (IOException e) {
      throw new LakesynthException(ErrorCode.PROFILE_INVALID, e, where, "not valid profile JSON: " + e.getMessage());
    }
    if (p.formatVersion() != TableProfile.FORMAT_VERSION) {
      throw new LakesynthException(ErrorCode.PROFILE_INVALID, where,
          "format version " + p.formatVersion() + " (this lakesynth reads " + TableProfile.FORMAT_VERSION + ")");
    }
    if (p.columns() == null || p.columns().isEmpty()) {
      throw new LakesynthException(ErrorCode.PROFILE_INVALID, where, "it has no columns");
    }
    return p;
  }
}
