package io.lakesynth.model;

import io.lakesynth.error.ErrorCode;
import io.lakesynth.error.LakesynthException;
import io.lakesynth.profile.TableProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Checks that a table still has the columns and types a profile or model was built from. */
public final class SchemaCheck {
  private SchemaCheck() {}

  public static void requireMatches(StructType actual, TableProfile profile) {
    requireMatches(actual, (StructType) DataType.fromJson(profile.schemaJson()), profile.table(), "profile");
  }

  /** Throws SCHEMA_MISMATCH naming every added, dropped or retyped column. */
  public static void requireMatches(StructType actual, StructType expected, String table, String against) {
    List<String> problems = differences(actual, expected);
    if (!problems.isEmpty()) {
      throw new LakesynthException(ErrorCode.SCHEMA_MISMATCH, table, against, String.join("; ", problems));
    }
  }

  public static List<String> differences(StructType actual, StructType expected) {
    Map<String, DataType> a = new LinkedHashMap<>();
    for (StructField f : actual.fields()) {
      a.put(f.name(), f.dataType());
    }
    Map<String, DataType> e = new LinkedHashMap<>();
    for (StructField f : expected.fields()) {
      e.put(f.name(), f.dataType());
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, DataType> x : e.entrySet()) {
      DataType got = a.get(x.getKey());
      if (got == null) {
        problems.add("column '" + x.getKey() + "' was dropped");
      } else if (!got.sameType(x.getValue())) {
        problems.add("column '" + x.getKey() + "' changed type from " + x.getValue().sql() + " to " + got.sql());
      }
    }
    for (String name : a.keySet()) {
      if (!e.containsKey(name)) {
        problems.add("column '" + name + "' was added");
      }
    }
    return problems;
  }
}
