package io.lakesynth.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakesynth.model.text.StringModel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** strings.json of a model directory: one string model per column name, in name order. */
final class StringModels {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StringModels() {}

  static String write(Map<String, StringModel> models) {
    ObjectNode root = MAPPER.createObjectNode();
    for (Map.Entry<String, StringModel> e : new TreeMap<>(models).entrySet()) {
      try {
        root.set(e.getKey(), MAPPER.readTree(e.getValue().toJson()));
      } catch (JsonProcessingException ex) {
        throw new IllegalStateException(ex);
      }
    }
    return root.toString();
  }

  static Map<String, StringModel> read(String json) {
    Map<String, StringModel> out = new LinkedHashMap<>();
    try {
      JsonNode root = MAPPER.readTree(json);
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), StringModel.fromJson(e.getValue().toString()));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("strings.json is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return out;
  }
}
