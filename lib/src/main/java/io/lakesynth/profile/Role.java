package io.lakesynth.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a column is modelled. Inferred by the profile, overridable with {@code profile.roles}. */
public enum Role {
  /** Few distinct values (booleans, strings, small-cardinality integers): top-K + OTHER + NULL states. */
  CATEGORICAL,
  /** Numbers, decimals, dates, timestamps: quantile transform and bins. */
  CONTINUOUS,
  /** Unique or near-unique keys: regenerated unique with the same format. */
  IDENTIFIER,
  /** Free text: generated with the same length profile, never copied. */
  TEXT,
  /** Personal data (names, emails, phones, addresses): generated with a fake-data library, never copied. */
  PII,
  /** A single value (or all null): repeated as is. */
  CONSTANT,
  /** Not modelled (unsupported type or by request): output null. */
  IGNORED;

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Role parse(String s) {
    return Role.valueOf(s.trim().toUpperCase(Locale.ROOT));
  }

  /** Roles that become nodes of the model. */
  public boolean modelled() {
    return this == CATEGORICAL || this == CONTINUOUS;
  }
}
