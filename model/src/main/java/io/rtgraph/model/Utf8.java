package io.rtgraph.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 checks; pure ASCII, the common case, is decided by one pass over the bytes. */
public final class Utf8 {
  private Utf8() {}

  /** Returns -1 when the bytes are valid UTF-8, otherwise the offset of the first bad byte. */
  public static int firstInvalidOffset(byte[] bytes) {
    int i = 0;
    while (i < bytes.length && bytes[i] >= 0) {
      i++;
    }
    if (i == bytes.length) {
      return -1;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer input = ByteBuffer.wrap(bytes);
    try {
      decoder.decode(input);
      return -1;
    } catch (CharacterCodingException e) {
      return input.position();
    }
  }

  public static boolean isValid(byte[] bytes) {
    return firstInvalidOffset(bytes) < 0;
  }
}
