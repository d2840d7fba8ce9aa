package io.lakesynth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** The sampler's slice overrides survive the trip to an executor (Java serialization, as Spark's broadcast does). */
class CompiledSamplerTest {
  @Test
  void noOverrideIsStillNoOverrideAfterSerialization() throws Exception {
    Object[] row = {CompiledSampler.noOverride(), 42L, CompiledSampler.noOverride()};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(row);
    }
    Object[] back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (Object[]) in.readObject();
    }
    assertThat(back[0]).isSameAs(CompiledSampler.noOverride());
    assertThat(back[2]).isSameAs(CompiledSampler.noOverride());
    assertThat(back[1]).isEqualTo(42L);
  }
}
