package io.ossgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class GeneratedContentTest {

  @Test
  void isAPureFunctionOfSeedAndOffset() {
    byte[] whole = GeneratedContent.bytes(3, 0, 300_000);
    byte[] middle = GeneratedContent.bytes(3, 65_000, 70_000);

    assertThat(middle).isEqualTo(Arrays.copyOfRange(whole, 65_000, 135_000));
    assertThat(GeneratedContent.bytes(4, 0, 1000)).isNotEqualTo(Arrays.copyOf(whole, 1000));
    // Blocks differ from each other, so a misplaced range changes the digest.
    assertThat(Arrays.copyOfRange(whole, 0, GeneratedContent.BLOCK))
        .isNotEqualTo(Arrays.copyOfRange(whole, GeneratedContent.BLOCK, 2 * GeneratedContent.BLOCK));
  }

  @Test
  void slicesAndDigestsAgreeWithCopies() {
    GeneratedContent g = GeneratedContent.of(11);
    long offset = 5L * GeneratedContent.BLOCK + 123;

    assertThat(g.slice(offset, g.maxChunk(offset)).getBytes()).isEqualTo(g.copy(offset, g.maxChunk(offset)));
    assertThat(GeneratedContent.sha256(11, 200_000)).isEqualTo(TestClient.sha256().digest(g.copy(0, 200_000)));
  }
}
