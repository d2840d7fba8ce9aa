package io.lakesynth.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class TypedValuesTest {
  @Test
  void integralTypesRoundAndClamp() {
    assertThat(TypedValues.fromNumeric(41.6, DataTypes.IntegerType, 17, 90)).isEqualTo(42);
    assertThat(TypedValues.fromNumeric(95.0, DataTypes.IntegerType, 17, 90)).isEqualTo(90);
    assertThat(TypedValues.fromNumeric(3.49, DataTypes.LongType, Double.NaN, Double.NaN)).isEqualTo(3L);
    assertThat(TypedValues.fromNumeric(-1.5, DataTypes.ShortType, -10, 10)).isEqualTo((short) -1);
  }

  @Test
  void decimalsKeepScaleAndDropOverflow() {
    assertThat(TypedValues.fromNumeric(12.345, DataTypes.createDecimalType(6, 2), 0, 1e6))
        .isEqualTo(new BigDecimal("12.35"));
    assertThat(TypedValues.fromNumeric(123456.0, DataTypes.createDecimalType(5, 2), Double.NaN, Double.NaN)).isNull();
  }

  @Test
  void datesAndTimestampsFromNumericSpace() {
    assertThat(TypedValues.fromNumeric(19723.4, DataTypes.DateType, 0, 1e6)).isEqualTo(LocalDate.of(2024, 1, 1));
    Instant t = (Instant) TypedValues.fromNumeric(1_704_067_200_123_456.0, DataTypes.TimestampType,
        Double.NaN, Double.NaN);
    assertThat(t.toString()).isEqualTo("2024-01-01T00:00:00.123456Z");
    Instant before1970 = (Instant) TypedValues.fromNumeric(-1.5, DataTypes.TimestampType, Double.NaN, Double.NaN);
    assertThat(before1970.toString()).isEqualTo("1969-12-31T23:59:59.999999Z");
  }

  @Test
  void categoryStringsParseToTheColumnType() {
    assertThat(TypedValues.parse("13", DataTypes.IntegerType)).isEqualTo(13);
    assertThat(TypedValues.parse("true", DataTypes.BooleanType)).isEqualTo(true);
    assertThat(TypedValues.parse("2012-01-31", DataTypes.DateType)).isEqualTo(Date.valueOf("2012-01-31"));
    assertThat(TypedValues.parse("1.50", DataTypes.createDecimalType(4, 1))).isEqualTo(new BigDecimal("1.5"));
    assertThatThrownBy(() -> TypedValues.parse("abc", DataTypes.IntegerType))
        .hasMessage("value 'abc' is not a valid INT");
  }
}
